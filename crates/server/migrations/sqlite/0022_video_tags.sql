-- Products tagged on videos and replays by the second
-- (docs/decisions/0060-publishable-keys.md, "Tags").
--
-- A recorded video may say how long it is; its creator tags products of
-- its showcase from one second to another. A live stream's pins are kept
-- as a history, from which its replay's tags are read.
ALTER TABLE streams ADD COLUMN duration_seconds INTEGER CHECK (duration_seconds > 0);

CREATE TABLE video_tags (
    id           TEXT PRIMARY KEY CHECK (id <> '' AND id NOT GLOB '*[^a-z0-9-]*'),
    stream_id    TEXT NOT NULL REFERENCES streams (id) ON DELETE CASCADE,
    product_id   TEXT NOT NULL REFERENCES products (id),
    start_second INTEGER NOT NULL CHECK (start_second >= 0),
    end_second   INTEGER NOT NULL CHECK (end_second > start_second),
    created_at   TEXT NOT NULL
) STRICT;

CREATE INDEX video_tags_by_stream ON video_tags (stream_id, start_second);
CREATE INDEX video_tags_by_product ON video_tags (product_id);

-- Each pin of a stream, from when it was pinned until it was taken off
-- (NULL while it holds). Times are RFC 3339 UTC, as `started_at`.
CREATE TABLE stream_pins (
    id          INTEGER PRIMARY KEY,
    stream_id   TEXT NOT NULL REFERENCES streams (id) ON DELETE CASCADE,
    product_id  TEXT NOT NULL REFERENCES products (id),
    pinned_at   TEXT NOT NULL,
    unpinned_at TEXT CHECK (unpinned_at >= pinned_at)
) STRICT;

CREATE INDEX stream_pins_by_stream ON stream_pins (stream_id, pinned_at);
CREATE INDEX stream_pins_by_product ON stream_pins (product_id);
CREATE UNIQUE INDEX stream_pins_holding ON stream_pins (stream_id) WHERE unpinned_at IS NULL;

-- A pin made before the history was kept counts from the stream's start.
INSERT INTO stream_pins (stream_id, product_id, pinned_at)
SELECT id, pinned_product_id, started_at FROM streams WHERE pinned_product_id IS NOT NULL;
