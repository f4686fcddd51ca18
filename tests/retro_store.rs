//! Retros through the service against real SQLite files: a whole retro from
//! creation to close, the review of earlier actions, promotion, anonymity,
//! and nothing confirmed lost when a process stops mid-retro.

use chrono::{DateTime, NaiveDate, Utc};
use retriage::config::templates::{find_template, load_templates};
use retriage::domain::feedback::Source;
use retriage::domain::retro::board::RetroFlag;
use retriage::domain::retro::discussion::{TopicRef, TopicTimer};
use retriage::domain::retro::{ActionStatus, Phase, RetroSettings, Template};
use retriage::service::actions::{self, ActionChanges, NewAction};
use retriage::service::feedback;
use retriage::service::retro::{self, NewRetro};
use retriage::store::{ActionFilter, Store};
use std::path::PathBuf;
use tempfile::TempDir;

fn now() -> DateTime<Utc> {
    DateTime::from_timestamp(1_800_000_000, 0).unwrap()
}

fn temp_db() -> (TempDir, PathBuf) {
    let dir = TempDir::new().unwrap();
    let path = dir.path().join("retriage.db");
    (dir, path)
}

fn template(name: &str) -> Template {
    let all = load_templates(None).unwrap();
    find_template(&all, name).unwrap().clone()
}

fn new_retro(team: &str, title: &str, people: &[&str]) -> NewRetro {
    NewRetro {
        team: team.into(),
        title: title.into(),
        date: Some(NaiveDate::from_ymd_opt(2027, 1, 15).unwrap()),
        facilitator: Some("Fran".into()),
        participants: people.iter().map(|p| p.to_string()).collect(),
        settings: RetroSettings::default(),
    }
}

fn create(store: &mut Store, team: &str, title: &str) -> i64 {
    retro::create_retro(
        store,
        &template("start-stop-continue"),
        new_retro(team, title, &["Dana", "Eli"]),
        now(),
    )
    .unwrap()
}

