//! `feedback list` and `export feedback` at 100,000 items: every item
//! streamed from a SQLite file and written as JSON, CSV, Markdown or the
//! plain table (the CLI's path: `Store::for_each_listed` into
//! `interop::FeedbackWriter`), into a sink. One item in a hundred has a merged
//! report and one in five a RICE score, so the report cursor and the
//! score order have work.
//!
//! After the runs it prints the process's peak resident memory (`VmHWM`
//! from `/proc/self/status`) next to what it was once the database was
//! built: streaming keeps it flat however many items there are.
//!
//! Run with `cargo bench --bench listing`.

mod common;

use common::Rng;
use criterion::{Criterion, SamplingMode, Throughput};
use retriage::domain::feedback::{FeedbackDraft, FeedbackItem, NpsTally, Source};
use retriage::domain::scoring::{Impact, Rice, ScoringModel};
use retriage::interop::{FeedbackFormat, FeedbackWriter, ItemExtras};
use retriage::store::{ListQuery, Listing, Store};
use std::io;
use std::time::Duration;

const ITEMS: usize = 100_000;

const WORDS: &str = "shift plan export excel mobile app login sso roster nurse ward manager \
    payroll report calendar swap holiday overtime timezone notification crash slow import csv \
    api invoice billing dark mode accessibility screen reader onboarding checklist";

/// A database file of `ITEMS` items (and the merges), built once.
fn database(path: &std::path::Path) -> Store {
    let words: Vec<&str> = WORDS.split_whitespace().collect();
    let mut rng = Rng(0x2545_f491_4f6c_dd1d);
    let mut store = Store::open(path).expect("a new database");
    let phrase = |rng: &mut Rng, lo, hi| {
        (0..rng.range(lo, hi))
            .map(|_| rng.pick(&words))
            .collect::<Vec<_>>()
            .join(" ")
    };
    let items = (0..ITEMS + ITEMS / 100).map(|i| {
        let draft = FeedbackDraft {
            title: format!("{} #{i}", phrase(&mut rng, 3, 8)),
            description: phrase(&mut rng, 8, 20),
            source: rng.pick(&[Source::Survey, Source::Support, Source::Nps, Source::Other]),
            customer: Some(format!("Customer {}", rng.range(1, 500))),
            tags: vec![rng.pick(&words).to_string()],
            nps: rng.chance(30).then(|| rng.range(0, 10) as u8),
            ..FeedbackDraft::default()
        };
        let created =
            chrono::DateTime::from_timestamp(1_790_000_000 + i as i64, 0).expect("a time");
        FeedbackItem {
            rice: match rng.chance(20) {
                true => Rice {
                    reach: Some(rng.range(1, 1000) as f64),
                    impact: Some(Impact::Medium),
                    confidence: Some(80.0),
                    effort: Some(rng.range(1, 8) as f64),
                },
                false => Rice::default(),
            },
            ..FeedbackItem::from_draft(draft.validated().expect("a valid draft"), created)
        }
    });
    store.insert_items(items).expect("items stored");
    // The last hundredth are merged into items spread over the rest.
    for absorbed in (ITEMS + 1)..=(ITEMS + ITEMS / 100) {
        let kept = (absorbed - ITEMS) as i64 * 100 - 37;
        store.merge_items(kept, absorbed as i64).expect("a merge");
    }
    store
}

/// Streams `listing` in `format` into a sink, as the CLI does.
fn write(store: &Store, listing: &Listing, format: FeedbackFormat) {
    let mut sink = io::BufWriter::new(io::sink());
    let mut writer =
        FeedbackWriter::start(format, NpsTally::default(), NpsTally::default(), &mut sink)
            .expect("writing to a sink");
    store
        .for_each_listed(listing, |listed| {
            let extras = ItemExtras {
                kano: None,
                reports: listed.reports,
                external_id: listed.external_id,
            };
            writer
                .item(listed.item, extras)
                .map_err(|e| retriage::store::Error::Invalid(e.to_string()))
        })
        .expect("a listing");
    writer.finish().expect("writing to a sink");
}

/// The process's peak resident memory in MB, from `/proc/self/status`.
fn peak_mb() -> Option<f64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kb: f64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kb / 1024.0)
}

fn main() {
    let dir = tempfile::tempdir().expect("a temporary directory");
    let store = database(&dir.path().join("listing.db"));
    let built = peak_mb();

    let mut c = Criterion::default().configure_from_args();
    let mut group = c.benchmark_group("listing");
    group
        .sampling_mode(SamplingMode::Flat)
        .sample_size(10)
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(5))
        .throughput(Throughput::Elements(ITEMS as u64));
    let with_reports = Listing {
        reports: true,
        ..Listing::default()
    };
    for (name, format) in [
        ("export_json_100k", FeedbackFormat::Json),
        ("export_csv_100k", FeedbackFormat::Csv),
    ] {
        group.bench_function(name, |b| b.iter(|| write(&store, &with_reports, format)));
    }
    group.bench_function("export_md_100k", |b| {
        b.iter(|| write(&store, &Listing::default(), FeedbackFormat::Markdown))
    });
    group.bench_function("list_json_sort_rice_100k", |b| {
        b.iter(|| {
            let query = ListQuery::default();
            let first = store
                .score_order(&query, ScoringModel::Rice)
                .expect("a score order");
            let listing = Listing {
                query,
                first,
                reports: true,
            };
            write(&store, &listing, FeedbackFormat::Json)
        })
    });
    group.finish();
    c.final_summary();
    if let (Some(built), Some(peak)) = (built, peak_mb()) {
        println!(
            "peak resident memory: {built:.1} MB after building the database, {peak:.1} MB after the runs"
        );
    }
}
