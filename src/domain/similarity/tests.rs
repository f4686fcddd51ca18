//! Tests of near-duplicate detection: fingerprints and their similarity, the
//! pairs found, the limit, work budget and stop request of a search, and
//! property tests of the similarity and the threshold.

use super::*;
use proptest::prelude::*;

fn print(text: &str) -> Fingerprint {
    Fingerprint::of(text, "")
}

#[test]
fn stop_words_are_left_out() {
    assert!(is_stop_word("the") && is_stop_word("please") && is_stop_word("your"));
    assert!(!is_stop_word("export") && !is_stop_word("not"));
}

#[test]
fn inflections_and_stop_words_do_not_matter() {
    let a = print("App crashes when exporting the roster");
    let b = print("app crashed on roster export");
    // {app, crash, export, roster} vs {app, crash, roster, export}.
    assert_eq!(a.similarity(&b), 1.0);
    assert_eq!(stem("crashing"), "crash");
    assert_eq!(stem("watches"), "watch");
    assert_eq!(stem("address"), "address");
    assert_eq!(stem("bus"), "bus");
}

#[test]
fn jaccard_counts_shared_over_all_tokens() {
    let a = print("dark mode calendar");
    let b = print("dark mode roster");
    assert!((a.similarity(&b) - 0.5).abs() < 1e-9);
    assert_eq!(a.similarity(&print("payroll invoice")), 0.0);
    assert_eq!(print("").similarity(&print("")), 0.0);
}

#[test]
fn description_words_count_too() {
    let a = Fingerprint::of("Export", "to Excel with formulas");
    let b = Fingerprint::of("Excel export", "with formulas please");
    assert_eq!(a.similarity(&b), 1.0);
}

#[test]
fn finds_the_near_duplicates_among_unrelated_items() {
    let texts = [
        "Dark mode for the night shift",
        "Export the roster to Excel",
        "Please add a dark mode for night shifts",
        "Payroll report shows wrong overtime",
        "Roster export to excel",
        "Single sign-on with Azure AD",
    ];
    let prints: Vec<Fingerprint> = texts.iter().map(|t| print(t)).collect();
    let pairs = near_duplicates(&prints, 0.5, 100, &|_, _| false, &|| false).pairs;
    let found: Vec<(usize, usize)> = pairs.iter().map(|p| (p.first, p.second)).collect();
    assert_eq!(found, vec![(1, 4), (0, 2)]);
    assert_eq!(pairs[0].similarity, 1.0);
    assert!(pairs[1].similarity >= 0.5 && pairs[1].similarity < 1.0);
}

#[test]
fn empty_items_are_never_paired() {
    let prints = vec![print("the"), print("a to"), print("")];
    assert!(
        near_duplicates(&prints, 0.0, 100, &|_, _| false, &|| false)
            .pairs
            .is_empty()
    );
}

#[test]
fn identical_items_pair_with_the_first_only() {
    let mut prints = vec![print("same words everywhere"); 1000];
    prints.push(print("unique zebra giraffe"));
    prints.push(print("unique zebra giraffes"));
    let search = near_duplicates(&prints, 0.9, 2000, &|_, _| false, &|| false);
    assert!(search.complete);
    assert_eq!(search.pairs.len(), 1000);
    assert!(search.pairs.iter().all(|p| p.similarity == 1.0));
    assert!(search.pairs[..999].iter().all(|p| p.first == 0));
    assert_eq!(
        (search.pairs[999].first, search.pairs[999].second),
        (1000, 1001)
    );
}

#[test]
fn the_limit_keeps_the_most_similar_and_skipped_pairs_are_left_out() {
    let prints: Vec<Fingerprint> = [
        "alpha beta gamma delta",
        "alpha beta gamma delta epsilon",
        "alpha beta gamma",
        "alpha beta gamma delta",
    ]
    .iter()
    .map(|t| print(t))
    .collect();
    let all = near_duplicates(&prints, 0.7, 100, &|_, _| false, &|| false).pairs;
    // The copy (3) is paired with its first (0) only; (1, 2) is 0.6.
    assert_eq!(all.len(), 3, "{all:?}");
    assert_eq!(
        (all[0].first, all[0].second, all[0].similarity),
        (0, 3, 1.0)
    );
    let top = near_duplicates(&prints, 0.7, 2, &|_, _| false, &|| false).pairs;
    assert_eq!(top, all[..2].to_vec());
    let without = near_duplicates(&prints, 0.7, 100, &|a, b| (a, b) == (0, 3), &|| false).pairs;
    assert_eq!(without.len(), 2);
    assert!(without.iter().all(|p| (p.first, p.second) != (0, 3)));
}

#[test]
fn a_search_stops_at_its_work_budget_and_says_so() {
    // 2,000 items drawn from 24 words: many candidate pairs.
    let words: Vec<String> = (0..24).map(|i| format!("w{i}x")).collect();
    let mut state = 7u64;
    let prints: Vec<Fingerprint> = (0..2_000)
        .map(|_| {
            let text: Vec<&str> = (0..6)
                .map(|_| {
                    state = mix(state);
                    words[(state % 24) as usize].as_str()
                })
                .collect();
            print(&text.join(" "))
        })
        .collect();
    let none = |_: usize, _: usize| false;
    let unlimited = search_within(&prints, 0.5, 100, &none, &|| false, usize::MAX);
    assert!(unlimited.complete);
    let limited = search_within(&prints, 0.5, 100, &none, &|| false, 2_000);
    assert!(!limited.complete);
    assert!(
        !limited.pairs.is_empty(),
        "the smallest buckets were checked"
    );
}

#[test]
fn a_large_cluster_of_one_issue_is_listed_with_its_first_report() {
    // 3,000 reports of the same crash, each naming its own customer:
    // any two share 4 of 6 words. Far more than a bucket holds.
    let prints: Vec<Fingerprint> = (0..3000)
        .map(|i| print(&format!("Roster export to Excel crashes customer{i}")))
        .collect();
    let search = near_duplicates(&prints, 0.6, 5000, &|_, _| false, &|| false);
    let with_first = search.pairs.iter().filter(|p| p.first == 0).count();
    assert!(with_first > 2900, "{with_first} of 2999 found");
    assert!(search.pairs.iter().all(|p| p.similarity >= 0.6));
}

#[test]
fn a_stop_request_ends_the_search_early() {
    let prints = vec![print("alpha beta gamma"), print("alpha beta gamma delta")];
    let search = near_duplicates(&prints, 0.5, 10, &|_, _| false, &|| true);
    assert!(!search.complete);
    assert!(search.pairs.is_empty());
}

proptest! {
    #[test]
    fn similarity_is_symmetric_and_bounded(a in "[a-z ]{0,60}", b in "[a-z ]{0,60}") {
        let (x, y) = (print(&a), print(&b));
        let s = x.similarity(&y);
        prop_assert!((0.0..=1.0).contains(&s));
        prop_assert_eq!(s, y.similarity(&x));
        if !x.is_empty() {
            prop_assert_eq!(x.similarity(&x), 1.0);
        }
    }

    #[test]
    fn every_reported_pair_meets_the_threshold(texts in proptest::collection::vec("[a-f ]{0,20}", 0..30)) {
        let prints: Vec<Fingerprint> = texts.iter().map(|t| print(t)).collect();
        for pair in near_duplicates(&prints, 0.6, usize::MAX, &|_, _| false, &|| false).pairs {
            prop_assert!(pair.first < pair.second);
            prop_assert!(pair.similarity >= 0.6);
            prop_assert_eq!(pair.similarity, prints[pair.first].similarity(&prints[pair.second]));
        }
    }
}
