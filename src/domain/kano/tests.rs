//! Tests of the Kano analysis, with the published figures it reproduces.

use super::*;
use Answer::{Dislike, Expect, Like, Neutral, Tolerate};
use Category::{
    Attractive as A, Indifferent as I, MustBe as M, OneDimensional as O, Questionable as Q,
    Reverse as R,
};
use proptest::prelude::*;

#[test]
fn answers_in_parentheses_and_with_full_stops() {
    assert_eq!(
        Answer::parse("I like it (that way)").unwrap(),
        Some(Answer::Like)
    );
    assert_eq!(
        Answer::parse("I can live with it (that way).").unwrap(),
        Some(Answer::Tolerate)
    );
    assert_eq!(
        Answer::parse("It must be that way.").unwrap(),
        Some(Answer::Expect)
    );
    assert!(Answer::parse("(like)x").is_err());
}

fn resp(functional: Answer, dysfunctional: Answer) -> Response {
    Response {
        functional,
        dysfunctional,
        importance: None,
    }
}

fn counts(m: u32, o: u32, a: u32, i: u32, r: u32, q: u32) -> Counts {
    Counts { a, o, m, i, r, q }
}

fn close(x: Option<f64>, y: f64) -> bool {
    x.is_some_and(|x| (x - y).abs() < 1e-9)
}

fn berger() -> EvaluationTable {
    EvaluationTable::berger()
}

/// A user's table: Berger with Expect/Like and Expect/Expect questionable.
fn strict() -> EvaluationTable {
    let mut cells = [[I; 5]; 5];
    for (row, f) in cells.iter_mut().zip(Answer::ALL) {
        for (cell, d) in row.iter_mut().zip(Answer::ALL) {
            *cell = classify(f, d, &berger());
        }
    }
    cells[1][0] = Q;
    cells[1][1] = Q;
    EvaluationTable::new("Strict", "Me (2026), Notes, p. 1", cells)
}

#[test]
fn berger_table_cell_by_cell() {
    // Rows: functional answer; columns: dysfunctional answer.
    #[rustfmt::skip]
    let expected: [(Answer, [Category; 5]); 5] = [
        //            Like Expect Neutral Tolerate Dislike
        (Like,     [  Q,   A,     A,      A,       O ]),
        (Expect,   [  R,   I,     I,      I,       M ]),
        (Neutral,  [  R,   I,     I,      I,       M ]),
        (Tolerate, [  R,   I,     I,      I,       M ]),
        (Dislike,  [  R,   R,     R,      R,       Q ]),
    ];
    for (functional, row) in expected {
        for (dysfunctional, want) in Answer::ALL.into_iter().zip(row) {
            assert_eq!(
                classify(functional, dysfunctional, &berger()),
                want,
                "{functional:?} / {dysfunctional:?}"
            );
        }
    }
}

#[test]
fn a_user_table_classifies_where_berger_does_not() {
    assert_eq!(classify(Expect, Like, &strict()), Q);
    assert_eq!(classify(Expect, Like, &berger()), R);
    let mut differences = Vec::new();
    for f in Answer::ALL {
        for d in Answer::ALL {
            if classify(f, d, &strict()) != classify(f, d, &berger()) {
                differences.push((f, d));
            }
        }
    }
    assert_eq!(differences, vec![(Expect, Like), (Expect, Expect)]);
    assert_eq!(KanoSettings::default().table, berger());
}

#[test]
fn every_answer_spelling_parses() {
    let cases = [
        ("I like it", Like),
        ("I like it that way", Like),
        ("like", Like),
        ("I expect it", Expect),
        ("It must be that way", Expect),
        ("must-be", Expect),
        ("must be", Expect),
        ("expect", Expect),
        ("I am neutral", Neutral),
        ("neutral", Neutral),
        ("I can tolerate it", Tolerate),
        ("I can live with it", Tolerate),
        ("I can live with it that way", Tolerate),
        ("tolerate", Tolerate),
        ("live with", Tolerate),
        ("I dislike it", Dislike),
        ("I dislike it that way", Dislike),
        ("dislike", Dislike),
        ("1", Like),
        ("2", Expect),
        ("3", Neutral),
        ("4", Tolerate),
        ("5", Dislike),
    ];
    for (text, want) in cases {
        assert_eq!(Answer::parse(text), Ok(Some(want)), "{text}");
        assert_eq!(
            Answer::parse(&text.to_uppercase()),
            Ok(Some(want)),
            "{text}"
        );
        let padded = format!("  {}\t", text.replace(' ', "  "));
        assert_eq!(Answer::parse(&padded), Ok(Some(want)), "{padded:?}");
    }
    for a in Answer::ALL {
        assert_eq!(Answer::parse(a.label()), Ok(Some(a)));
        assert_eq!(Answer::from_number(a.number()), Some(a));
    }
}

