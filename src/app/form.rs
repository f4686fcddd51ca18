//! The add, edit and score forms: their fields, how keys edit them, and how a
//! filled-in form becomes a validated change (or an error naming the field).
//! The retro's forms and the decision form are built on the same `Form`.
//!
//! Text fields are `ratatui_textarea::TextArea`s; the description (a
//! multi-line field) soft-wraps at word boundaries (`WrapMode::WordOrGlyph`:
//! a word wider than the field breaks where the field ends), so it never
//! scrolls sideways. Choice fields (source,
//! status, RICE impact) and scale fields (confidence, ICE factors, WSJF
//! factors) step through their scales with the `step_up` / `step_down` keys.

use crate::app::dashboard_forms::{self, DashboardForm, DashboardWrite};
use crate::app::retro::forms::{RetroForm, submission};
use crate::app::retro::writes::RetroWrite;
use crate::app::triage::decision;
use crate::config::Command;
use crate::domain::decision::DecisionDraft;
use crate::domain::feedback::{FeedbackDraft, FeedbackItem, Source, Status, parse_nps, parse_tags};
use crate::domain::scoring::{
    FactorError, Ice, Impact, Rice, ScoringModel, Wsjf, confidence_step_down, confidence_step_up,
    format_number, parse_confidence, parse_effort, parse_ice_factor, parse_job_size, parse_reach,
    parse_wsjf_component, wsjf_step,
};
use crate::domain::text::{sanitize_line, sanitize_multiline};
use crate::input::{Key, KeyCode};
use ratatui_textarea::{Input as TextInput, Key as TextKey, TextArea, WrapMode};

/// What the form is for.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum FormKind {
    Add,
    /// One of the retro board's forms (`app::retro::forms`).
    Retro(RetroForm),
    Edit {
        id: i64,
    },
    Score {
        id: i64,
        model: ScoringModel,
    },
    /// Who decided to move item `id` to `status` (planned or won't-do),
    /// and why (`app::triage::decision`).
    Decision {
        id: i64,
        status: Status,
    },
    /// One of the Dashboard screen's forms, for the team in `subject`
    /// (`app::dashboard_forms`).
    Dashboard(DashboardForm),
}

/// How a scale field steps.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Scale {
    /// RICE confidence: 50 → 80 → 100 percent.
    Confidence,
    /// ICE factors: 1 … 10.
    OneToTen,
    /// WSJF factors: 1, 2, 3, 5, 8, 13, 20.
    Fibonacci,
}

impl Scale {
    fn step(self, current: Option<f64>, up: bool) -> f64 {
        match self {
            Scale::Confidence if up => confidence_step_up(current),
            Scale::Confidence => confidence_step_down(current),
            Scale::OneToTen => match current {
                None if up => 1.0,
                None => 10.0,
                Some(v) => (v.round() + if up { 1.0 } else { -1.0 }).clamp(1.0, 10.0),
            },
            Scale::Fibonacci => wsjf_step(current, up),
        }
    }
}

#[derive(Debug)]
pub enum FieldKind {
    /// One line of text.
    Line,
    /// Several lines of text; Enter makes a new line.
    Multi,
    /// One of fixed options; `index` into `options`.
    Choice { options: Vec<String>, index: usize },
    /// A number typed or stepped along a scale.
    Scaled(Scale),
}

#[derive(Debug)]
pub struct Field {
    pub label: &'static str,
    pub kind: FieldKind,
    /// The text of Line, Multi and Scaled fields.
    pub input: TextArea<'static>,
}

impl Field {
    pub(crate) fn text(label: &'static str, kind: FieldKind, value: &str) -> Field {
        // Stored text may hold control characters; the form shows (and
        // saves) it cleaned.
        let clean = match kind {
            FieldKind::Multi => sanitize_multiline(value),
            _ => sanitize_line(value),
        };
        let mut input = TextArea::from(clean.split('\n').map(str::to_string).collect::<Vec<_>>());
        input.move_cursor(ratatui_textarea::CursorMove::Bottom);
        input.move_cursor(ratatui_textarea::CursorMove::End);
        input.set_cursor_line_style(ratatui::style::Style::default());
        if matches!(kind, FieldKind::Multi) {
            input.set_wrap_mode(WrapMode::WordOrGlyph);
        }
        Field { label, kind, input }
    }

