//! The Kano and duplicates screens, and what they share with the triage table.

use super::*;

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
        Action::Kano(crate::app::kano::Msg::Loaded(vec![survey(
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
        m.kano.settings.table.name(),
        "Berger",
        "Berger is the only table without user tables"
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
        Action::Duplicates(crate::app::duplicates::Msg::Loaded(NearDuplicates {
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
        Action::Duplicates(crate::app::duplicates::Msg::Dismissed {
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
