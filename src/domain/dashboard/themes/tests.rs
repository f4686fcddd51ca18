use super::*;
use crate::domain::dashboard::CardFacts;
use chrono::{DateTime, NaiveDate};

fn retro(id: i64, day: u32, cards: &[(&str, u32)]) -> RetroFacts {
    RetroFacts {
        id,
        title: format!("Sprint {id}"),
        date: NaiveDate::from_ymd_opt(2026, 5, day).unwrap(),
        cards: cards
            .iter()
            .enumerate()
            .map(|(i, (text, votes))| CardFacts {
                id: id * 100 + i as i64,
                text: text.to_string(),
                votes: *votes,
            })
            .collect(),
        roti: vec![],
    }
}

fn action(id: i64, retro_id: i64, title: &str) -> ActionItem {
    ActionItem {
        id,
        title: title.into(),
        owner: None,
        due: None,
        status: ActionStatus::Done,
        team: "Core".into(),
        retro_id,
        retro_title: format!("Sprint {retro_id}"),
        card_id: None,
        group_id: None,
        created_at: DateTime::from_timestamp(0, 0).unwrap(),
        done_at: None,
    }
}

fn phrases(themes: &[Theme]) -> Vec<&str> {
    themes.iter().map(|t| t.phrase.as_str()).collect()
}

#[test]
fn words_and_phrases_that_come_back_in_two_retros_are_themes() {
    let retros = [
        retro(
            1,
            1,
            &[("Deploys are slow", 3), ("Great pairing sessions", 1)],
        ),
        retro(
            2,
            8,
            &[("The deploy was slow again!", 2), ("Too many meetings", 0)],
        ),
        retro(
            3,
            15,
            &[("Meetings everywhere", 4), ("Flaky tests in CI", 1)],
        ),
    ];
    let themes = recurring_themes(&retros, &[]);
    // "deploys slow" and "deploy slow" stem alike; "deploy" and "slow"
    // alone sit in exactly the phrase's cards, so only the phrase stays.
    assert_eq!(phrases(&themes), ["deploys slow", "meetings"]);
    let deploy = &themes[0];
    assert_eq!(deploy.votes, 5);
    assert_eq!(
        deploy.retros.iter().map(|r| r.id).collect::<Vec<_>>(),
        [1, 2]
    );
    assert_eq!(
        deploy
            .cards
            .iter()
            .map(|c| c.text.as_str())
            .collect::<Vec<_>>(),
        ["Deploys are slow", "The deploy was slow again!"]
    );
    assert!(deploy.actions.is_empty());
    assert!(!deploy.came_back_after_action);
}

#[test]
fn stop_words_numbers_and_one_retro_terms_are_not_themes() {
    let retros = [
        retro(
            1,
            1,
            &[("We did it in 2 days", 0), ("review review review", 0)],
        ),
        retro(2, 2, &[("It was the 2 of us", 0)]),
    ];
    assert!(recurring_themes(&retros, &[]).is_empty());
}

#[test]
fn themes_rank_by_retros_then_votes() {
    let retros = [
        retro(1, 1, &[("onboarding docs", 0), ("test data", 9)]),
        retro(2, 2, &[("onboarding", 0), ("test data", 9)]),
        retro(3, 3, &[("onboarding", 1)]),
    ];
    let themes = recurring_themes(&retros, &[]);
    assert_eq!(phrases(&themes), ["onboarding", "test data"]);
    assert_eq!(themes[0].retros.len(), 3);
    assert_eq!(themes[1].votes, 18);
}

#[test]
fn a_theme_an_action_addressed_is_marked_when_it_comes_back_later() {
    let retros = [
        retro(1, 1, &[("Code review takes days", 2)]),
        retro(2, 8, &[("Slow code review", 1)]),
        retro(
            3,
            15,
            &[("code review still slow", 3), ("standup runs long", 0)],
        ),
        retro(4, 22, &[("Standup runs long again", 0)]),
    ];
    let actions = [
        // From retro 2: the theme came back in retro 3.
        action(1, 2, "Pair on every code review"),
        // From retro 4, the last retro holding "standup": nothing after it.
        action(2, 4, "Timebox the standup runs"),
    ];
    let themes = recurring_themes(&retros, &actions);
    let review = themes.iter().find(|t| t.phrase == "code review").unwrap();
    assert_eq!(review.actions.len(), 1);
    assert_eq!(review.actions[0].title, "Pair on every code review");
    assert!(review.came_back_after_action);
    let standup = themes.iter().find(|t| t.phrase == "standup runs").unwrap();
    assert_eq!(standup.actions.len(), 1);
    assert!(!standup.came_back_after_action, "nothing came after it");
}

#[test]
fn at_most_ten_themes_are_kept() {
    let words = [
        "alpha", "bravo", "charlie", "delta", "echo", "foxtrot", "golf", "hotel", "india",
        "juliet", "kilo", "lima",
    ];
    let cards: Vec<(&str, u32)> = words.iter().map(|w| (*w, 0)).collect();
    let retros = [retro(1, 1, &cards), retro(2, 2, &cards)];
    assert_eq!(recurring_themes(&retros, &[]).len(), MAX_THEMES);
}
