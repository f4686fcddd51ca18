//! `update` driven with actions, asserting on the model and the effects.

use super::*;
use crate::domain::scoring::{Impact, Rice};
use chrono::DateTime;
use ratatui::crossterm::event::KeyModifiers;

fn item(id: i64, title: &str, reach: Option<f64>) -> FeedbackItem {
    FeedbackItem {
        source: Source::Support,
        created_at: DateTime::from_timestamp(1_700_000_000 + id, 0).unwrap(),
        rice: Rice {
            reach,
            impact: Some(Impact::High),
            confidence: Some(80.0),
            effort: Some(1.0),
        },
        ..FeedbackItem::example(id, title)
    }
}

fn model() -> Model {
    let rows = vec![
        TriageRow::from_item(item(1, "Export to Excel", Some(10.0))),
        TriageRow::from_item(item(2, "Dark mode", Some(300.0))),
        TriageRow::from_item(item(3, "SSO times out", None)),
    ];
    Model::new(Config::defaults(true), rows, "test.db".into())
}

fn press(model: &mut Model, code: KeyCode) -> Vec<Effect> {
    update(model, Action::Key(KeyEvent::new(code, KeyModifiers::NONE)))
}

fn char_key(model: &mut Model, c: char) -> Vec<Effect> {
    press(model, KeyCode::Char(c))
}

#[test]
fn moving_and_opening_the_detail_pane_loads_the_item() {
    let mut m = model();
    assert_eq!(m.list.selected_id(), Some(2), "highest RICE first");
    assert!(
        char_key(&mut m, 'j').is_empty(),
        "no load while the pane is closed"
    );
    assert_eq!(press(&mut m, KeyCode::Enter), vec![Effect::LoadDetail(1)]);
    assert!(m.detail_open);
    update(
        &mut m,
        Action::DetailLoaded(item(1, "Export to Excel", Some(10.0))),
    );
    assert_eq!(m.detail.as_ref().map(|d| d.id), Some(1));
    assert_eq!(char_key(&mut m, 'j'), vec![Effect::LoadDetail(3)]);
    char_key(&mut m, 'G');
    char_key(&mut m, 'g');
    assert_eq!(m.list.selected_id(), Some(2));
}

#[test]
fn delete_asks_then_writes_and_undo_restores() {
    let mut m = model();
    assert!(char_key(&mut m, 'd').is_empty());
    assert_eq!(m.mode(), Mode::Confirm);
    assert!(char_key(&mut m, 'n').is_empty());
    assert_eq!(m.mode(), Mode::Triage);
    char_key(&mut m, 'd');
    let effects = char_key(&mut m, 'y');
    assert_eq!(
        effects,
        vec![Effect::Write {
            write: Write::Delete(2),
            undoable: true
        }]
    );
    let deleted = item(2, "Dark mode", Some(300.0));
    update(
        &mut m,
        Action::Stored {
            before: Some(deleted.clone()),
            after: None,
            attachments: Some(Attachments::default()),
            undoable: true,
            what: "Deleted “Dark mode”".into(),
        },
    );
    assert_eq!(m.list.total(), 2);
    assert!(matches!(&m.notice, Some(Notice::Info(t)) if t.contains("u to undo")));
    let effects = char_key(&mut m, 'u');
    assert_eq!(
        effects,
        vec![Effect::Write {
            write: Write::Revert {
                id: 2,
                expected: None,
                target: Some(deleted.clone()),
                attachments: Some(Attachments::default()),
            },
            undoable: false
        }]
    );
    update(
        &mut m,
        Action::Stored {
            before: None,
            after: Some(deleted),
            attachments: None,
            undoable: false,
            what: "Restored".into(),
        },
    );
    assert_eq!(m.list.total(), 3);
    assert!(m.undo.is_empty());
    assert_eq!(m.list.selected_id(), Some(2));
}

#[test]
fn status_keys_write_the_next_and_previous_status() {
    let mut m = model();
    assert_eq!(
        char_key(&mut m, 't'),
        vec![Effect::Write {
            write: Write::SetStatus(2, Status::Triaged),
            undoable: true
        }]
    );
    assert_eq!(
        char_key(&mut m, 'T'),
        vec![Effect::Write {
            write: Write::SetStatus(2, Status::WontDo),
            undoable: true
        }]
    );
}

