//! Whole-screen snapshots of the triage UI, drawn into a TestBackend from a
//! model driven through `update`, exactly as the runtime does.

mod common;
mod ui_support;

use chrono::DateTime;
use common::{retriage, write};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use retriage::app::{Action, Model, duplicates, import, kano, triage, update};
use retriage::config::Config;
use retriage::domain::duplicates::{NearDuplicate, NearDuplicates, PairItem};
use retriage::domain::feedback::{Evidence, FeedbackItem, NpsTally, Source, Status};
use retriage::domain::scoring::{Ice, Impact, Rice, Wsjf};
use retriage::domain::sentiment::analyse;
use retriage::domain::triage::TriageRow;
use retriage::input::{Input, Key, KeyCode};
use retriage::interop::import::Field;
use retriage::interop::preview::{ImportPreview, PreviewColumn};
use retriage::store::Store;
use retriage::ui;
use ui_support::kano_loaded;

fn item(
    id: i64,
    title: &str,
    source: Source,
    status: Status,
    tags: &[&str],
    rice: Option<(f64, Impact, f64, f64)>,
) -> FeedbackItem {
    FeedbackItem {
        id,
        title: title.into(),
        description: format!("What the customer said about {title}.\nA second line."),
        source,
        customer: (id % 2 == 0).then(|| "Northwind Clinics".to_string()),
        created_at: DateTime::parse_from_rfc3339("2026-10-01T09:00:00Z")
            .unwrap()
            .to_utc()
            + chrono::Duration::days(id),
        tags: tags.iter().map(|t| t.to_string()).collect(),
        status,
        nps: (source == Source::Nps).then_some(4),
        rice: rice
            .map(|(reach, impact, confidence, effort)| Rice {
                reach: Some(reach),
                impact: Some(impact),
                confidence: Some(confidence),
                effort: Some(effort),
            })
            .unwrap_or_default(),
        ice: Ice::default(),
        wsjf: Wsjf::default(),
        mentions: if id % 3 == 0 { 3 } else { 1 },
        extra_sources: Vec::new(),
        merged_nps: NpsTally::default(),
        sentiment: analyse(title, ""),
    }
}

fn items() -> Vec<FeedbackItem> {
    vec![
        item(
            1,
            "Export shift plan to Excel",
            Source::Support,
            Status::New,
            &["export"],
            Some((1200.0, Impact::Medium, 80.0, 2.0)),
        ),
        item(
            2,
            "Login with Microsoft SSO times out",
            Source::Support,
            Status::InProgress,
            &["sso", "performance"],
            Some((3000.0, Impact::High, 100.0, 1.0)),
        ),
        item(
            3,
            "Shift swap requests in mobile app",
            Source::Survey,
            Status::Planned,
            &["mobile"],
            Some((4200.0, Impact::High, 80.0, 3.0)),
        ),
        item(
            4,
            "Switching between sites is painful",
            Source::Nps,
            Status::Triaged,
            &["ux"],
            None,
        ),
        item(
            5,
            "Screen reader can't read the calendar",
            Source::Interview,
            Status::New,
            &["accessibility"],
            Some((150.0, Impact::Massive, 100.0, 2.0)),
        ),
        item(
            6,
            "Dark mode",
            Source::Survey,
            Status::WontDo,
            &[],
            Some((800.0, Impact::Minimal, 50.0, 3.0)),
        ),
    ]
}

fn model_with(items: Vec<FeedbackItem>) -> Model {
    let rows = items.into_iter().map(TriageRow::from_item).collect();
    Model::new(Config::defaults(true), rows, "/data/retriage.db".into())
}

fn key(model: &mut Model, code: KeyCode) -> Vec<retriage::app::Effect> {
    update(model, Action::key(Key::plain(code)))
}

fn type_text(model: &mut Model, text: &str) {
    for c in text.chars() {
        key(model, KeyCode::Char(c));
    }
}