#[test]
fn a_whole_retro_from_collect_to_close() {
    let (_dir, path) = temp_db();
    let mut store = Store::open(&path).unwrap();
    let id = create(&mut store, "Core", "Sprint 48");
    let board = retro::load_retro(&store, id).unwrap();
    assert_eq!(board.phase, Phase::Review);
    assert_eq!(board.participants, ["Dana", "Eli"]);
    assert_eq!(board.template.columns.len(), 3);
    assert_eq!(board.facilitator.as_deref(), Some("Fran"));

    retro::set_phase(&mut store, id, Phase::Collect).unwrap();
    let slow = retro::add_card(
        &mut store,
        id,
        "START",
        " Faster deploys ",
        Some("dana"),
        now(),
    );
    let slow = slow.unwrap();
    assert_eq!((slow.column, slow.text.as_str()), (0, "Faster deploys"));
    assert_eq!(
        slow.author.as_deref(),
        Some("Dana"),
        "the roster's spelling"
    );
    let flaky = retro::add_card(&mut store, id, "stop", "Flaky tests", Some("Gus"), now()).unwrap();
    let pair = retro::add_card_at(&mut store, id, 2, "Pairing", None, now()).unwrap();
    let err = retro::add_card(&mut store, id, "later", "x", None, now()).unwrap_err();
    assert_eq!(
        err.to_string(),
        "unknown column 'later' (use one of: Start, Stop, Continue)"
    );
    let board = retro::load_retro(&store, id).unwrap();
    assert_eq!(board.participants, ["Dana", "Eli", "Gus"], "Gus joined");
    assert!(board.cards.iter().all(|c| !c.revealed));

    assert_eq!(retro::reveal(&mut store, id, Some(0)).unwrap(), 1);
    assert_eq!(retro::reveal(&mut store, id, None).unwrap(), 2);

    // Edit, move, delete and undo.
    let before = retro::edit_card(&mut store, id, flaky.id, "Flaky CI tests").unwrap();
    assert_eq!(before.text, "Flaky tests");
    let before = retro::move_card(&mut store, id, pair.id, 1).unwrap();
    assert_eq!(before.column, 2);
    retro::move_card(&mut store, id, pair.id, 2).unwrap();
    assert!(retro::move_card(&mut store, id, pair.id, 3).is_err());

    // Group, rename, ungroup; the emptied group goes and undo brings it back.
    let grouping = retro::group_cards(&mut store, id, &[slow.id, flaky.id], "Pipeline").unwrap();
    assert_eq!(
        retro::rename_group(&mut store, id, grouping.group_id, "CI").unwrap(),
        "Pipeline"
    );
    retro::set_card_group(&mut store, id, slow.id, None).unwrap();
    let out = retro::set_card_group(&mut store, id, flaky.id, None).unwrap();
    assert_eq!(out.removed_group.as_ref().unwrap().group.title, "CI");
    assert!(retro::load_retro(&store, id).unwrap().groups.is_empty());
    retro::undo_regroup(&mut store, id, &[out]).unwrap();
    let board = retro::load_retro(&store, id).unwrap();
    assert_eq!(board.groups.len(), 1);
    assert_eq!(
        board.card(flaky.id).unwrap().group_id,
        Some(grouping.group_id)
    );
    retro::set_card_group(&mut store, id, slow.id, Some(grouping.group_id)).unwrap();

    // Votes: budget, cap, refusal messages, take-back.
    retro::set_phase(&mut store, id, Phase::Vote).unwrap();
    for _ in 0..3 {
        retro::vote(&mut store, id, slow.id, "Dana").unwrap();
    }
    // The cap counts the group's cards as one topic.
    let err = retro::vote(&mut store, id, flaky.id, "Dana").unwrap_err();
    assert_eq!(
        err.to_string(),
        "Dana has put 3 of 3 votes on the group “CI” (the most on one topic)"
    );
    retro::vote(&mut store, id, pair.id, "Dana").unwrap();
    retro::vote(&mut store, id, pair.id, "Dana").unwrap();
    let err = retro::vote(&mut store, id, flaky.id, "Dana").unwrap_err();
    assert_eq!(err.to_string(), "Dana has used 5 of 5 votes");
    let err = retro::vote(&mut store, id, pair.id, "Fran").unwrap_err();
    assert!(err.to_string().contains("not a voter"), "{err}");
    let taken = retro::unvote(&mut store, id, pair.id, "Dana").unwrap();
    let err = retro::unvote(&mut store, id, flaky.id, "Dana").unwrap_err();
    assert_eq!(
        err.to_string(),
        format!("Dana has no vote on card {} to take back", flaky.id)
    );
    retro::restore_vote(&mut store, id, &taken).unwrap();
    let eli = retro::vote(&mut store, id, flaky.id, "eli").unwrap();
    assert_eq!(eli.participant, "Eli");
    assert_eq!(retro::load_retro(&store, id).unwrap().votes.len(), 6);

    // Lowering the limits removes the most recent excess.
    let removed = retro::change_limits(&mut store, id, 3, 2).unwrap();
    let board = retro::load_retro(&store, id).unwrap();
    assert_eq!(removed.len(), 2, "{removed:?}");
    assert_eq!(board.votes.len(), 4);
    assert_eq!(board.settings.votes_per_person, 3);
    assert!(!board.votes.iter().any(|v| removed.contains(&v.id)));
    assert!(retro::change_limits(&mut store, id, 3, 0).is_err());

    // Discuss: a timer persists and reloads paused.
    retro::set_phase(&mut store, id, Phase::Discuss).unwrap();
    let topic = TopicRef::Group(grouping.group_id);
    let mut timer = TopicTimer::new(300);
    let start = now().timestamp_millis();
    timer.start(start);
    let later = DateTime::from_timestamp_millis(start + 42_000).unwrap();
    retro::save_timer(&mut store, id, topic, &timer, later).unwrap();
    let saved = retro::load_retro(&store, id).unwrap().timers[&topic];
    assert_eq!(saved.elapsed_ms, 42_000);
    assert!(!saved.is_running());

    // Actions, ROTI, close; stepping back loses nothing.
    retro::set_phase(&mut store, id, Phase::Actions).unwrap();
    let action = actions::add_action(
        &mut store,
        NewAction {
            retro_id: id,
            title: "Quarantine flaky tests".into(),
            owner: Some("Eli".into()),
            card_id: Some(flaky.id),
            ..NewAction::default()
        },
        now(),
    )
    .unwrap();
    assert_eq!(action.retro_title, "Sprint 48");
    assert_eq!(action.team, "Core");
    retro::set_phase(&mut store, id, Phase::Close).unwrap();
    retro::set_roti(&mut store, id, "Dana", 4).unwrap();
    assert_eq!(retro::set_roti(&mut store, id, "dana", 5).unwrap(), Some(4));
    assert!(retro::set_roti(&mut store, id, "Dana", 6).is_err());
    let err = retro::add_card(&mut store, id, "Start", "late", None, now()).unwrap_err();
    assert!(err.to_string().contains("closed"), "{err}");
    assert!(retro::vote(&mut store, id, pair.id, "Eli").is_err());
    let closed = retro::load_retro(&store, id).unwrap();
    assert_eq!(
        retro::set_phase(&mut store, id, Phase::Collect).unwrap(),
        Phase::Close
    );
    retro::set_phase(&mut store, id, Phase::Close).unwrap();
    assert_eq!(retro::load_retro(&store, id).unwrap(), closed);
    assert_eq!(closed.roti, [("Dana".to_string(), 5)]);
    assert_eq!(
        closed
            .actions_for_card(closed.card(flaky.id).unwrap())
            .len(),
        1
    );

    let list = retro::list_retros(&store, Some("core")).unwrap();
    assert_eq!((list.len(), list[0].cards, list[0].participants), (1, 3, 3));
    assert!(
        retro::list_retros(&store, Some("other"))
            .unwrap()
            .is_empty()
    );
}

