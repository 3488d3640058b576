-- Names people can trust (docs/decisions/0043-names-people-can-trust.md):
-- each creator's name keyed by its UTS #39 confusables skeleton, lower-cased
-- (`text::name_key` in the server), and no two creators with one key, so no
-- creator's name looks like another's. The server writes the key with every
-- creator; creators written before this migration get theirs at the next
-- start (`seed::seed_if_empty`), which is why the column may be NULL.
ALTER TABLE creators ADD COLUMN skeleton TEXT CHECK (skeleton <> '');

CREATE UNIQUE INDEX creators_by_skeleton ON creators (skeleton);
