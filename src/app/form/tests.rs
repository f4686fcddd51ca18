//! Tests of the add, edit and score forms: typing and editing fields, and
//! what a filled-in form turns into (a draft, or an error naming the field).

use super::*;

fn key(code: KeyCode) -> Key {
    Key::plain(code)
}

fn type_text(form: &mut Form, text: &str) {
    for c in text.chars() {
        form.handle_key(None, key(KeyCode::Char(c)));
    }
}

#[test]
fn typing_a_title_and_enter_submits_a_draft() {
    let mut form = Form::add();
    type_text(&mut form, "Dark mode");
    assert!(form.dirty);
    assert_eq!(
        form.handle_key(Some(Command::Confirm), key(KeyCode::Enter)),
        FormOutcome::Submit
    );
    match form.submission().unwrap() {
        Submission::Add(d) => {
            assert_eq!(d.title, "Dark mode");
            assert_eq!(d.source, Source::Other);
            assert_eq!(d.status, Status::New);
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn enter_and_arrows_edit_the_description() {
    let mut form = Form::add();
    form.handle_key(Some(Command::NextField), key(KeyCode::Tab));
    type_text(&mut form, "one");
    assert_eq!(
        form.handle_key(Some(Command::Confirm), key(KeyCode::Enter)),
        FormOutcome::Continue
    );
    form.handle_key(Some(Command::NextField), key(KeyCode::Down));
    assert_eq!(form.focus, 1, "down stays in the description");
    type_text(&mut form, "two");
    assert_eq!(form.fields[1].value(), "one\ntwo");
}

#[test]
fn an_empty_title_is_rejected_with_its_field() {
    let form = Form::add();
    let (field, message) = form.submission().unwrap_err();
    assert_eq!(field, 0);
    assert!(message.contains("title"));
}

#[test]
fn rice_form_steps_impact_and_confidence_and_validates_numbers() {
    let item = FeedbackItem::example(7, "x");
    let mut form = Form::score(&item, ScoringModel::Rice);
    type_text(&mut form, "150");
    form.handle_key(Some(Command::NextField), key(KeyCode::Tab));
    for _ in 0..4 {
        form.handle_key(Some(Command::StepUp), key(KeyCode::Right));
    }
    form.handle_key(Some(Command::NextField), key(KeyCode::Tab));
    form.handle_key(Some(Command::StepUp), key(KeyCode::Right));
    form.handle_key(Some(Command::StepUp), key(KeyCode::Right));
    assert_eq!(form.fields[2].value(), "80");
    form.handle_key(Some(Command::NextField), key(KeyCode::Tab));
    type_text(&mut form, "0");
    let (field, message) = form.submission().unwrap_err();
    assert_eq!(field, 3);
    assert!(message.contains("effort '0'"), "{message}");
    form.handle_key(None, key(KeyCode::Backspace));
    type_text(&mut form, "1");
    assert_eq!(
        form.submission().unwrap(),
        Submission::Rice(
            7,
            Rice {
                reach: Some(150.0),
                impact: Some(Impact::High),
                confidence: Some(80.0),
                effort: Some(1.0)
            }
        )
    );
    assert_eq!(form.preview_score(), Some(240.0));
}

#[test]
fn the_description_wraps_at_word_boundaries_instead_of_scrolling_sideways() {
    use ratatui::buffer::Buffer;
    use ratatui::layout::Rect;
    use ratatui::widgets::Widget;
    let mut form = Form::add();
    form.handle_key(Some(Command::NextField), key(KeyCode::Tab));
    type_text(&mut form, "Managers want the weekly rota as an Excel file");
    let area = Rect::new(0, 0, 16, 4);
    let mut buf = Buffer::empty(area);
    (&form.fields[1].input).render(area, &mut buf);
    let rows: Vec<String> = (0..4)
        .map(|y| {
            (0..16)
                .map(|x| buf[(x, y)].symbol())
                .collect::<String>()
                .trim_end()
                .to_string()
        })
        .collect();
    assert_eq!(
        rows,
        ["Managers want", "the weekly rota", "as an Excel file", ""]
    );
    // One line of text all the same: wrapping only changes how it shows.
    assert_eq!(
        form.fields[1].value(),
        "Managers want the weekly rota as an Excel file"
    );
}