/// Draws like the runtime: tell the model its table height, then draw.
fn draw(model: &mut Model, width: u16, height: u16) -> Terminal<TestBackend> {
    update(model, Action::Input(Input::Resize { width, height }));
    let rows = ui::table_rows_for(width, height, model);
    update(model, Action::TableRows(rows));
    let mut terminal = Terminal::new(TestBackend::new(width, height)).unwrap();
    terminal
        .draw(|frame| {
            ui::view(model, frame);
        })
        .unwrap();
    terminal
}

#[test]
fn empty_state() {
    let mut model = model_with(vec![]);
    insta::assert_snapshot!(draw(&mut model, 100, 30).backend());
}

#[test]
fn populated_table_at_120_columns() {
    let mut model = model_with(items());
    insta::assert_snapshot!(draw(&mut model, 120, 30).backend());
}

#[test]
fn populated_table_at_the_80x24_minimum() {
    let mut model = model_with(items());
    insta::assert_snapshot!(draw(&mut model, 80, 24).backend());
}

#[test]
fn too_small_terminal_says_what_it_needs() {
    let mut model = model_with(items());
    let terminal = draw(&mut model, 60, 20);
    let text = format!("{:?}", terminal.backend().buffer());
    assert!(text.contains("at least 80×24"), "{text}");
    insta::assert_snapshot!(terminal.backend());
}

#[test]
fn detail_pane_open() {
    let mut model = model_with(items());
    let effects = key(&mut model, KeyCode::Enter);
    assert_eq!(effects, vec![retriage::app::Effect::LoadDetail(2)]);
    update(
        &mut model,
        Action::Triage(triage::Msg::DetailLoaded(items()[1].clone())),
    );
    insta::assert_snapshot!(draw(&mut model, 100, 34).backend());
}

#[test]
fn add_form_open_with_typed_text() {
    let mut model = model_with(items());
    key(&mut model, KeyCode::Char('a'));
    type_text(&mut model, "Offline mode for the mobile app");
    key(&mut model, KeyCode::Tab);
    type_text(&mut model, "Nurses lose signal in the basement.");
    insta::assert_snapshot!(draw(&mut model, 100, 30).backend());
}

#[test]
fn score_form_shows_the_live_score() {
    let mut model = model_with(items());
    update(
        &mut model,
        Action::FormLoaded {
            item: items()[0].clone(),
            kind: retriage::app::form::FormKind::Score {
                id: 1,
                model: retriage::domain::scoring::ScoringModel::Rice,
            },
        },
    );
    insta::assert_snapshot!(draw(&mut model, 100, 30).backend());
}

#[test]
fn help_is_generated_from_the_keymap() {
    let mut model = model_with(items());
    key(&mut model, KeyCode::Char('?'));
    insta::assert_snapshot!(draw(&mut model, 100, 40).backend());
}

#[test]
fn filter_line_and_confirm_delete() {
    let mut model = model_with(items());
    key(&mut model, KeyCode::Char('/'));
    type_text(&mut model, "shift");
    key(&mut model, KeyCode::Enter);
    key(&mut model, KeyCode::Char('d'));
    insta::assert_snapshot!(draw(&mut model, 100, 30).backend());
}

#[test]
fn ice_model_columns() {
    let mut model = model_with(items());
    key(&mut model, KeyCode::Char('m'));
    insta::assert_snapshot!(draw(&mut model, 100, 24).backend());
}

#[test]
fn outside_text_cannot_reach_the_terminal_raw() {
    let mut evil = items();
    evil[0].title = "Evil\u{1b}[2J\u{1b}]0;pwned\u{7}title\r\nnext".into();
    evil[0].tags = vec!["tag\u{1b}[31m".into()];
    let mut model = model_with(evil);
    key(&mut model, KeyCode::Enter);
    let terminal = draw(&mut model, 120, 30);
    let buffer = terminal.backend().buffer();
    for cell in buffer.content() {
        assert!(
            !cell.symbol().chars().any(|c| c.is_control()),
            "control character drawn: {:?}",
            cell.symbol()
        );
    }
    let text: String = buffer.content().iter().map(|c| c.symbol()).collect();
    assert!(
        text.contains("Eviltitle next"),
        "escape sequences removed whole"
    );
}

