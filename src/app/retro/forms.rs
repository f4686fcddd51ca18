//! The retro's forms: a new retro, a card, an action item, a group's name,
//! a participant, the vote limits and an export. Each is an ordinary
//! `Form` (same keys, same drawing); this module fills its fields and turns
//! the submitted fields into a `RetroWrite`, or names the field that is
//! wrong.

use super::writes::{ActionDraft, ExportFormat, RetroDraft, RetroWrite};
use crate::app::form::{Field, Form, FormKind};
use crate::domain::retro::actions::parse_due;
use crate::domain::retro::board::RetroSettings;
use crate::domain::retro::template::Template;

/// Which retro form it is, and what it is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RetroForm {
    NewRetro,
    AddCard {
        retro_id: i64,
        column: usize,
    },
    EditCard {
        retro_id: i64,
        card_id: i64,
    },
    NewGroup {
        retro_id: i64,
        first: i64,
        second: i64,
    },
    RenameGroup {
        retro_id: i64,
        group_id: i64,
    },
    AddAction {
        retro_id: i64,
        card_id: Option<i64>,
        group_id: Option<i64>,
    },
    EditAction {
        action_id: i64,
    },
    AddParticipant {
        retro_id: i64,
    },
    Limits {
        retro_id: i64,
    },
    Export {
        retro_id: i64,
    },
}

impl RetroForm {
    pub fn title(self) -> &'static str {
        match self {
            RetroForm::NewRetro => "New retro",
            RetroForm::AddCard { .. } => "Add a card",
            RetroForm::EditCard { .. } => "Edit the card",
            RetroForm::NewGroup { .. } => "Group the two cards",
            RetroForm::RenameGroup { .. } => "Rename the group",
            RetroForm::AddAction { .. } => "Add an action item",
            RetroForm::EditAction { .. } => "Edit the action item",
            RetroForm::AddParticipant { .. } => "Add a participant",
            RetroForm::Limits { .. } => "Vote limits",
            RetroForm::Export { .. } => "Export the retro",
        }
    }
}

const YES_NO: [&str; 2] = ["no", "yes"];

fn yes_no() -> Vec<String> {
    YES_NO.iter().map(|s| s.to_string()).collect()
}

fn form(kind: RetroForm, subject: &str, fields: Vec<Field>) -> Form {
    Form::custom(FormKind::Retro(kind), subject.to_string(), fields)
}

/// A new retro: team, title, template (every template on offer), people and
/// settings.
pub fn new_retro(templates: &[Template], team: &str) -> Form {
    let defaults = RetroSettings::default();
    let names = templates.iter().map(|t| t.name.clone()).collect();
    form(
        RetroForm::NewRetro,
        "",
        vec![
            Field::line("Team", team),
            Field::line("Title", ""),
            Field::line("Date (blank: today)", ""),
            Field::choice("Template", names, 0),
            Field::line("Facilitator (blank: you)", ""),
            Field::line("People (comma-separated)", ""),
            Field::line("Votes per person", &defaults.votes_per_person.to_string()),
            Field::line(
                "Max votes per card",
                &defaults.max_votes_per_card.to_string(),
            ),
            Field::choice("Anonymous", yes_no(), usize::from(defaults.anonymous)),
            Field::choice(
                "Hide cards until revealed",
                yes_no(),
                usize::from(defaults.hide_until_reveal),
            ),
            Field::choice("Facilitator votes", yes_no(), 0),
        ],
    )
}

/// A card's text, written as `author` (one of `people`; none when empty).
pub fn add_card(
    retro_id: i64,
    column: usize,
    column_title: &str,
    people: &[String],
    author: Option<&str>,
) -> Form {
    let mut options: Vec<String> = people.to_vec();
    options.push("(nobody)".into());
    let at = author
        .and_then(|a| people.iter().position(|p| p == a))
        .unwrap_or(options.len() - 1);
    form(
        RetroForm::AddCard { retro_id, column },
        column_title,
        vec![
            Field::line("Card", ""),
            Field::choice("Written by", options, at),
        ],
    )
}

pub fn edit_card(retro_id: i64, card_id: i64, text: &str) -> Form {
    form(
        RetroForm::EditCard { retro_id, card_id },
        "",
        vec![Field::line("Card", text)],
    )
}

pub fn new_group(retro_id: i64, first: i64, second: i64, suggested: &str) -> Form {
    form(
        RetroForm::NewGroup {
            retro_id,
            first,
            second,
        },
        "",
        vec![Field::line("Group name", suggested)],
    )
}

pub fn rename_group(retro_id: i64, group_id: i64, title: &str) -> Form {
    form(
        RetroForm::RenameGroup { retro_id, group_id },
        "",
        vec![Field::line("Group name", title)],
    )
}

/// An action item about `topic` (its title is the form's subject).
pub fn add_action(retro_id: i64, card_id: Option<i64>, group_id: Option<i64>, topic: &str) -> Form {
    form(
        RetroForm::AddAction {
            retro_id,
            card_id,
            group_id,
        },
        topic,
        action_fields(&ActionDraft {
            title: String::new(),
            owner: None,
            due: None,
        }),
    )
}

pub fn edit_action(action_id: i64, action: &ActionDraft) -> Form {
    form(
        RetroForm::EditAction { action_id },
        "",
        action_fields(action),
    )
}

fn action_fields(action: &ActionDraft) -> Vec<Field> {
    vec![
        Field::line("Action", &action.title),
        Field::line("Owner", action.owner.as_deref().unwrap_or("")),
        Field::line(
            "Due (YYYY-MM-DD)",
            &action.due.map(|d| d.to_string()).unwrap_or_default(),
        ),
    ]
}

pub fn add_participant(retro_id: i64) -> Form {
    form(
        RetroForm::AddParticipant { retro_id },
        "",
        vec![Field::line("Name", "")],
    )
}

