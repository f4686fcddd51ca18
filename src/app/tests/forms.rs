//! The add, edit and score forms over the screens.

use super::*;

#[test]
fn add_form_submits_and_closes_when_stored() {
    let mut m = model();
    char_key(&mut m, 'a');
    assert_eq!(m.mode(), Mode::Form);
    for c in "New idea".chars() {
        char_key(&mut m, c);
    }
    // Enter first looks for items like it; with none, it is written.
    let effects = press(&mut m, KeyCode::Enter);
    let [Effect::FindSimilar(draft)] = effects.as_slice() else {
        panic!("{effects:?}");
    };
    let effects = update(
        &mut m,
        Action::SimilarFound {
            draft: draft.clone(),
            matches: vec![],
        },
    );
    let [
        Effect::Write {
            write: Write::Submit(Submission::Add(draft)),
            undoable: true,
        },
    ] = effects.as_slice()
    else {
        panic!("{effects:?}");
    };
    assert_eq!(draft.title, "New idea");
    assert!(
        m.overlays.form().is_some(),
        "the form stays until the store confirms"
    );
    update(
        &mut m,
        Action::Stored {
            before: None,
            after: Some(item(9, "New idea", None)),
            attachments: None,
            undoable: true,
            what: "Added".into(),
        },
    );
    assert!(m.overlays.form().is_none());
    assert_eq!(m.triage.list.selected_id(), Some(9));
    assert_eq!(
        match m.undo.last() {
            Some(crate::app::Undoable::Change(u)) => Some((u.id, u.before.is_none())),
            _ => None,
        },
        Some((9, true))
    );
    assert_eq!(
        char_key(&mut m, 'u'),
        vec![Effect::Write {
            write: Write::Revert {
                id: 9,
                expected: Some(item(9, "New idea", None)),
                target: None,
                attachments: None,
            },
            undoable: false
        }]
    );
}

#[test]
fn a_bad_score_keeps_the_form_open_with_the_field_named() {
    let mut m = model();
    assert_eq!(
        char_key(&mut m, 'r'),
        vec![Effect::LoadForForm {
            id: 2,
            kind: FormKind::Score {
                id: 2,
                model: crate::domain::scoring::ScoringModel::Rice
            }
        }]
    );
    update(
        &mut m,
        Action::FormLoaded {
            item: item(2, "Dark mode", Some(300.0)),
            kind: FormKind::Score {
                id: 2,
                model: crate::domain::scoring::ScoringModel::Rice,
            },
        },
    );
    // Go to effort, which holds "1", and make it "10" then "0".
    for _ in 0..3 {
        press(&mut m, KeyCode::Tab);
    }
    press(&mut m, KeyCode::Backspace);
    char_key(&mut m, '0');
    assert!(press(&mut m, KeyCode::Enter).is_empty());
    let form = m.overlays.form().unwrap();
    assert_eq!(form.focus, 3);
    assert!(form.error.as_deref().unwrap().contains("effort '0'"));
}

#[test]
fn quitting_with_unsaved_text_asks_first() {
    let mut m = model();
    char_key(&mut m, 'a');
    char_key(&mut m, 'x');
    update(&mut m, Action::key(Key::ctrl('c')));
    assert!(!m.quit);
    assert_eq!(m.mode(), Mode::Confirm);
    char_key(&mut m, 'y');
    assert!(m.quit);

    let mut m = model();
    char_key(&mut m, 'q');
    assert!(m.quit, "q quits at once when nothing is unsaved");
}

#[test]
fn escape_in_a_changed_form_asks_before_discarding() {
    let mut m = model();
    char_key(&mut m, 'a');
    press(&mut m, KeyCode::Esc);
    assert!(m.overlays.form().is_none(), "an untouched form just closes");
    char_key(&mut m, 'a');
    char_key(&mut m, 'x');
    press(&mut m, KeyCode::Esc);
    assert_eq!(m.mode(), Mode::Confirm);
    char_key(&mut m, 'n');
    assert!(m.overlays.form().is_some());
    press(&mut m, KeyCode::Esc);
    char_key(&mut m, 'y');
    assert!(m.overlays.form().is_none());
}

#[test]
fn adding_an_item_like_a_stored_one_asks_and_can_open_it_instead() {
    use crate::domain::duplicates::SimilarItem;
    let mut m = model();
    char_key(&mut m, 'a');
    for c in "Export to Excel please".chars() {
        char_key(&mut m, c);
    }
    let effects = press(&mut m, KeyCode::Enter);
    let [Effect::FindSimilar(draft)] = effects.as_slice() else {
        panic!("{effects:?}");
    };
    let found = Action::SimilarFound {
        draft: draft.clone(),
        matches: vec![SimilarItem {
            id: 1,
            title: "Export to Excel".into(),
            similarity: 0.72,
        }],
    };
    assert!(update(&mut m, found.clone()).is_empty());
    let question = m.overlays.question().unwrap();
    assert!(
        question
            .text
            .contains("looks like #1 “Export to Excel” (72 % alike)"),
        "{}",
        question.text
    );
    // n opens the stored item instead: the form closes, the item is
    // selected and its detail pane opens.
    let effects = char_key(&mut m, 'n');
    assert!(m.overlays.is_empty());
    assert_eq!(m.triage.list.selected_id(), Some(1));
    assert!(m.triage.detail_open);
    assert_eq!(effects, vec![Effect::LoadDetail(1)]);
    // y adds it anyway.
    char_key(&mut m, 'a');
    for c in "Export to Excel please".chars() {
        char_key(&mut m, c);
    }
    press(&mut m, KeyCode::Enter);
    update(&mut m, found);
    let effects = char_key(&mut m, 'y');
    assert!(
        matches!(&effects[..], [Effect::Write { write: Write::Submit(Submission::Add(d)), .. }] if d.title == "Export to Excel please"),
        "{effects:?}"
    );
}