#[test]
fn filter_typing_narrows_and_escape_clears() {
    let mut m = model();
    char_key(&mut m, '/');
    assert_eq!(m.mode(), Mode::Filter);
    for c in "dark".chars() {
        char_key(&mut m, c);
    }
    assert_eq!(m.list.visible_len(), 1);
    char_key(&mut m, 'q');
    assert_eq!(
        m.list.query(),
        "darkq",
        "q is text while filtering, not quit"
    );
    assert!(!m.quit);
    press(&mut m, KeyCode::Backspace);
    press(&mut m, KeyCode::Enter);
    assert_eq!(m.mode(), Mode::Triage);
    assert_eq!(m.list.visible_len(), 1);
    press(&mut m, KeyCode::Esc);
    assert_eq!(
        m.list.visible_len(),
        3,
        "esc in the table clears the filters"
    );
}

#[test]
fn sort_and_model_cycle() {
    let mut m = model();
    char_key(&mut m, 's');
    assert_eq!(m.list.sort(), crate::domain::triage::SortKey::Created);
    char_key(&mut m, 'm');
    assert_eq!(m.list.model(), crate::domain::scoring::ScoringModel::Ice);
    char_key(&mut m, 'f');
    assert_eq!(m.list.status_filter(), Some(Status::New));
    char_key(&mut m, 'F');
    assert_eq!(m.list.source_filter(), Some(Source::Survey));
    assert_eq!(m.list.visible_len(), 0);
}