fn surveyed_model() -> Model {
    let mut model = model_with(items());
    let survey = kano_loaded(&[
        (
            1,
            "Export shift plan to Excel",
            &[(2, 5), (2, 5), (3, 5), (1, 5), (2, 5)],
        ),
        (6, "Dark mode", &[(1, 3), (1, 3), (1, 4), (3, 3)]),
        (
            3,
            "Shift swap requests in mobile app",
            &[(1, 5), (1, 5), (1, 4), (3, 3)],
        ),
    ]);
    update(&mut model, survey);
    model
}

#[test]
fn kano_screen_with_chart_and_answer_bars() {
    let mut model = surveyed_model();
    key(&mut model, KeyCode::Char('2'));
    key(&mut model, KeyCode::Char('j'));
    insta::assert_snapshot!(draw(&mut model, 100, 32).backend());
}

#[test]
fn kano_screen_at_80x24() {
    let mut model = surveyed_model();
    key(&mut model, KeyCode::Char('2'));
    insta::assert_snapshot!(draw(&mut model, 80, 24).backend());
}

#[test]
fn kano_screen_without_surveys() {
    let mut model = model_with(items());
    key(&mut model, KeyCode::Char('2'));
    update(&mut model, Action::Kano(kano::Msg::Loaded(vec![])));
    insta::assert_snapshot!(draw(&mut model, 100, 24).backend());
}

#[test]
fn triage_table_shows_kano_letters() {
    let mut model = surveyed_model();
    let terminal = draw(&mut model, 120, 24);
    let buffer = terminal.backend().buffer();
    let width = buffer.area.width as usize;
    let text: Vec<String> = buffer
        .content()
        .chunks(width)
        .map(|row| row.iter().map(|c| c.symbol()).collect())
        .collect();
    let export_row = text
        .iter()
        .find(|l| l.contains("Export shift plan"))
        .unwrap();
    assert!(export_row.contains(" M "), "{export_row}");
    let dark_row = text.iter().find(|l| l.contains("Dark mode")).unwrap();
    assert!(dark_row.contains(" A "), "{dark_row}");
    insta::assert_snapshot!(terminal.backend());
}

fn pair_item(id: i64, title: &str, description: &str, source: Source, mentions: u32) -> PairItem {
    PairItem {
        id,
        title: title.into(),
        description: description.into(),
        source,
        mentions,
    }
}

fn duplicates_model() -> Model {
    let mut model = model_with(items());
    let effects = key(&mut model, KeyCode::Char('3'));
    assert_eq!(
        effects,
        vec![retriage::app::Effect::LoadDuplicates { threshold: 0.5 }]
    );
    update(
        &mut model,
        Action::Duplicates(duplicates::Msg::Loaded(NearDuplicates {
            complete: true,
            pairs: vec![
                NearDuplicate {
                    first: pair_item(
                        1,
                        "Export shift plan to Excel",
                        "We copy the plan by hand every week.",
                        Source::Support,
                        3,
                    ),
                    second: pair_item(
                        7,
                        "Excel export of the shift plan, please",
                        "Payroll needs it as a spreadsheet.",
                        Source::Nps,
                        1,
                    ),
                    similarity: 0.8,
                },
                NearDuplicate {
                    first: pair_item(
                        2,
                        "Login with Microsoft SSO times out",
                        "",
                        Source::Support,
                        1,
                    ),
                    second: pair_item(
                        9,
                        "SSO login times out \u{1b}[31mevery morning",
                        "",
                        Source::Other,
                        1,
                    ),
                    similarity: 0.6,
                },
            ],
        })),
    );
    model
}

#[test]
fn duplicates_review_shows_the_pair_side_by_side() {
    let mut model = duplicates_model();
    insta::assert_snapshot!(draw(&mut model, 100, 30).backend());
}

