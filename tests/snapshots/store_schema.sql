CREATE TABLE plans (
    id         INTEGER PRIMARY KEY,
    name       TEXT    NOT NULL UNIQUE CHECK (length(trim(name)) > 0),
    toml       TEXT    NOT NULL,
    created_at TEXT    NOT NULL, -- RFC 3339, UTC
    updated_at TEXT    NOT NULL  -- RFC 3339, UTC
) STRICT;
