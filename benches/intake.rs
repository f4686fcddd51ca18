//! The import's reading side on a generated 100,000-row CSV: parsing,
//! checking and building every row with its hashes (duplicate key, content
//! digest): all the reading thread of `read_feedback_pipelined` does.
//!
//! The CSV has the shape `scripts/bench-import.sh` writes (title of 3–8
//! words and a number, description of 8–20 words, source, customer, an
//! RFC 3339 date, 0–2 tags, NPS), made in memory by a seeded generator so
//! every run reads the same bytes. Building an item includes its
//! sentiment (`sentiment::analyse`), so a second case measures that alone
//! over the same texts.
//!
//! Run with `cargo bench --bench intake`.

mod common;

use criterion::{Criterion, SamplingMode, Throughput};
use retriage::domain::feedback::ImportedRow;
use retriage::domain::sentiment::analyse;
use retriage::interop::import::{ImportOptions, read_feedback};
use std::hint::black_box;
use std::time::Duration;

const ROWS: usize = 100_000;

use common::Rng;

const WORDS: &str = "shift plan export excel mobile app login sso roster nurse ward manager \
    payroll report calendar swap holiday overtime timezone notification crash slow import csv \
    api invoice billing dark mode accessibility screen reader onboarding checklist";

/// `rows` rows of feedback as CSV text, with a header.
fn csv(rows: usize) -> Vec<u8> {
    use std::fmt::Write;
    let words: Vec<&str> = WORDS.split_whitespace().collect();
    let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
    let mut out = String::from("title,description,source,customer,created_at,tags,nps\n");
    let phrase = |rng: &mut Rng, lo, hi| {
        let n = rng.range(lo, hi);
        (0..n)
            .map(|_| rng.pick(&words))
            .collect::<Vec<_>>()
            .join(" ")
    };
    for i in 0..rows {
        let title = phrase(&mut rng, 3, 8);
        let description = phrase(&mut rng, 8, 20);
        let source = rng.pick(&["survey", "support", "nps", "other"]);
        let customer = rng.range(1, 500);
        let (month, day) = (rng.range(1, 11), rng.range(1, 28));
        let tags = match rng.range(0, 2) {
            0 => String::new(),
            1 => rng.pick(&words).to_string(),
            _ => {
                let first = rng.pick(&words);
                let second = loop {
                    let w = rng.pick(&words);
                    if w != first {
                        break w;
                    }
                };
                format!("\"{first},{second}\"")
            }
        };
        let nps = rng.range(0, 10);
        writeln!(
            out,
            "{title} #{i},{description},{source},Customer {customer},\
             2026-{month:02}-{day:02}T10:00:00Z,{tags},{nps}"
        )
        .expect("writing to a String");
    }
    out.into_bytes()
}

fn read(bytes: &[u8], sink: &mut dyn FnMut(ImportedRow) -> Result<(), String>) {
    let stats = read_feedback(bytes, &ImportOptions::default(), sink).expect("a valid file");
    assert_eq!(stats.rows, ROWS);
}

fn main() {
    let bytes = csv(ROWS);
    // The texts, for the sentiment-only case.
    let mut texts: Vec<(String, String)> = Vec::with_capacity(ROWS);
    read(&bytes, &mut |row| {
        texts.push((row.item.title, row.item.description));
        Ok(())
    });

    let mut c = Criterion::default().configure_from_args();
    let mut group = c.benchmark_group("intake");
    group
        .sampling_mode(SamplingMode::Flat)
        .sample_size(10)
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(10))
        .throughput(Throughput::Elements(ROWS as u64));
    group.bench_function("read_feedback_100k", |b| {
        b.iter(|| {
            read(&bytes, &mut |item| {
                black_box(item);
                Ok(())
            })
        })
    });
    group.bench_function("sentiment_only_100k", |b| {
        b.iter(|| {
            for (title, description) in &texts {
                black_box(analyse(title, description));
            }
        })
    });
    group.finish();
    c.final_summary();
}