#[test]
fn duplicates_review_swaps_the_kept_item_and_asks_before_merging() {
    let mut model = duplicates_model();
    key(&mut model, KeyCode::Char('x'));
    key(&mut model, KeyCode::Char('m'));
    insta::assert_snapshot!(draw(&mut model, 80, 24).backend());
    let effects = key(&mut model, KeyCode::Char('y'));
    assert_eq!(
        effects,
        vec![retriage::app::Effect::Merge {
            kept: 7,
            absorbed: 1
        }]
    );
}

#[test]
fn duplicates_review_when_nothing_is_similar() {
    let mut model = model_with(items());
    key(&mut model, KeyCode::Char('3'));
    update(
        &mut model,
        Action::Duplicates(duplicates::Msg::Loaded(NearDuplicates {
            pairs: vec![],
            complete: true,
        })),
    );
    insta::assert_snapshot!(draw(&mut model, 100, 24).backend());
}

fn import_preview() -> ImportPreview {
    let column = |name: &str, field| PreviewColumn {
        name: name.into(),
        field,
    };
    ImportPreview {
        format: "CSV (semicolon)".into(),
        columns: vec![
            column("Subject", Some(Field::Title)),
            column("Description", Some(Field::Description)),
            column("Requester", Some(Field::Customer)),
            column("Created at", Some(Field::CreatedAt)),
            column("Votes", None),
        ],
        rows: vec![
            vec![
                "Roster export is slow".into(),
                "Takes minutes\u{7}".into(),
                "ann@example.com".into(),
                "2026-10-03 09:14".into(),
                "3".into(),
            ],
            vec![
                "Cannot log in".into(),
                "SSO loops".into(),
                "bob@example.com".into(),
                "2026-10-04 10:00".into(),
                "1".into(),
            ],
        ],
    }
}

#[test]
fn import_dialog_path_preview_and_progress() {
    let mut model = model_with(items());
    key(&mut model, KeyCode::Char('i'));
    type_text(&mut model, "~/exports/tickets.csv");
    insta::assert_snapshot!("import_path", draw(&mut model, 100, 30).backend());
    let effects = key(&mut model, KeyCode::Enter);
    assert!(matches!(
        &effects[..],
        [retriage::app::Effect::PreviewImport { path, .. }] if path == "~/exports/tickets.csv"
    ));
    update(
        &mut model,
        Action::Import(import::Msg::Previewed(Ok(import_preview()))),
    );
    key(&mut model, KeyCode::Down);
    insta::assert_snapshot!("import_preview", draw(&mut model, 100, 30).backend());
    let effects = key(&mut model, KeyCode::Enter);
    assert!(matches!(
        &effects[..],
        [retriage::app::Effect::StartImport { .. }]
    ));
    update(
        &mut model,
        Action::Import(import::Msg::Progress {
            done: 4_200_000,
            total: 10_000_000,
            rows: 31_000,
        }),
    );
    insta::assert_snapshot!("import_progress", draw(&mut model, 100, 30).backend());
}

/// The import dialog after an import of "bad.csv" failed with `problems`.
fn failed_import(problems: Vec<String>) -> Model {
    let mut model = model_with(items());
    key(&mut model, KeyCode::Char('i'));
    type_text(&mut model, "bad.csv");
    key(&mut model, KeyCode::Enter);
    update(
        &mut model,
        Action::Import(import::Msg::Previewed(Ok(import_preview()))),
    );
    key(&mut model, KeyCode::Enter);
    update(
        &mut model,
        Action::Import(import::Msg::Finished(Err(problems))),
    );
    model
}

#[test]
fn import_dialog_lists_every_problem() {
    let mut model = failed_import(vec![
        "2 bad rows; nothing was imported".into(),
        "  line 3, column 'NPS', value '11': must be a whole number from 0 to 10".into(),
        "  line 9, column 'Created at', value 'soon': not a date this importer knows".into(),
    ]);
    insta::assert_snapshot!(draw(&mut model, 100, 24).backend());
}

