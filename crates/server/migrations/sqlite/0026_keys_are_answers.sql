-- An order's Idempotency-Key is kept only with its answer, written in the
-- order's own transaction (decision 0067): no claim, no lease. A claim
-- left running by an earlier version never committed an order.
CREATE TABLE idempotency_answers (
    user_id     INTEGER NOT NULL REFERENCES users (id),
    key         TEXT NOT NULL,
    fingerprint TEXT NOT NULL,
    status      INTEGER NOT NULL,
    body        BLOB NOT NULL,
    created_at  TEXT NOT NULL,
    PRIMARY KEY (user_id, key)
) STRICT;

INSERT INTO idempotency_answers (user_id, key, fingerprint, status, body, created_at)
SELECT user_id, key, fingerprint, status, body, created_at
  FROM idempotency_keys WHERE state = 'done';

DROP TABLE idempotency_keys;
ALTER TABLE idempotency_answers RENAME TO idempotency_keys;
CREATE INDEX idempotency_keys_by_age ON idempotency_keys (created_at);
