-- Kano survey answers: one row per feature, survey and respondent, so that
-- importing the same survey again replaces answers instead of doubling them.
CREATE TABLE kano_response (
    feedback_id   INTEGER NOT NULL REFERENCES feedback (id) ON DELETE CASCADE,
    survey        TEXT NOT NULL,
    respondent    TEXT NOT NULL,
    functional    INTEGER NOT NULL CHECK (functional BETWEEN 1 AND 5),
    dysfunctional INTEGER NOT NULL CHECK (dysfunctional BETWEEN 1 AND 5),
    importance    INTEGER CHECK (importance BETWEEN 1 AND 9),
    PRIMARY KEY (feedback_id, survey, respondent)
) WITHOUT ROWID;
