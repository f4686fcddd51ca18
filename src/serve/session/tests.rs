use super::*;
use crate::app::retro::writes::RetroWrite;
use crate::domain::retro::phase::Phase;
use crate::input::Key;
use crate::serve::fixture::{board, dana, fran};

fn session(who: Identity, phase: Phase) -> Session {
    Session::new(
        who,
        Config::defaults(false),
        Arc::new(board(phase)),
        (100, 30),
    )
}

fn text_of(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// The session's screen as text, drawn afresh.
fn screen(session: &Session) -> String {
    let (width, height) = session.model.size;
    let backend = ratatui::backend::TestBackend::new(width, height);
    let mut terminal = Terminal::new(backend).unwrap();
    terminal
        .draw(|frame| {
            crate::ui::view(&session.model, frame);
        })
        .unwrap();
    let buffer = terminal.backend().buffer();
    (0..height)
        .map(|y| {
            (0..width)
                .map(|x| buffer[(x, y)].symbol())
                .collect::<String>()
        })
        .collect::<Vec<_>>()
        .join("\n")
}

fn press(session: &mut Session, c: char) -> Vec<RetroWrite> {
    session.on_input(Input::Key(Key::char(c)))
}

#[test]
fn a_participant_screen_never_holds_another_persons_hidden_text() {
    let mut dana = session(dana(), Phase::Collect);
    let sent = text_of(&dana.render());
    assert!(sent.contains("Pair on deploys"), "her own card shows");
    assert!(sent.contains("Dana"), "the header names her");
    assert!(!sent.contains("Secret runbook gripe"), "Eli's hidden card");
    let shown = screen(&dana);
    assert!(shown.contains("hidden"), "a placeholder: {shown}");
    // Nor anywhere in the session's app state, whatever it draws next.
    assert!(!format!("{:?}", dana.model).contains("Secret runbook gripe"));

    // After the reveal it arrives.
    let mut revealed = board(Phase::Collect);
    revealed.cards.iter_mut().for_each(|c| c.revealed = true);
    dana.on_board(Arc::new(revealed));
    assert!(screen(&dana).contains("Secret runbook gripe"));
}

#[test]
fn the_facilitator_screen_follows_the_rules_of_the_board() {
    let fran = session(fran(), Phase::Collect);
    let screen = screen(&fran);
    assert!(screen.contains("Fran (facilitator)"), "{screen}");
    assert!(screen.contains("Friday releases"), "{screen}");
}

#[test]
fn other_screens_are_not_served_and_a_participant_stays_themselves() {
    let mut dana = session(dana(), Phase::Collect);
    assert_eq!(press(&mut dana, '1'), vec![]);
    assert_eq!(dana.model.screen, Screen::Retro);
    assert!(matches!(dana.notice(), Some(Notice::Error(n)) if n.contains("Only the retro board")));
    assert_eq!(press(&mut dana, 'p'), vec![]);
    assert_eq!(dana.model.retro.participant().as_deref(), Some("Dana"));
}

#[test]
fn a_card_is_written_as_its_writer_and_the_answer_comes_back() {
    let mut dana = session(dana(), Phase::Collect);
    assert_eq!(press(&mut dana, 'a'), vec![], "the form opens");
    for c in "Demo day".chars() {
        press(&mut dana, c);
    }
    let writes = dana.on_input(Input::Key(Key::plain(crate::input::KeyCode::Enter)));
    assert_eq!(
        writes,
        vec![RetroWrite::AddCard {
            retro_id: 7,
            column: 0,
            text: "Demo day".into(),
            author: Some("Dana".into()),
        }]
    );
    // A refusal from the store shows and changes nothing.
    dana.on_answer(Action::Failed("Only the facilitator can do that".into()));
    assert!(text_of(&dana.render()).contains("Only the facilitator can do that"));
}

#[test]
fn a_small_terminal_is_told_the_size_needed_and_a_resize_is_followed() {
    let mut dana = Session::new(
        dana(),
        Config::defaults(false),
        Arc::new(board(Phase::Collect)),
        (60, 20),
    );
    assert!(text_of(&dana.render()).contains("at least 80×24"));
    dana.on_input(Input::Resize {
        width: 90,
        height: 30,
    });
    assert!(text_of(&dana.render()).contains("Pair on deploys"));
    assert!(
        dana.render().len() < 64,
        "nothing changed, almost nothing sent"
    );
}

#[test]
fn a_change_to_the_board_reaches_the_screen_as_a_diff() {
    let mut first = board(Phase::Collect);
    first.participants.clear();
    let mut dana = Session::new(dana(), Config::defaults(false), Arc::new(first), (100, 30));
    let before = text_of(&dana.render());
    assert!(before.contains("no participants"), "{before}");
    dana.on_board(Arc::new(board(Phase::Collect)));
    let diff = dana.render();
    assert!(
        !diff.is_empty() && diff.len() < before.len() / 2,
        "only the change"
    );
    assert!(screen(&dana).contains("as Dana"));
}

#[test]
fn a_participant_follows_the_facilitators_countdown_without_saving_it() {
    use crate::domain::retro::discussion::{TopicRef, TopicTimer};
    let mut running = board(Phase::Discuss);
    let started = chrono::Utc::now().timestamp_millis() - 60_000;
    running.timers.insert(
        TopicRef::Card(3),
        TopicTimer {
            allotted_secs: 300,
            elapsed_ms: 0,
            running_since: Some(started),
        },
    );
    let mut dana = session(dana(), Phase::Discuss);
    assert!(!dana.wants_ticks());
    dana.on_board(Arc::new(running));
    assert!(dana.wants_ticks(), "the countdown runs on her screen too");
    assert_eq!(
        dana.on_tick(started + 70_000),
        vec![],
        "and she saves nothing"
    );
    assert_eq!(dana.on_stop(), vec![]);
}

#[test]
fn a_repaint_after_a_lost_frame_sends_the_whole_screen() {
    let mut dana = session(dana(), Phase::Collect);
    dana.render();
    let mut changed = board(Phase::Collect);
    changed.title = "Sprint 49".into();
    dana.on_board(Arc::new(changed));
    let _lost = dana.render();
    dana.repaint_all();
    let repaint = text_of(&dana.render());
    assert!(repaint.contains("\x1b[2J"), "the screen is cleared");
    assert!(
        repaint.contains("Pair on deploys"),
        "and every cell is sent again"
    );
    dana.on_input(Input::Resize {
        width: 110,
        height: 32,
    });
    let resized = text_of(&dana.render());
    assert!(resized.contains("Pair on deploys"), "a resize repaints too");
}
