//! Decision roles and the decision log: who decides for a team's backlog,
//! who advises and who escalates, and who actually decided what.
//!
//! The rules, with no storage:
//! - a team has at most one decider and at most one escalation contact, and
//!   any number of advisors; a person holds one role per team. Naming a new
//!   decider (or escalation contact) replaces the one before, and the
//!   [`RoleChange`] says whom, so the command can tell the user; giving a
//!   person a new role takes their old one away;
//! - moving an item to planned or won't-do is a decision
//!   ([`records_decision`]): who took it, one line saying why, and the role
//!   that person held in the team at that moment (none for someone without
//!   a role), kept as it was even when the roles change later;
//! - [`DecisionSplit`] counts the decisions taken by the decider and by
//!   everyone else: the unofficial decision-making the product wants seen.

use super::feedback::{Status, UnknownName};
use super::text::sanitize_line;
use chrono::{DateTime, Utc};
use std::fmt;
use std::str::FromStr;

/// The longest rationale, in characters: one line a reader takes in at a
/// glance.
pub const MAX_WHY_CHARS: usize = 200;

/// A person's role in a team (DACI-like).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Role {
    /// Decides what goes on the backlog and what does not; one per team.
    Decider,
    /// Is heard before a decision; any number per team.
    Advisor,
    /// The contact when a decision is stuck; one per team.
    Escalation,
}

impl Role {
    pub const ALL: [Role; 3] = [Role::Decider, Role::Advisor, Role::Escalation];
    pub const NAMES: &'static [&'static str] = &["decider", "advisor", "escalation"];

    pub fn name(self) -> &'static str {
        match self {
            Role::Decider => "decider",
            Role::Advisor => "advisor",
            Role::Escalation => "escalation",
        }
    }

    /// Whether a team has at most one person in this role.
    pub fn is_single(self) -> bool {
        matches!(self, Role::Decider | Role::Escalation)
    }
}

impl fmt::Display for Role {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl FromStr for Role {
    type Err = UnknownName;

    fn from_str(text: &str) -> Result<Role, UnknownName> {
        let wanted = text.trim();
        Role::ALL
            .into_iter()
            .find(|r| r.name().eq_ignore_ascii_case(wanted))
            .ok_or_else(|| UnknownName {
                field: "role",
                value: text.to_string(),
                allowed: Role::NAMES,
            })
    }
}

/// A name as stored: one safe line, trimmed.
pub fn clean_name(text: &str) -> String {
    sanitize_line(text).trim().to_string()
}

/// The roles of one team.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TeamRoles {
    pub team: String,
    pub decider: Option<String>,
    /// In the order they were named.
    pub advisors: Vec<String>,
    pub escalation: Option<String>,
}

/// What giving a person a role changed besides that.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RoleChange {
    /// The person who held the single role before (a decider or an
    /// escalation contact replaced).
    pub replaced: Option<String>,
    /// The role the person held before, if another one.
    pub previous_role: Option<Role>,
}

impl TeamRoles {
    pub fn new(team: impl Into<String>) -> TeamRoles {
        TeamRoles {
            team: team.into(),
            ..TeamRoles::default()
        }
    }

    /// The role `person` holds (names compared ignoring case).
    pub fn role_of(&self, person: &str) -> Option<Role> {
        let same = |name: &String| name.to_lowercase() == person.trim().to_lowercase();
        if self.decider.as_ref().is_some_and(same) {
            Some(Role::Decider)
        } else if self.escalation.as_ref().is_some_and(same) {
            Some(Role::Escalation)
        } else if self.advisors.iter().any(same) {
            Some(Role::Advisor)
        } else {
            None
        }
    }

    /// Every person with their role: the decider, the advisors, the
    /// escalation contact.
    pub fn people(&self) -> Vec<(Role, &str)> {
        let mut people = Vec::new();
        if let Some(decider) = &self.decider {
            people.push((Role::Decider, decider.as_str()));
        }
        people.extend(self.advisors.iter().map(|a| (Role::Advisor, a.as_str())));
        if let Some(escalation) = &self.escalation {
            people.push((Role::Escalation, escalation.as_str()));
        }
        people
    }

    fn remove(&mut self, person: &str) {
        let other = |name: &String| name.to_lowercase() != person.to_lowercase();
        self.decider = self.decider.take().filter(other);
        self.escalation = self.escalation.take().filter(other);
        self.advisors.retain(other);
    }

