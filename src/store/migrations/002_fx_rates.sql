-- Exchange rates: 1 `base` = `rate` `quote`, as published for `date`.
-- ECB: base EUR, one row per currency and business day. Japan Customs: base the foreign currency,
-- quote JPY, `date` the Sunday that starts the week the rate applies to.
CREATE TABLE fx_rates (
    source      TEXT NOT NULL,            -- 'ecb' | 'jp-customs'
    date        TEXT NOT NULL,            -- YYYY-MM-DD
    base        TEXT NOT NULL,
    quote       TEXT NOT NULL,
    rate        TEXT NOT NULL,            -- decimal text, never REAL
    recorded_at TEXT NOT NULL,            -- RFC 3339, UTC
    PRIMARY KEY (source, date, base, quote)
) STRICT, WITHOUT ROWID;

-- Each attempt to refresh a feed, kept so the app can say when rates were last fetched and why a fetch failed.
CREATE TABLE fx_fetches (
    id           INTEGER PRIMARY KEY,
    source       TEXT NOT NULL,
    url          TEXT NOT NULL,
    attempted_at TEXT NOT NULL,           -- RFC 3339, UTC
    outcome      TEXT NOT NULL,           -- 'ok' or an error code
    message      TEXT NOT NULL
) STRICT;
