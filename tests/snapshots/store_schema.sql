CREATE INDEX evidence_by_hash ON evidence (sha256);
CREATE INDEX evidence_by_plan ON evidence (plan_id, item_id);
CREATE INDEX report_history_by_plan ON report_history (plan_id, created_at);
CREATE TABLE checklist_states (
    plan_id           INTEGER NOT NULL REFERENCES plans (id) ON DELETE CASCADE,
    item_id           TEXT NOT NULL,
    status            TEXT NOT NULL,
    owner             TEXT,
    due_date          TEXT,               -- YYYY-MM-DD
    notes             TEXT NOT NULL DEFAULT '',
    not_applicable_reason TEXT,
    updated_at        TEXT NOT NULL, evidence TEXT NOT NULL DEFAULT '[]',
    PRIMARY KEY (plan_id, item_id)
) STRICT;
CREATE TABLE evidence (
    id            INTEGER PRIMARY KEY,
    plan_id       INTEGER NOT NULL REFERENCES plans (id) ON DELETE CASCADE,
    item_id       TEXT,                   -- the checklist item it supports, if any
    sha256        TEXT NOT NULL CHECK (length(sha256) = 64),
    original_name TEXT NOT NULL,
    size_bytes    INTEGER NOT NULL,
    added_at      TEXT NOT NULL
) STRICT;
CREATE TABLE fx_fetches (
    id           INTEGER PRIMARY KEY,
    source       TEXT NOT NULL,
    url          TEXT NOT NULL,
    attempted_at TEXT NOT NULL,           -- RFC 3339, UTC
    outcome      TEXT NOT NULL,           -- 'ok' or an error code
    message      TEXT NOT NULL
) STRICT;
CREATE TABLE fx_rates (
    source      TEXT NOT NULL,            -- 'ecb' | 'jp-customs'
    date        TEXT NOT NULL,            -- YYYY-MM-DD
    base        TEXT NOT NULL,
    quote       TEXT NOT NULL,
    rate        TEXT NOT NULL,            -- decimal text, never REAL
    recorded_at TEXT NOT NULL,            -- RFC 3339, UTC
    PRIMARY KEY (source, date, base, quote)
) STRICT, WITHOUT ROWID;
CREATE TABLE plan_headers (
    plan_id          INTEGER PRIMARY KEY REFERENCES plans (id) ON DELETE CASCADE,
    as_of            TEXT NOT NULL,       -- YYYY-MM-DD
    home_currency    TEXT NOT NULL,
    seller_country   TEXT NOT NULL,
    seller_entity    TEXT NOT NULL,
    capital_amount   TEXT,                -- decimal text
    capital_currency TEXT,
    content          TEXT NOT NULL        -- the whole plan but its products, as JSON (decimals as strings)
) STRICT;
CREATE TABLE plan_products (
    plan_id            INTEGER NOT NULL REFERENCES plans (id) ON DELETE CASCADE,
    sku                TEXT NOT NULL,
    position           INTEGER NOT NULL,
    name               TEXT NOT NULL,
    hs_code            TEXT,
    category           TEXT,
    unit_cost_amount   TEXT,              -- decimal text
    unit_cost_currency TEXT,
    content            TEXT NOT NULL,     -- the whole product as JSON (decimals as strings)
    PRIMARY KEY (plan_id, sku)
) STRICT;
CREATE TABLE plan_targets (
    plan_id                INTEGER NOT NULL REFERENCES plans (id) ON DELETE CASCADE,
    position               INTEGER NOT NULL,
    marketplace            TEXT NOT NULL,
    fulfilment             TEXT NOT NULL,
    channel                TEXT NOT NULL,
    monthly_sales_amount   TEXT,          -- decimal text
    monthly_sales_currency TEXT,
    monthly_units          INTEGER,
    PRIMARY KEY (plan_id, position)
) STRICT;
CREATE TABLE "plans" (
    id              INTEGER PRIMARY KEY,
    name            TEXT    NOT NULL UNIQUE CHECK (length(trim(name)) > 0),
    unreadable_toml TEXT,             -- NULL once the plan lives in the tables
    created_at      TEXT    NOT NULL, -- RFC 3339, UTC
    updated_at      TEXT    NOT NULL  -- RFC 3339, UTC
) STRICT;
CREATE TABLE report_history (
    id         INTEGER PRIMARY KEY,
    plan_id    INTEGER NOT NULL REFERENCES plans (id) ON DELETE CASCADE,
    format     TEXT NOT NULL,             -- pdf | xlsx | csv | json
    path       TEXT NOT NULL,
    sha256     TEXT NOT NULL,
    as_of      TEXT NOT NULL,             -- the plan's as-of date when written
    created_at TEXT NOT NULL
) STRICT;
