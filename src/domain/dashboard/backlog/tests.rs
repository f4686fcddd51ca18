use super::*;

fn day(month: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, month, d).unwrap()
}

fn fact(created: NaiveDate, source: Source, sentiment: Sentiment) -> FeedbackFact {
    FeedbackFact {
        created,
        source,
        sentiment,
    }
}

fn scored(id: i64, status: Status, reach: f64) -> ScoredItem {
    ScoredItem {
        id,
        title: format!("item {id}"),
        status,
        rice: Rice {
            reach: Some(reach),
            impact: Some(crate::domain::scoring::Impact::Medium),
            confidence: Some(100.0),
            effort: Some(1.0),
        },
        ice: Ice::default(),
        wsjf: Wsjf::default(),
    }
}

#[test]
fn weeks_start_on_monday_and_months_on_the_first() {
    // 2026-03-04 is a Wednesday.
    assert_eq!(Granularity::Week.start_of(day(3, 4)), day(3, 2));
    assert_eq!(Granularity::Week.start_of(day(3, 2)), day(3, 2));
    assert_eq!(Granularity::Month.start_of(day(3, 31)), day(3, 1));
    assert_eq!(
        Granularity::for_span(day(1, 1), day(3, 1)),
        Granularity::Week
    );
    assert_eq!(
        Granularity::for_span(day(1, 1), day(12, 1)),
        Granularity::Month
    );
}

#[test]
fn items_and_answers_are_counted_per_week_by_source_and_sentiment() {
    let today = day(3, 18); // a Wednesday
    let items = [
        fact(day(3, 16), Source::Support, Sentiment::Negative),
        fact(day(3, 17), Source::Support, Sentiment::Neutral),
        fact(day(3, 10), Source::Nps, Sentiment::Positive),
    ];
    let answers = [
        NpsAnswer {
            date: day(3, 10),
            score: 10,
        },
        NpsAnswer {
            date: day(3, 11),
            score: 3,
        },
        NpsAnswer {
            date: day(3, 16),
            score: 9,
        },
    ];
    let backlog = Backlog::of(
        &items,
        &answers,
        &[],
        ScoringModel::Rice,
        Some(day(3, 9)),
        today,
    );
    assert_eq!(backlog.granularity, Granularity::Week);
    let starts: Vec<NaiveDate> = backlog.buckets.iter().map(|b| b.start).collect();
    assert_eq!(starts, [day(3, 9), day(3, 16)]);
    let [earlier, this_week] = &backlog.buckets[..] else {
        panic!()
    };
    assert_eq!(this_week.items(), 2);
    assert_eq!(this_week.by_source[2], 2, "support");
    assert_eq!(this_week.by_sentiment, [1, 1, 0]);
    assert_eq!(earlier.by_source[1], 1, "nps");
    assert_eq!(earlier.nps.score(), Some((0, 2)));
    assert_eq!(this_week.nps.score(), Some((100, 1)));
    assert_eq!(backlog.nps.score(), Some((33, 3)));
    assert_eq!(backlog.items, 3);
}

#[test]
fn a_long_period_is_shown_by_month_and_keeps_the_last_twelve() {
    let items: Vec<FeedbackFact> = (1..=12)
        .flat_map(|m| [fact(day(m, 5), Source::Survey, Sentiment::Neutral)])
        .chain([fact(
            NaiveDate::from_ymd_opt(2025, 6, 1).unwrap(),
            Source::Other,
            Sentiment::Neutral,
        )])
        .collect();
    let backlog = Backlog::of(&items, &[], &[], ScoringModel::Rice, None, day(12, 20));
    assert_eq!(backlog.granularity, Granularity::Month);
    assert_eq!(backlog.buckets.len(), MAX_BUCKETS);
    assert_eq!(backlog.buckets[0].start, day(1, 1));
    assert!(backlog.buckets.iter().all(|b| b.items() == 1));
    assert_eq!(backlog.items, 13, "the total counts the whole period");
}

#[test]
fn the_top_items_are_open_and_ranked_by_the_active_model() {
    let candidates = [
        scored(1, Status::New, 10.0),
        scored(2, Status::Done, 99.0),
        scored(3, Status::Planned, 50.0),
        scored(4, Status::WontDo, 80.0),
        scored(5, Status::Triaged, 50.0),
    ];
    let top = top_items(&candidates, ScoringModel::Rice);
    assert_eq!(top.iter().map(|t| t.id).collect::<Vec<_>>(), [3, 5, 1]);
    assert_eq!(top[0].score, 50.0);
    assert!(
        top_items(&candidates, ScoringModel::Ice).is_empty(),
        "no ICE scores"
    );
}
