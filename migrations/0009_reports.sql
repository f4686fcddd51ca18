-- Report identities, import batches and their undo journal, and NPS answers
-- that carry no comment (responses, not backlog items).

-- The identity of the report an item was imported from (see
-- domain::feedback::report), its content digest when last imported, the
-- id the file gave it, and the import batch that added it. `revision`
-- counts the changes made to the item other than by imports, so undoing an
-- import can tell whether anyone changed the item since.
ALTER TABLE feedback ADD COLUMN report_key INTEGER;
ALTER TABLE feedback ADD COLUMN report_digest INTEGER;
ALTER TABLE feedback ADD COLUMN external_id TEXT;
ALTER TABLE feedback ADD COLUMN import_batch INTEGER;
ALTER TABLE feedback ADD COLUMN revision INTEGER NOT NULL DEFAULT 0;

-- The same for each report merged into an item.
ALTER TABLE feedback_source ADD COLUMN report_key INTEGER;
ALTER TABLE feedback_source ADD COLUMN report_digest INTEGER;
ALTER TABLE feedback_source ADD COLUMN external_id TEXT;
ALTER TABLE feedback_source ADD COLUMN import_batch INTEGER;

-- One row per import: the file, when, and what it did.
CREATE TABLE import_batches (
    id             INTEGER PRIMARY KEY,
    file           TEXT NOT NULL,
    imported_at    INTEGER NOT NULL,
    rows           INTEGER NOT NULL CHECK (rows >= 0),
    added          INTEGER NOT NULL CHECK (added >= 0),
    updated        INTEGER NOT NULL CHECK (updated >= 0),
    unchanged      INTEGER NOT NULL CHECK (unchanged >= 0),
    merged         INTEGER NOT NULL CHECK (merged >= 0),
    nps_responses  INTEGER NOT NULL CHECK (nps_responses >= 0),
    -- The ids of the items it added run from first to last (an import holds
    -- the write lock, so they are consecutive); NULL when it added none.
    first_added_id INTEGER,
    last_added_id  INTEGER
);

-- What a batch changed in rows that existed before it: each row as it was
-- (JSON of its columns; NULL when the batch created it), in the order the
-- batch first touched them. Undo writes them back.
CREATE TABLE import_journal (
    batch_id   INTEGER NOT NULL REFERENCES import_batches (id) ON DELETE CASCADE,
    seq        INTEGER NOT NULL,
    table_name TEXT NOT NULL CHECK (table_name = 'feedback' OR table_name = 'feedback_score'
                 OR table_name = 'feedback_source' OR table_name = 'nps_responses'),
    row_id     INTEGER NOT NULL,
    before     TEXT,
    PRIMARY KEY (batch_id, seq)
) WITHOUT ROWID;
CREATE INDEX import_journal_by_row ON import_journal (table_name, row_id);

-- NPS answers without a comment: they count in every NPS figure but are
-- not things to decide, so they are not feedback items.
CREATE TABLE nps_responses (
    id            INTEGER PRIMARY KEY,
    score         INTEGER NOT NULL CHECK (score BETWEEN 0 AND 10),
    created_at    INTEGER NOT NULL,
    customer      TEXT,
    source        INTEGER NOT NULL CHECK (source BETWEEN 0 AND 6),
    report_key    INTEGER,
    report_digest INTEGER,
    external_id   TEXT,
    import_batch  INTEGER
);