#[test]
fn a_long_list_of_import_problems_scrolls() {
    let mut problems = vec!["40 bad rows; nothing was imported".to_string()];
    problems.extend((2..42).map(|line| {
        format!("  line {line}, column 'NPS', value '11': must be a whole number from 0 to 10")
    }));
    let mut model = failed_import(problems);
    let first = draw(&mut model, 100, 24).backend().to_string();
    assert!(first.contains("line 2, column"), "{first}");
    assert!(!first.contains("line 41, column"), "{first}");
    for _ in 0..60 {
        key(&mut model, KeyCode::Down);
    }
    // Scrolled to the end: the last problem shows, the first no longer.
    let last = draw(&mut model, 100, 24).backend().to_string();
    assert!(last.contains("line 41, column"), "{last}");
    assert!(!last.contains("line 2, column"), "{last}");
    assert!(last.contains("of 41, ↑↓ to scroll"), "{last}");
    key(&mut model, KeyCode::Up);
    let up = draw(&mut model, 100, 24).backend().to_string();
    assert!(up.contains("line 40, column"), "{up}");
}

#[test]
fn detail_pane_lists_merged_reports() {
    let mut model = model_with(items());
    key(&mut model, KeyCode::Enter);
    let item = FeedbackItem {
        mentions: 3,
        extra_sources: vec![Source::Nps],
        ..items()[1].clone()
    };
    let effects = update(&mut model, Action::Triage(triage::Msg::DetailLoaded(item)));
    assert_eq!(effects, vec![retriage::app::Effect::LoadEvidence(2)]);
    update(
        &mut model,
        Action::Triage(triage::Msg::EvidenceLoaded {
            id: 2,
            evidence: vec![
                Evidence {
                    source: Source::Nps,
                    customer: Some("Ann \u{1b}[2J".into()),
                    created_at: "2026-10-05T08:00:00Z".parse().unwrap(),
                    nps: Some(3),
                    title: Some("SSO login hangs every morning".into()),
                    description: Some("We wait five minutes.\nEvery day.".into()),
                    identity: Default::default(),
                },
                Evidence {
                    source: Source::Support,
                    customer: None,
                    created_at: "2026-10-06T08:00:00Z".parse().unwrap(),
                    nps: None,
                    title: None,
                    description: None,
                    identity: Default::default(),
                },
            ],
        }),
    );
    insta::assert_snapshot!(draw(&mut model, 140, 34).backend());
}

/// A model loaded from a real database file, as the runtime loads it.
fn model_from(db: &std::path::Path) -> Model {
    let store = Store::open(db).unwrap();
    let rows = store.triage_rows().unwrap();
    let mut model = Model::new(Config::defaults(true), rows, "/data/retriage.db".into());
    let unlisted = store.nps_response_tally().unwrap();
    model.triage.list.set_unlisted_nps(unlisted);
    model
}

/// The header line of the triage screen, drawn 120 columns wide.
fn header(model: &mut Model) -> String {
    let screen = draw(model, 120, 24).backend().to_string();
    screen.lines().next().unwrap().to_string()
}

