-- Streams scheduled ahead (docs/decisions/0060-publishable-keys.md,
-- "Upcoming streams"): a live stream may be created with a start in the
-- future, RFC 3339 UTC. Until then it is upcoming: listed by
-- `GET /v1/streams/upcoming`, not by `GET /v1/streams`.
ALTER TABLE streams ADD COLUMN scheduled_for TEXT;

CREATE INDEX streams_by_schedule ON streams (scheduled_for) WHERE scheduled_for IS NOT NULL;
