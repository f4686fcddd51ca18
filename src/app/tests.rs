//! `update` driven with actions, asserting on the model and the effects.

use super::*;
use crate::domain::feedback::{Source, Status};
use crate::domain::kano::Category;
use crate::domain::scoring::{Impact, Rice};
use crate::input::{Input, KeyCode};
use crate::store::FeatureResponses;
use chrono::DateTime;
use import::ImportStep;

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
    update(model, Action::key(Key::plain(code)))
}

fn char_key(model: &mut Model, c: char) -> Vec<Effect> {
    press(model, KeyCode::Char(c))
}

#[test]
fn moving_and_opening_the_detail_pane_loads_the_item() {
    let mut m = model();
    assert_eq!(m.triage.list.selected_id(), Some(2), "highest RICE first");
    assert!(
        char_key(&mut m, 'j').is_empty(),
        "no load while the pane is closed"
    );
    assert_eq!(press(&mut m, KeyCode::Enter), vec![Effect::LoadDetail(1)]);
    assert!(m.triage.detail_open);
    update(
        &mut m,
        Action::Triage(triage::Msg::DetailLoaded(item(
            1,
            "Export to Excel",
            Some(10.0),
        ))),
    );
    assert_eq!(m.triage.detail.as_ref().map(|d| d.id), Some(1));
    assert_eq!(char_key(&mut m, 'j'), vec![Effect::LoadDetail(3)]);
    char_key(&mut m, 'G');
    char_key(&mut m, 'g');
    assert_eq!(m.triage.list.selected_id(), Some(2));
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
    assert_eq!(m.triage.list.total(), 2);
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
    assert_eq!(m.triage.list.total(), 3);
    assert!(m.undo.is_empty());
    assert_eq!(m.triage.list.selected_id(), Some(2));
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
    assert_eq!(m.triage.list.visible_len(), 1);
    char_key(&mut m, 'q');
    assert_eq!(
        m.triage.list.query(),
        "darkq",
        "q is text while filtering, not quit"
    );
    assert!(!m.quit);
    press(&mut m, KeyCode::Backspace);
    press(&mut m, KeyCode::Enter);
    assert_eq!(m.mode(), Mode::Triage);
    assert_eq!(m.triage.list.visible_len(), 1);
    press(&mut m, KeyCode::Esc);
    assert_eq!(
        m.triage.list.visible_len(),
        3,
        "esc in the table clears the filters"
    );
}

