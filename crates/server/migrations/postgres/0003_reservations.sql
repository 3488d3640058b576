-- Reservations bounded per shopper (decision 0045), as SQLite's migration
-- 0011: every checkout counts, inside its transaction, what its shopper
-- already holds in orders awaiting payment. This index finds those orders
-- without reading the shopper's whole order history.
CREATE INDEX orders_awaiting_payment_by_user ON orders (user_id)
    WHERE status = 'awaiting_payment';
