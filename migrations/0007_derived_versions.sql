-- Columns derived from an item's text by an algorithm of the program (the
-- duplicate key's dedup_hash, the sentiment) are not computed by migrations:
-- a migration is frozen SQL, and an algorithm changes. This table records,
-- per family of derived columns, the version of the algorithm that computed
-- the stored values; on opening, src/store/derived.rs recomputes a family
-- whose version is not the program's and records the new one.
--   dedup_key  feedback.dedup_hash (the hash of the duplicate key)
--   sentiment  feedback.sentiment
-- Version 0 means "never computed"; the stored values are placeholders.
CREATE TABLE derived_version (
    family  TEXT PRIMARY KEY CHECK (family = 'dedup_key' OR family = 'sentiment'),
    version INTEGER NOT NULL CHECK (version >= 0)
) WITHOUT ROWID;

-- Migrations 3 and 4 added dedup_hash and sentiment without computing them
-- for the items already stored (NULL, and 'neutral'). So the items of a
-- database that came from before migration 3 (or 4) have never had that
-- family computed: version 0. Every other stored value was computed by
-- version 1 of its algorithm, the first one, when the item was written (or,
-- before this migration existed, by migration 3 or 4 themselves).
-- The schema version read here is the one the database had before this
-- open's migrations: all of them run in one transaction, and
-- rusqlite_migration sets user_version once, at its end (the tests of
-- src/store/derived.rs open databases at versions 2, 3 and 5 to hold this).
INSERT INTO derived_version (family, version)
SELECT 'dedup_key', CASE WHEN user_version < 3 AND EXISTS (SELECT 1 FROM feedback)
    THEN 0 ELSE 1 END
FROM pragma_user_version
UNION ALL
SELECT 'sentiment', CASE WHEN user_version < 4 AND EXISTS (SELECT 1 FROM feedback)
    THEN 0 ELSE 1 END
FROM pragma_user_version;