#[test]
fn deleting_a_card_and_undoing_it_puts_everything_back() {
    let mut store = Store::open_in_memory().unwrap();
    let id = create(&mut store, "Core", "Sprint 1");
    let card = retro::add_card(&mut store, id, "Stop", "Meetings", Some("Dana"), now()).unwrap();
    let grouping = retro::group_cards(&mut store, id, &[card.id], "Time").unwrap();
    retro::vote(&mut store, id, card.id, "Dana").unwrap();
    retro::vote(&mut store, id, card.id, "Eli").unwrap();
    let feedback = retro::promote_card(&mut store, id, card.id, now()).unwrap();
    actions::add_action(
        &mut store,
        NewAction {
            retro_id: id,
            title: "Fewer meetings".into(),
            card_id: Some(card.id),
            ..NewAction::default()
        },
        now(),
    )
    .unwrap();
    let before = retro::load_retro(&store, id).unwrap();
    let deleted = retro::delete_card(&mut store, id, card.id).unwrap();
    assert_eq!(deleted.votes.len(), 2);
    assert_eq!(
        deleted.removed_group.as_ref().unwrap().group.id,
        grouping.group_id
    );
    let gone = retro::load_retro(&store, id).unwrap();
    assert!(gone.cards.is_empty() && gone.votes.is_empty() && gone.groups.is_empty());
    assert_eq!(gone.actions[0].card_id, None);
    assert_eq!(retro::retro_of_feedback(&store, feedback).unwrap(), None);
    retro::restore_card(&mut store, id, &deleted).unwrap();
    assert_eq!(retro::load_retro(&store, id).unwrap(), before);
    assert_eq!(
        retro::retro_of_feedback(&store, feedback).unwrap(),
        Some((id, "Sprint 1".to_string(), card.id))
    );
}

