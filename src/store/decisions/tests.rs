//! Team roles and decisions against a real SQLite file: written in one
//! transaction with the status change, read back typed, refused whole.

use super::*;
use crate::domain::feedback::FeedbackDraft;
use crate::domain::scoring::Rice;

fn at(seconds: i64) -> DateTime<Utc> {
    DateTime::from_timestamp(1_780_000_000 + seconds, 0).unwrap()
}

/// A store on a file in a temporary folder (kept alive with it).
fn file_store() -> (tempfile::TempDir, Store) {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(&dir.path().join("decisions.db")).unwrap();
    (dir, store)
}

fn add(store: &mut Store, title: &str) -> i64 {
    let draft = FeedbackDraft {
        title: title.into(),
        ..FeedbackDraft::default()
    };
    store
        .add_feedback(&draft, Rice::default(), at(0))
        .unwrap()
        .id
}

fn draft(by: &str, team: Option<&str>) -> DecisionDraft {
    DecisionDraft {
        by: by.into(),
        why: "Customers ask for it weekly".into(),
        team: team.map(str::to_string),
    }
}

fn count(store: &Store, table: &str) -> i64 {
    store
        .conn
        .query_row(&format!("SELECT count(*) FROM {table}"), [], |r| r.get(0))
        .unwrap()
}

#[test]
fn roles_are_kept_per_team_and_a_new_decider_replaces_the_old() {
    let (dir, mut store) = file_store();
    store
        .set_role("Platform", "Ann", Role::Decider, at(1))
        .unwrap();
    store
        .set_role("Platform", "Carl", Role::Advisor, at(2))
        .unwrap();
    store
        .set_role("platform", "Dee", Role::Advisor, at(3))
        .unwrap();
    store
        .set_role("Mobile", "Bob", Role::Decider, at(4))
        .unwrap();
    let (roles, change) = store
        .set_role("Platform", "Eve", Role::Decider, at(5))
        .unwrap();
    assert_eq!(change.replaced.as_deref(), Some("Ann"));
    assert_eq!(roles.team, "Platform", "the team keeps its first spelling");
    drop(store);

    let store = Store::open(&dir.path().join("decisions.db")).unwrap();
    let platform = store.team_roles("PLATFORM").unwrap();
    assert_eq!(platform.decider.as_deref(), Some("Eve"));
    assert_eq!(platform.advisors, ["Carl", "Dee"]);
    assert_eq!(platform.escalation, None);
    assert_eq!(
        store.team_roles("Mobile").unwrap().decider.as_deref(),
        Some("Bob")
    );
    assert_eq!(store.team_names().unwrap(), ["Mobile", "Platform"]);
    assert_eq!(
        store.team_roles("Web").unwrap_err().to_string(),
        "unknown team 'Web' (teams: Mobile, Platform)"
    );
}

#[test]
fn the_schema_allows_one_decider_per_team() {
    let (_dir, mut store) = file_store();
    store
        .set_role("Platform", "Ann", Role::Decider, at(1))
        .unwrap();
    let second = store.conn.execute(
        "INSERT INTO team_roles (team_id, person, role, position, assigned_at)
         SELECT id, 'Bob', 'decider', 9, 0 FROM teams",
        [],
    );
    assert!(second.is_err(), "a second decider row is refused");
    let same_person = store.conn.execute(
        "INSERT INTO team_roles (team_id, person, role, position, assigned_at)
         SELECT id, 'ANN', 'advisor', 9, 0 FROM teams",
        [],
    );
    assert!(same_person.is_err(), "one role per person, ignoring case");
}