    /// Gives `person` (already cleaned) `role`: takes away any other role
    /// they held, and replaces the holder of a single role.
    pub fn assign(&mut self, person: &str, role: Role) -> RoleChange {
        let previous_role = self.role_of(person);
        if previous_role == Some(role) {
            // Named again: the same place, the name as now written.
            let same = |name: &&mut String| name.to_lowercase() == person.to_lowercase();
            let slots = self.decider.iter_mut().chain(&mut self.escalation);
            if let Some(name) = slots.chain(&mut self.advisors).find(same) {
                *name = person.to_string();
            }
            return RoleChange::default();
        }
        self.remove(person);
        let slot = match role {
            Role::Decider => &mut self.decider,
            Role::Escalation => &mut self.escalation,
            Role::Advisor => {
                self.advisors.push(person.to_string());
                return RoleChange {
                    replaced: None,
                    previous_role,
                };
            }
        };
        RoleChange {
            replaced: slot.replace(person.to_string()),
            previous_role,
        }
    }
}

/// Whether moving an item to `status` is a decision that must be recorded.
pub fn records_decision(status: Status) -> bool {
    matches!(status, Status::Planned | Status::WontDo)
}

/// A decision as a person gives it: who took it, why, and (when there are
/// several teams) whose backlog it is.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DecisionDraft {
    pub by: String,
    pub why: String,
    /// `None`: the only team.
    pub team: Option<String>,
}

/// A decision draft that breaks a rule; the message names the field.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DecisionError {
    /// `by`, `why` or `team`.
    pub field: &'static str,
    pub message: String,
}

impl fmt::Display for DecisionError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for DecisionError {}

impl DecisionDraft {
    /// The draft with its names and rationale cleaned to one safe line, or
    /// the first field that is wrong: an empty name, an empty rationale,
    /// one of several lines or longer than [`MAX_WHY_CHARS`].
    pub fn validated(self) -> Result<DecisionDraft, DecisionError> {
        let refuse = |field, message: String| Err(DecisionError { field, message });
        let by = clean_name(&self.by);
        if by.is_empty() {
            return refuse("by", "by: who decided must not be empty".into());
        }
        if self.why.trim().contains(['\n', '\r']) {
            return refuse("why", "why: the rationale must be one line".into());
        }
        let why = clean_name(&self.why);
        if why.is_empty() {
            return refuse("why", "why: the rationale must not be empty".into());
        }
        let length = why.chars().count();
        if length > MAX_WHY_CHARS {
            return refuse(
                "why",
                format!("why: the rationale is {length} characters; keep it to {MAX_WHY_CHARS}"),
            );
        }
        let team = match self.team.as_deref().map(clean_name) {
            Some(team) if team.is_empty() => {
                return refuse("team", "team: the team name must not be empty".into());
            }
            team => team,
        };
        Ok(DecisionDraft { by, why, team })
    }
}

/// One recorded decision.
#[derive(Debug, Clone, PartialEq)]
pub struct Decision {
    pub id: i64,
    pub feedback_id: i64,
    /// The item's title (as it is now).
    pub title: String,
    pub team: String,
    /// Planned or won't-do.
    pub status: Status,
    pub by: String,
    /// The role `by` held in the team when deciding.
    pub role: Option<Role>,
    pub why: String,
    pub decided_at: DateTime<Utc>,
}

/// How many decisions the decider took, and how many people without that
/// role took (split into those with another role and those with none).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct DecisionSplit {
    pub by_decider: usize,
    /// By an advisor or the escalation contact.
    pub by_other_role: usize,
    /// By someone with no role in the team.
    pub by_no_role: usize,
}

impl DecisionSplit {
    /// Counts `decisions` by the role their maker held at the time.
    pub fn of(decisions: &[Decision]) -> DecisionSplit {
        let mut split = DecisionSplit::default();
        for decision in decisions {
            match decision.role {
                Some(Role::Decider) => split.by_decider += 1,
                Some(Role::Advisor | Role::Escalation) => split.by_other_role += 1,
                None => split.by_no_role += 1,
            }
        }
        split
    }

    /// Decisions taken by someone who is not the decider.
    pub fn not_by_decider(&self) -> usize {
        self.by_other_role + self.by_no_role
    }

