-- Creators as users: a creator token's user runs the creator whose user_id
-- it is, and only that creator's streams. A creator with no user (the seed
-- catalogue's, outside demo mode) is run by nobody.
ALTER TABLE creators ADD COLUMN user_id INTEGER REFERENCES users (id);

CREATE UNIQUE INDEX creators_by_user ON creators (user_id);
