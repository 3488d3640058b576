-- Publishable keys: what a host's pages and apps read the catalogue with
-- before a viewer signs in (docs/decisions/0060-publishable-keys.md).
--
-- A key is minted, listed and revoked by the host's back-end with its
-- secret API key. Only its SHA-256 is kept, as for tokens; `ending` is its
-- last four characters, so a host can tell its keys apart in a list. A
-- revoked key stays, so it is refused as revoked rather than unknown.
CREATE TABLE publishable_keys (
    id         TEXT PRIMARY KEY CHECK (id <> '' AND id NOT GLOB '*[^a-z0-9-]*'),
    host_id    TEXT NOT NULL REFERENCES hosts (id),
    key_hash   TEXT NOT NULL UNIQUE CHECK (length(key_hash) = 64),
    ending     TEXT NOT NULL CHECK (length(ending) = 4),
    created_at TEXT NOT NULL,
    revoked_at TEXT CHECK (revoked_at >= created_at)
) STRICT;

CREATE INDEX publishable_keys_by_host ON publishable_keys (host_id, created_at);