    pub fn total(&self) -> usize {
        self.by_decider + self.not_by_decider()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn decision(by: &str, role: Option<Role>) -> Decision {
        Decision {
            id: 1,
            feedback_id: 1,
            title: "Dark mode".into(),
            team: "Platform".into(),
            status: Status::Planned,
            by: by.into(),
            role,
            why: "Asked for weekly".into(),
            decided_at: DateTime::from_timestamp(1_780_000_000, 0).unwrap(),
        }
    }

    #[test]
    fn roles_parse_by_name_and_unknown_ones_are_named() {
        assert_eq!(" Decider ".parse::<Role>().unwrap(), Role::Decider);
        assert_eq!("escalation".parse::<Role>().unwrap(), Role::Escalation);
        assert_eq!(
            "boss".parse::<Role>().unwrap_err().to_string(),
            "unknown role 'boss' (use one of: decider, advisor, escalation)"
        );
    }

    #[test]
    fn a_second_decider_replaces_the_first_and_says_whom() {
        let mut roles = TeamRoles::new("Platform");
        assert_eq!(roles.assign("Ann", Role::Decider), RoleChange::default());
        let change = roles.assign("Bob", Role::Decider);
        assert_eq!(change.replaced.as_deref(), Some("Ann"));
        assert_eq!(roles.decider.as_deref(), Some("Bob"));
        assert_eq!(roles.role_of("ann"), None, "Ann holds no role any more");
        // The escalation contact is one person too.
        roles.assign("Eve", Role::Escalation);
        let change = roles.assign("Fay", Role::Escalation);
        assert_eq!(change.replaced.as_deref(), Some("Eve"));
    }

    #[test]
    fn advisors_are_many_and_a_person_holds_one_role() {
        let mut roles = TeamRoles::new("Platform");
        roles.assign("Ann", Role::Decider);
        roles.assign("Carl", Role::Advisor);
        roles.assign("Dee", Role::Advisor);
        assert_eq!(roles.advisors, ["Carl", "Dee"]);
        assert_eq!(roles.role_of(" CARL "), Some(Role::Advisor));
        // The decider becomes an advisor: the team has no decider left.
        let change = roles.assign("Ann", Role::Advisor);
        assert_eq!(change.previous_role, Some(Role::Decider));
        assert_eq!(change.replaced, None);
        assert_eq!(roles.decider, None);
        assert_eq!(
            roles.people(),
            [
                (Role::Advisor, "Carl"),
                (Role::Advisor, "Dee"),
                (Role::Advisor, "Ann")
            ]
        );
        // Naming an advisor again keeps one entry, in its place.
        let change = roles.assign("carl", Role::Advisor);
        assert_eq!(change, RoleChange::default());
        assert_eq!(roles.advisors, ["carl", "Dee", "Ann"]);
        roles.assign("Dee", Role::Decider);
        assert_eq!(roles.assign("DEE", Role::Decider), RoleChange::default());
        assert_eq!(roles.decider.as_deref(), Some("DEE"));
    }

    #[test]
    fn only_planned_and_wont_do_record_a_decision() {
        let recorded: Vec<Status> = Status::ALL
            .iter()
            .copied()
            .filter(|s| records_decision(*s))
            .collect();
        assert_eq!(recorded, [Status::Planned, Status::WontDo]);
    }

    #[test]
    fn a_draft_is_cleaned_or_refused_naming_its_field() {
        let draft = DecisionDraft {
            by: "  Ann\u{1b}[2J ".into(),
            why: " Customers ask weekly ".into(),
            team: Some(" Platform ".into()),
        };
        let clean = draft.validated().unwrap();
        assert_eq!(clean.by, "Ann", "control sequences are dropped");
        assert_eq!(clean.why, "Customers ask weekly");
        assert_eq!(clean.team.as_deref(), Some("Platform"));

        let refused = |by: &str, why: &str, team: Option<&str>| {
            DecisionDraft {
                by: by.into(),
                why: why.into(),
                team: team.map(str::to_string),
            }
            .validated()
            .unwrap_err()
        };
        assert_eq!(refused(" ", "x", None).field, "by");
        assert_eq!(refused("Ann", "  ", None).field, "why");
        assert_eq!(
            refused("Ann", "one\ntwo", None).to_string(),
            "why: the rationale must be one line"
        );
        assert_eq!(
            refused("Ann", &"x".repeat(201), None).to_string(),
            "why: the rationale is 201 characters; keep it to 200"
        );
        assert_eq!(refused("Ann", "x", Some(" ")).field, "team");
        assert!(
            DecisionDraft {
                by: "Ann".into(),
                why: "é".repeat(200),
                team: None
            }
            .validated()
            .is_ok(),
            "200 characters, not bytes"
        );
    }

    #[test]
    fn the_split_counts_the_decider_against_everyone_else() {
        let decisions = [
            decision("Ann", Some(Role::Decider)),
            decision("Carl", Some(Role::Advisor)),
            decision("Zed", None),
            decision("Zed", None),
            decision("Eve", Some(Role::Escalation)),
            decision("Ann", Some(Role::Decider)),
        ];
        let split = DecisionSplit::of(&decisions);
        assert_eq!(
            split,
            DecisionSplit {
                by_decider: 2,
                by_other_role: 2,
                by_no_role: 2
            }
        );
        assert_eq!((split.not_by_decider(), split.total()), (4, 6));
        assert_eq!(DecisionSplit::of(&[]).total(), 0);
    }
}