#[test]
fn blank_answers_are_none_and_unknown_ones_are_refused() {
    assert_eq!(Answer::parse(""), Ok(None));
    assert_eq!(Answer::parse("   \t "), Ok(None));
    for bad in ["0", "6", "1.5", "-1", "love it", "I like", "maybe", "likes"] {
        let err = Answer::parse(bad).unwrap_err();
        assert!(err.contains(&format!("'{bad}'")), "{err}");
        assert!(err.contains("1–5") && err.contains("I dislike it"), "{err}");
    }
}

#[test]
fn answers_are_numbered_and_scored_per_dumouchel() {
    let numbers: Vec<u8> = Answer::ALL.iter().map(|a| a.number()).collect();
    assert_eq!(numbers, [1, 2, 3, 4, 5]);
    let functional: Vec<f64> = Answer::ALL.iter().map(|a| a.functional_score()).collect();
    assert_eq!(functional, [4.0, 2.0, 0.0, -1.0, -2.0]);
    let dysfunctional: Vec<f64> = Answer::ALL
        .iter()
        .map(|a| a.dysfunctional_score())
        .collect();
    assert_eq!(dysfunctional, [-2.0, -1.0, 0.0, 2.0, 4.0]);
}

#[test]
fn categories_have_letters_names_and_priority() {
    let letters: String = Category::PRIORITY.iter().map(|c| c.letter()).collect();
    assert_eq!(letters, "MOAIRQ");
    assert_eq!(O.name(), "one-dimensional");
    assert_eq!(M.name(), "must-be");
    assert_eq!(A.letter(), 'A');
    assert_eq!(serde_json::to_string(&O).unwrap(), "\"one_dimensional\"");
}

#[test]
fn importance_is_one_to_nine() {
    assert_eq!(parse_importance(""), Ok(None));
    assert_eq!(parse_importance("  "), Ok(None));
    assert_eq!(parse_importance(" 7 "), Ok(Some(7)));
    assert_eq!(parse_importance("1"), Ok(Some(1)));
    assert_eq!(parse_importance("9"), Ok(Some(9)));
    for bad in ["0", "10", "4.5", "high", "-3"] {
        let err = parse_importance(bad).unwrap_err();
        assert!(err.contains(&format!("'{bad}'")), "{err}");
    }
}

#[test]
fn counts_add_get_and_total() {
    let mut c = Counts::default();
    for cat in [A, A, O, M, I, R, Q, Q, Q] {
        c.add(cat);
    }
    assert_eq!((c.get(A), c.get(O), c.get(M)), (2, 1, 1));
    assert_eq!((c.get(I), c.get(R), c.get(Q)), (1, 1, 3));
    assert_eq!(c.total(), 9);
}

#[test]
fn exact_ties_follow_m_o_a_i_r_q() {
    let settings = KanoSettings::default();
    let pick = |c: Counts| analyse_counts(c, &settings).category;
    assert_eq!(pick(counts(2, 2, 0, 0, 0, 0)), Some(M));
    assert_eq!(pick(counts(0, 3, 3, 0, 0, 0)), Some(O));
    assert_eq!(pick(counts(0, 0, 3, 3, 1, 0)), Some(A));
    assert_eq!(pick(counts(0, 0, 0, 2, 2, 2)), Some(I));
    assert_eq!(pick(counts(0, 0, 0, 0, 1, 1)), Some(R));
    assert_eq!(pick(counts(1, 1, 1, 1, 1, 1)), Some(M));
    assert_eq!(pick(counts(0, 0, 0, 0, 0, 4)), Some(Q));
    let tied = analyse_counts(counts(0, 0, 3, 3, 1, 0), &settings);
    assert_eq!(tied.category_strength, Some(0.0));
    assert_eq!(tied.fong_significant, Some(false));
}

