//! Tests of near-duplicate detection: fingerprints (stems, synonyms,
//! phrases) and their weighted similarity, the pairs found, the limit, work
//! budget and stop request of a search, the closest matches of a draft, and
//! property tests of the similarity and the threshold.

use super::text::is_stop_word;
use super::*;
use proptest::prelude::*;

fn shipped() -> Synonyms {
    Synonyms::parse(
        "assets/synonyms.toml",
        include_str!("../../../assets/synonyms.toml"),
    )
    .unwrap()
}

fn analyzer() -> Analyzer {
    Analyzer::new(&shipped())
}

fn print(text: &str) -> Fingerprint {
    analyzer().fingerprint(text, "")
}

/// The similarity of two texts, weighted over `backlog` and the two.
fn similarity_among(a: &str, b: &str, backlog: &[&str]) -> f64 {
    let mut analyzer = analyzer();
    let (x, y) = (analyzer.fingerprint(a, ""), analyzer.fingerprint(b, ""));
    let others: Vec<Fingerprint> = backlog
        .iter()
        .map(|t| analyzer.fingerprint(t, ""))
        .collect();
    Weights::of(others.iter().chain([&x, &y])).similarity(&x, &y)
}

fn similarity(a: &str, b: &str) -> f64 {
    similarity_among(a, b, &[])
}

#[test]
fn stop_words_are_left_out() {
    assert!(is_stop_word("the") && is_stop_word("please") && is_stop_word("your"));
    assert!(!is_stop_word("export") && !is_stop_word("not"));
}

#[test]
fn inflections_and_stop_words_do_not_matter() {
    // {app, bug, export, schedule} both.
    assert_eq!(
        print("App crashes when exporting the roster"),
        print("app crashed on roster export")
    );
    let stemmer = analyzer();
    assert_eq!(stemmer.stem("crashing"), "crash");
    assert_eq!(stemmer.stem("watches"), "watch");
    assert_eq!(stemmer.stem("address"), "address");
    assert_eq!(stemmer.stem("bus"), "bus");
    assert_eq!(stemmer.stem("generously"), "generous");
}

#[test]
fn synonyms_and_phrases_meet_on_one_token() {
    assert_eq!(
        print("Export shift plan to Excel"),
        print("Download roster as XLSX")
    );
    assert_eq!(print("Log in fails"), print("cannot sign in"));
    assert_eq!(print("Logging in fails"), print("can't sign in"));
    assert_eq!(print("SSO login"), print("single sign-on"));
    // A phrase is matched as a whole only: "plan" alone is not "schedule".
    assert_ne!(print("pricing plan"), print("pricing schedule"));
}

#[test]
fn user_groups_join_the_groups_they_share_a_term_with() {
    let user = Synonyms::parse("u.toml", "groups = [[\"dienstplan\", \"rota\"]]").unwrap();
    let mut analyzer = Analyzer::new(&shipped().extended(user));
    assert_eq!(
        analyzer.fingerprint("Dienstplan export", ""),
        analyzer.fingerprint("roster download", "")
    );
}

#[test]
fn weighted_jaccard_counts_shared_weight_over_all_weight() {
    // Two shared words (used by both items) of four.
    let s = similarity("blue widget calendar", "blue widget payroll");
    let (shared, own) = (weights::weight(2, 2), weights::weight(2, 1));
    assert!((s - shared / (shared + own)).abs() < 1e-9, "{s}");
    assert_eq!(similarity("dark mode calendar", "payroll invoice"), 0.0);
    assert_eq!(similarity("", ""), 0.0);
    // A word many items use counts for less than a rare one: sharing
    // "customer" weighs less than sharing "geofence".
    let backlog: Vec<String> = (0..40).map(|i| format!("customer topic{i}")).collect();
    let backlog: Vec<&str> = backlog.iter().map(String::as_str).collect();
    let common = similarity_among("customer geofence", "customer barcode", &backlog);
    let rare = similarity_among("customer geofence", "geofence barcode", &backlog);
    assert!(common < 0.3 && rare > 0.3, "{common} {rare}");
}

#[test]
fn description_words_count_too() {
    let mut analyzer = analyzer();
    let a = analyzer.fingerprint("Export", "to Excel with formulas");
    let b = analyzer.fingerprint("Excel export", "with formulas please");
    assert_eq!(a, b);
}

#[test]
fn closest_matches_of_a_draft_are_found_most_similar_first() {
    let mut analyzer = analyzer();
    let stored: Vec<Fingerprint> = [
        "Bulk edit shifts",
        "Dark mode for the night shift",
        "Edit several shifts at once",
        "Payroll report shows wrong overtime",
    ]
    .iter()
    .map(|t| analyzer.fingerprint(t, ""))
    .collect();
    let draft = analyzer.fingerprint("Bulk edit shifts for a whole week", "");
    let found = closest_matches(&draft, &stored, 0.3, 10);
    let positions: Vec<usize> = found.iter().map(|m| m.0).collect();
    assert_eq!(positions, vec![0, 2], "{found:?}");
    assert!(found[0].1 > 0.4 && found[0].1 < 1.0 && found[1].1 < found[0].1);
    assert_eq!(closest_matches(&draft, &stored, 0.3, 1).len(), 1);
    assert!(closest_matches(&print("the"), &stored, 0.0, 10).is_empty());
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
    // "add" is a stop word, so both pairs have the same tokens: input order.
    assert_eq!(found, vec![(0, 2), (1, 4)]);
    assert!(pairs.iter().all(|p| p.similarity == 1.0));
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
    // 3,000 reports of the same crash from one ticket template, each naming
    // its own customer. A name used once weighs most, so the shared text is
    // long enough to keep any two above 0.6. Far more than a bucket holds.
    let mut analyzer = analyzer();
    let prints: Vec<Fingerprint> = (0..3000)
        .map(|i| {
            analyzer.fingerprint(
                &format!("Roster export to Excel crashes customer{i}"),
                "Steps: open the weekly roster, choose the ward, pick the date range, \
                 press the export button, wait for the spinner, watch the page reload, \
                 notice the blank screen, reopen the browser tab, retry twice, contact \
                 support, attach screenshots, mention version numbers, describe \
                 tablets, laptops, kiosks, printers, scanners, badges, lockers, \
                 canteens, parking, elevators, corridors, wards, theatres, clinics",
            )
        })
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
        let weights = Weights::of([&x, &y]);
        let s = weights.similarity(&x, &y);
        prop_assert!((0.0..=1.0).contains(&s));
        prop_assert_eq!(s, weights.similarity(&y, &x));
        if !x.is_empty() {
            prop_assert_eq!(weights.similarity(&x, &x), 1.0);
        }
    }

    #[test]
    fn every_reported_pair_meets_the_threshold(texts in proptest::collection::vec("[a-f ]{0,20}", 0..30)) {
        let prints: Vec<Fingerprint> = texts.iter().map(|t| print(t)).collect();
        for pair in near_duplicates(&prints, 0.6, usize::MAX, &|_, _| false, &|| false).pairs {
            prop_assert!(pair.first < pair.second);
            prop_assert!(pair.similarity >= 0.6);
            let weights = Weights::of(&prints);
            prop_assert_eq!(pair.similarity, weights.similarity(&prints[pair.first], &prints[pair.second]));
        }
    }
}
