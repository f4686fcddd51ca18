//! `actions sync`: a tracker's export read back, its issues matched to the
//! actions exported to it (`domain::retro::sync`; an action's title, one
//! line of at most 200 characters, is exported whole to either tracker), and the statuses, done
//! dates and newly learnt tracker keys written in one transaction. A file
//! that cannot be read changes nothing; a dry run reads and plans only.

use super::{Error, Result};
use crate::domain::retro::sync::{SyncPlan, Tracker, plan_sync};
use crate::interop::retro::sync::read_tracker_export;
use crate::store::Store;
use chrono::{DateTime, Utc};

/// What a sync found in the file and did (or, in a dry run, would do).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SyncOutcome {
    pub tracker: Tracker,
    /// How many issues the file holds.
    pub issues: usize,
    pub plan: SyncPlan,
}

/// Reads a tracker's export (`bytes`) and updates the actions its issues
/// match; with `dry_run`, writes nothing. An issue done without a date is
/// done `now`, unless its action was done already.
pub fn sync_actions(
    store: &mut Store,
    bytes: &[u8],
    dry_run: bool,
    now: DateTime<Utc>,
) -> Result<SyncOutcome> {
    let export = read_tracker_export(bytes).map_err(Error::Read)?;
    let plan_for = |tracked: &[_]| plan_sync(tracked, &export.issues, now);
    let plan = if dry_run {
        plan_for(&store.tracked_actions()?)
    } else {
        store.sync_actions(plan_for)?
    };
    Ok(SyncOutcome {
        tracker: export.tracker,
        issues: export.issues.len(),
        plan,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::retro::ActionStatus;
    use crate::service::actions::{NewAction, add_action};
    use crate::service::retro::sprint_retro_for_tests;
    use crate::store::ActionFilter;

    fn at(secs: i64) -> DateTime<Utc> {
        DateTime::from_timestamp(secs, 0).unwrap()
    }

    fn store_with_actions(titles: &[&str]) -> Store {
        let mut store = Store::open_in_memory().unwrap();
        let retro_id = sprint_retro_for_tests(&mut store);
        for title in titles {
            let action = NewAction {
                retro_id,
                title: title.to_string(),
                ..NewAction::default()
            };
            add_action(&mut store, action, at(0)).unwrap();
        }
        store
    }

    fn statuses(store: &Store) -> Vec<ActionStatus> {
        let actions = store.list_actions(&ActionFilter::default()).unwrap();
        actions.iter().map(|a| a.status).collect()
    }

    #[test]
    fn a_dry_run_and_a_bad_file_write_nothing() {
        let mut store = store_with_actions(&["Fix CI"]);
        let closed = br#"[{"title":"Fix CI","state":"CLOSED","number":4,"closedAt":null}]"#;
        let dry = sync_actions(&mut store, closed, true, at(60)).unwrap();
        assert_eq!((dry.tracker, dry.issues), (Tracker::GitHub, 1));
        assert_eq!(dry.plan.updates[0].new_done_at, Some(at(60)));
        assert_eq!(statuses(&store), [ActionStatus::Open]);
        assert_eq!(store.tracked_actions().unwrap()[0].tracker_key, None);
        let bad = br#"[{"title":"Fix CI","state":"CLOSED","number":4},{"title":"x"}]"#;
        let error = sync_actions(&mut store, bad, false, at(60)).unwrap_err();
        assert!(matches!(error, Error::Read(_)), "{error}");
        assert_eq!(statuses(&store), [ActionStatus::Open]);
        sync_actions(&mut store, closed, false, at(60)).unwrap();
        assert_eq!(statuses(&store), [ActionStatus::Done]);
        assert_eq!(
            store.tracked_actions().unwrap()[0].tracker_key.as_deref(),
            Some("#4")
        );
    }
}
