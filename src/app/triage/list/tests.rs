//! The triage list: sorting, filtering, selection and patching.

use super::*;
use crate::domain::feedback::FeedbackItem;
use crate::domain::scoring::{Impact, Rice};
use chrono::DateTime;

fn row(id: i64, title: &str, reach: Option<f64>, status: Status) -> TriageRow {
    TriageRow::from_item(FeedbackItem {
        description: format!("description of {title}"),
        source: Source::Support,
        created_at: DateTime::from_timestamp(id * 100, 0).unwrap(),
        status,
        rice: Rice {
            reach,
            impact: Some(Impact::Medium),
            confidence: Some(100.0),
            effort: Some(1.0),
        },
        ..FeedbackItem::example(id, title)
    })
}

fn list() -> TriageList {
    TriageList::new(vec![
        row(1, "Export to Excel", Some(10.0), Status::New),
        row(2, "Dark mode", Some(300.0), Status::Planned),
        row(3, "SSO login times out", None, Status::New),
        row(4, "Excel import", Some(50.0), Status::New),
    ])
}

fn ids(list: &TriageList) -> Vec<i64> {
    list.window(0, usize::MAX).map(|r| r.id).collect()
}

#[test]
fn sorts_by_score_by_default_and_cycles() {
    let mut l = list();
    assert_eq!(ids(&l), vec![2, 4, 1, 3]);
    l.set_sort(SortKey::Created, false);
    assert_eq!(ids(&l), vec![4, 3, 2, 1]);
    l.set_sort(SortKey::Title, true);
    assert_eq!(ids(&l), vec![3, 1, 4, 2]);
}

#[test]
fn fuzzy_filter_narrows_and_widens() {
    let mut l = list();
    l.set_query("ex");
    assert_eq!(ids(&l), vec![4, 1]);
    l.set_query("exc");
    assert_eq!(ids(&l), vec![4, 1]);
    l.set_query("excel imp");
    assert_eq!(ids(&l), vec![4]);
    l.set_query("EXCEL");
    assert_eq!(ids(&l), vec![4, 1], "case is ignored");
    l.set_query("description of dark");
    assert_eq!(ids(&l), vec![2], "descriptions match by words, not fuzzily");
    l.set_query("dsc");
    assert!(ids(&l).is_empty(), "no fuzzy matching inside descriptions");
    l.set_query("e");
    assert_eq!(ids(&l).len(), 4);
    l.set_query("zzz");
    assert!(ids(&l).is_empty());
    assert_eq!(l.selected_row(), None);
    l.set_query("");
    assert_eq!(ids(&l), vec![2, 4, 1, 3]);
}

#[test]
fn status_filter_combines_with_query() {
    let mut l = list();
    l.set_status_filter(Some(Status::New));
    assert_eq!(ids(&l), vec![4, 1, 3]);
    l.set_query("sso");
    assert_eq!(ids(&l), vec![3]);
    assert!(l.is_filtered());
}

#[test]
fn selection_follows_the_item() {
    let mut l = list();
    l.move_by(2); // item 1
    assert_eq!(l.selected_id(), Some(1));
    l.set_sort(SortKey::Created, false);
    assert_eq!(l.selected_id(), Some(1));
    l.upsert(row(1, "Export to Excel", Some(1000.0), Status::New));
    l.set_sort(SortKey::Score, false);
    assert_eq!(ids(&l)[0], 1);
    assert_eq!(l.selected_id(), Some(1));
    l.remove(1);
    assert_eq!(l.total(), 3);
    assert_eq!(l.selected_position(), 0);
}

#[test]
fn removing_the_last_rows_never_reads_stale_positions() {
    let mut l = list();
    l.bottom();
    for id in [3, 1, 4, 2] {
        l.remove(id);
    }
    assert_eq!(l.total(), 0);
    assert_eq!(l.selected_id(), None);
    l.upsert(row(7, "back", None, Status::New));
    assert_eq!(l.selected_id(), Some(7));
}