    pub(crate) fn line(label: &'static str, value: &str) -> Field {
        Field::text(label, FieldKind::Line, value)
    }

    fn scaled(label: &'static str, scale: Scale, value: Option<f64>) -> Field {
        Field::text(
            label,
            FieldKind::Scaled(scale),
            &value.map(format_number).unwrap_or_default(),
        )
    }

    pub(crate) fn choice(label: &'static str, options: Vec<String>, index: usize) -> Field {
        Field {
            label,
            kind: FieldKind::Choice { options, index },
            input: TextArea::default(),
        }
    }

    /// The field's value as text (a choice's option name).
    pub fn value(&self) -> String {
        match &self.kind {
            FieldKind::Choice { options, index } => options[*index].clone(),
            _ => self.input.lines().join("\n"),
        }
    }

    fn choice_index(&self) -> usize {
        match self.kind {
            FieldKind::Choice { index, .. } => index,
            _ => 0,
        }
    }

    pub fn is_text(&self) -> bool {
        !matches!(self.kind, FieldKind::Choice { .. })
    }
}

/// What a key did to the form.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FormOutcome {
    Continue,
    Submit,
    Cancel,
    OpenEditor,
}

/// A valid change a submitted form asks for.
#[derive(Debug, Clone, PartialEq)]
pub enum Submission {
    Add(FeedbackDraft),
    /// An edit: the draft as the form first showed it, and as saved.
    Edit {
        id: i64,
        original: FeedbackDraft,
        edited: FeedbackDraft,
    },
    Rice(i64, Rice),
    Ice(i64, Ice),
    Wsjf(i64, Wsjf),
}

/// What a submitted form asks for: a feedback change, a retro change, a
/// status change with the decision behind it, or a dashboard write.
#[derive(Debug, Clone, PartialEq)]
pub enum Submitted {
    Feedback(Submission),
    Retro(RetroWrite),
    Decision {
        id: i64,
        status: Status,
        draft: DecisionDraft,
    },
    Dashboard(DashboardWrite),
}

#[derive(Debug)]
pub struct Form {
    pub kind: FormKind,
    /// The item's title, shown in the heading of edit and score forms.
    pub subject: String,
    pub fields: Vec<Field>,
    pub focus: usize,
    pub error: Option<String>,
    pub dirty: bool,
    /// For an edit: the fields as first shown (text already cleaned).
    original: Option<FeedbackDraft>,
}

const IMPACT_UNSET: &str = "— (not set)";

fn impact_options() -> Vec<String> {
    std::iter::once(IMPACT_UNSET.to_string())
        .chain(Impact::SCALE.iter().map(|i| i.to_string()))
        .collect()
}

fn names(list: &[&str]) -> Vec<String> {
    list.iter().map(|s| s.to_string()).collect()
}

impl Form {
    fn new(kind: FormKind, subject: String, fields: Vec<Field>) -> Form {
        Form {
            kind,
            subject,
            fields,
            focus: 0,
            error: None,
            dirty: false,
            original: None,
        }
    }

    fn draft_fields(draft: &FeedbackDraft) -> Vec<Field> {
        let source = Source::ALL
            .iter()
            .position(|s| *s == draft.source)
            .unwrap_or(0);
        let status = Status::ALL
            .iter()
            .position(|s| *s == draft.status)
            .unwrap_or(0);
        vec![
            Field::line("Title", &draft.title),
            Field::text("Description", FieldKind::Multi, &draft.description),
            Field::choice("Source", names(Source::NAMES), source),
            Field::line("Customer", draft.customer.as_deref().unwrap_or("")),
            Field::line("Tags", &draft.tags.join(", ")),
            Field::choice("Status", names(Status::NAMES), status),
            Field::line(
                "NPS (0–10)",
                &draft.nps.map(|n| n.to_string()).unwrap_or_default(),
            ),
        ]
    }

