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
CREATE TABLE plans (
    id         INTEGER PRIMARY KEY,
    name       TEXT    NOT NULL UNIQUE CHECK (length(trim(name)) > 0),
    toml       TEXT    NOT NULL,
    created_at TEXT    NOT NULL, -- RFC 3339, UTC
    updated_at TEXT    NOT NULL  -- RFC 3339, UTC
) STRICT;