#[test]
fn patched_orders_equal_freshly_computed_ones() {
    let rows = (1..=60)
        .map(|i| {
            row(
                i * 2,
                &format!("item {}", (i * 37) % 11),
                Some(((i * 13) % 7) as f64),
                Status::New,
            )
        })
        .collect();
    let mut l = TriageList::new(rows);
    for (sort, model) in [
        (SortKey::Created, ScoringModel::Rice),
        (SortKey::Title, ScoringModel::Rice),
        (SortKey::Score, ScoringModel::Ice),
        (SortKey::Score, ScoringModel::Rice),
    ] {
        l.set_model(model);
        l.set_sort(sort, false);
    }
    assert_eq!(l.orders.len(), 4);
    for step in 0..40i64 {
        match step % 4 {
            0 => l.remove(step * 3 % 120),
            1 => l.upsert(row(
                step * 5 % 130,
                "changed",
                Some(step as f64),
                Status::Done,
            )),
            2 => l.upsert(row(1000 + step, &format!("new {step}"), None, Status::New)),
            _ => l.upsert(row(step % 120, "a", Some(3.0), Status::Triaged)),
        }
    }
    for (key, order) in &l.orders {
        assert_eq!(order, &compute_order(&l.rows, *key, &l.kano), "{key:?}");
    }
}

#[test]
fn kano_categories_sort_and_filter() {
    let mut l = list();
    l.set_kano_categories([
        (1, Some(Category::Attractive)),
        (3, Some(Category::MustBe)),
        (2, None),
    ]);
    l.set_sort(SortKey::Kano, false);
    assert_eq!(
        ids(&l),
        vec![3, 1, 2, 4],
        "must-be, attractive, then unsurveyed by id"
    );
    l.set_kano_filter(Some(Category::Attractive));
    assert_eq!(ids(&l), vec![1]);
    assert_eq!(l.kano_of(3), Some(Category::MustBe));
}

#[test]
fn nps_follows_the_visible_rows() {
    let with_nps = |id: i64, title: &str, answers: &[u8]| {
        let mut r = row(id, title, None, Status::New);
        r.nps = NpsTally::of(answers.iter().copied());
        r
    };
    let mut l = TriageList::new(vec![
        with_nps(1, "slow export", &[10]),
        with_nps(2, "slow login", &[2]),
        with_nps(3, "great export", &[9]),
        row(4, "no answer", None, Status::New),
    ]);
    assert_eq!(l.visible_nps(), Some((33, 3)));
    l.set_query("export");
    assert_eq!(l.visible_nps(), Some((100, 2)));
    l.set_query("no answer");
    assert_eq!(l.visible_nps(), None);
    // An item merged from three reports counts three answers.
    l.set_query("");
    l.upsert(with_nps(2, "slow login", &[2, 0, 8]));
    assert_eq!(l.visible_nps(), Some((0, 5)));
    l.set_query("login");
    assert_eq!(l.visible_nps(), Some((-67, 3)));
    l.remove(2);
    assert_eq!(l.visible_nps(), None);
}

#[test]
fn reversed_score_keeps_unscored_last() {
    let mut l = list();
    l.set_sort(SortKey::Score, true);
    assert_eq!(ids(&l), vec![1, 4, 2, 3]);
}

#[test]
fn moving_is_clamped_and_scrolls() {
    let rows = (1..=100)
        .map(|i| row(i, &format!("item {i}"), Some(i as f64), Status::New))
        .collect();
    let mut l = TriageList::new(rows);
    l.set_page_size(10);
    l.move_by(-5);
    assert_eq!(l.selected_position(), 0);
    l.move_by(15);
    assert_eq!((l.selected_position(), l.offset()), (15, 6));
    l.page(true);
    assert_eq!(l.selected_position(), 25);
    l.bottom();
    assert_eq!((l.selected_position(), l.offset()), (99, 90));
    l.top();
    assert_eq!((l.selected_position(), l.offset()), (0, 0));
}

#[test]
fn better_matches_come_first_and_the_sort_holds_within_them() {
    let mut l = TriageList::new(vec![
        row(1, "Planning board", Some(500.0), Status::New),
        row(2, "Export shift plan", Some(10.0), Status::New),
        row(3, "Shift planner", Some(20.0), Status::New),
        row(4, "Replan the rota", Some(900.0), Status::New),
        row(5, "Print lanyards", Some(800.0), Status::New),
        row(6, "Pale banner", Some(700.0), Status::New),
    ]);
    l.set_query("plan");
    // Whole word, then word starts (by score), then inside a word, then
    // pieces that begin words ("p" + "lan"); "Pale banner" has p-l-a-n only
    // scattered over the middles of words, which does not count.
    assert_eq!(ids(&l), vec![2, 1, 3, 4, 5]);
    l.set_sort(SortKey::Score, true);
    assert_eq!(
        ids(&l),
        vec![2, 3, 1, 4, 5],
        "reversing keeps the qualities"
    );
}
