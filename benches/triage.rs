//! Benchmarks of the triage screen on a realistic 100,000-item database
//! (or as many items as `RETRIAGE_BENCH_ITEMS` says: `1000000` for the
//! million-item figures, in a group of their own, `triage_1000000`).
//!
//! The database is generated once per run (deterministically) in a temporary
//! directory, on first use, and removed when the run ends. Every measured
//! iteration of the keystroke benches is one key through `update` followed by
//! one frame drawn into a 120×40 `TestBackend`, the way the runtime does it
//! (tell the model its table height, then draw). A large table sorts and
//! filters off the input path: the plain cases include that work (run here
//! as the runtime's thread would run it) and so measure until the new rows
//! are drawn; the `key_frame/` cases measure only the key's own frame, the
//! one that keeps the old rows and says "sorting…".
//!
//! The intake benches measure the sentiment of one item's text and the
//! near-duplicate search over the whole database (at the default size only).
//! The resident memory of the bench process, read from `/proc`, is printed
//! after the keystroke benches.
//!
//! Run with `cargo bench --bench triage`; the million-item keystrokes with
//! `RETRIAGE_BENCH_ITEMS=1000000 cargo bench --bench triage -- key`.

mod common;
#[path = "triage/data.rs"]
mod data;

use criterion::measurement::WallTime;
use criterion::{BenchmarkGroup, Criterion, SamplingMode};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use retriage::app::{Action, Effect, Model, triage, update};
use retriage::config::Config;
use retriage::domain::triage::{SortKey, TriageRow};
use retriage::input::{Key, KeyCode};
use retriage::store::Store;
use retriage::ui;
use std::cell::OnceCell;
use std::hint::black_box;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

/// How many items the database holds unless `RETRIAGE_BENCH_ITEMS` says.
const ITEMS: usize = 100_000;

fn item_count() -> usize {
    std::env::var("RETRIAGE_BENCH_ITEMS")
        .ok()
        .map(|n| n.parse().expect("RETRIAGE_BENCH_ITEMS: a number of items"))
        .unwrap_or(ITEMS)
}
const WIDTH: u16 = 120;
const HEIGHT: u16 = 40;

use data::items;

/// The database, built on first use and removed when dropped.
struct Fixture {
    cell: OnceCell<(tempfile::TempDir, PathBuf)>,
}

impl Fixture {
    fn path(&self) -> &Path {
        &self
            .cell
            .get_or_init(|| {
                let dir = tempfile::tempdir().expect("temp dir");
                let path = dir.path().join("bench.db");
                let started = Instant::now();
                let mut store = Store::open(&path).expect("open");
                let count = item_count();
                let n = store.insert_items(items(count)).expect("insert");
                assert_eq!(n, count);
                drop(store);
                eprintln!(
                    "built {count}-item database in {:.1?} ({:.1} MB)",
                    started.elapsed(),
                    std::fs::metadata(&path).map_or(0, |m| m.len()) as f64 / 1e6
                );
                (dir, path)
            })
            .1
    }

    fn rows(&self) -> Vec<TriageRow> {
        Store::open(self.path())
            .expect("open")
            .triage_rows()
            .expect("rows")
    }
}

// ----- the screen -----------------------------------------------------------

fn key(code: KeyCode) -> Action {
    Action::key(Key::plain(code))
}

/// A model and a terminal, driven like the runtime drives them.
struct Screen {
    model: Model,
    terminal: Terminal<TestBackend>,
    /// What the last `key_frame` left for the runtime.
    waiting: Vec<Effect>,
}

impl Screen {
    fn new(rows: Vec<TriageRow>, label: String) -> Screen {
        let mut screen = Screen {
            model: Model::new(Config::defaults(true), rows, label),
            terminal: Terminal::new(TestBackend::new(WIDTH, HEIGHT)).expect("terminal"),
            waiting: Vec::new(),
        };
        screen.frame();
        screen
    }

    /// Tells the model its table height if it changed, then draws a frame.
    fn frame(&mut self) {
        let model = &mut self.model;
        let rows = ui::table_rows_for(WIDTH, HEIGHT, model);
        if rows != model.triage.list.page_size() {
            black_box(update(model, Action::TableRows(rows)));
        }
        self.terminal
            .draw(|frame| {
                black_box(ui::view(model, frame));
            })
            .expect("draw");
    }

    /// One key through `update`; a sort or filter it hands off the input
    /// path is run here, as the runtime's thread would, and shown.
    fn press(&mut self, code: KeyCode) {
        let effects = update(&mut self.model, key(code));
        self.arrange(effects);
    }