#[test]
fn near_ties_need_a_window() {
    // The 25-respondent example of the Kano study guide: M 9, O 10,
    // A 1, I 2, R 3, Q 0. O leads M by 1 response = 4 points.
    let c = counts(9, 10, 1, 2, 3, 0);
    let with = |tie_window| {
        analyse_counts(
            c,
            &KanoSettings {
                tie_window,
                ..KanoSettings::default()
            },
        )
        .category
    };
    assert_eq!(with(0.0), Some(O));
    assert_eq!(with(3.9), Some(O));
    assert_eq!(with(4.0), Some(M));
    assert_eq!(with(50.0), Some(M));
    assert_eq!(with(-5.0), Some(O));
    assert_eq!(with(f64::NAN), Some(O));
    // Empty categories never win, however wide the window.
    assert_eq!(
        analyse_counts(
            counts(0, 0, 1, 5, 0, 0),
            &KanoSettings {
                tie_window: f64::INFINITY,
                ..KanoSettings::default()
            }
        )
        .category,
        Some(A)
    );
    assert_eq!(
        analyse_counts(counts(9, 5, 4, 2, 4, 1), &KanoSettings::default()).category,
        Some(M)
    );
}

#[test]
fn published_example_figures_are_reproduced() {
    // stp4/stp25kano README, "Service app": M 95, O 123, A 45, I 33, n 296;
    // published: O, total strength 89%, category strength 9%,
    // CS+ 0.568, CS- -0.736, Fong "28 < 19.4 sig.".
    let s = analyse_counts(counts(95, 123, 45, 33, 0, 0), &KanoSettings::default());
    assert_eq!(s.n, 296);
    assert_eq!(s.category, Some(O));
    assert!(close(s.better, 168.0 / 296.0));
    assert!(close(s.worse, -218.0 / 296.0));
    assert!(close(s.total_strength, 263.0 * 100.0 / 296.0));
    assert!(close(s.category_strength, 28.0 * 100.0 / 296.0));
    assert_eq!(s.fong_significant, Some(true));
    let t = fong_threshold(123, 95, 296).unwrap();
    assert!((t - 19.3636).abs() < 1e-3, "{t}");
    // "Loan machine": M 65, O 87, A 93, I 51; Fong "6 < 18.5 ns".
    let loan = analyse_counts(counts(65, 87, 93, 51, 0, 0), &KanoSettings::default());
    assert_eq!(loan.category, Some(A));
    assert_eq!(loan.fong_significant, Some(false));
    assert!((fong_threshold(93, 87, 296).unwrap() - 18.4675).abs() < 1e-3);
    // "Excellent service": M 101, O 54, A 54, I 81, R 3, Q 3; "20 < 18.5 sig.".
    let exc = analyse_counts(counts(101, 54, 54, 81, 3, 3), &KanoSettings::default());
    assert_eq!(exc.fong_significant, Some(true));
    assert!(close(exc.total_strength, 209.0 * 100.0 / 296.0));
}

#[test]
fn fong_worked_example_at_the_boundary() {
    // n = 20, a = 8, b = 4: 1.65 * sqrt(12 * 28 / 40) = 1.65 * sqrt(8.4) ≈ 4.782,
    // and |8 - 4| = 4 falls short: not significant.
    let t = fong_threshold(8, 4, 20).unwrap();
    assert!((t - 1.65 * 8.4f64.sqrt()).abs() < 1e-12);
    assert_eq!(fong_significant(&counts(8, 4, 4, 4, 0, 0)), Some(false));
    // n = 20, a = 8, b = 3: 1.65 * sqrt(11 * 29 / 40) ≈ 4.660 and |8 - 3| = 5:
    // significant.
    assert!((fong_threshold(8, 3, 20).unwrap() - 4.6596).abs() < 1e-3);
    assert_eq!(fong_significant(&counts(8, 3, 3, 3, 3, 0)), Some(true));
    // The top two are found wherever they are, Q included.
    assert_eq!(fong_significant(&counts(3, 0, 0, 0, 0, 8)), Some(true));
    // A single response is never significant; two identical ones are.
    assert_eq!(fong_significant(&counts(0, 0, 1, 0, 0, 0)), Some(false));
    assert_eq!(fong_significant(&counts(0, 0, 2, 0, 0, 0)), Some(true));
    assert_eq!(fong_significant(&Counts::default()), None);
    assert_eq!(fong_threshold(3, 3, 4), None);
}