#[test]
fn a_decision_is_written_with_the_status_change_and_the_role_at_the_time() {
    let (_dir, mut store) = file_store();
    let id = add(&mut store, "Dark mode");
    store
        .set_role("Platform", "Ann", Role::Decider, at(1))
        .unwrap();
    let (before, decision) = store
        .decide(id, Status::Planned, &draft("ann", None), at(10))
        .unwrap();
    assert_eq!(before.status, Status::New);
    assert_eq!(store.get_feedback(id).unwrap().status, Status::Planned);
    assert_eq!(
        decision.role,
        Some(Role::Decider),
        "names compared ignoring case"
    );
    assert_eq!(decision.team, "Platform", "the only team");
    assert_eq!(decision.title, "Dark mode");

    // Ann steps down; her decision keeps the role she held.
    store
        .set_role("Platform", "Bob", Role::Decider, at(20))
        .unwrap();
    let (_, later) = store
        .decide(id, Status::WontDo, &draft("Ann", Some("platform")), at(30))
        .unwrap();
    assert_eq!(later.role, None);
    let all = store.decisions(None).unwrap();
    assert_eq!(all.len(), 2);
    assert_eq!(all[0], later, "newest first");
    assert_eq!(all[1].role, Some(Role::Decider));
    assert_eq!(all[1].decided_at, at(10));
    assert_eq!(store.latest_decision(id).unwrap(), Some(later));
    assert_eq!(store.latest_decision(id + 1).unwrap(), None);
}

#[test]
fn a_refused_decision_changes_nothing_and_creates_no_team() {
    let (_dir, mut store) = file_store();
    let id = add(&mut store, "Dark mode");
    let refused = store
        .decide(id, Status::Planned, &draft("Ann", None), at(1))
        .unwrap_err();
    assert_eq!(
        refused.to_string(),
        "no team yet: name the team the decision belongs to with --team"
    );
    assert!(matches!(
        store.decide(99, Status::Planned, &draft("Ann", Some("Web")), at(1)),
        Err(Error::NotFound(99))
    ));
    assert!(matches!(
        store.decide(id, Status::Done, &draft("Ann", Some("Web")), at(1)),
        Err(Error::Invalid(_))
    ));
    assert_eq!((count(&store, "teams"), count(&store, "decisions")), (0, 0));

    store
        .set_role("Platform", "Ann", Role::Decider, at(1))
        .unwrap();
    store
        .set_role("Mobile", "Bob", Role::Decider, at(1))
        .unwrap();
    let several = store
        .decide(id, Status::Planned, &draft("Ann", None), at(2))
        .unwrap_err();
    assert_eq!(
        several.to_string(),
        "there are several teams; name the one the decision belongs to with --team \
         (one of: Mobile, Platform)"
    );
    assert_eq!(store.get_feedback(id).unwrap().status, Status::New);
    assert_eq!(count(&store, "decisions"), 0);

    // Naming a new team creates it with the decision.
    let (_, decision) = store
        .decide(id, Status::Planned, &draft("Ann", Some("Web")), at(3))
        .unwrap();
    assert_eq!((decision.team.as_str(), decision.role), ("Web", None));
    assert_eq!(store.decisions(Some("web")).unwrap().len(), 1);
    assert!(store.decisions(Some("Mobile")).unwrap().is_empty());
    assert_eq!(
        store.decisions(Some("Ops")).unwrap_err().to_string(),
        "unknown team 'Ops' (teams: Mobile, Platform, Web)"
    );
}

#[test]
fn decisions_go_with_their_item() {
    let (_dir, mut store) = file_store();
    let id = add(&mut store, "Dark mode");
    store
        .decide(id, Status::Planned, &draft("Ann", Some("Web")), at(1))
        .unwrap();
    store.delete_feedback(id).unwrap();
    assert_eq!(count(&store, "decisions"), 0);
}

#[test]
fn a_stored_role_that_fits_no_domain_type_is_reported_as_corrupt() {
    let (_dir, mut store) = file_store();
    let id = add(&mut store, "Dark mode");
    store
        .decide(id, Status::Planned, &draft("Ann", Some("Web")), at(1))
        .unwrap();
    store
        .conn
        .execute_batch(
            "PRAGMA ignore_check_constraints = ON;
             UPDATE decisions SET role = 'boss';
             PRAGMA ignore_check_constraints = OFF;",
        )
        .unwrap();
    assert_eq!(
        store.decisions(None).unwrap_err().to_string(),
        "unexpected data in the database: unknown role 'boss'"
    );
}