#[test]
fn open_actions_carry_into_the_next_retros_review_and_its_status_sticks() {
    let mut store = Store::open_in_memory().unwrap();
    let first = create(&mut store, "Core", "Sprint 1");
    let add = |store: &mut Store, title: &str| {
        actions::add_action(
            store,
            NewAction {
                retro_id: first,
                title: title.into(),
                owner: Some("Dana".into()),
                due: Some(NaiveDate::from_ymd_opt(2027, 1, 20).unwrap()),
                ..NewAction::default()
            },
            now(),
        )
        .unwrap()
    };
    let keep = add(&mut store, "Fix the build");
    let done = add(&mut store, "Write the runbook");
    let dropped = add(&mut store, "Try mob programming");
    actions::update_action(
        &mut store,
        dropped.id,
        ActionChanges {
            status: Some(ActionStatus::Dropped),
            ..ActionChanges::default()
        },
        now(),
    )
    .unwrap();
    let other_team = create(&mut store, "Web", "Web sprint");
    let second = create(&mut store, "core", "Sprint 2");
    assert!(
        retro::load_retro(&store, other_team)
            .unwrap()
            .review
            .is_empty()
    );
    let review = retro::load_retro(&store, second).unwrap().review;
    let ids: Vec<i64> = review.iter().map(|r| r.action.id).collect();
    assert_eq!(ids, [keep.id, done.id], "open actions only");
    assert!(review.iter().all(|r| r.review.is_none()));

    let before = retro::review_action(&mut store, second, done.id, ActionStatus::Done, now());
    assert_eq!(before.unwrap().status, ActionStatus::Open);
    retro::review_action(&mut store, second, keep.id, ActionStatus::Open, now()).unwrap();
    let err = retro::review_action(&mut store, second, dropped.id, ActionStatus::Done, now());
    assert!(err.unwrap_err().to_string().contains("not in the review"));
    let review = retro::load_retro(&store, second).unwrap().review;
    assert_eq!(review[0].review, Some(ActionStatus::Open));
    assert_eq!(review[1].review, Some(ActionStatus::Done));
    assert_eq!(review[1].action.status, ActionStatus::Done);
    assert_eq!(review[1].action.done_at, Some(now()));

    // The third retro reviews what is still open.
    let third = create(&mut store, "Core", "Sprint 3");
    let ids: Vec<i64> = retro::load_retro(&store, third)
        .unwrap()
        .review
        .iter()
        .map(|r| r.action.id)
        .collect();
    assert_eq!(ids, [keep.id]);

    let open = actions::list_actions(
        &store,
        &ActionFilter {
            team: Some("CORE".into()),
            owner: Some("dana".into()),
            status: Some(ActionStatus::Open),
        },
    )
    .unwrap();
    assert_eq!(open.len(), 1);
    assert_eq!(open[0].retro_title, "Sprint 1");
    let before = actions::delete_action(&mut store, keep.id).unwrap();
    assert_eq!(before.title, "Fix the build");
    let err = actions::delete_action(&mut store, keep.id).unwrap_err();
    assert_eq!(err.to_string(), format!("no action with id {}", keep.id));
}

#[test]
fn promoting_a_card_twice_makes_one_item() {
    let mut store = Store::open_in_memory().unwrap();
    let id = create(&mut store, "Core", "Sprint 1");
    let card = retro::add_card(
        &mut store,
        id,
        "Start",
        "Dark mode\nUsers ask for it weekly",
        None,
        now(),
    )
    .unwrap();
    let first = retro::promote_card(&mut store, id, card.id, now()).unwrap();
    assert_eq!(
        retro::promote_card(&mut store, id, card.id, now()).unwrap(),
        first
    );
    assert_eq!(store.count_feedback().unwrap(), 1);
    let item = store.get_feedback(first).unwrap();
    assert_eq!(item.title, "Dark mode");
    assert_eq!(item.description, "Users ask for it weekly");
    assert_eq!(item.source, Source::Retro);
    assert_eq!(
        retro::retro_of_feedback(&store, first).unwrap(),
        Some((id, "Sprint 1".to_string(), card.id))
    );
    let err = retro::promote_card(&mut store, id, 999, now()).unwrap_err();
    assert_eq!(err.to_string(), format!("no card 999 in retro {id}"));

    // Deleting the item and undoing the delete keeps its link to the card:
    // promoting again still finds the same item.
    let deleted = feedback::delete(&mut store, first).unwrap();
    feedback::revert(
        &mut store,
        first,
        None,
        deleted.before.as_ref(),
        deleted.attachments.as_ref(),
    )
    .unwrap();
    assert_eq!(
        retro::promote_card(&mut store, id, card.id, now()).unwrap(),
        first
    );
    assert_eq!(store.count_feedback().unwrap(), 1);
}

#[test]
fn anonymity_travels_with_the_board() {
    let mut store = Store::open_in_memory().unwrap();
    let mut new = new_retro("Core", "Quiet", &["Dana"]);
    new.settings.anonymous = true;
    let id = retro::create_retro(&mut store, &template("KPT"), new, now()).unwrap();
    let card = retro::add_card(
        &mut store,
        id,
        "Problem",
        "Slow reviews",
        Some("Dana"),
        now(),
    );
    let board = retro::load_retro(&store, id).unwrap();
    assert!(board.settings.anonymous);
    let card = board.card(card.unwrap().id).unwrap();
    assert_eq!(card.author.as_deref(), Some("Dana"), "kept for the rules");
    assert_eq!(board.shown_author(card), None);
    assert!(retro::set_setting(&mut store, id, RetroFlag::Anonymous, false).unwrap());
    assert!(!retro::load_retro(&store, id).unwrap().settings.anonymous);
}

