-- The duplicate key's text is no longer stored: it was a second copy of every
-- item's title and description. The 64-bit dedup_hash finds candidates and the
-- key is recomputed from the title and description to confirm a match.
ALTER TABLE feedback DROP COLUMN dedup_key;
