-- Feedback intake: how often the same feedback was reported, a key that
-- finds exact duplicates (normalised title and description), and the extra
-- sources an item gained by merging duplicates into it.
ALTER TABLE feedback ADD COLUMN mentions INTEGER NOT NULL DEFAULT 1 CHECK (mentions >= 1);
ALTER TABLE feedback ADD COLUMN dedup_key TEXT;
-- A 64-bit hash of dedup_key is what is indexed: a small integer index stays
-- in the page cache during a million-row import, where long text keys did not.
ALTER TABLE feedback ADD COLUMN dedup_hash INTEGER;
CREATE INDEX feedback_dedup_hash ON feedback (dedup_hash);

CREATE TABLE feedback_source (
    feedback_id INTEGER NOT NULL REFERENCES feedback (id) ON DELETE CASCADE,
    source      TEXT NOT NULL CHECK (source = 'survey' OR source = 'nps'
                  OR source = 'support' OR source = 'analytics' OR source = 'retro'
                  OR source = 'interview' OR source = 'other'),
    customer    TEXT,
    created_at  TEXT NOT NULL,
    nps         INTEGER CHECK (nps BETWEEN 0 AND 10)
);
CREATE INDEX feedback_source_by_item ON feedback_source (feedback_id);