    /// Runs the sort or filter among `effects` and shows its rows.
    fn arrange(&mut self, effects: Vec<Effect>) {
        for effect in effects {
            if let Effect::Arrange(job) = effect
                && let Some(arranged) = job.run()
            {
                let shown = Action::Triage(triage::Msg::Arranged(arranged));
                black_box(update(&mut self.model, shown));
            }
        }
    }

    /// One key and one frame, the new rows included: what most measured
    /// iterations do.
    fn keystroke(&mut self, code: KeyCode) {
        self.press(code);
        self.frame();
    }

    /// One key and its own frame, with the old rows while a sort or filter
    /// is on its way (kept in `waiting` for `settle`).
    fn key_frame(&mut self, code: KeyCode) {
        self.waiting = update(&mut self.model, key(code));
        self.frame();
    }

    /// Shows the rows a `key_frame` left on their way (unmeasured).
    fn settle(&mut self) {
        let waiting = std::mem::take(&mut self.waiting);
        self.arrange(waiting);
    }

    /// Types `text` into the open filter (unmeasured set-up).
    fn type_text(&mut self, text: &str) {
        for c in text.chars() {
            self.press(KeyCode::Char(c));
        }
        self.frame();
    }
}

/// Measures `timed` per iteration, running `reset` (unmeasured) before each.
fn timed_with_reset(
    iters: u64,
    screen: &mut Screen,
    mut reset: impl FnMut(&mut Screen),
    mut timed: impl FnMut(&mut Screen),
) -> Duration {
    let mut total = Duration::ZERO;
    for _ in 0..iters {
        reset(screen);
        let start = Instant::now();
        timed(screen);
        total += start.elapsed();
    }
    total
}

// ----- benchmarks -----------------------------------------------------------

fn open_and_first_frame(group: &mut BenchmarkGroup<'_, WallTime>, fixture: &Fixture) {
    // About a second per iteration: a few flat samples.
    group
        .sampling_mode(SamplingMode::Flat)
        .sample_size(10)
        .measurement_time(Duration::from_secs(10));
    group.bench_function("open_and_first_frame", |b| {
        let path = fixture.path();
        // Dropping 100,000 rows is not part of opening; keep it out.
        b.iter_with_large_drop(|| {
            let store = Store::open(path).expect("open");
            let rows = store.triage_rows().expect("rows");
            let label = path.display().to_string();
            let mut model = Model::new(Config::defaults(true), rows, label);
            let table_rows = ui::table_rows_for(WIDTH, HEIGHT, &model);
            black_box(update(&mut model, Action::TableRows(table_rows)));
            let mut terminal = Terminal::new(TestBackend::new(WIDTH, HEIGHT)).expect("terminal");
            terminal
                .draw(|frame| {
                    black_box(ui::view(&model, frame));
                })
                .expect("draw");
            (store, model, terminal)
        });
    });
}

