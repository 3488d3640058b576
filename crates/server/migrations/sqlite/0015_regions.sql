-- Indonesia's official regions (decision 0059): provinces, regencies and
-- cities, districts and villages, with each village's postal code. Loaded
-- at start-up from the list compiled into the server (`store::regions`);
-- `region_lists` keeps the fingerprint of each list loaded, so a list is
-- loaded once however many instances start. A region's parent is its code
-- without the last part, so the regions below one are a range of codes.
CREATE TABLE regions (
    -- xx, xx.xx, xx.xx.xx or xx.xx.xx.xxxx.
    code        TEXT PRIMARY KEY CHECK (code GLOB '[0-9][0-9]*' AND code NOT GLOB '*[^0-9.]*'),
    -- 1 province, 2 regency or city, 3 district, 4 village.
    level       INTEGER NOT NULL CHECK (level BETWEEN 1 AND 4),
    name        TEXT NOT NULL CHECK (name <> ''),
    -- The name's search words: lower case, no punctuation, no Kota/Kabupaten.
    key         TEXT NOT NULL,
    postal_code TEXT CHECK (length(postal_code) = 5 AND postal_code NOT GLOB '*[^0-9]*')
) STRICT, WITHOUT ROWID;

-- Each word of each region's own name: a search finds its regions by the
-- prefix of a word, one index range per word searched.
CREATE TABLE region_words (
    word TEXT NOT NULL,
    code TEXT NOT NULL,
    PRIMARY KEY (word, code)
) STRICT, WITHOUT ROWID;

CREATE TABLE region_lists (
    fingerprint TEXT PRIMARY KEY,
    loaded_at   TEXT NOT NULL
) STRICT;

-- The village an address is keyed on; NULL for one typed before regions.
ALTER TABLE addresses ADD COLUMN region_code TEXT REFERENCES regions (code);
-- Where a shop ships from: its city's code (or a finer one); NULL when unknown.
ALTER TABLE shops ADD COLUMN region_code TEXT REFERENCES regions (code);