#[test]
fn only_reverse_or_questionable_has_no_better_or_worse() {
    let responses = [resp(Dislike, Like), resp(Like, Like), resp(Expect, Like)];
    let s = analyse(&responses, &KanoSettings::default());
    assert_eq!(s.n, 3);
    assert_eq!((s.counts.r, s.counts.q), (2, 1));
    assert_eq!(s.category, Some(R));
    assert_eq!((s.better, s.worse), (None, None));
    assert_eq!(s.total_strength, Some(0.0));
    assert!(close(s.category_strength, 100.0 / 3.0));
    // Under a user's table where Expect/Like is Q, R and Q tie.
    let p = analyse(
        &responses,
        &KanoSettings {
            table: strict(),
            ..KanoSettings::default()
        },
    );
    assert_eq!((p.counts.r, p.counts.q), (1, 2));
    assert_eq!(p.category, Some(Q));
}

#[test]
fn worse_is_never_negative_zero() {
    let s = analyse_counts(counts(0, 0, 3, 1, 0, 0), &KanoSettings::default());
    assert_eq!(s.better, Some(0.75));
    let w = s.worse.unwrap();
    assert!(w == 0.0 && w.is_sign_positive());
}

#[test]
fn no_responses_gives_nothing() {
    let s = analyse(&[], &KanoSettings::default());
    assert_eq!(s.n, 0);
    assert_eq!(s.counts, Counts::default());
    assert_eq!(s.category, None);
    assert_eq!((s.better, s.worse), (None, None));
    assert_eq!((s.category_strength, s.total_strength), (None, None));
    assert_eq!(s.fong_significant, None);
    assert_eq!((s.functional_mean, s.functional_sd), (None, None));
    assert_eq!((s.dysfunctional_mean, s.dysfunctional_sd), (None, None));
    assert_eq!(s.importance_mean, None);
}

#[test]
fn importance_mean_when_present() {
    let mut responses = [
        resp(Like, Dislike),
        resp(Like, Tolerate),
        resp(Neutral, Neutral),
    ];
    assert_eq!(
        analyse(&responses, &KanoSettings::default()).importance_mean,
        None
    );
    responses[0].importance = Some(7);
    responses[1].importance = Some(9);
    assert_eq!(
        analyse(&responses, &KanoSettings::default()).importance_mean,
        Some(8.0)
    );
    // Out-of-range values built directly are ignored, not averaged.
    responses[2].importance = Some(0);
    assert_eq!(
        analyse(&responses, &KanoSettings::default()).importance_mean,
        Some(8.0)
    );
}

#[test]
fn continuous_means_and_sample_sds_by_hand() {
    // Functional: Like 4, Like 4, Expect 2, Neutral 0 -> mean 2.5,
    // squared deviations 2.25 + 2.25 + 0.25 + 6.25 = 11, SD = sqrt(11/3).
    // Dysfunctional: Dislike 4, Neutral 0, Dislike 4, Neutral 0 -> mean 2,
    // squared deviations 4 * 4 = 16, SD = sqrt(16/3) (population SD would be 2).
    let responses = [
        resp(Like, Dislike),
        resp(Like, Neutral),
        resp(Expect, Dislike),
        resp(Neutral, Neutral),
    ];
    let s = analyse(&responses, &KanoSettings::default());
    assert_eq!(s.functional_mean, Some(2.5));
    assert!(close(s.functional_sd, (11.0f64 / 3.0).sqrt()));
    assert_eq!(s.dysfunctional_mean, Some(2.0));
    assert!(close(s.dysfunctional_sd, (16.0f64 / 3.0).sqrt()));
    assert_eq!(
        (s.counts.o, s.counts.a, s.counts.m, s.counts.i),
        (1, 1, 1, 1)
    );
    assert_eq!(s.category, Some(M));
    // One response: a mean, but no spread.
    let one = analyse(&responses[..1], &KanoSettings::default());
    assert_eq!(one.functional_mean, Some(4.0));
    assert_eq!((one.functional_sd, one.dysfunctional_sd), (None, None));
}

fn any_answer() -> impl Strategy<Value = Answer> {
    prop::sample::select(Answer::ALL.to_vec())
}