    /// A form with the given fields (the retro's forms are built this way).
    pub(crate) fn custom(kind: FormKind, subject: String, fields: Vec<Field>) -> Form {
        Form::new(kind, subject, fields)
    }

    pub fn add() -> Form {
        Form::new(
            FormKind::Add,
            String::new(),
            Form::draft_fields(&FeedbackDraft::default()),
        )
    }

    pub fn edit(item: &FeedbackItem) -> Form {
        let mut form = Form::new(
            FormKind::Edit { id: item.id },
            item.title.clone(),
            Form::draft_fields(&item.draft()),
        );
        form.original = Some(form.draft().unwrap_or_else(|_| item.draft()));
        form
    }

    pub fn score(item: &FeedbackItem, model: ScoringModel) -> Form {
        let fields = match model {
            ScoringModel::Rice => {
                let r = item.rice;
                let impact = r
                    .impact
                    .and_then(|i| Impact::SCALE.iter().position(|x| *x == i))
                    .map_or(0, |p| p + 1);
                vec![
                    Field::line(
                        "Reach (per quarter)",
                        &r.reach.map(format_number).unwrap_or_default(),
                    ),
                    Field::choice("Impact", impact_options(), impact),
                    Field::scaled("Confidence (%)", Scale::Confidence, r.confidence),
                    Field::line(
                        "Effort (person-months)",
                        &r.effort.map(format_number).unwrap_or_default(),
                    ),
                ]
            }
            ScoringModel::Ice => {
                let i = item.ice;
                let f = |v: Option<u8>| v.map(f64::from);
                vec![
                    Field::scaled("Impact (1–10)", Scale::OneToTen, f(i.impact)),
                    Field::scaled("Confidence (1–10)", Scale::OneToTen, f(i.confidence)),
                    Field::scaled("Ease (1–10)", Scale::OneToTen, f(i.ease)),
                ]
            }
            ScoringModel::Wsjf => {
                let w = item.wsjf;
                vec![
                    Field::scaled("Business value", Scale::Fibonacci, w.business_value),
                    Field::scaled("Time criticality", Scale::Fibonacci, w.time_criticality),
                    Field::scaled("Risk reduction", Scale::Fibonacci, w.risk_reduction),
                    Field::scaled("Job size", Scale::Fibonacci, w.job_size),
                ]
            }
        };
        Form::new(
            FormKind::Score { id: item.id, model },
            item.title.clone(),
            fields,
        )
    }

    pub fn title(&self) -> String {
        match self.kind {
            FormKind::Add => "Add feedback".to_string(),
            FormKind::Edit { .. } => "Edit feedback".to_string(),
            FormKind::Score { model, .. } => format!("Score with {}", model.label()),
            FormKind::Retro(kind) => kind.title().to_string(),
            FormKind::Decision { status, .. } => decision::title(status),
            FormKind::Dashboard(kind) => kind.title().to_string(),
        }
    }

    pub fn focused(&self) -> &Field {
        &self.fields[self.focus]
    }

    /// Handles one key (with the command the form keymap gives it, if any).
    pub fn handle_key(&mut self, command: Option<Command>, key: Key) -> FormOutcome {
        let is_tab = matches!(key.code, KeyCode::Tab | KeyCode::BackTab);
        let multi = matches!(self.focused().kind, FieldKind::Multi);
        match command {
            Some(Command::Save) => return FormOutcome::Submit,
            Some(Command::Cancel) => return FormOutcome::Cancel,
            Some(Command::ExternalEditor) if multi => return FormOutcome::OpenEditor,
            // In the description, only Tab leaves the field; arrows and Enter edit.
            Some(Command::NextField) if !multi || is_tab => {
                self.focus = (self.focus + 1) % self.fields.len();
                return FormOutcome::Continue;
            }
            Some(Command::PreviousField) if !multi || is_tab => {
                self.focus = (self.focus + self.fields.len() - 1) % self.fields.len();
                return FormOutcome::Continue;
            }
            Some(Command::Confirm) if !multi => return FormOutcome::Submit,
            Some(c @ (Command::StepUp | Command::StepDown)) if self.step(c == Command::StepUp) => {
                return FormOutcome::Continue;
            }
            _ => {}
        }
        let field = &mut self.fields[self.focus];
        let plain_text_key = !matches!(key.code, KeyCode::Enter | KeyCode::Tab | KeyCode::BackTab);
        if (multi || (field.is_text() && plain_text_key)) && field.input.input(text_input(key)) {
            self.dirty = true;
            self.error = None;
        }
        FormOutcome::Continue
    }

