-- Publishable keys: what a host's pages and apps read the catalogue with
-- before a viewer signs in (docs/decisions/0060-publishable-keys.md).
-- Only the key's SHA-256 is kept; `ending` is its last four characters.
-- A revoked key stays, so it is refused as revoked rather than unknown.
CREATE TABLE publishable_keys (
    id         TEXT COLLATE "C" PRIMARY KEY CHECK (id ~ '^[a-z0-9-]+$'),
    host_id    TEXT COLLATE "C" NOT NULL REFERENCES hosts (id),
    key_hash   TEXT COLLATE "C" NOT NULL UNIQUE CHECK (length(key_hash) = 64),
    ending     TEXT COLLATE "C" NOT NULL CHECK (length(ending) = 4),
    created_at TEXT COLLATE "C" NOT NULL,
    revoked_at TEXT COLLATE "C" CHECK (revoked_at >= created_at)
);

CREATE INDEX publishable_keys_by_host ON publishable_keys (host_id, created_at);