pub fn limits(retro_id: i64, settings: &RetroSettings) -> Form {
    form(
        RetroForm::Limits { retro_id },
        "Lowering a limit removes the most recent votes above it",
        vec![
            Field::line("Votes per person", &settings.votes_per_person.to_string()),
            Field::line(
                "Max votes per card",
                &settings.max_votes_per_card.to_string(),
            ),
        ],
    )
}

pub fn export(retro_id: i64, default_path: &str) -> Form {
    let formats = ExportFormat::ALL
        .iter()
        .map(|f| f.name().to_string())
        .collect();
    form(
        RetroForm::Export { retro_id },
        "",
        vec![
            Field::line("File", default_path),
            Field::choice("Format", formats, 0),
        ],
    )
}

fn required(fields: &[Field], at: usize, what: &str) -> Result<String, (usize, String)> {
    let value = fields[at].value().trim().to_string();
    if value.is_empty() {
        return Err((at, format!("{what} is empty: type one")));
    }
    Ok(value)
}

fn optional(fields: &[Field], at: usize) -> Option<String> {
    Some(fields[at].value().trim().to_string()).filter(|v| !v.is_empty())
}

fn number(
    fields: &[Field],
    at: usize,
    what: &str,
    range: std::ops::RangeInclusive<u32>,
) -> Result<u32, (usize, String)> {
    let text = fields[at].value();
    match text.trim().parse::<u32>() {
        Ok(n) if range.contains(&n) => Ok(n),
        _ => Err((
            at,
            format!(
                "invalid {what} '{}': a whole number from {} to {}",
                text.trim(),
                range.start(),
                range.end()
            ),
        )),
    }
}

fn action_draft(fields: &[Field]) -> Result<ActionDraft, (usize, String)> {
    let due = match optional(fields, 2) {
        Some(text) => Some(parse_due(&text).map_err(|e| (2, e))?),
        None => None,
    };
    Ok(ActionDraft {
        title: required(fields, 0, "the action")?,
        owner: optional(fields, 1),
        due,
    })
}

/// A path whose extension is another export format's gets the chosen
/// format's extension, so a file's name says what is in it.
fn with_extension(path: &str, format: ExportFormat) -> String {
    for other in ExportFormat::ALL {
        if let Some(stem) = path.strip_suffix(&format!(".{}", other.name())) {
            return format!("{stem}.{}", format.name());
        }
    }
    path.to_string()
}

/// The write a filled-in retro form asks for.
pub fn submission(kind: RetroForm, fields: &[Field]) -> Result<RetroWrite, (usize, String)> {
    Ok(match kind {
        RetroForm::NewRetro => {
            let date = match optional(fields, 2) {
                Some(text) => Some(parse_due(&text).map_err(|_| {
                    (
                        2,
                        format!(
                            "invalid date '{text}': use YYYY-MM-DD, or leave it blank for today"
                        ),
                    )
                })?),
                None => None,
            };
            let participants: Vec<String> = fields[5]
                .value()
                .split(',')
                .map(|p| p.trim().to_string())
                .filter(|p| !p.is_empty())
                .collect();
            let settings = RetroSettings {
                votes_per_person: number(fields, 6, "votes per person", 0..=100)?,
                max_votes_per_card: number(fields, 7, "max votes per card", 1..=100)?,
                anonymous: fields[8].value() == "yes",
                hide_until_reveal: fields[9].value() == "yes",
                facilitator_votes: fields[10].value() == "yes",
            };
            RetroWrite::CreateRetro(RetroDraft {
                team: required(fields, 0, "the team")?,
                title: required(fields, 1, "the title")?,
                template: fields[3].value(),
                date,
                facilitator: optional(fields, 4),
                participants,
                settings,
            })
        }
        RetroForm::AddCard { retro_id, column } => RetroWrite::AddCard {
            retro_id,
            column,
            text: required(fields, 0, "the card")?,
            author: Some(fields[1].value()).filter(|a| a != "(nobody)"),
        },
        RetroForm::EditCard { retro_id, card_id } => RetroWrite::EditCard {
            retro_id,
            card_id,
            text: required(fields, 0, "the card")?,
        },
        RetroForm::NewGroup {
            retro_id,
            first,
            second,
        } => RetroWrite::Group {
            retro_id,
            card_ids: vec![first, second],
            title: required(fields, 0, "the group name")?,
        },
        RetroForm::RenameGroup { retro_id, group_id } => RetroWrite::RenameGroup {
            retro_id,
            group_id,
            title: required(fields, 0, "the group name")?,
        },
        RetroForm::AddAction {
            retro_id,
            card_id,
            group_id,
        } => RetroWrite::AddAction {
            retro_id,
            card_id,
            group_id,
            action: action_draft(fields)?,
        },
        RetroForm::EditAction { action_id } => RetroWrite::EditAction {
            action_id,
            action: action_draft(fields)?,
        },
        RetroForm::AddParticipant { retro_id } => RetroWrite::AddParticipant {
            retro_id,
            name: required(fields, 0, "the name")?,
        },
        RetroForm::Limits { retro_id } => RetroWrite::ChangeLimits {
            retro_id,
            votes_per_person: number(fields, 0, "votes per person", 0..=100)?,
            max_votes_per_card: number(fields, 1, "max votes per card", 1..=100)?,
        },
        RetroForm::Export { retro_id } => {
            let format = ExportFormat::ALL
                .into_iter()
                .find(|f| f.name() == fields[1].value())
                .unwrap_or(ExportFormat::Markdown);
            RetroWrite::Export {
                retro_id,
                path: with_extension(&required(fields, 0, "the file")?, format),
                format,
                replace: false,
            }
        }
    })
}