#[test]
fn add_form_submits_and_closes_when_stored() {
    let mut m = model();
    char_key(&mut m, 'a');
    assert_eq!(m.mode(), Mode::Form);
    for c in "New idea".chars() {
        char_key(&mut m, c);
    }
    let effects = press(&mut m, KeyCode::Enter);
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
    assert!(m.form.is_some(), "the form stays until the store confirms");
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
    assert!(m.form.is_none());
    assert_eq!(m.list.selected_id(), Some(9));
    assert_eq!(
        m.undo.last().map(|u| (u.id, u.before.is_none())),
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
    let form = m.form.as_ref().unwrap();
    assert_eq!(form.focus, 3);
    assert!(form.error.as_deref().unwrap().contains("effort '0'"));
}

#[test]
fn quitting_with_unsaved_text_asks_first() {
    let mut m = model();
    char_key(&mut m, 'a');
    char_key(&mut m, 'x');
    let ctrl_c = KeyEvent::new(KeyCode::Char('c'), KeyModifiers::CONTROL);
    update(&mut m, Action::Key(ctrl_c));
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
    assert!(m.form.is_none(), "an untouched form just closes");
    char_key(&mut m, 'a');
    char_key(&mut m, 'x');
    press(&mut m, KeyCode::Esc);
    assert_eq!(m.mode(), Mode::Confirm);
    char_key(&mut m, 'n');
    assert!(m.form.is_some());
    press(&mut m, KeyCode::Esc);
    char_key(&mut m, 'y');
    assert!(m.form.is_none());
}

#[test]
fn help_opens_scrolls_and_closes() {
    let mut m = model();
    char_key(&mut m, '?');
    assert_eq!(m.mode(), Mode::Help);
    char_key(&mut m, 'j');
    assert_eq!(m.help, Some(1));
    char_key(&mut m, 'q');
    assert_eq!(m.help, None);
    assert!(!m.quit, "q closes help, it does not quit");
}

#[test]
fn a_failed_write_is_shown() {
    let mut m = model();
    update(
        &mut m,
        Action::Failed("Not saved: database is locked".into()),
    );
    assert!(matches!(&m.notice, Some(Notice::Error(t)) if t.contains("locked")));
}

fn survey(id: i64, title: &str, pairs: &[(u8, u8)]) -> FeatureResponses {
    use crate::domain::kano::{Answer, Response};
    FeatureResponses {
        feedback_id: id,
        title: title.into(),
        responses: pairs
            .iter()
            .map(|&(f, d)| Response {
                functional: Answer::from_number(f).unwrap(),
                dysfunctional: Answer::from_number(d).unwrap(),
                importance: None,
            })
            .collect(),
    }
}

#[test]
fn the_kano_screen_loads_analyses_and_shares_categories() {
    let mut m = model();
    assert_eq!(char_key(&mut m, '2'), vec![Effect::LoadKano]);
    assert_eq!(m.mode(), Mode::Kano);
    // Item 1: 3 attractive (like/neutral) and 2 must-be (expect/dislike).
    update(
        &mut m,
        Action::KanoLoaded(vec![survey(
            1,
            "Export to Excel",
            &[(1, 3), (1, 3), (1, 3), (2, 5), (2, 5)],
        )]),
    );
    assert_eq!(m.kano.rows.len(), 1);
    assert_eq!(m.list.kano_of(1), Some(Category::Attractive));
    // Widening the tie window to 25 points ties A (60 %) with M (40 %): M wins.
    for _ in 0..5 {
        char_key(&mut m, ']');
    }
    assert_eq!(m.kano.settings.tie_window, 25.0);
    assert_eq!(
        m.list.kano_of(1),
        Some(Category::MustBe),
        "the triage column follows"
    );
    assert!(matches!(&m.notice, Some(Notice::Info(t)) if t.contains("25")));
    char_key(&mut m, 'b');
    assert_eq!(
        m.kano.settings.table,
        crate::domain::kano::EvaluationTable::Pouliot
    );
    // j moves in the Kano list, not the triage table.
    let before = m.list.selected_id();
    char_key(&mut m, 'j');
    assert_eq!(m.list.selected_id(), before);
    char_key(&mut m, '1');
    assert_eq!(m.mode(), Mode::Triage);
    char_key(&mut m, 'K');
    assert_eq!(m.list.kano_filter(), Some(Category::MustBe));
    assert_eq!(m.list.visible_len(), 1);
}

#[test]
fn the_import_dialog_steps_forward_and_back_without_losing_the_path() {
    use crate::interop::import::Field;
    let mut m = model();
    char_key(&mut m, 'i');
    assert_eq!(m.mode(), Mode::Import);
    // Enter on an empty path explains instead of reading anything.
    assert!(press(&mut m, KeyCode::Enter).is_empty());
    assert!(m.import.as_ref().unwrap().error.is_some());
    // Letters that are keys elsewhere (q, j, d) type into the path.
    for c in "dq-j.csv".chars() {
        char_key(&mut m, c);
    }
    press(&mut m, KeyCode::Backspace);
    update(&mut m, Action::Paste("v\n".into()));
    assert_eq!(m.import.as_ref().unwrap().path, "dq-j.csv");
    assert!(!m.quit);
    let effects = press(&mut m, KeyCode::Enter);
    assert!(matches!(&effects[..], [Effect::PreviewImport { path, .. }] if path == "dq-j.csv"));
    // A preview that fails keeps the dialog on the path, with the reason.
    update(&mut m, Action::ImportPreviewed(Err("no such file".into())));
    let flow = m.import.as_ref().unwrap();
    assert_eq!(flow.step, ImportStep::Path);
    assert_eq!(flow.error.as_deref(), Some("no such file"));

    let preview = import_flow::sample_preview();
    let preview_again = preview.clone();
    update(&mut m, Action::ImportPreviewed(Ok(preview)));
    press(&mut m, KeyCode::Down);
    let effects = press(&mut m, KeyCode::Right);
    match &effects[..] {
        [Effect::PreviewImport { options, .. }] => {
            assert_eq!(options.positions, vec![(1, Some(Field::Title))])
        }
        other => panic!("{other:?}"),
    }
    // Tab picks the source of rows that name none, without a new preview.
    assert!(press(&mut m, KeyCode::Tab).is_empty());
    assert_eq!(
        m.import.as_ref().unwrap().options.source,
        Some(Source::Survey)
    );
    let effects = press(&mut m, KeyCode::Enter);
    match &effects[..] {
        [Effect::StartImport { options, .. }] => assert_eq!(options.source, Some(Source::Survey)),
        other => panic!("{other:?}"),
    }
    assert!(m.import.as_ref().unwrap().is_running());
    // While it runs, only Esc (stop) does anything.
    assert!(char_key(&mut m, 'q').is_empty());
    assert!(!m.quit);
    assert_eq!(press(&mut m, KeyCode::Esc), vec![Effect::CancelImport]);
    update(
        &mut m,
        Action::ImportFinished(Err(vec!["import cancelled; nothing was imported".into()])),
    );
    assert!(matches!(
        m.import.as_ref().unwrap().step,
        ImportStep::Failed(_)
    ));
    // Back to the preview, then a good run closes the dialog and reloads.
    assert!(matches!(
        &press(&mut m, KeyCode::Esc)[..],
        [Effect::PreviewImport { .. }]
    ));
    update(&mut m, Action::ImportPreviewed(Ok(preview_again)));
    assert!(m.import.as_ref().unwrap().preview().is_some());
    assert!(matches!(
        &press(&mut m, KeyCode::Enter)[..],
        [Effect::StartImport { .. }]
    ));
    update(
        &mut m,
        Action::ImportFinished(Ok("imported 2 rows from dq-j.csv".into())),
    );
    assert!(m.import.is_none());
    assert_eq!(m.mode(), Mode::Triage);
}

#[test]
fn finishing_an_import_reloads_the_rows() {
    let mut m = model();
    char_key(&mut m, 'i');
    // An outcome arriving when no import runs (a late or repeated one) is
    // ignored.
    let late = Action::ImportFinished(Err(vec!["stopped".into()]));
    assert!(update(&mut m, late).is_empty());
    assert_eq!(m.import.as_ref().unwrap().step, ImportStep::Path);
    m.import.as_mut().unwrap().step = ImportStep::Running {
        done: 0,
        total: 10,
        rows: 0,
    };
    let effects = update(
        &mut m,
        Action::ImportFinished(Ok("imported 2 rows from x.csv: 2 new items".into())),
    );
    assert_eq!(effects, vec![Effect::LoadRows]);
    assert_eq!(
        m.notice,
        Some(Notice::Info(
            "imported 2 rows from x.csv: 2 new items".into()
        ))
    );
}

#[test]
fn a_merge_updates_the_table_and_looks_again() {
    use crate::domain::duplicates::{NearDuplicate, NearDuplicates, PairItem};
    let mut m = model();
    let effects = char_key(&mut m, '3');
    assert_eq!(effects, vec![Effect::LoadDuplicates { threshold: 0.5 }]);
    assert_eq!(m.mode(), Mode::Duplicates);
    let pair_item = |id: i64, title: &str| PairItem {
        id,
        title: title.into(),
        description: String::new(),
        source: Source::Support,
        mentions: 1,
    };
    update(
        &mut m,
        Action::DuplicatesLoaded(NearDuplicates {
            pairs: vec![NearDuplicate {
                first: pair_item(1, "Export to Excel"),
                second: pair_item(3, "SSO times out"),
                similarity: 0.5,
            }],
            complete: true,
        }),
    );
    // Dismissing asks, then drops the pair at once.
    assert!(char_key(&mut m, 'd').is_empty());
    assert_eq!(m.mode(), Mode::Confirm);
    assert_eq!(
        char_key(&mut m, 'y'),
        vec![Effect::Dismiss {
            first: 1,
            second: 3
        }]
    );
    update(
        &mut m,
        Action::Dismissed {
            first: 1,
            second: 3,
        },
    );
    assert!(m.duplicates.pairs.is_empty());

    let kept = FeedbackItem {
        mentions: 2,
        ..item(1, "Export to Excel", Some(10.0))
    };
    let effects = update(&mut m, Action::Merged { kept, absorbed: 3 });
    assert_eq!(
        effects,
        vec![Effect::LoadDuplicates { threshold: 0.5 }, Effect::LoadKano]
    );
    assert_eq!(m.list.total(), 2);
    assert_eq!(m.list.row_by_id(1).unwrap().mentions, 2);
    assert!(m.list.row_by_id(3).is_none());
    // The threshold steps, and each step looks again.
    assert_eq!(
        char_key(&mut m, ']'),
        vec![Effect::LoadDuplicates { threshold: 0.55 }]
    );
}

#[test]
fn sentiment_filter_and_mentions_sort() {
    use crate::domain::sentiment::Sentiment;
    let rows = vec![
        TriageRow::from_item(FeedbackItem {
            sentiment: Sentiment::Negative,
            mentions: 4,
            ..item(1, "Crashes", None)
        }),
        TriageRow::from_item(FeedbackItem {
            sentiment: Sentiment::Positive,
            mentions: 9,
            ..item(2, "Love it", None)
        }),
        TriageRow::from_item(item(3, "Plain", None)),
    ];
    let mut m = Model::new(Config::defaults(true), rows, "t.db".into());
    char_key(&mut m, 'M');
    assert_eq!(m.list.sentiment_filter(), Some(Sentiment::Negative));
    assert_eq!(m.list.visible_len(), 1);
    char_key(&mut m, 'M');
    char_key(&mut m, 'M');
    assert_eq!(m.list.sentiment_filter(), Some(Sentiment::Positive));
    char_key(&mut m, 'M');
    assert_eq!(m.list.sentiment_filter(), None);
    while m.list.sort() != crate::domain::triage::SortKey::Mentions {
        char_key(&mut m, 's');
    }
    let order: Vec<i64> = m.list.window(0, 3).map(|r| r.id).collect();
    assert_eq!(order, vec![2, 1, 3]);
}