#[test]
fn sort_and_model_cycle() {
    let mut m = model();
    char_key(&mut m, 's');
    assert_eq!(
        m.triage.list.sort(),
        crate::domain::triage::SortKey::Created
    );
    char_key(&mut m, 'm');
    assert_eq!(
        m.triage.list.model(),
        crate::domain::scoring::ScoringModel::Ice
    );
    char_key(&mut m, 'f');
    assert_eq!(m.triage.list.status_filter(), Some(Status::New));
    char_key(&mut m, 'F');
    assert_eq!(m.triage.list.source_filter(), Some(Source::Survey));
    assert_eq!(m.triage.list.visible_len(), 0);
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
fn help_opens_scrolls_and_closes() {
    let mut m = model();
    char_key(&mut m, '?');
    assert_eq!(m.mode(), Mode::Help);
    char_key(&mut m, 'j');
    assert_eq!(m.overlays.help(), Some(HelpView { scroll: 1 }));
    char_key(&mut m, 'q');
    assert_eq!(m.overlays.help(), None);
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
        Action::Kano(kano::Msg::Loaded(vec![survey(
            1,
            "Export to Excel",
            &[(1, 3), (1, 3), (1, 3), (2, 5), (2, 5)],
        )])),
    );
    assert_eq!(m.kano.rows.len(), 1);
    assert_eq!(m.triage.list.kano_of(1), Some(Category::Attractive));
    // Widening the tie window to 25 points ties A (60 %) with M (40 %): M wins.
    for _ in 0..5 {
        char_key(&mut m, ']');
    }
    assert_eq!(m.kano.settings.tie_window, 25.0);
    assert_eq!(
        m.triage.list.kano_of(1),
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
    let before = m.triage.list.selected_id();
    char_key(&mut m, 'j');
    assert_eq!(m.triage.list.selected_id(), before);
    char_key(&mut m, '1');
    assert_eq!(m.mode(), Mode::Triage);
    char_key(&mut m, 'K');
    assert_eq!(m.triage.list.kano_filter(), Some(Category::MustBe));
    assert_eq!(m.triage.list.visible_len(), 1);
}

#[test]
fn the_import_dialog_steps_forward_and_back_without_losing_the_path() {
    use crate::interop::import::Field;
    let mut m = model();
    char_key(&mut m, 'i');
    assert_eq!(m.mode(), Mode::Import);
    // Enter on an empty path explains instead of reading anything.
    assert!(press(&mut m, KeyCode::Enter).is_empty());
    assert!(m.overlays.import().unwrap().error.is_some());
    // Letters that are keys elsewhere (q, j, d) type into the path.
    for c in "dq-j.csv".chars() {
        char_key(&mut m, c);
    }
    press(&mut m, KeyCode::Backspace);
    update(&mut m, Action::Input(Input::Paste("v\n".into())));
    assert_eq!(m.overlays.import().unwrap().path.text(), "dq-j.csv");
    assert!(!m.quit);
    let effects = press(&mut m, KeyCode::Enter);
    assert!(matches!(&effects[..], [Effect::PreviewImport { path, .. }] if path == "dq-j.csv"));
    // A preview that fails keeps the dialog on the path, with the reason.
    update(
        &mut m,
        Action::Import(import::Msg::Previewed(Err("no such file".into()))),
    );
    let flow = m.overlays.import().unwrap();
    assert_eq!(flow.step, ImportStep::Path);
    assert_eq!(flow.error.as_deref(), Some("no such file"));

    let preview = import::sample_preview();
    let preview_again = preview.clone();
    update(&mut m, Action::Import(import::Msg::Previewed(Ok(preview))));
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
        m.overlays.import().unwrap().options.source,
        Some(Source::Survey)
    );
    let effects = press(&mut m, KeyCode::Enter);
    match &effects[..] {
        [Effect::StartImport { options, .. }] => assert_eq!(options.source, Some(Source::Survey)),
        other => panic!("{other:?}"),
    }
    assert!(m.overlays.import().unwrap().is_running());
    // While it runs, only Esc (stop) does anything.
    assert!(char_key(&mut m, 'q').is_empty());
    assert!(!m.quit);
    assert_eq!(press(&mut m, KeyCode::Esc), vec![Effect::CancelImport]);
    update(
        &mut m,
        Action::Import(import::Msg::Finished(Err(vec![
            "import cancelled; nothing was imported".into(),
        ]))),
    );
    assert!(matches!(
        m.overlays.import().unwrap().step,
        ImportStep::Failed(_)
    ));
    // Back to the preview, then a good run closes the dialog and reloads.
    assert!(matches!(
        &press(&mut m, KeyCode::Esc)[..],
        [Effect::PreviewImport { .. }]
    ));
    update(
        &mut m,
        Action::Import(import::Msg::Previewed(Ok(preview_again))),
    );
    assert!(m.overlays.import().unwrap().preview().is_some());
    assert!(matches!(
        &press(&mut m, KeyCode::Enter)[..],
        [Effect::StartImport { .. }]
    ));
    update(
        &mut m,
        Action::Import(import::Msg::Finished(Ok(
            "imported 2 rows from dq-j.csv".into()
        ))),
    );
    assert!(m.overlays.import().is_none());
    assert_eq!(m.mode(), Mode::Triage);
}

