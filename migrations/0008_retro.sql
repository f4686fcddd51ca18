-- Retrospectives: teams, their retros (with the template as it was when
-- the retro was created, as JSON), the roster, cards, groups, votes, the
-- discussion timers, ROTI answers, action items, and the review of earlier
-- retros' open actions. Every change is written as it happens, so a crash
-- in the middle of a retro loses nothing confirmed.
--   retros.phase           review, collect, group, vote, discuss, actions, close
--   action_items.status    open, done, dropped
--   retro_timers.topic_kind  group, card
-- Dates are YYYY-MM-DD text; times are Unix seconds (UTC), as for items.
CREATE TABLE teams (
    id         INTEGER PRIMARY KEY,
    name       TEXT NOT NULL UNIQUE COLLATE NOCASE CHECK (name <> ''),
    created_at INTEGER NOT NULL
);

CREATE TABLE retros (
    id                 INTEGER PRIMARY KEY,
    team_id            INTEGER NOT NULL REFERENCES teams (id),
    title              TEXT NOT NULL CHECK (title <> ''),
    date               TEXT NOT NULL,
    template_name      TEXT NOT NULL,
    template_json      TEXT NOT NULL,
    facilitator        TEXT,
    phase              TEXT NOT NULL,
    votes_per_person   INTEGER NOT NULL CHECK (votes_per_person BETWEEN 0 AND 100),
    max_votes_per_card INTEGER NOT NULL CHECK (max_votes_per_card BETWEEN 1 AND 100),
    anonymous          INTEGER NOT NULL CHECK (anonymous IN (0, 1)),
    hide_until_reveal  INTEGER NOT NULL CHECK (hide_until_reveal IN (0, 1)),
    facilitator_votes  INTEGER NOT NULL CHECK (facilitator_votes IN (0, 1)),
    tallies_hidden     INTEGER NOT NULL DEFAULT 0 CHECK (tallies_hidden IN (0, 1)),
    created_at         INTEGER NOT NULL
);
CREATE INDEX retros_by_team ON retros (team_id, date);

CREATE TABLE retro_participants (
    retro_id INTEGER NOT NULL REFERENCES retros (id) ON DELETE CASCADE,
    name     TEXT NOT NULL CHECK (name <> ''),
    position INTEGER NOT NULL,
    PRIMARY KEY (retro_id, name)
) WITHOUT ROWID;

CREATE TABLE retro_groups (
    id       INTEGER PRIMARY KEY,
    retro_id INTEGER NOT NULL REFERENCES retros (id) ON DELETE CASCADE,
    title    TEXT NOT NULL
);
CREATE INDEX retro_groups_by_retro ON retro_groups (retro_id);

CREATE TABLE retro_cards (
    id           INTEGER PRIMARY KEY,
    retro_id     INTEGER NOT NULL REFERENCES retros (id) ON DELETE CASCADE,
    column_index INTEGER NOT NULL CHECK (column_index >= 0),
    text         TEXT NOT NULL CHECK (text <> ''),
    author       TEXT,
    group_id     INTEGER REFERENCES retro_groups (id) ON DELETE SET NULL,
    revealed     INTEGER NOT NULL DEFAULT 0 CHECK (revealed IN (0, 1)),
    created_at   INTEGER NOT NULL
);
CREATE INDEX retro_cards_by_retro ON retro_cards (retro_id);
CREATE INDEX retro_cards_by_group ON retro_cards (group_id);

CREATE TABLE retro_votes (
    id          INTEGER PRIMARY KEY,
    retro_id    INTEGER NOT NULL REFERENCES retros (id) ON DELETE CASCADE,
    card_id     INTEGER NOT NULL REFERENCES retro_cards (id) ON DELETE CASCADE,
    participant TEXT NOT NULL
);
CREATE INDEX retro_votes_by_retro ON retro_votes (retro_id);
CREATE INDEX retro_votes_by_card ON retro_votes (card_id);

CREATE TABLE retro_timers (
    retro_id      INTEGER NOT NULL REFERENCES retros (id) ON DELETE CASCADE,
    topic_kind    TEXT NOT NULL CHECK (topic_kind IN ('group', 'card')),
    topic_id      INTEGER NOT NULL,
    allotted_secs INTEGER NOT NULL CHECK (allotted_secs >= 0),
    elapsed_ms    INTEGER NOT NULL CHECK (elapsed_ms >= 0),
    PRIMARY KEY (retro_id, topic_kind, topic_id)
) WITHOUT ROWID;

CREATE TABLE retro_roti (
    retro_id    INTEGER NOT NULL REFERENCES retros (id) ON DELETE CASCADE,
    participant TEXT NOT NULL,
    rating      INTEGER NOT NULL CHECK (rating BETWEEN 1 AND 5),
    PRIMARY KEY (retro_id, participant)
) WITHOUT ROWID;

CREATE TABLE action_items (
    id         INTEGER PRIMARY KEY,
    team_id    INTEGER NOT NULL REFERENCES teams (id),
    retro_id   INTEGER NOT NULL REFERENCES retros (id) ON DELETE CASCADE,
    title      TEXT NOT NULL CHECK (title <> ''),
    owner      TEXT,
    due        TEXT,
    status     TEXT NOT NULL,
    card_id    INTEGER REFERENCES retro_cards (id) ON DELETE SET NULL,
    group_id   INTEGER REFERENCES retro_groups (id) ON DELETE SET NULL,
    created_at INTEGER NOT NULL,
    done_at    INTEGER
);
CREATE INDEX action_items_by_team ON action_items (team_id, status);
CREATE INDEX action_items_by_retro ON action_items (retro_id);

CREATE TABLE retro_reviews (
    retro_id      INTEGER NOT NULL REFERENCES retros (id) ON DELETE CASCADE,
    action_id     INTEGER NOT NULL REFERENCES action_items (id) ON DELETE CASCADE,
    review_status TEXT,
    PRIMARY KEY (retro_id, action_id)
) WITHOUT ROWID;

-- A feedback item made from a retro card points back at it; one item per
-- card at most (promoting the same card again finds the same item).
ALTER TABLE feedback ADD COLUMN retro_card_id INTEGER
    REFERENCES retro_cards (id) ON DELETE SET NULL;
CREATE UNIQUE INDEX feedback_by_retro_card ON feedback (retro_card_id);