fn keystrokes(group: &mut BenchmarkGroup<'_, WallTime>, fixture: &Fixture) {
    // The rows are read once and cloned into each benchmark's model.
    let rows = OnceCell::new();
    let screen = || {
        let rows: &Vec<TriageRow> = rows.get_or_init(|| fixture.rows());
        Screen::new(rows.clone(), fixture.path().display().to_string())
    };

    group
        .sampling_mode(SamplingMode::Linear)
        .sample_size(20)
        .measurement_time(Duration::from_secs(3));

    // Each bench builds its screen on first use and keeps it across
    // criterion's calls (warm-up and every sample), so state carries over and
    // the 100,000-row set-up is paid once; the block drops it afterwards.
    {
        let mut slot = None;
        group.bench_function("move_down", |b| {
            let s = slot.get_or_insert_with(&screen);
            b.iter_custom(|iters| {
                timed_with_reset(
                    iters,
                    s,
                    |s| {
                        if s.model.triage.list.selected_position() + 1
                            >= s.model.triage.list.visible_len()
                        {
                            s.keystroke(KeyCode::Char('g'));
                        }
                    },
                    |s| s.keystroke(KeyCode::Char('j')),
                )
            });
        });
    }

    // A page down, back to the top at the end.
    {
        let mut slot = None;
        group.bench_function("page_down", |b| {
            let s = slot.get_or_insert_with(&screen);
            b.iter_custom(|iters| {
                timed_with_reset(
                    iters,
                    s,
                    |s| {
                        let list = &s.model.triage.list;
                        if list.selected_position() + list.page_size() >= list.visible_len() {
                            s.keystroke(KeyCode::Char('g'));
                        }
                    },
                    |s| s.keystroke(KeyCode::PageDown),
                )
            });
        });
    }

    // `S`: the kept order read backwards, and back.
    {
        let mut slot = None;
        group.bench_function("reverse_sort", |b| {
            let s = slot.get_or_insert_with(&screen);
            b.iter(|| s.keystroke(KeyCode::Char('S')));
        });
    }

    // Tens to hundreds of milliseconds each (100,000 rows): flat sampling,
    // so ten samples fit in a few seconds.
    group
        .sampling_mode(SamplingMode::Flat)
        .sample_size(10)
        .measurement_time(Duration::from_secs(5));

    // `s` cycles score → created → title → score; each bench starts from the
    // key before its target (set directly, unmeasured).
    for (name, before) in [
        ("sort_change/score_to_created", SortKey::Score),
        ("sort_change/created_to_title", SortKey::Created),
        ("sort_change/title_to_score", SortKey::Title),
    ] {
        let mut slot = None;
        group.bench_function(name, |b| {
            let s = slot.get_or_insert_with(&screen);
            b.iter_custom(|iters| {
                timed_with_reset(
                    iters,
                    s,
                    |s| s.model.triage.list.set_sort(before, false),
                    |s| s.keystroke(KeyCode::Char('s')),
                )
            });
        });
    }

    // The first time a sort or model is used, its order is computed from all
    // rows (later uses reuse the kept order, as above). A fresh screen per
    // iteration (unmeasured) keeps every measured key cold.
    for (name, key_code) in [
        (
            "sort_change/first_time_score_to_created",
            KeyCode::Char('s'),
        ),
        ("model_change/first_time_rice_to_ice", KeyCode::Char('m')),
    ] {
        let mut slot = None;
        group.bench_function(name, |b| {
            let s = slot.get_or_insert_with(&screen);
            b.iter_custom(|iters| {
                timed_with_reset(iters, s, |s| *s = screen(), |s| s.keystroke(key_code))
            });
        });
    }

    // The key's own frame while its sort, model or filter is computed off
    // the input path (the work itself is not in it, so a kept order or a
    // cold one make no difference). What a key left on its way is shown
    // before the next, unmeasured; that takes far longer than the frame, so
    // the warm-up and measurement are kept short.
    group
        .warm_up_time(Duration::from_millis(50))
        .measurement_time(Duration::from_millis(300));
    for (name, code, filter) in [
        ("key_frame/sort", KeyCode::Char('s'), false),
        ("key_frame/model", KeyCode::Char('m'), false),
        ("key_frame/filter_first_char", KeyCode::Char('e'), true),
    ] {
        let mut slot = None;
        group.bench_function(name, |b| {
            let s = slot.get_or_insert_with(|| {
                let mut s = screen();
                if filter {
                    s.keystroke(KeyCode::Char('/'));
                }
                s
            });
            b.iter_custom(|iters| {
                timed_with_reset(
                    iters,
                    s,
                    |s| {
                        s.settle();
                        if filter && !s.model.triage.list.query().is_empty() {
                            s.keystroke(KeyCode::Backspace);
                        }
                    },
                    |s| s.key_frame(code),
                )
            });
        });
    }
    group
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(5));

    // The filter line is open (`/` pressed) in all of these, with `typed`
    // already in it.
    let filter_screen = |typed: &str| {
        let mut s = screen();
        s.keystroke(KeyCode::Char('/'));
        s.type_text(typed);
        s
    };

    // Worst case: the first character refilters all rows, almost all match.
    {
        let mut slot = None;
        group.bench_function("filter_keystroke/first_char_from_empty", |b| {
            let s = slot.get_or_insert_with(|| filter_screen(""));
            b.iter_custom(|iters| {
                timed_with_reset(
                    iters,
                    s,
                    |s| {
                        if !s.model.triage.list.query().is_empty() {
                            s.keystroke(KeyCode::Backspace);
                        }
                    },
                    |s| s.keystroke(KeyCode::Char('e')),
                )
            });
        });
    }

    // "e", Backspace, "e", …: every iteration is a pass over the full list
    // (with the query, then without).
    {
        let mut slot = None;
        group.bench_function("filter_keystroke/alternate_e_backspace", |b| {
            let s = slot.get_or_insert_with(|| filter_screen(""));
            b.iter(|| {
                let code = if s.model.triage.list.query().is_empty() {
                    KeyCode::Char('e')
                } else {
                    KeyCode::Backspace
                };
                s.keystroke(code);
            });
        });
    }

    // Typing on: only the rows that matched "ex" are tested again.
    {
        let mut slot = None;
        group.bench_function("filter_keystroke/narrowing_char_ex_to_exp", |b| {
            let s = slot.get_or_insert_with(|| filter_screen("ex"));
            b.iter_custom(|iters| {
                timed_with_reset(
                    iters,
                    s,
                    |s| {
                        if s.model.triage.list.query() != "ex" {
                            s.keystroke(KeyCode::Backspace);
                        }
                    },
                    |s| s.keystroke(KeyCode::Char('p')),
                )
            });
        });
    }

    // Backspace widens the query: a full pass over all rows.
    {
        let mut slot = None;
        group.bench_function("filter_keystroke/backspace_exp_to_ex", |b| {
            let s = slot.get_or_insert_with(|| filter_screen("exp"));
            b.iter_custom(|iters| {
                timed_with_reset(
                    iters,
                    s,
                    |s| {
                        if s.model.triage.list.query() != "exp" {
                            s.type_text("p");
                        }
                    },
                    |s| s.keystroke(KeyCode::Backspace),
                )
            });
        });
    }
}

