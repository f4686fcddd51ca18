//! Action items and the tracker issues they became: reading every action
//! with its recorded tracker key, and applying a sync's plan (statuses,
//! done dates, newly recorded keys) in one transaction.

use super::actions::actions_where;
use super::codes::seconds;
use super::{Result, Store};
use crate::domain::retro::sync::{SyncPlan, TrackedAction};
use rusqlite::{Connection, params};
use std::collections::HashMap;

/// Every action item with its tracker key, by id.
fn tracked_actions_in(conn: &Connection) -> Result<Vec<TrackedAction>> {
    let mut stmt = conn
        .prepare_cached("SELECT id, tracker_key FROM action_items WHERE tracker_key IS NOT NULL")?;
    let keys = stmt
        .query_map([], |row| {
            Ok((row.get::<_, i64>(0)?, row.get::<_, String>(1)?))
        })?
        .collect::<rusqlite::Result<HashMap<i64, String>>>()?;
    let actions = actions_where(conn, "", [])?;
    Ok(actions
        .into_iter()
        .map(|action| TrackedAction {
            tracker_key: keys.get(&action.id).cloned(),
            action,
        })
        .collect())
}

impl Store {
    /// Every action item with the tracker key recorded for it, by id.
    pub fn tracked_actions(&self) -> Result<Vec<TrackedAction>> {
        tracked_actions_in(&self.conn)
    }

    /// Plans a sync against the actions as they are (`plan` sees them inside
    /// the transaction) and applies it: each update's status and done date,
    /// and its issue's key where the plan links it. Returns the plan.
    pub fn sync_actions(
        &mut self,
        plan: impl FnOnce(&[TrackedAction]) -> SyncPlan,
    ) -> Result<SyncPlan> {
        let tx = self.write_transaction()?;
        let plan = plan(&tracked_actions_in(&tx)?);
        {
            let mut update = tx.prepare_cached(
                "UPDATE action_items SET status = ?2, done_at = ?3,
                     tracker_key = CASE WHEN ?4 IS NULL THEN tracker_key ELSE ?4 END
                 WHERE id = ?1",
            )?;
            for change in &plan.updates {
                update.execute(params![
                    change.action_id,
                    change.new_status.name(),
                    change.new_done_at.as_ref().map(seconds),
                    change.links.then_some(change.issue_key.as_str()),
                ])?;
            }
        }
        tx.commit()?;
        Ok(plan)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::retro::ActionStatus;
    use crate::domain::retro::sync::TrackerIssue;
    use crate::domain::retro::sync::{SyncUpdate, plan_sync};
    use crate::domain::retro::{RetroSettings, Template, TemplateColumn};
    use crate::store::{ActionRow, RetroRow};
    use chrono::{DateTime, NaiveDate, Utc};

    fn at(secs: i64) -> DateTime<Utc> {
        DateTime::from_timestamp(secs, 0).unwrap()
    }

    /// A database file with one retro of team Core; the store and the retro id.
    fn store_with_retro(dir: &tempfile::TempDir) -> (Store, i64) {
        let mut store = Store::open(&dir.path().join("sync.db")).unwrap();
        let template = Template {
            name: "One".into(),
            description: String::new(),
            columns: vec![TemplateColumn {
                title: "Good".into(),
                prompt: "What went well?".into(),
            }],
        };
        let retro = RetroRow {
            team: "Core",
            title: "Sprint 48",
            date: NaiveDate::from_ymd_opt(2026, 12, 4).unwrap(),
            template: &template,
            facilitator: None,
            participants: &[],
            settings: RetroSettings::default(),
        };
        let id = store.create_retro(&retro, at(0)).unwrap();
        (store, id)
    }

    fn row(title: &str) -> ActionRow {
        ActionRow {
            title: title.into(),
            owner: None,
            due: None,
            status: ActionStatus::Open,
            card_id: None,
            group_id: None,
        }
    }

    #[test]
    fn a_sync_writes_statuses_done_dates_and_keys_and_later_reads_see_them() {
        let dir = tempfile::TempDir::new().unwrap();
        let (mut store, retro) = store_with_retro(&dir);
        let fix = store.add_action(retro, &row("Fix CI"), at(0)).unwrap();
        let docs = store.add_action(retro, &row("Write docs"), at(0)).unwrap();
        let plan = store
            .sync_actions(|tracked| {
                assert_eq!(tracked.len(), 2);
                SyncPlan {
                    updates: vec![SyncUpdate {
                        action_id: fix.id,
                        title: fix.title.clone(),
                        issue_key: "RET-7".into(),
                        old_status: ActionStatus::Open,
                        new_status: ActionStatus::Done,
                        old_done_at: None,
                        new_done_at: Some(at(500)),
                        links: true,
                    }],
                    ..SyncPlan::default()
                }
            })
            .unwrap();
        assert_eq!(plan.updates.len(), 1);
        drop(store);
        let store = Store::open(&dir.path().join("sync.db")).unwrap();
        let tracked = store.tracked_actions().unwrap();
        assert_eq!(tracked[0].tracker_key.as_deref(), Some("RET-7"));
        assert_eq!(tracked[0].action.status, ActionStatus::Done);
        assert_eq!(tracked[0].action.done_at, Some(at(500)));
        assert_eq!(tracked[1].action, docs);
        assert_eq!(tracked[1].tracker_key, None);
    }

    #[test]
    fn a_later_sync_matches_by_the_recorded_key_and_keeps_it() {
        let dir = tempfile::TempDir::new().unwrap();
        let (mut store, retro) = store_with_retro(&dir);
        let fix = store.add_action(retro, &row("Fix CI"), at(0)).unwrap();
        let sync_to = |status: ActionStatus| {
            let title = fix.title.clone();
            move |tracked: &[TrackedAction]| {
                let issues = [TrackerIssue {
                    key: "#3".into(),
                    title,
                    status,
                    done_at: None,
                }];
                plan_sync(tracked, &issues, at(60))
            }
        };
        let first = store.sync_actions(sync_to(ActionStatus::Done)).unwrap();
        assert!(first.updates[0].links);
        let second = store.sync_actions(sync_to(ActionStatus::Dropped)).unwrap();
        assert!(!second.updates[0].links, "matched by its key this time");
        let tracked = store.tracked_actions().unwrap();
        assert_eq!(tracked[0].tracker_key.as_deref(), Some("#3"));
        assert_eq!(
            (tracked[0].action.status, tracked[0].action.done_at),
            (ActionStatus::Dropped, None)
        );
    }
}
