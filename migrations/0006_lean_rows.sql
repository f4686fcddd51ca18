-- Leaner item rows, so that a million-row import writes (and the WAL
-- copies) less: enumerations are small integers, times are Unix seconds
-- (UTC), and an item's tags live in its row, in order, joined by the unit
-- separator (char(31)), instead of in a table of their own (one write per
-- item instead of one per tag). The codes are part of the file format:
--   source    0 survey, 1 nps, 2 support, 3 analytics, 4 retro, 5 interview, 6 other
--   status    0 new, 1 triaged, 2 planned, 3 in_progress, 4 done, 5 wont_do
--   sentiment -1 negative, 0 neutral, 1 positive
-- The table has no secondary index any more. Every view reads all items and
-- sorts or filters them in memory, so no query used the status and
-- created_at indexes; and an import finds exact duplicates with a filter and
-- one pass over dedup_hash (see src/store/import.rs), which costs less than
-- keeping an index on it up to date. The table is rebuilt the way SQLite
-- documents (foreign keys are off while migrating).
CREATE TABLE feedback_lean (
    id          INTEGER PRIMARY KEY,
    title       TEXT NOT NULL CHECK (title <> ''),
    description TEXT NOT NULL DEFAULT '',
    source      INTEGER NOT NULL CHECK (source BETWEEN 0 AND 6),
    customer    TEXT,
    created_at  INTEGER NOT NULL,
    updated_at  INTEGER NOT NULL,
    status      INTEGER NOT NULL DEFAULT 0 CHECK (status BETWEEN 0 AND 5),
    nps         INTEGER CHECK (nps BETWEEN 0 AND 10),
    mentions    INTEGER NOT NULL DEFAULT 1 CHECK (mentions >= 1),
    sentiment   INTEGER NOT NULL DEFAULT 0 CHECK (sentiment BETWEEN -1 AND 1),
    tags        TEXT NOT NULL DEFAULT '',
    dedup_hash  INTEGER
);

-- Scoring factors, for the items that have any: most items (every imported
-- one) have none, and an item row no longer carries eleven empty columns
-- and their checks.
CREATE TABLE feedback_score (
    feedback_id           INTEGER PRIMARY KEY REFERENCES feedback (id) ON DELETE CASCADE,
    rice_reach            REAL CHECK (rice_reach >= 0),
    rice_impact           REAL CHECK (rice_impact = 0.25 OR rice_impact = 0.5
                            OR rice_impact = 1 OR rice_impact = 2 OR rice_impact = 3),
    rice_confidence       REAL CHECK (rice_confidence BETWEEN 0 AND 100),
    rice_effort           REAL CHECK (rice_effort > 0),
    ice_impact            INTEGER CHECK (ice_impact BETWEEN 1 AND 10),
    ice_confidence        INTEGER CHECK (ice_confidence BETWEEN 1 AND 10),
    ice_ease              INTEGER CHECK (ice_ease BETWEEN 1 AND 10),
    wsjf_business_value   REAL CHECK (wsjf_business_value >= 0),
    wsjf_time_criticality REAL CHECK (wsjf_time_criticality >= 0),
    wsjf_risk_reduction   REAL CHECK (wsjf_risk_reduction >= 0),
    wsjf_job_size         REAL CHECK (wsjf_job_size > 0)
);

INSERT INTO feedback_lean
SELECT id, title, description,
    CASE source WHEN 'survey' THEN 0 WHEN 'nps' THEN 1 WHEN 'support' THEN 2
        WHEN 'analytics' THEN 3 WHEN 'retro' THEN 4 WHEN 'interview' THEN 5 ELSE 6 END,
    customer, unixepoch(created_at), unixepoch(updated_at),
    CASE status WHEN 'new' THEN 0 WHEN 'triaged' THEN 1 WHEN 'planned' THEN 2
        WHEN 'in_progress' THEN 3 WHEN 'done' THEN 4 ELSE 5 END,
    nps, mentions,
    CASE sentiment WHEN 'negative' THEN -1 WHEN 'positive' THEN 1 ELSE 0 END,
    coalesce((SELECT group_concat(tag, char(31) ORDER BY position)
        FROM feedback_tag t WHERE t.feedback_id = feedback.id), ''),
    dedup_hash
FROM feedback;

INSERT INTO feedback_score
SELECT id, rice_reach, rice_impact, rice_confidence, rice_effort, ice_impact, ice_confidence,
    ice_ease, wsjf_business_value, wsjf_time_criticality, wsjf_risk_reduction, wsjf_job_size
FROM feedback
WHERE coalesce(rice_reach, rice_impact, rice_confidence, rice_effort, ice_impact,
    ice_confidence, ice_ease, wsjf_business_value, wsjf_time_criticality,
    wsjf_risk_reduction, wsjf_job_size) IS NOT NULL;

DROP TABLE feedback_tag;
DROP TABLE feedback;
ALTER TABLE feedback_lean RENAME TO feedback;
