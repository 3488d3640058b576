-- An order's Idempotency-Key is kept only with its answer, written in the
-- order's own transaction (decision 0067): no claim, no lease. A claim
-- left running by an earlier version never committed an order.
DELETE FROM idempotency_keys WHERE state = 'running';
ALTER TABLE idempotency_keys
    DROP COLUMN state,
    DROP COLUMN locked_until,
    ALTER COLUMN status SET NOT NULL,
    ALTER COLUMN body SET NOT NULL;
