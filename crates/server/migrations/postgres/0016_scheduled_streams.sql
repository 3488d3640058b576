-- Streams scheduled ahead: a live stream's start in the future, RFC 3339
-- UTC; upcoming until then (docs/decisions/0060-publishable-keys.md).
ALTER TABLE streams ADD COLUMN scheduled_for TEXT COLLATE "C";

CREATE INDEX streams_by_schedule ON streams (scheduled_for) WHERE scheduled_for IS NOT NULL;
