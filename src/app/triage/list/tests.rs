//! The triage list: sorting, filtering, selection and patching.

use super::super::order::compute_order;
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
        assert_eq!(**order, compute_order(&l.rows, *key, &l.kano), "{key:?}");
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

// ----- arranging off the input path ----------------------------------------

/// A list that hands out every sort and filter change as a job.
fn background(rows: Vec<TriageRow>) -> TriageList {
    let mut l = TriageList::new(rows);
    l.arrange_in_background_from(0);
    l
}

/// Runs the job the list hands out, as the runtime would, and shows it.
fn run_job(l: &mut TriageList) {
    let job = l.take_job().expect("a job for the change");
    l.accept(job.run().expect("not overtaken"));
}

#[test]
fn a_large_list_keeps_the_old_order_until_the_job_is_in() {
    let mut l = background(list().rows.to_vec());
    l.select_id(4);
    l.set_sort(SortKey::Created, false);
    assert_eq!(ids(&l), vec![2, 4, 1, 3], "the old order stays on screen");
    assert_eq!(l.arranging(), Some("sorting…"));
    assert_eq!(
        l.sort(),
        SortKey::Created,
        "the header already names the new sort"
    );
    let job = l.take_job().expect("a job");
    assert!(l.take_job().is_none(), "one job per change");
    assert_eq!(l.arranging(), Some("sorting…"), "until its answer is in");
    l.move_by(1);
    assert_eq!(l.selected_id(), Some(1), "keys still move in the old order");
    l.accept(job.run().unwrap());
    assert_eq!(ids(&l), vec![4, 3, 2, 1]);
    assert_eq!(l.arranging(), None);
    assert_eq!(l.selected_id(), Some(1), "the selection stays on its item");
    assert_eq!(l.selected_position(), 3);

    l.set_query("ex");
    assert_eq!(l.arranging(), Some("filtering…"));
    run_job(&mut l);
    assert_eq!(ids(&l), vec![4, 1]);
}

#[test]
fn an_overtaken_job_stops_and_its_answer_is_dropped() {
    let mut l = background(list().rows.to_vec());
    l.set_sort(SortKey::Title, false);
    let first = l.take_job().unwrap();
    l.set_sort(SortKey::Created, false);
    let second = l.take_job().unwrap();
    assert_eq!(first.clone().run(), None, "told it was overtaken");
    let mut stale = second.clone();
    stale.generation = first.generation;
    l.accept(stale.run().unwrap());
    assert_eq!(ids(&l), vec![2, 4, 1, 3], "an old answer changes nothing");
    l.accept(second.run().unwrap());
    assert_eq!(ids(&l), vec![4, 3, 2, 1]);
}

#[test]
fn a_changed_row_overtakes_the_job_and_arranges_at_once() {
    let mut l = background(list().rows.to_vec());
    l.set_sort(SortKey::Title, false);
    let job = l.take_job().unwrap();
    l.upsert(row(5, "Zebra export", Some(1.0), Status::New));
    assert_eq!(l.arranging(), None, "arranged with the new row");
    assert_eq!(ids(&l), vec![2, 4, 1, 3, 5]);
    assert_eq!(l.selected_id(), Some(5));
    assert_eq!(job.run(), None);
}

/// One step of the property below.
#[derive(Debug, Clone)]
enum Step {
    Sort(u8, bool),
    Model(u8),
    Query(&'static str),
    Status(Option<u8>),
    Upsert(i64, u8),
    Remove(i64),
    Move(i8),
}

fn step() -> impl proptest::strategy::Strategy<Value = Step> {
    use proptest::prelude::*;
    let queries = [
        "", "e", "ex", "exp", "export", "excel", "dark", "'excel", "!dark", "mo de",
    ];
    prop_oneof![
        (0..5u8, any::<bool>()).prop_map(|(k, r)| Step::Sort(k, r)),
        (0..3u8).prop_map(Step::Model),
        proptest::sample::select(queries.to_vec()).prop_map(Step::Query),
        proptest::option::of(0..3u8).prop_map(Step::Status),
        (1..30i64, 0..4u8).prop_map(|(id, t)| Step::Upsert(id, t)),
        (1..30i64).prop_map(Step::Remove),
        any::<i8>().prop_map(Step::Move),
    ]
}

fn apply(l: &mut TriageList, step: &Step) {
    let sorts = [
        SortKey::Score,
        SortKey::Created,
        SortKey::Title,
        SortKey::Kano,
        SortKey::Mentions,
    ];
    let models = [ScoringModel::Rice, ScoringModel::Ice, ScoringModel::Wsjf];
    let statuses = [Status::New, Status::Planned, Status::Done];
    let titles = [
        "Export to Excel",
        "Dark mode",
        "export shift plan",
        "Excel import",
    ];
    match step {
        Step::Sort(k, r) => l.set_sort(sorts[usize::from(*k)], *r),
        Step::Model(m) => l.set_model(models[usize::from(*m)]),
        Step::Query(q) => l.set_query(q),
        Step::Status(s) => l.set_status_filter(s.map(|s| statuses[usize::from(s)])),
        Step::Upsert(id, t) => l.upsert(row(
            *id,
            titles[usize::from(*t)],
            Some(*id as f64 % 7.0),
            statuses[usize::from(*t % 3)],
        )),
        Step::Remove(id) => l.remove(*id),
        Step::Move(d) => l.move_by(isize::from(*d)),
    }
}

proptest::proptest! {
    /// Arranging off the input path ends where arranging at once does,
    /// whether each job's answer comes at once or after later keys.
    #[test]
    fn arranging_in_the_background_shows_what_arranging_at_once_shows(
        steps in proptest::collection::vec(step(), 1..40),
        late in proptest::collection::vec(proptest::bool::ANY, 40),
    ) {
        let start = || (1..=12).map(|i| row(i * 2, ["Export to Excel", "Dark mode", "export shift plan"][i as usize % 3], Some(i as f64), Status::New)).collect::<Vec<_>>();
        let mut now = TriageList::new(start());
        let mut later = background(start());
        let mut waiting = Vec::new();
        for (i, step) in steps.iter().enumerate() {
            apply(&mut now, step);
            apply(&mut later, step);
            waiting.extend(later.take_job());
            if !late[i] {
                for job in waiting.drain(..) {
                    if let Some(arranged) = job.run() {
                        later.accept(arranged);
                    }
                }
                if later.arranging().is_none() {
                    proptest::prop_assert_eq!(ids(&now), ids(&later));
                    proptest::prop_assert_eq!(now.visible_nps(), later.visible_nps());
                }
            }
        }
        for job in waiting.drain(..) {
            if let Some(arranged) = job.run() {
                later.accept(arranged);
            }
        }
        proptest::prop_assert_eq!(later.arranging(), None);
        proptest::prop_assert_eq!(ids(&now), ids(&later));
        proptest::prop_assert_eq!(now.visible_nps(), later.visible_nps());
    }
}
