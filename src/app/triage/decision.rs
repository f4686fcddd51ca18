//! The decision form: moving an item to planned or won't-do asks who
//! decided and why, in one line, and (when there are several teams) whose
//! backlog it is; with no team yet it asks for one, which the write
//! creates. It is an ordinary `Form`; this module fills its fields and
//! turns them into a `DecisionDraft` checked by the domain's rules, or
//! names the field that is wrong. Esc closes it and nothing changes.

use crate::app::form::{Field, Form, FormKind};
use crate::domain::decision::DecisionDraft;
use crate::domain::feedback::Status;

const BY: usize = 0;
const WHY: usize = 1;
const TEAM: usize = 2;

/// The form that asks for the decision moving item `id` (titled `title`)
/// to `status`, given the teams there are.
pub fn form(id: i64, title: &str, status: Status, teams: &[String]) -> Form {
    let mut fields = vec![
        Field::line("Who decided", ""),
        Field::line("Why (one line)", ""),
    ];
    match teams {
        [] => fields.push(Field::line("Team (new)", "")),
        [_] => {}
        several => fields.push(Field::choice("Team", several.to_vec(), 0)),
    }
    Form::custom(FormKind::Decision { id, status }, title.to_string(), fields)
}

/// The form's title: which move it decides.
pub fn title(status: Status) -> String {
    format!("Decision: move to {status}")
}

/// The decision the fields give, or the field that is wrong and why.
pub fn draft(fields: &[Field]) -> Result<DecisionDraft, (usize, String)> {
    DecisionDraft {
        by: fields[BY].value(),
        why: fields[WHY].value(),
        team: fields.get(TEAM).map(Field::value),
    }
    .validated()
    .map_err(|e| {
        let field = match e.field {
            "by" => BY,
            "why" => WHY,
            _ => TEAM,
        };
        (field, e.to_string())
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::form::FieldKind;

    fn teams(names: &[&str]) -> Vec<String> {
        names.iter().map(|n| n.to_string()).collect()
    }

    #[test]
    fn the_team_is_asked_only_when_it_is_not_the_only_one() {
        let labels = |form: &Form| form.fields.iter().map(|f| f.label).collect::<Vec<_>>();
        let one = form(1, "Dark mode", Status::Planned, &teams(&["Web"]));
        assert_eq!(labels(&one), ["Who decided", "Why (one line)"]);
        assert_eq!(
            one.kind,
            FormKind::Decision {
                id: 1,
                status: Status::Planned
            }
        );
        let none = form(1, "Dark mode", Status::Planned, &[]);
        assert_eq!(labels(&none)[2], "Team (new)");
        let several = form(1, "Dark mode", Status::WontDo, &teams(&["Mobile", "Web"]));
        assert!(matches!(
            &several.fields[2].kind,
            FieldKind::Choice { options, index: 0 } if options == &["Mobile", "Web"]
        ));
        assert_eq!(title(Status::WontDo), "Decision: move to wont_do");
    }

    #[test]
    fn the_draft_names_the_field_that_is_wrong() {
        let mut fields = form(1, "Dark mode", Status::Planned, &[]).fields;
        assert_eq!(draft(&fields).unwrap_err().0, BY);
        fields[BY] = Field::line("Who decided", "Ann");
        assert_eq!(draft(&fields).unwrap_err().0, WHY);
        fields[WHY] = Field::line("Why (one line)", "Top ask");
        assert_eq!(
            draft(&fields).unwrap_err(),
            (TEAM, "team: the team name must not be empty".to_string())
        );
        fields[TEAM] = Field::line("Team (new)", "Web");
        assert_eq!(
            draft(&fields).unwrap(),
            DecisionDraft {
                by: "Ann".into(),
                why: "Top ask".into(),
                team: Some("Web".into())
            }
        );
    }
}
