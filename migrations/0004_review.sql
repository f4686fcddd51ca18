-- Intake, part two: each item's sentiment (computed from its text when it is
-- written), the text of items merged into another as near-duplicates (kept
-- as evidence beside the source that reported it), and near-duplicate pairs
-- the user dismissed for good.
ALTER TABLE feedback ADD COLUMN sentiment TEXT NOT NULL DEFAULT 'neutral'
    CHECK (sentiment = 'negative' OR sentiment = 'neutral' OR sentiment = 'positive');

ALTER TABLE feedback_source ADD COLUMN title TEXT;
ALTER TABLE feedback_source ADD COLUMN description TEXT;

CREATE TABLE duplicate_dismissal (
    first_id  INTEGER NOT NULL REFERENCES feedback (id) ON DELETE CASCADE,
    second_id INTEGER NOT NULL REFERENCES feedback (id) ON DELETE CASCADE,
    PRIMARY KEY (first_id, second_id),
    CHECK (first_id < second_id)
) WITHOUT ROWID;
CREATE INDEX duplicate_dismissal_by_second ON duplicate_dismissal (second_id);
