//! The import's reading side on a generated 100,000-row CSV: parsing,
//! checking and building every row with its hashes (duplicate key, content
//! digest): all the reading thread of `read_feedback_pipelined` does.
//!
//! The CSV has the shape `scripts/bench-import.sh` writes (title of 3–8
//! words and a number, description of 8–20 words, source, customer, an
//! RFC 3339 date and time, 0–2 tags, NPS), made in memory by a seeded generator so
//! every run reads the same bytes. Building an item includes its
//! sentiment (`sentiment::analyse`), so a second case measures that alone
//! over the same texts.
//!
//! A second group reads the same rows with their dates in each format
//! `scripts/bench-import.sh --dates` writes (`intake_dates/…/FORMAT`): how
//! long an import takes should not depend on the format.
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

/// The date formats `scripts/bench-import.sh --dates` writes, each as a
/// function of month, day, hour, minute and second in 2026 (UTC).
type DateFormat = (&'static str, fn(u64, u64, u64, u64, u64) -> String);

const MONTHS: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];

/// 12-hour clock: the hour 1–12 and AM or PM.
fn twelve(h: u64) -> (u64, &'static str) {
    ((h + 11) % 12 + 1, if h < 12 { "AM" } else { "PM" })
}

const DATE_FORMATS: [DateFormat; 16] = [
    ("rfc3339", |mo, d, h, mi, s| {
        format!("2026-{mo:02}-{d:02}T{h:02}:{mi:02}:{s:02}Z")
    }),
    ("rfc3339-offset", |mo, d, h, mi, s| {
        format!("2026-{mo:02}-{d:02}T{h:02}:{mi:02}:{s:02}+02:00")
    }),
    ("iso-minutes", |mo, d, h, mi, _| {
        format!("2026-{mo:02}-{d:02}T{h:02}:{mi:02}Z")
    }),
    ("date", |mo, d, _, _, _| format!("2026-{mo:02}-{d:02}")),
    ("datetime", |mo, d, h, mi, s| {
        format!("2026-{mo:02}-{d:02} {h:02}:{mi:02}:{s:02}")
    }),
    ("minutes", |mo, d, h, mi, _| {
        format!("2026-{mo:02}-{d:02} {h:02}:{mi:02}")
    }),
    ("offset", |mo, d, h, mi, s| {
        format!("2026-{mo:02}-{d:02} {h:02}:{mi:02}:{s:02} -0400")
    }),
    ("utc", |mo, d, h, mi, s| {
        format!("2026-{mo:02}-{d:02} {h:02}:{mi:02}:{s:02} UTC")
    }),
    ("jira", |mo, d, h, mi, _| {
        let (h, half) = twelve(h);
        format!("{d:02}/{}/26 {h}:{mi:02} {half}", MONTHS[mo as usize - 1])
    }),
    ("jira24", |mo, d, h, mi, _| {
        format!("{d:02}/{}/26 {h:02}:{mi:02}", MONTHS[mo as usize - 1])
    }),
    ("google", |mo, d, h, mi, s| {
        let (h, half) = twelve(h);
        format!("2026/{mo:02}/{d:02} {h}:{mi:02}:{s:02} {half} GMT+1")
    }),
    ("surveymonkey", |mo, d, h, mi, s| {
        let (h, half) = twelve(h);
        format!("{mo:02}/{d:02}/2026 {h:02}:{mi:02}:{s:02} {half}")
    }),
    ("us-date", |mo, d, _, _, _| format!("{mo:02}/{d:02}/2026")),
    ("dotted", |mo, d, _, _, _| format!("{d:02}.{mo:02}.2026")),
    ("rfc2822", |mo, d, h, mi, s| {
        let weekday = chrono::NaiveDate::from_ymd_opt(2026, mo as u32, d as u32)
            .expect("a day of 2026")
            .format("%a");
        format!(
            "\"{weekday}, {d:02} {} 2026 {h:02}:{mi:02}:{s:02} +0200\"",
            MONTHS[mo as usize - 1]
        )
    }),
    ("unix", |mo, d, h, mi, s| {
        let date =
            chrono::NaiveDate::from_ymd_opt(2026, mo as u32, d as u32).expect("a day of 2026");
        let time = date
            .and_hms_opt(h as u32, mi as u32, s as u32)
            .expect("a time");
        time.and_utc().timestamp().to_string()
    }),
];

/// `rows` rows of feedback as CSV text, with a header, dates RFC 3339.
fn csv(rows: usize) -> Vec<u8> {
    csv_dated(rows, DATE_FORMATS[0].1)
}

/// `rows` rows of feedback as CSV text, with a header, dates written by
/// `date`.
fn csv_dated(rows: usize, date: fn(u64, u64, u64, u64, u64) -> String) -> Vec<u8> {
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
        let created = date(
            month,
            day,
            rng.range(0, 23),
            rng.range(0, 59),
            rng.range(0, 59),
        );
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
            "{title} #{i},{description},{source},Customer {customer},{created},{tags},{nps}"
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

    // The same rows with their dates in each format an import reads.
    let mut dates = c.benchmark_group("intake_dates");
    dates
        .sampling_mode(SamplingMode::Flat)
        .sample_size(10)
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(5))
        .throughput(Throughput::Elements(ROWS as u64));
    for (name, date) in DATE_FORMATS {
        let bytes = csv_dated(ROWS, date);
        dates.bench_function(format!("read_feedback_100k/{name}"), |b| {
            b.iter(|| {
                read(&bytes, &mut |item| {
                    black_box(item);
                    Ok(())
                })
            })
        });
    }
    dates.finish();
    c.final_summary();
}
