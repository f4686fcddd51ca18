//! Team roles and decisions: giving a person a role in a team (the team is
//! created the first time it is named), and moving an item to planned or
//! won't-do together with the decision behind it, in one transaction. The
//! rules are the domain's (`domain::decision`); the CLI and the TUI both
//! come through here.

use super::{Error, Result};
use crate::domain::decision::{
    Decision, DecisionDraft, Role, RoleChange, TeamRoles, clean_name, records_decision,
};
use crate::domain::feedback::{FeedbackItem, Status};
use crate::store::Store;
use chrono::{DateTime, Utc};

/// A role given: the person as stored, the team's roles after it, and what
/// else changed.
#[derive(Debug, Clone, PartialEq)]
pub struct RoleSet {
    pub person: String,
    pub role: Role,
    pub roles: TeamRoles,
    pub change: RoleChange,
}

/// Gives `person` `role` in `team`; a decider or escalation contact named
/// replaces the one before, and a person's earlier role in the team goes.
pub fn set_role(
    store: &mut Store,
    team: &str,
    person: &str,
    role: Role,
    now: DateTime<Utc>,
) -> Result<RoleSet> {
    let team = clean_name(team);
    if team.is_empty() {
        return Err(Error::Invalid("team must not be empty".into()));
    }
    let person = clean_name(person);
    if person.is_empty() {
        return Err(Error::Invalid("person must not be empty".into()));
    }
    let (roles, change) = store.set_role(&team, &person, role, now)?;
    Ok(RoleSet {
        person,
        role,
        roles,
        change,
    })
}

/// The roles of a stored team (by name, ignoring case).
pub fn team_roles(store: &Store, team: &str) -> Result<TeamRoles> {
    Ok(store.team_roles(clean_name(team).as_str())?)
}

/// A status change that recorded a decision: the item before and after
/// it, and the decision.
#[derive(Debug, Clone, PartialEq)]
pub struct Decided {
    pub before: FeedbackItem,
    pub after: FeedbackItem,
    pub decision: Decision,
}

/// Moves item `id` to `status`, which must be planned or won't-do, and
/// records who decided and why in the same transaction. The decision
/// belongs to the team the draft names (created the first time), else to
/// the only team; with several teams and none named it is refused.
pub fn decide(
    store: &mut Store,
    id: i64,
    status: Status,
    draft: DecisionDraft,
    now: DateTime<Utc>,
) -> Result<Decided> {
    if !records_decision(status) {
        return Err(Error::Invalid(format!(
            "moving an item to {status} records no decision; only planned and wont_do do"
        )));
    }
    let draft = draft
        .validated()
        .map_err(|e| Error::Invalid(e.to_string()))?;
    let (before, decision) = store.decide(id, status, &draft, now)?;
    Ok(Decided {
        before,
        after: store.get_feedback(id)?,
        decision,
    })
}

/// The decisions of one stored team (by name, ignoring case) or of all,
/// newest first.
pub fn decisions(store: &Store, team: Option<&str>) -> Result<Vec<Decision>> {
    let team = team.map(clean_name);
    Ok(store.decisions(team.as_deref())?)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::feedback::FeedbackDraft;
    use crate::domain::scoring::Rice;
    use crate::service::feedback;

    fn now() -> DateTime<Utc> {
        DateTime::from_timestamp(1_780_000_000, 0).unwrap()
    }

    fn item(store: &mut Store) -> i64 {
        let draft = FeedbackDraft {
            title: "Dark mode".into(),
            ..FeedbackDraft::default()
        };
        feedback::add(store, draft, Rice::default()).unwrap().id
    }

    fn draft(by: &str, why: &str) -> DecisionDraft {
        DecisionDraft {
            by: by.into(),
            why: why.into(),
            team: Some("Platform".into()),
        }
    }

    #[test]
    fn setting_roles_cleans_names_and_refuses_empty_ones() {
        let mut store = Store::open_in_memory().unwrap();
        let set = set_role(&mut store, " Platform ", " Ann ", Role::Decider, now()).unwrap();
        assert_eq!(set.person, "Ann");
        assert_eq!(set.roles.decider.as_deref(), Some("Ann"));
        let replaced = set_role(&mut store, "platform", "Bob", Role::Decider, now()).unwrap();
        assert_eq!(replaced.change.replaced.as_deref(), Some("Ann"));
        for (team, person, message) in [
            ("  ", "Ann", "team must not be empty"),
            ("Mobile", "\u{7} ", "person must not be empty"),
        ] {
            let refused = set_role(&mut store, team, person, Role::Advisor, now()).unwrap_err();
            assert_eq!(refused.to_string(), message);
        }
        assert_eq!(store.team_names().unwrap(), ["Platform"], "no team created");
        assert_eq!(
            team_roles(&store, " PLATFORM ").unwrap().decider.as_deref(),
            Some("Bob")
        );
    }

    #[test]
    fn a_decision_moves_the_item_and_is_logged_with_the_role() {
        let mut store = Store::open_in_memory().unwrap();
        let id = item(&mut store);
        set_role(&mut store, "Platform", "Ann", Role::Decider, now()).unwrap();
        let decided = decide(
            &mut store,
            id,
            Status::Planned,
            draft("Ann", "Top ask"),
            now(),
        )
        .unwrap();
        assert_eq!(decided.before.status, Status::New);
        assert_eq!(decided.after.status, Status::Planned);
        assert_eq!(decided.decision.role, Some(Role::Decider));
        assert_eq!(
            decisions(&store, Some(" platform ")).unwrap(),
            [decided.decision]
        );
    }

    #[test]
    fn a_refused_decision_changes_nothing() {
        let mut store = Store::open_in_memory().unwrap();
        let id = item(&mut store);
        for (status, draft, message) in [
            (
                Status::Done,
                draft("Ann", "x"),
                "moving an item to done records no decision; only planned and wont_do do",
            ),
            (
                Status::Planned,
                draft(" ", "x"),
                "by: who decided must not be empty",
            ),
            (
                Status::WontDo,
                draft("Ann", ""),
                "why: the rationale must not be empty",
            ),
        ] {
            let refused = decide(&mut store, id, status, draft, now()).unwrap_err();
            assert_eq!(refused.to_string(), message);
        }
        assert_eq!(store.get_feedback(id).unwrap().status, Status::New);
        assert!(store.team_names().unwrap().is_empty());
        assert!(decisions(&store, None).unwrap().is_empty());
    }
}
