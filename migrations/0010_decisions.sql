-- Decision roles and the decision log.
--   team_roles.role  decider, advisor, escalation
--   decisions.status planned, wont_do
--   decisions.role   the role the person held in the team when deciding
--                    (NULL: none), kept as it was when roles change later
-- A person holds one role per team; a team has at most one decider and one
-- escalation contact. A decision goes with its item when the item is
-- deleted (or merged into another). Times are Unix seconds (UTC).
CREATE TABLE team_roles (
    team_id     INTEGER NOT NULL REFERENCES teams (id),
    person      TEXT NOT NULL COLLATE NOCASE CHECK (person <> ''),
    role        TEXT NOT NULL CHECK (role IN ('decider', 'advisor', 'escalation')),
    position    INTEGER NOT NULL,
    assigned_at INTEGER NOT NULL,
    PRIMARY KEY (team_id, person)
) WITHOUT ROWID;
CREATE UNIQUE INDEX team_roles_one_decider ON team_roles (team_id, role)
    WHERE role IN ('decider', 'escalation');

CREATE TABLE decisions (
    id          INTEGER PRIMARY KEY,
    feedback_id INTEGER NOT NULL REFERENCES feedback (id) ON DELETE CASCADE,
    team_id     INTEGER NOT NULL REFERENCES teams (id),
    status      TEXT NOT NULL CHECK (status IN ('planned', 'wont_do')),
    decided_by  TEXT NOT NULL CHECK (decided_by <> ''),
    role        TEXT CHECK (role IN ('decider', 'advisor', 'escalation')),
    why         TEXT NOT NULL CHECK (why <> ''),
    decided_at  INTEGER NOT NULL
);
CREATE INDEX decisions_by_team ON decisions (team_id, decided_at);
CREATE INDEX decisions_by_item ON decisions (feedback_id, decided_at);