    /// Inserts pasted text into the focused text field.
    pub fn paste(&mut self, text: &str) {
        let field = &mut self.fields[self.focus];
        match field.kind {
            FieldKind::Multi => {
                field.input.insert_str(sanitize_multiline(text));
            }
            FieldKind::Line | FieldKind::Scaled(_) => {
                field.input.insert_str(sanitize_line(text));
            }
            FieldKind::Choice { .. } => return,
        }
        self.dirty = true;
    }

    /// Replaces the description with text from the external editor.
    pub fn set_multiline_text(&mut self, text: &str) {
        if let Some(field) = self
            .fields
            .iter_mut()
            .find(|f| matches!(f.kind, FieldKind::Multi))
        {
            *field = Field::text(field.label, FieldKind::Multi, text.trim_end_matches('\n'));
            self.dirty = true;
        }
    }

    /// The description's current text, for the external editor.
    pub fn multiline_text(&self) -> String {
        self.fields
            .iter()
            .find(|f| matches!(f.kind, FieldKind::Multi))
            .map(Field::value)
            .unwrap_or_default()
    }

    /// Steps a choice or scale field; false when the focused field has no scale.
    fn step(&mut self, up: bool) -> bool {
        let field = &mut self.fields[self.focus];
        match &mut field.kind {
            FieldKind::Choice { options, index } => {
                let n = options.len();
                *index = if up {
                    (*index + 1) % n
                } else {
                    (*index + n - 1) % n
                };
            }
            FieldKind::Scaled(scale) => {
                let current = field
                    .input
                    .lines()
                    .join("")
                    .trim()
                    .trim_end_matches('%')
                    .parse()
                    .ok();
                let next = scale.step(current, up);
                *field = Field::scaled(field.label, *scale, Some(next));
            }
            _ => return false,
        }
        self.dirty = true;
        self.error = None;
        true
    }

    fn optional<T>(
        &self,
        index: usize,
        parse: impl Fn(&str) -> Result<T, FactorError>,
    ) -> Result<Option<T>, (usize, String)> {
        let text = self.fields[index].value();
        if text.trim().is_empty() {
            return Ok(None);
        }
        parse(&text).map(Some).map_err(|e| (index, e.to_string()))
    }

    fn draft(&self) -> Result<FeedbackDraft, (usize, String)> {
        let draft = FeedbackDraft {
            title: self.fields[0].value(),
            description: self.fields[1].value(),
            source: Source::ALL[self.fields[2].choice_index()],
            customer: Some(self.fields[3].value()),
            tags: parse_tags(&self.fields[4].value()),
            status: Status::ALL[self.fields[5].choice_index()],
            nps: self.optional(6, parse_nps)?,
        };
        draft.validated().map_err(|e| {
            let text = e.to_string();
            let field = if text.contains("description") {
                1
            } else if text.contains("tag") {
                4
            } else {
                0
            };
            (field, text)
        })
    }

    fn rice(&self) -> Result<Rice, (usize, String)> {
        Ok(Rice {
            reach: self.optional(0, parse_reach)?,
            impact: self.fields[1]
                .choice_index()
                .checked_sub(1)
                .map(|i| Impact::SCALE[i]),
            confidence: self.optional(2, parse_confidence)?,
            effort: self.optional(3, parse_effort)?,
        })
    }

