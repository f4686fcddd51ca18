-- Feedback items, their tags, and the scoring factors of each model.
CREATE TABLE feedback (
    id                    INTEGER PRIMARY KEY,
    title                 TEXT NOT NULL CHECK (length(trim(title)) > 0),
    description           TEXT NOT NULL DEFAULT '',
    -- The enumerations are checked with OR chains, not IN lists: SQLite
    -- builds a temporary index for every IN-list check, which made each
    -- insert several times slower.
    source                TEXT NOT NULL CHECK (source = 'survey' OR source = 'nps'
                            OR source = 'support' OR source = 'analytics' OR source = 'retro'
                            OR source = 'interview' OR source = 'other'),
    customer              TEXT,
    created_at            TEXT NOT NULL,   -- RFC 3339, UTC, e.g. 2026-11-27T09:30:00Z
    updated_at            TEXT NOT NULL,
    status                TEXT NOT NULL DEFAULT 'new' CHECK (status = 'new'
                            OR status = 'triaged' OR status = 'planned' OR status = 'in_progress'
                            OR status = 'done' OR status = 'wont_do'),
    nps                   INTEGER CHECK (nps BETWEEN 0 AND 10),
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

CREATE INDEX feedback_created_at ON feedback (created_at);
CREATE INDEX feedback_status ON feedback (status);

CREATE TABLE feedback_tag (
    feedback_id INTEGER NOT NULL REFERENCES feedback (id) ON DELETE CASCADE,
    position    INTEGER NOT NULL,
    tag         TEXT NOT NULL CHECK (length(tag) > 0),
    PRIMARY KEY (feedback_id, tag)
) WITHOUT ROWID;

CREATE INDEX feedback_tag_by_tag ON feedback_tag (tag);