/// Runs the binary on `db`; it must succeed.
fn run(db: &std::path::Path, args: &[&str]) {
    let out = retriage(db).args(args).output().unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn header_nps_counts_every_answer_with_or_without_a_comment() {
    let dir = tempfile::TempDir::new().unwrap();
    let db = dir.path().join("retriage.db");
    let csv = write(
        &dir,
        "nps.csv",
        "Score,Comment\n10,\n10,\n10,\n9,\n9,\n2,Export is broken\n0,Login takes forever\n",
    );
    run(&db, &["import", csv.to_str().unwrap()]);
    let mut model = model_from(&db);
    assert_eq!(
        model.triage.list.total(),
        2,
        "seven answers, two with a comment: two items"
    );
    let line = header(&mut model);
    assert!(line.contains("NPS +43 (n=7)"), "{line}");
    insta::assert_snapshot!(draw(&mut model, 120, 24).backend());
    // The filter narrows it to the answers of the items shown.
    key(&mut model, KeyCode::Char('/'));
    type_text(&mut model, "export");
    let line = header(&mut model);
    assert!(line.contains("NPS -100 (n=1)"), "{line}");
}

#[test]
fn header_nps_stays_the_same_when_items_are_merged() {
    let dir = tempfile::TempDir::new().unwrap();
    let db = dir.path().join("retriage.db");
    for (title, nps) in [
        ("Export is slow", Some("10")),
        ("Exports are slow", Some("10")),
        ("Export never finishes", Some("0")),
        ("Exporting takes ages", None),
    ] {
        let mut args = vec!["feedback", "add", "--title", title];
        args.extend(nps.iter().flat_map(|n| ["--nps", *n]));
        run(&db, &args);
    }
    let line = header(&mut model_from(&db));
    assert!(line.contains("NPS +33 (n=3)"), "{line}");

    // `retriage duplicates merge 1 2`, then the screen loads the file.
    run(&db, &["duplicates", "merge", "1", "2"]);
    let mut model = model_from(&db);
    assert_eq!(model.triage.list.total(), 3);
    let line = header(&mut model);
    assert!(line.contains("NPS +33 (n=3)"), "{line}");

    // A merge in the review: the kept row is replaced by the merged item,
    // the absorbed one removed, as the runtime does after `Effect::Merge`.
    let kept = Store::open(&db).unwrap().merge_items(4, 3).unwrap();
    update(&mut model, Action::Merged { kept, absorbed: 3 });
    assert_eq!(model.triage.list.total(), 2);
    let line = header(&mut model);
    assert!(line.contains("NPS +33 (n=3)"), "{line}");
}

#[test]
fn detail_pane_shows_the_decision_and_the_form_asks_for_it() {
    use retriage::domain::decision::{Decision, Role};
    let mut model = model_with(items());
    let effects = model.triage.open_item(3);
    assert_eq!(effects, vec![retriage::app::Effect::LoadDetail(3)]);
    let effects = update(
        &mut model,
        Action::Triage(triage::Msg::DetailLoaded(items()[2].clone())),
    );
    assert!(effects.contains(&retriage::app::Effect::LoadDecision(3)));
    update(
        &mut model,
        Action::Triage(triage::Msg::DecisionLoaded {
            id: 3,
            decision: Some(Decision {
                id: 1,
                feedback_id: 3,
                title: items()[2].title.clone(),
                team: "Ward apps".into(),
                status: Status::Planned,
                by: "Ann \u{1b}[2JOkafor".into(),
                role: Some(Role::Decider),
                why: "Asked for by three wards this month".into(),
                decided_at: "2026-10-07T09:30:00Z".parse().unwrap(),
            }),
        }),
    );
    insta::assert_snapshot!(
        "detail_pane_shows_the_decision",
        draw(&mut model, 100, 34).backend()
    );

    // The form that asks for a decision, with two teams to choose from.
    update(
        &mut model,
        Action::DecisionAsked {
            id: 4,
            title: "Switching between sites is painful".into(),
            status: Status::WontDo,
            teams: vec!["Ward apps".into(), "Platform".into()],
        },
    );
    insta::assert_snapshot!("decision_form", draw(&mut model, 100, 30).backend());
}

#[test]
fn a_large_backlog_says_it_is_loading_until_every_row_is_read() {
    let dir = tempfile::TempDir::new().unwrap();
    let db = dir.path().join("retriage.db");
    for title in ["Export is slow", "Dark mode", "SSO login"] {
        run(&db, &["feedback", "add", "--title", title, "--nps", "9"]);
    }
    let store = Store::open(&db).unwrap();
    let mut model = Model::new(
        Config::defaults(true),
        store.first_triage_rows(2).unwrap(),
        "/data/retriage.db".into(),
    );
    model.triage.loading = Some(3);
    let line = header(&mut model);
    assert!(line.contains("loading 3 items…"), "{line}");
    assert!(
        !line.contains("NPS"),
        "no NPS from a part of the rows: {line}"
    );
    let rows = store.triage_rows().unwrap();
    update(
        &mut model,
        Action::Triage(triage::Msg::Loaded(rows, NpsTally::default())),
    );
    let line = header(&mut model);
    assert!(line.contains("3 items  sort score"), "{line}");
    assert!(line.contains("NPS +100 (n=3)"), "{line}");
}
