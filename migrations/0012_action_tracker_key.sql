-- The issue an action item became in a tracker, recorded when a sync of the
-- tracker's export first matches it by title: a Jira key (RET-12) or a
-- GitHub issue number written #12. Later syncs match by it, so a title
-- edited in the tracker still finds its action. One action per issue.
ALTER TABLE action_items ADD COLUMN tracker_key TEXT;
CREATE UNIQUE INDEX action_items_by_tracker_key ON action_items (tracker_key);
