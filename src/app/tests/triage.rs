//! The triage screen: moving, the detail pane, filters, sorts, status, delete and undo.

use super::*;

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
        Action::Triage(crate::app::triage::Msg::DetailLoaded(item(
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
fn t_picks_a_status_with_one_key_and_shift_t_goes_back_one() {
    let mut m = model();
    assert!(char_key(&mut m, 't').is_empty(), "t opens the picker");
    assert!(matches!(
        m.overlays.top(),
        Some(Overlay::StatusPicker(p)) if p.id == 2 && p.current == Status::New
    ));
    assert!(char_key(&mut m, 'x').is_empty(), "a key that picks nothing");
    assert_eq!(
        char_key(&mut m, 't'),
        vec![Effect::Write {
            write: Write::SetStatus(2, Status::Triaged),
            undoable: true
        }]
    );
    assert!(m.overlays.is_empty(), "one key chooses and closes it");
    // Won't-do is a decision: the app first asks who decided and why
    // (app/tests/decisions.rs).
    assert_eq!(
        char_key(&mut m, 'T'),
        vec![Effect::PrepareDecision {
            id: 2,
            title: "Dark mode".into(),
            status: Status::WontDo
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
fn a_failed_write_is_shown() {
    let mut m = model();
    update(
        &mut m,
        Action::Failed("Not saved: database is locked".into()),
    );
    assert!(matches!(&m.notice, Some(Notice::Error(t)) if t.contains("locked")));
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
    char_key(&mut m, 't');
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
            ..ClickAreas::default()
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

#[test]
fn slash_export_finds_the_word_export_and_not_expensive() {
    let rows = [
        "Too expensive for small stores",
        "Export shift plan",
        "CSV export broken",
    ]
    .iter()
    .enumerate()
    .map(|(i, title)| TriageRow::from_item(item(i as i64 + 1, title, Some(10.0))))
    .collect();
    let mut m = Model::new(Config::defaults(true), rows, "test.db".into());
    for c in "/export".chars() {
        char_key(&mut m, c);
    }
    let titles: Vec<String> = m
        .triage
        .list
        .window(0, 10)
        .map(|r| r.title.clone())
        .collect();
    assert_eq!(titles, ["Export shift plan", "CSV export broken"]);
}

#[test]
fn a_large_table_sorts_off_the_input_path_and_the_detail_follows() {
    let mut m = model();
    m.triage.list.arrange_in_background_from(0);
    press(&mut m, KeyCode::Enter);
    let loaded = crate::app::triage::Msg::DetailLoaded(item(2, "Dark mode", Some(300.0)));
    update(&mut m, Action::Triage(loaded));
    let effects = char_key(&mut m, 's');
    let [Effect::Arrange(job)] = effects.as_slice() else {
        panic!("the sort is handed out: {effects:?}");
    };
    assert_eq!(m.triage.list.arranging(), Some("sorting…"));
    // The old order meanwhile: a move is still answered at once.
    assert_eq!(char_key(&mut m, 'j'), vec![Effect::LoadDetail(1)]);
    let loaded = crate::app::triage::Msg::DetailLoaded(item(1, "Export to Excel", Some(10.0)));
    update(&mut m, Action::Triage(loaded));
    let arranged = job.clone().run().expect("not overtaken");
    let effects = update(
        &mut m,
        Action::Triage(crate::app::triage::Msg::Arranged(arranged)),
    );
    assert_eq!(m.triage.list.arranging(), None);
    assert_eq!(
        m.triage.list.sort(),
        crate::domain::triage::SortKey::Created
    );
    assert_eq!(m.triage.list.selected_id(), Some(1), "still on its item");
    assert_eq!(m.triage.list.selected_position(), 2, "newest first now");
    assert!(effects.is_empty(), "the detail shows the same item");
}
