-- Region search ranked from the words table alone (decision 0059): each
-- word beside its region's level and search key and the keys of the regions
-- above it, so a search reads one index range of `region_words` per word,
-- with no join, ranks it and reads `regions` for the 20 kept; the regions
-- one level below one (a province's regencies and cities) by one range of
-- `regions_by_level`. Clearing `region_lists` makes the next start load the
-- list again, writing these words (and the provinces' canonical names).
DROP TABLE region_words;
CREATE TABLE region_words (
    word  TEXT NOT NULL,
    code  TEXT NOT NULL,
    -- The region's level and search key, as in `regions`.
    level INTEGER NOT NULL CHECK (level BETWEEN 1 AND 4),
    key   TEXT NOT NULL,
    -- The keys of its district, city and province, for several words.
    above TEXT NOT NULL,
    PRIMARY KEY (word, code)
) STRICT, WITHOUT ROWID;
CREATE INDEX regions_by_level ON regions (level, code);
DELETE FROM region_lists;

-- One name per province: the canonical ones of `PROVINCES`, which typed
-- addresses and the shops always used, for the two the list writes in full.
UPDATE addresses SET province = 'DKI Jakarta' WHERE province = 'Daerah Khusus Ibukota Jakarta';
UPDATE addresses SET province = 'DI Yogyakarta' WHERE province = 'Daerah Istimewa Yogyakarta';