/// The intake work that runs on every item or over all of them: the
/// sentiment of one item's text, and the near-duplicate search.
fn intake(group: &mut BenchmarkGroup<'_, WallTime>, fixture: &Fixture) {
    let texts: Vec<(String, String)> = items(1000)
        .map(|item| (item.title, item.description))
        .collect();
    group
        .sampling_mode(SamplingMode::Auto)
        .sample_size(50)
        .measurement_time(Duration::from_secs(3));
    group.bench_function("sentiment_per_item", |b| {
        let mut i = 0;
        b.iter(|| {
            let (title, description) = &texts[i % texts.len()];
            i += 1;
            black_box(retriage::domain::sentiment::analyse(title, description))
        });
    });
    // A ~20-word item of plain lower-case words (title 6, description 14),
    // and a long one (~280 characters) with sentiment words, negation,
    // punctuation and capitals.
    let short = (
        "shift plan export excel mobile app",
        "login sso roster nurse ward manager payroll report calendar swap holiday leave request approval",
    );
    let long = (
        "Export to Excel crashes since the last update",
        "When I open the weekly roster and press export the whole app freezes, and I lose my \
         changes. It doesn't work on mobile either! Support was very helpful but the sync is \
         still painfully slow and the calendar view is NOT loading for our ward managers.",
    );
    for (name, (title, description)) in [("sentiment_20_words", short), ("sentiment_long", long)] {
        group.bench_function(name, |b| {
            b.iter(|| {
                black_box(retriage::domain::sentiment::analyse(
                    black_box(title),
                    black_box(description),
                ))
            });
        });
    }
    group
        .sampling_mode(SamplingMode::Flat)
        .sample_size(10)
        .measurement_time(Duration::from_secs(15));
    group.bench_function("near_duplicates_search", |b| {
        let store = Store::open(fixture.path()).expect("open");
        b.iter(|| black_box(store.near_duplicates(0.5, &|| false).expect("search")));
    });
    group.bench_function("similar_items_before_adding", |b| {
        let store = Store::open(fixture.path()).expect("open");
        b.iter(|| {
            black_box(
                store
                    .similar_items("Export the invoice report to Excel", "", 0.4, 3)
                    .expect("similar"),
            )
        });
    });
}

/// A field of `/proc/self/status` in kB (`VmRSS`, `VmHWM`).
fn status_kb(name: &str) -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find_map(|line| line.strip_prefix(name))?;
    line.trim().trim_end_matches("kB").trim().parse().ok()
}

/// Prints what one table of every row costs in memory, read from `/proc`:
/// its rows read from the database, then sorted every way, switched to
/// every model and filtered (resident after, and at the peak, above what
/// the process held before reading).
fn print_table_memory(fixture: &Fixture) {
    let path = fixture.path().to_path_buf();
    // Start the peak afresh, after building the database.
    if std::fs::write("/proc/self/clear_refs", "5").is_err() {
        return;
    }
    let Some(before) = status_kb("VmRSS:") else {
        return;
    };
    let mut screen = Screen::new(fixture.rows(), path.display().to_string());
    for c in "sssssmmm/exp".chars() {
        screen.keystroke(KeyCode::Char(c));
    }
    let (after, peak) = (status_kb("VmRSS:"), status_kb("VmHWM:"));
    if let (Some(after), Some(peak)) = (after, peak) {
        eprintln!(
            "memory of one table of {} items, sorted every way, every model, filtered: \
             {} MB resident, {} MB at the peak",
            item_count(),
            after.saturating_sub(before) / 1024,
            peak.saturating_sub(before) / 1024
        );
    }
}

fn main() {
    let fixture = Fixture {
        cell: OnceCell::new(),
    };
    let mut c = Criterion::default().configure_from_args();
    let name = match item_count() {
        ITEMS => "triage".to_string(),
        count => format!("triage_{count}"),
    };
    let mut group = c.benchmark_group(name);
    group.warm_up_time(Duration::from_secs(1));
    open_and_first_frame(&mut group, &fixture);
    print_table_memory(&fixture);
    keystrokes(&mut group, &fixture);
    if item_count() == ITEMS {
        intake(&mut group, &fixture);
    }
    group.finish();
    c.final_summary();
    // `fixture` drops here, removing the temporary database.
}