#[test]
fn bad_input_and_unknown_ids_change_nothing() {
    let mut store = Store::open_in_memory().unwrap();
    let ssc = template("Start/Stop/Continue");
    let bad = |change: fn(&mut NewRetro)| {
        let mut new = new_retro("Core", "Sprint", &["Dana"]);
        change(&mut new);
        new
    };
    type Change = fn(&mut NewRetro);
    let cases: [(Change, &str); 4] = [
        (|n| n.title = "  ".into(), "a retro needs a title"),
        (
            |n| n.settings.votes_per_person = 101,
            "votes per person must be 0 to 100",
        ),
        (
            |n| n.settings.max_votes_per_card = 0,
            "max votes per card must be 1 to 100",
        ),
        (
            |n| n.participants = vec!["Dana".into(), " dana ".into()],
            "listed twice",
        ),
    ];
    for (change, message) in cases {
        let err = retro::create_retro(&mut store, &ssc, bad(change), now()).unwrap_err();
        assert!(err.to_string().contains(message), "{err}");
    }
    assert!(retro::list_retros(&store, None).unwrap().is_empty());
    assert_eq!(
        retro::load_retro(&store, 7).unwrap_err().to_string(),
        "no retro with id 7"
    );
    let id = create(&mut store, "Core", "Sprint");
    let err = retro::vote(&mut store, id, 12, "Dana").unwrap_err();
    assert_eq!(err.to_string(), format!("no card 12 in retro {id}"));
    let err = actions::update_action(&mut store, 9, ActionChanges::default(), now());
    assert_eq!(err.unwrap_err().to_string(), "no action with id 9");
    let err = retro::add_card(&mut store, id, "Start", " \n ", None, now()).unwrap_err();
    assert_eq!(err.to_string(), "a card needs some text");
    assert!(retro::load_retro(&store, id).unwrap().cards.is_empty());
    // Without a date the retro is dated today.
    let mut undated = new_retro("Core", "Today", &[]);
    undated.date = None;
    let today = retro::create_retro(&mut store, &ssc, undated, now()).unwrap();
    assert_eq!(
        retro::load_retro(&store, today).unwrap().date,
        now().date_naive()
    );
}

#[test]
fn a_process_stopped_mid_retro_loses_nothing_confirmed() {
    let (_dir, path) = temp_db();
    let (id, card) = {
        let mut store = Store::open(&path).unwrap();
        let id = create(&mut store, "Core", "Sprint 9");
        let card = retro::add_card(&mut store, id, "Start", "Kept", Some("Dana"), now()).unwrap();
        retro::vote(&mut store, id, card.id, "Dana").unwrap();
        retro::set_phase(&mut store, id, Phase::Vote).unwrap();
        // Never closed properly: the connection is leaked, as when killed.
        std::mem::forget(store);
        (id, card.id)
    };
    let store = Store::open(&path).unwrap();
    let board = retro::load_retro(&store, id).unwrap();
    assert_eq!(board.phase, Phase::Vote);
    assert_eq!(board.card(card).unwrap().text, "Kept");
    assert_eq!(board.votes.len(), 1);
}

#[test]
fn two_stores_on_one_file_share_the_budget() {
    let (_dir, path) = temp_db();
    let mut first = Store::open(&path).unwrap();
    let mut second = Store::open(&path).unwrap();
    let id = create(&mut first, "Core", "Sprint");
    retro::change_limits(&mut first, id, 2, 2).unwrap();
    let card = retro::add_card(&mut second, id, "Start", "Shared", None, now()).unwrap();
    retro::vote(&mut first, id, card.id, "Dana").unwrap();
    retro::vote(&mut second, id, card.id, "Dana").unwrap();
    let err = retro::vote(&mut first, id, card.id, "Dana").unwrap_err();
    assert_eq!(err.to_string(), "Dana has used 2 of 2 votes");
    assert_eq!(retro::load_retro(&second, id).unwrap().votes.len(), 2);
}
