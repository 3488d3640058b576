-- Identity: hosts (the apps that embed the widget) and the short-lived
-- tokens their back-ends mint for their users.
--
-- Secrets are never stored: an API key or a token is kept as the hex SHA-256
-- of its text. Both are long random strings, so a fast hash is enough (there
-- is nothing to brute-force); see docs/decisions/0010-opaque-tokens.md.
-- Times are RFC 3339 UTC with milliseconds ('2026-06-14T12:00:00.000Z'), so
-- text order is time order.

CREATE TABLE hosts (
    id           TEXT PRIMARY KEY CHECK (id <> '' AND id NOT GLOB '*[^a-z0-9-]*'),
    api_key_hash TEXT NOT NULL UNIQUE CHECK (length(api_key_hash) = 64),
    -- JSON array of origins ('https://app.example') whose pages may call the API.
    origins      TEXT NOT NULL CHECK (json_valid(origins) AND json_type(origins) = 'array')
) STRICT;

-- A host's user, as the host names it. Carts, addresses and orders belong to
-- a user; two hosts' users never meet, even with the same external id.
CREATE TABLE users (
    id          INTEGER PRIMARY KEY,
    host_id     TEXT NOT NULL REFERENCES hosts (id),
    external_id TEXT NOT NULL CHECK (length(external_id) BETWEEN 1 AND 128),
    UNIQUE (host_id, external_id)
) STRICT;

CREATE TABLE sessions (
    token_hash TEXT PRIMARY KEY CHECK (length(token_hash) = 64),
    user_id    INTEGER NOT NULL REFERENCES users (id),
    role       TEXT NOT NULL CHECK (role IN ('shopper', 'creator')),
    created_at TEXT NOT NULL,
    expires_at TEXT NOT NULL CHECK (expires_at > created_at)
) STRICT;

CREATE INDEX sessions_by_expiry ON sessions (expires_at);
