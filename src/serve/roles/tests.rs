use super::*;
use crate::domain::retro::phase::Phase;
use crate::domain::retro::voting::Vote;
use crate::serve::fixture::{board, dana, fran};

fn refused(write: RetroWrite) -> String {
    authorize(&dana(), &write, &board(Phase::Collect)).expect_err("refused")
}

#[test]
fn a_participant_writes_and_changes_only_their_own_cards() {
    let b = board(Phase::Collect);
    let add = |author: &str| RetroWrite::AddCard {
        retro_id: 7,
        column: 0,
        text: "More pairing".into(),
        author: Some(author.into()),
    };
    assert_eq!(authorize(&dana(), &add("Dana"), &b), Ok(()));
    assert!(refused(add("Eli")).contains("only write cards as yourself"));
    let edit = |card_id| RetroWrite::EditCard {
        retro_id: 7,
        card_id,
        text: "changed".into(),
    };
    assert_eq!(authorize(&dana(), &edit(1), &b), Ok(()));
    assert!(refused(edit(2)).contains("as yourself"));
    assert!(
        refused(RetroWrite::DeleteCard {
            retro_id: 7,
            card_id: 3
        })
        .contains("as yourself")
    );
    assert_eq!(
        authorize(
            &dana(),
            &RetroWrite::DeleteCard {
                retro_id: 7,
                card_id: 1
            },
            &b
        ),
        Ok(())
    );
}

#[test]
fn a_participant_casts_and_takes_back_only_their_own_votes() {
    let b = board(Phase::Vote);
    let vote = |who: &str| RetroWrite::Vote {
        retro_id: 7,
        card_id: 3,
        participant: who.into(),
    };
    assert_eq!(authorize(&dana(), &vote("Dana"), &b), Ok(()));
    assert!(authorize(&dana(), &vote("Eli"), &b).is_err());
    // Eli's vote (id 1) cannot be undone by Dana.
    let remove = RetroWrite::Undo(Box::new(RetroWrite::RemoveVote {
        retro_id: 7,
        vote_id: 1,
    }));
    assert!(authorize(&dana(), &remove, &b).is_err());
    let restore = RetroWrite::RestoreVote {
        retro_id: 7,
        vote: Vote {
            id: 9,
            participant: "Dana".into(),
            card_id: 3,
        },
    };
    assert_eq!(authorize(&dana(), &restore, &b), Ok(()));
}

#[test]
fn facilitator_commands_are_refused_to_a_participant_and_allowed_to_the_facilitator() {
    let b = board(Phase::Collect);
    let facilitator_writes = [
        RetroWrite::SetPhase {
            retro_id: 7,
            phase: Phase::Vote,
        },
        RetroWrite::Reveal {
            retro_id: 7,
            column: None,
        },
        RetroWrite::Group {
            retro_id: 7,
            card_ids: vec![1, 3],
            title: "Releases".into(),
        },
        RetroWrite::ChangeLimits {
            retro_id: 7,
            votes_per_person: 9,
            max_votes_per_card: 9,
        },
        RetroWrite::SetFlag {
            retro_id: 7,
            flag: crate::domain::retro::board::RetroFlag::Anonymous,
            on: false,
        },
        RetroWrite::AddAction {
            retro_id: 7,
            card_id: Some(3),
            group_id: None,
            action: crate::app::retro::writes::ActionDraft {
                title: "Ship".into(),
                owner: None,
                due: None,
            },
        },
    ];
    for write in facilitator_writes {
        let why = authorize(&dana(), &write, &b).expect_err("a participant is refused");
        assert!(why.contains("Only the facilitator"), "{write:?}: {why}");
        assert_eq!(authorize(&fran(), &write, &b), Ok(()), "{write:?}");
    }
}

#[test]
fn no_one_changes_another_retro_or_writes_server_files() {
    let b = board(Phase::Collect);
    let elsewhere = RetroWrite::SetPhase {
        retro_id: 8,
        phase: Phase::Vote,
    };
    assert!(authorize(&fran(), &elsewhere, &b).is_err());
    let export = RetroWrite::Export {
        retro_id: 7,
        format: crate::app::retro::writes::ExportFormat::Csv,
        path: "/etc/passwd".into(),
        replace: true,
    };
    assert!(authorize(&fran(), &export, &b).is_err());
    let foreign_action = RetroWrite::DeleteAction { action_id: 99 };
    assert!(authorize(&fran(), &foreign_action, &b).is_err());
}

#[test]
fn a_participant_receives_no_hidden_text_and_no_author_when_anonymous() {
    let b = board(Phase::Collect);
    let shown = board_for(&dana(), &b);
    assert_eq!(shown.card(1).unwrap().text, "Pair on deploys", "her own");
    let hidden = shown.card(2).unwrap();
    assert_eq!(hidden.text, "");
    assert_eq!(hidden.author, None);
    assert_eq!(shown.card(3).unwrap().text, "Friday releases", "revealed");
    let for_fran = board_for(&fran(), &b);
    assert_eq!(
        for_fran.card(2).unwrap().text,
        "",
        "hidden from the facilitator too"
    );
    assert_eq!(for_fran.card(3).unwrap().text, "Friday releases");

    let mut anonymous = board(Phase::Discuss);
    anonymous.settings.anonymous = true;
    let shown = board_for(&dana(), &anonymous);
    assert!(shown.cards.iter().all(|c| c.author.is_none()));

    let mut secret_tallies = board(Phase::Vote);
    secret_tallies.tallies_hidden = true;
    assert!(board_for(&dana(), &secret_tallies).votes.is_empty());
    assert_eq!(board_for(&fran(), &secret_tallies).votes.len(), 1);
}
