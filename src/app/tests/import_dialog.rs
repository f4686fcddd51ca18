//! The import dialog, step by step.

use super::*;
use crate::app::import;

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
        Action::Import(import::Msg::Finished(Ok(import::Imported {
            summary: "imported 2 rows from dq-j.csv".into(),
            batch: 1,
        }))),
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
        Action::Import(import::Msg::Finished(Ok(import::Imported {
            summary: "imported 2 rows from x.csv: 2 new items".into(),
            batch: 4,
        }))),
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
fn u_right_after_an_import_offers_to_undo_it_and_no_keeps_the_offer() {
    let mut m = model();
    char_key(&mut m, 'i');
    m.overlays.import_mut().unwrap().step = ImportStep::Running {
        done: 0,
        total: 10,
        rows: 0,
    };
    update(
        &mut m,
        Action::Import(import::Msg::Finished(Ok(import::Imported {
            summary: "imported 2 rows from x.csv (import 4): 2 new items".into(),
            batch: 4,
        }))),
    );
    assert!(m.overlays.import().is_none());
    // u asks first; no keeps the offer for the next u.
    assert!(char_key(&mut m, 'u').is_empty());
    let asked = m.overlays.question().map(|q| q.text.clone()).unwrap();
    assert!(
        asked.starts_with("Undo import 4 (imported 2 rows"),
        "{asked}"
    );
    assert!(char_key(&mut m, 'n').is_empty());
    assert!(char_key(&mut m, 'u').is_empty());
    assert_eq!(char_key(&mut m, 'y'), vec![Effect::UndoImport(4)]);
    // Done: the rows are read again and the notice says what went.
    let effects = update(
        &mut m,
        Action::ImportUndone("Undid import 4 of x.csv".into()),
    );
    assert_eq!(effects, vec![Effect::LoadRows]);
    assert_eq!(
        m.notice,
        Some(Notice::Info("Undid import 4 of x.csv".into()))
    );
    // Nothing left to undo.
    assert!(char_key(&mut m, 'u').is_empty());
    assert_eq!(m.notice, Some(Notice::Info("Nothing to undo".into())));
}

#[test]
fn tab_completes_the_path_from_the_listing_and_the_arrows_move_the_cursor() {
    let mut m = model();
    char_key(&mut m, 'i');
    for c in "~/exports/sur".chars() {
        char_key(&mut m, c);
    }
    let path = |m: &Model| m.overlays.import().unwrap().path.text().to_string();
    let listing = |path: &str| {
        Action::Import(import::Msg::Listed {
            path: path.into(),
            names: Ok(["survey-week49.csv", "survey-week50.csv", "notes.json"]
                .iter()
                .map(|n| n.to_string())
                .collect()),
        })
    };
    assert_eq!(
        press(&mut m, KeyCode::Tab),
        vec![Effect::ListDirectory {
            path: "~/exports/sur".into()
        }]
    );
    update(&mut m, listing("~/exports/sur"));
    assert_eq!(path(&m), "~/exports/survey-week");
    // The second tab can add nothing: it lists the matches.
    press(&mut m, KeyCode::Tab);
    update(&mut m, listing("~/exports/survey-week"));
    assert_eq!(
        m.overlays.import().unwrap().matches,
        ["survey-week49.csv", "survey-week50.csv"]
    );
    // Typing narrows by hand; a listing for an older path is ignored.
    char_key(&mut m, '5');
    assert!(m.overlays.import().unwrap().matches.is_empty());
    update(&mut m, listing("~/exports/survey-week"));
    assert_eq!(path(&m), "~/exports/survey-week5");
    press(&mut m, KeyCode::Tab);
    update(&mut m, listing("~/exports/survey-week5"));
    assert_eq!(path(&m), "~/exports/survey-week50.csv");
    // ← → move the cursor in the path (in the preview they change fields);
    // ctrl-w and ctrl-u delete.
    press(&mut m, KeyCode::Left);
    press(&mut m, KeyCode::Left);
    press(&mut m, KeyCode::Left);
    press(&mut m, KeyCode::Left);
    press(&mut m, KeyCode::Backspace);
    assert_eq!(path(&m), "~/exports/survey-week5.csv");
    press(&mut m, KeyCode::Right);
    update(&mut m, Action::key(Key::ctrl('u')));
    assert_eq!(path(&m), "csv");
    update(&mut m, Action::key(Key::ctrl('e')));
    update(&mut m, Action::key(Key::ctrl('w')));
    assert_eq!(path(&m), "");
    // A directory that cannot be read says so.
    press(&mut m, KeyCode::Tab);
    update(
        &mut m,
        Action::Import(import::Msg::Listed {
            path: String::new(),
            names: Err("./: permission denied".into()),
        }),
    );
    assert_eq!(
        m.overlays.import().unwrap().error.as_deref(),
        Some("./: permission denied")
    );
}