    fn ice(&self) -> Result<Ice, (usize, String)> {
        Ok(Ice {
            impact: self.optional(0, |t| parse_ice_factor("impact", t))?,
            confidence: self.optional(1, |t| parse_ice_factor("confidence", t))?,
            ease: self.optional(2, |t| parse_ice_factor("ease", t))?,
        })
    }

    fn wsjf(&self) -> Result<Wsjf, (usize, String)> {
        Ok(Wsjf {
            business_value: self.optional(0, |t| parse_wsjf_component("business_value", t))?,
            time_criticality: self.optional(1, |t| parse_wsjf_component("time_criticality", t))?,
            risk_reduction: self.optional(2, |t| parse_wsjf_component("risk_reduction", t))?,
            job_size: self.optional(3, parse_job_size)?,
        })
    }

    /// The validated change, or the index of the bad field and why.
    pub fn submission(&self) -> Result<Submission, (usize, String)> {
        Ok(match self.kind {
            FormKind::Add => Submission::Add(self.draft()?),
            FormKind::Edit { id } => Submission::Edit {
                id,
                original: self.original.clone().unwrap_or_default(),
                edited: self.draft()?,
            },
            FormKind::Score {
                id,
                model: ScoringModel::Rice,
            } => Submission::Rice(id, self.rice()?),
            FormKind::Score {
                id,
                model: ScoringModel::Ice,
            } => Submission::Ice(id, self.ice()?),
            FormKind::Score {
                id,
                model: ScoringModel::Wsjf,
            } => Submission::Wsjf(id, self.wsjf()?),
            FormKind::Retro(_) | FormKind::Decision { .. } | FormKind::Dashboard(_) => {
                return Err((0, "this form makes no feedback change".into()));
            }
        })
    }

    /// What the form asks for once submitted, or the field that is wrong.
    pub fn submitted(&self) -> Result<Submitted, (usize, String)> {
        match self.kind {
            FormKind::Retro(kind) => Ok(Submitted::Retro(submission(kind, &self.fields)?)),
            FormKind::Decision { id, status } => Ok(Submitted::Decision {
                id,
                status,
                draft: decision::draft(&self.fields)?,
            }),
            FormKind::Dashboard(kind) => Ok(Submitted::Dashboard(dashboard_forms::submission(
                kind,
                &self.subject,
                &self.fields,
            ))),
            _ => Ok(Submitted::Feedback(self.submission()?)),
        }
    }

    /// The score the fields give right now, for a live preview.
    pub fn preview_score(&self) -> Option<f64> {
        match self.submission().ok()? {
            Submission::Rice(_, r) => r.score(),
            Submission::Ice(_, i) => i.score(),
            Submission::Wsjf(_, w) => w.score(),
            _ => None,
        }
    }

    /// Marks a field as wrong: focus it and show the message.
    pub fn reject(&mut self, field: usize, message: String) {
        self.focus = field.min(self.fields.len() - 1);
        self.error = Some(message);
    }
}

/// The text area's view of a key.
fn text_input(key: Key) -> TextInput {
    let code = match key.code {
        KeyCode::Char(c) => TextKey::Char(c),
        KeyCode::Enter => TextKey::Enter,
        KeyCode::Esc => TextKey::Esc,
        KeyCode::Tab | KeyCode::BackTab => TextKey::Tab,
        KeyCode::Backspace => TextKey::Backspace,
        KeyCode::Delete => TextKey::Delete,
        KeyCode::Up => TextKey::Up,
        KeyCode::Down => TextKey::Down,
        KeyCode::Left => TextKey::Left,
        KeyCode::Right => TextKey::Right,
        KeyCode::Home => TextKey::Home,
        KeyCode::End => TextKey::End,
        KeyCode::PageUp => TextKey::PageUp,
        KeyCode::PageDown => TextKey::PageDown,
        KeyCode::F(n) => TextKey::F(n),
        KeyCode::Insert => TextKey::Null,
    };
    TextInput {
        key: code,
        ctrl: key.modifiers.ctrl,
        alt: key.modifiers.alt,
        shift: key.modifiers.shift,
    }
}

#[cfg(test)]
mod tests;