fn any_response() -> impl Strategy<Value = Response> {
    (any_answer(), any_answer(), prop::option::of(0u8..=12)).prop_map(
        |(functional, dysfunctional, importance)| Response {
            functional,
            dysfunctional,
            importance,
        },
    )
}

fn any_settings() -> impl Strategy<Value = KanoSettings> {
    let window = prop_oneof![
        -10.0f64..150.0,
        Just(0.0),
        Just(f64::NAN),
        Just(f64::INFINITY),
        Just(f64::NEG_INFINITY),
    ];
    let any_cells = prop::array::uniform5(prop::array::uniform5(prop::sample::select(
        Category::PRIORITY.to_vec(),
    )));
    let table = prop_oneof![
        Just(berger()),
        Just(strict()),
        any_cells.prop_map(|cells| EvaluationTable::new("Any", "Generated", cells)),
    ];
    (window, table).prop_map(|(tie_window, table)| KanoSettings { tie_window, table })
}

fn all_figures(s: &FeatureAnalysis) -> [Option<f64>; 9] {
    [
        s.better,
        s.worse,
        s.category_strength,
        s.total_strength,
        s.functional_mean,
        s.functional_sd,
        s.dysfunctional_mean,
        s.dysfunctional_sd,
        s.importance_mean,
    ]
}

proptest! {
    #[test]
    fn figures_are_finite_and_in_range(
        responses in prop::collection::vec(any_response(), 0..80),
        settings in any_settings(),
    ) {
        let s = analyse(&responses, &settings);
        for x in all_figures(&s).into_iter().flatten() {
            prop_assert!(x.is_finite(), "{s:?}");
        }
        prop_assert!(s.better.is_none_or(|b| (0.0..=1.0).contains(&b)));
        prop_assert!(s.worse.is_none_or(|w| (-1.0..=0.0).contains(&w)));
        prop_assert!(s.category_strength.is_none_or(|c| (0.0..=100.0).contains(&c)));
        prop_assert!(s.total_strength.is_none_or(|t| (0.0..=100.0 + 1e-9).contains(&t)));
        prop_assert!(s.importance_mean.is_none_or(|m| (1.0..=9.0).contains(&m)));
        prop_assert_eq!(s.category.is_some(), s.n > 0);
        prop_assert_eq!(s.fong_significant.is_some(), s.n > 0);
        prop_assert_eq!(s.functional_sd.is_some(), s.n > 1);
    }

    #[test]
    fn counts_sum_to_n(
        responses in prop::collection::vec(any_response(), 0..80),
        settings in any_settings(),
    ) {
        let s = analyse(&responses, &settings);
        prop_assert_eq!(s.n as usize, responses.len());
        prop_assert_eq!(s.counts.total(), s.n);
        let by_category: u32 = Category::PRIORITY.iter().map(|&c| s.counts.get(c)).sum();
        prop_assert_eq!(by_category, s.n);
    }

    #[test]
    fn the_winner_is_within_the_window_of_the_top(
        responses in prop::collection::vec(any_response(), 1..80),
        settings in any_settings(),
    ) {
        let s = analyse(&responses, &settings);
        let c = s.counts;
        let winner = s.category.unwrap();
        let top = Category::PRIORITY.iter().map(|&k| c.get(k)).max().unwrap();
        prop_assert!(c.get(winner) > 0);
        let gap = f64::from(top - c.get(winner)) * 100.0 / f64::from(s.n);
        let window = if settings.tie_window > 0.0 { settings.tie_window } else { 0.0 };
        prop_assert!(gap <= window);
        // No higher-priority category with answers was also within the window.
        for &k in Category::PRIORITY.iter().take_while(|&&k| k != winner) {
            let g = f64::from(top - c.get(k)) * 100.0 / f64::from(s.n);
            prop_assert!(c.get(k) == 0 || g > window);
        }
    }

    #[test]
    fn parsing_never_panics_and_round_trips(text in "\\PC{0,30}", a in any_answer()) {
        let _ = Answer::parse(&text);
        let _ = parse_importance(&text);
        prop_assert_eq!(Answer::parse(&a.number().to_string()), Ok(Some(a)));
        prop_assert_eq!(Answer::parse(&format!(" {} ", a.label())), Ok(Some(a)));
    }
}
