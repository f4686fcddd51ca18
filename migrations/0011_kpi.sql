-- Shared KPIs: a team's SMART KPIs and their check-ins. A retired KPI keeps
-- its row and its check-ins (retired_at and retire_note are set together).
-- A name is unique within a team, retired KPIs included.
--   kpis.direction            up, down
--   kpi_check_ins.confidence  on-track, at-risk, off-track (or none)
-- Dates are YYYY-MM-DD text; times are Unix seconds (UTC), as elsewhere.
CREATE TABLE kpis (
    id             INTEGER PRIMARY KEY,
    team_id        INTEGER NOT NULL REFERENCES teams (id),
    name           TEXT NOT NULL CHECK (name <> ''),
    description    TEXT NOT NULL CHECK (description <> ''),
    metric         TEXT NOT NULL CHECK (metric <> ''),
    unit           TEXT NOT NULL CHECK (unit <> ''),
    baseline       REAL NOT NULL,
    target         REAL NOT NULL CHECK (target <> baseline),
    direction      TEXT NOT NULL CHECK (direction IN ('up', 'down')),
    deadline       TEXT NOT NULL,
    business_owner TEXT NOT NULL CHECK (business_owner <> ''),
    it_owner       TEXT NOT NULL CHECK (it_owner <> ''),
    created_at     INTEGER NOT NULL,
    retired_at     INTEGER,
    retire_note    TEXT,
    CHECK ((retired_at IS NULL) = (retire_note IS NULL))
);
CREATE UNIQUE INDEX kpis_by_team_and_name ON kpis (team_id, name COLLATE NOCASE);

CREATE TABLE kpi_check_ins (
    id          INTEGER PRIMARY KEY,
    kpi_id      INTEGER NOT NULL REFERENCES kpis (id) ON DELETE CASCADE,
    date        TEXT NOT NULL,
    value       REAL NOT NULL,
    confidence  TEXT CHECK (confidence IN ('on-track', 'at-risk', 'off-track')),
    note        TEXT,
    recorded_at INTEGER NOT NULL
);
CREATE INDEX kpi_check_ins_by_kpi ON kpi_check_ins (kpi_id, date, id);