#[test]
fn finishing_an_import_reloads_the_rows() {
    let mut m = model();
    char_key(&mut m, 'i');
    // An outcome arriving when no import runs (a late or repeated one) is
    // ignored.
    let late = Action::Import(import::Msg::Finished(Err(vec!["stopped".into()])));
    assert!(update(&mut m, late).is_empty());
    assert_eq!(m.overlays.import().unwrap().step, ImportStep::Path);
    m.overlays.import_mut().unwrap().step = ImportStep::Running {
        done: 0,
        total: 10,
        rows: 0,
    };
    let effects = update(
        &mut m,
        Action::Import(import::Msg::Finished(Ok(
            "imported 2 rows from x.csv: 2 new items".into(),
        ))),
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
    use crate::store::{NearDuplicate, NearDuplicates, PairItem};
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
        Action::Duplicates(duplicates::Msg::Loaded(NearDuplicates {
            pairs: vec![NearDuplicate {
                first: pair_item(1, "Export to Excel"),
                second: pair_item(3, "SSO times out"),
                similarity: 0.5,
            }],
            complete: true,
        })),
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
        Action::Duplicates(duplicates::Msg::Dismissed {
            first: 1,
            second: 3,
        }),
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
    assert_eq!(m.triage.list.total(), 2);
    assert_eq!(m.triage.list.row_by_id(1).unwrap().mentions, 2);
    assert!(m.triage.list.row_by_id(3).is_none());
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
    assert_eq!(m.triage.list.sentiment_filter(), Some(Sentiment::Negative));
    assert_eq!(m.triage.list.visible_len(), 1);
    char_key(&mut m, 'M');
    char_key(&mut m, 'M');
    assert_eq!(m.triage.list.sentiment_filter(), Some(Sentiment::Positive));
    char_key(&mut m, 'M');
    assert_eq!(m.triage.list.sentiment_filter(), None);
    while m.triage.list.sort() != crate::domain::triage::SortKey::Mentions {
        char_key(&mut m, 's');
    }
    let order: Vec<i64> = m.triage.list.window(0, 3).map(|r| r.id).collect();
    assert_eq!(order, vec![2, 1, 3]);
}

#[test]
fn each_screen_handles_exactly_the_commands_its_mode_may_bind() {
    use crate::config::Command;
    let every: Vec<Command> = Mode::ALL
        .iter()
        .flat_map(|m| m.commands().iter().copied())
        .collect();
    for command in every {
        let global = screens::SCREEN_COMMANDS.contains(&command);
        let mut m = model();
        let handled = [
            (Mode::Triage, m.triage.on_command(command).is_some()),
            (Mode::Kano, m.kano.on_command(command).is_some()),
            (Mode::Duplicates, m.duplicates.on_command(command).is_some()),
            (Mode::Filter, m.triage.on_filter_command(command).is_some()),
        ];
        for (mode, by_screen) in handled {
            let bindable = mode.commands().contains(&command);
            assert_eq!(
                by_screen || (global && mode != Mode::Filter),
                bindable,
                "{mode:?} and {command:?}: handled and bindable must agree"
            );
        }
    }
}

#[test]
fn a_command_never_falls_through_to_a_hidden_screen() {
    // Binding delete on the Kano screen is refused when the config loads…
    let user = "[[keymap.kano]]\non = [\"d\"]\nrun = \"delete\"\ndesc = \"Delete\"\n";
    let err = Config::from_sources(Some(("config.toml", user)), true).unwrap_err();
    assert!(err.message.contains("[keymap.kano]"), "{err}");
    // …and a key the Kano screen does not bind does nothing there, though
    // it deletes on the triage table behind it.
    let mut m = model();
    char_key(&mut m, '2');
    assert!(char_key(&mut m, 'd').is_empty());
    assert_eq!(m.mode(), Mode::Kano, "no question about a triage item");
    assert!(m.overlays.is_empty());
}

#[test]
fn overlays_stack_and_the_mode_is_the_top_one() {
    let mut m = model();
    char_key(&mut m, 'a');
    char_key(&mut m, 'x');
    assert_eq!(m.mode(), Mode::Form);
    // ctrl-c over a changed form asks; the question sits on the form.
    update(&mut m, Action::key(Key::ctrl('c')));
    assert_eq!(m.mode(), Mode::Confirm);
    assert_eq!(m.overlays.iter().count(), 2);
    char_key(&mut m, 'n');
    assert_eq!(m.mode(), Mode::Form, "no brings the form back as it was");
    assert_eq!(m.overlays.form().unwrap().fields[0].value(), "x");
    press(&mut m, KeyCode::Esc);
    char_key(&mut m, 'y');
    assert!(m.overlays.is_empty());
    assert_eq!(m.mode(), Mode::Triage);
    // Help opens over any screen and closes back to it.
    char_key(&mut m, '3');
    char_key(&mut m, '?');
    assert_eq!(m.mode(), Mode::Help);
    press(&mut m, KeyCode::Esc);
    assert_eq!(m.mode(), Mode::Duplicates);
}

#[test]
fn the_help_never_scrolls_past_its_end() {
    let mut m = model();
    update(
        &mut m,
        Action::Input(Input::Resize {
            width: 80,
            height: 24,
        }),
    );
    char_key(&mut m, '?');
    let wheel = |down| {
        Action::Input(Input::Mouse(crate::input::Mouse {
            kind: if down {
                crate::input::MouseKind::ScrollDown
            } else {
                crate::input::MouseKind::ScrollUp
            },
            column: 10,
            row: 10,
        }))
    };
    for _ in 0..200 {
        update(&mut m, wheel(true));
    }
    let lines = m.config.keymap.help_lines().len();
    let end = lines - 20; // 24 rows less the box's margin and borders
    assert_eq!(m.overlays.help(), Some(HelpView { scroll: end }));
    char_key(&mut m, 'j');
    assert_eq!(m.overlays.help(), Some(HelpView { scroll: end }));
    update(&mut m, wheel(false));
    assert_eq!(m.overlays.help(), Some(HelpView { scroll: end - 3 }));
    char_key(&mut m, 'g');
    assert_eq!(m.overlays.help(), Some(HelpView { scroll: 0 }));
}

#[test]
fn tab_walks_the_screens_in_the_order_of_the_screen_list() {
    let mut m = model();
    let mut seen = vec![m.screen];
    for _ in 0..SCREENS.len() {
        press(&mut m, KeyCode::Tab);
        seen.push(m.screen);
    }
    let listed: Vec<Screen> = SCREENS.iter().map(|s| s.screen).collect();
    assert_eq!(&seen[..SCREENS.len()], &listed[..]);
    assert_eq!(m.screen, Screen::Triage, "and wraps round");
}

#[test]
fn the_filter_line_edits_at_its_cursor() {
    let mut m = model();
    char_key(&mut m, '/');
    for c in "drk".chars() {
        char_key(&mut m, c);
    }
    press(&mut m, KeyCode::Left);
    press(&mut m, KeyCode::Left);
    char_key(&mut m, 'a');
    assert_eq!(m.triage.filter.text(), "dark");
    assert_eq!(m.triage.list.query(), "dark");
    assert_eq!(m.triage.list.visible_len(), 1);
    update(&mut m, Action::key(Key::ctrl('w')));
    assert_eq!(
        m.triage.list.query(),
        "rk",
        "ctrl-w took the word before the cursor"
    );
    update(&mut m, Action::Input(Input::Paste("da".into())));
    assert_eq!(m.triage.list.query(), "dark");
}

/// A whole session through `update` with the app's own input only: no
/// terminal library is involved (this file imports no crossterm).
#[test]
fn a_whole_triage_session_runs_on_the_apps_own_input() {
    let mut m = model();
    update(
        &mut m,
        Action::Input(Input::Resize {
            width: 120,
            height: 40,
        }),
    );
    update(&mut m, Action::TableRows(30));
    // Filter, open the item, change its status, undo, quit.
    char_key(&mut m, '/');
    for c in "sso".chars() {
        char_key(&mut m, c);
    }
    press(&mut m, KeyCode::Enter);
    assert_eq!(m.triage.list.selected_id(), Some(3));
    assert_eq!(press(&mut m, KeyCode::Enter), vec![Effect::LoadDetail(3)]);
    let effects = char_key(&mut m, 't');
    let [
        Effect::Write {
            write,
            undoable: true,
        },
    ] = effects.as_slice()
    else {
        panic!("{effects:?}");
    };
    assert_eq!(*write, Write::SetStatus(3, Status::Triaged));
    let before = item(3, "SSO times out", None);
    let after = FeedbackItem {
        status: Status::Triaged,
        ..before.clone()
    };
    update(
        &mut m,
        Action::Stored {
            before: Some(before.clone()),
            after: Some(after.clone()),
            attachments: None,
            undoable: true,
            what: "“SSO times out” is now triaged".into(),
        },
    );
    assert_eq!(
        m.triage.list.selected_row().unwrap().status,
        Status::Triaged
    );
    let undo = char_key(&mut m, 'u');
    assert!(matches!(
        &undo[..],
        [Effect::Write {
            write: Write::Revert { id: 3, .. },
            undoable: false
        }]
    ));
    // A click on the first row of the list selects it.
    update(
        &mut m,
        Action::Drawn(ClickAreas {
            list_body: Rect::new(0, 3, 120, 30),
            first_row: 0,
        }),
    );
    press(&mut m, KeyCode::Esc);
    press(&mut m, KeyCode::Esc);
    let click = Action::Input(Input::Mouse(crate::input::Mouse {
        kind: crate::input::MouseKind::Click,
        column: 5,
        row: 4,
    }));
    update(&mut m, click);
    assert_eq!(m.triage.list.selected_position(), 1);
    char_key(&mut m, 'q');
    assert!(m.quit);
}
