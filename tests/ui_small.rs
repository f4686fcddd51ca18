//! Snapshots at the 80×24 minimum and at 120×35 of the screens that have to
//! make room: the triage table, the detail pane, the import preview, the
//! Kano chart and the help. Drawn into a TestBackend from a model driven
//! through `update`, as the runtime does (`tests/ui.rs` has the rest).

mod ui_support;

use chrono::DateTime;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use retriage::app::{Action, Model, import, triage, update};
use retriage::config::Config;
use retriage::domain::feedback::{FeedbackItem, NpsTally, Source, Status};
use retriage::domain::scoring::{Ice, Impact, Rice, Wsjf};
use retriage::domain::sentiment::analyse;
use retriage::domain::triage::TriageRow;
use retriage::input::{Input, Key, KeyCode};
use retriage::interop::import::Field;
use retriage::interop::preview::{ImportPreview, PreviewColumn};
use retriage::ui;
use ui_support::kano_loaded;

const SIZES: [(u16, u16); 2] = [(80, 24), (120, 35)];

const LONG_DESCRIPTION: &str = "Managers build the weekly rota in retriage and then \
retype it into Excel to mail it to the ward, which takes them an hour every Friday.\n\
They want one button that exports the plan as an .xlsx file with one sheet per \
ward, the shifts as rows and the nurses as columns, in the colours the plan uses \
on screen.\n\nThree clinics asked for it this quarter; Northwind said it is the \
reason they still keep a paper copy.\n\nWhat they tried: printing the screen \
(the colours are lost), copying the table by hand (an hour), and a CSV export \
from the command line, which they found but could not run on the ward's \
computers.\n\nWhat would do: the button in the plan's menu, the file named after \
the week, and the same columns every time so that their own macros keep \
working. The last paragraph ends here.";

fn item(id: i64, title: &str, status: Status, tags: &[&str], reach: f64) -> FeedbackItem {
    FeedbackItem {
        id,
        title: title.into(),
        description: if id == 1 {
            LONG_DESCRIPTION.into()
        } else {
            format!("What the customer said about {title}.")
        },
        source: if id % 2 == 0 {
            Source::Survey
        } else {
            Source::Support
        },
        customer: (id % 2 == 1).then(|| "Northwind Clinics".to_string()),
        created_at: DateTime::parse_from_rfc3339("2026-10-01T09:00:00Z")
            .unwrap()
            .to_utc()
            + chrono::Duration::days(id),
        tags: tags.iter().map(|t| t.to_string()).collect(),
        status,
        nps: None,
        rice: Rice {
            reach: Some(reach),
            impact: Some(Impact::High),
            confidence: Some(80.0),
            effort: Some(2.0),
        },
        ice: Ice::default(),
        wsjf: Wsjf::default(),
        mentions: 1,
        extra_sources: Vec::new(),
        merged_nps: NpsTally::default(),
        sentiment: analyse(title, ""),
    }
}

fn items() -> Vec<FeedbackItem> {
    vec![
        item(
            1,
            "Export the weekly shift plan to Excel for the ward managers",
            Status::New,
            &["export", "excel"],
            4000.0,
        ),
        item(
            2,
            "Login with Microsoft SSO times out after the update",
            Status::InProgress,
            &["sso", "performance"],
            3000.0,
        ),
        item(
            3,
            "Shift swap requests in the mobile app",
            Status::Planned,
            &["mobile"],
            1200.0,
        ),
        item(
            4,
            "Too expensive for small stores",
            Status::WontDo,
            &[],
            300.0,
        ),
    ]
}

fn model() -> Model {
    let rows = items().into_iter().map(TriageRow::from_item).collect();
    Model::new(Config::defaults(true), rows, "/data/retriage.db".into())
}

fn key(model: &mut Model, code: KeyCode) {
    update(model, Action::key(Key::plain(code)));
}

/// Draws like the runtime: tell the model its size and table height, draw,
/// and report what the frame laid out.
fn draw(model: &mut Model, width: u16, height: u16) -> Terminal<TestBackend> {
    update(model, Action::Input(Input::Resize { width, height }));
    let rows = ui::table_rows_for(width, height, model);
    update(model, Action::TableRows(rows));
    let mut terminal = Terminal::new(TestBackend::new(width, height)).unwrap();
    let mut areas = model.click_areas;
    terminal
        .draw(|frame| areas = ui::view(model, frame))
        .unwrap();
    update(model, Action::Drawn(areas));
    terminal
}

fn snapshot(name: &str, model: &mut Model) {
    for (width, height) in SIZES {
        insta::assert_snapshot!(
            format!("{name}_{width}x{height}"),
            draw(model, width, height).backend()
        );
    }
}

#[test]
fn triage_table() {
    snapshot("triage", &mut model());
}

/// The detail pane on the item with the long description.
fn detail_model() -> Model {
    let mut model = model();
    key(&mut model, KeyCode::Enter);
    update(
        &mut model,
        Action::Triage(triage::Msg::DetailLoaded(items()[0].clone())),
    );
    model
}

#[test]
fn detail_pane() {
    snapshot("detail", &mut detail_model());
}

#[test]
fn detail_pane_scrolls_to_the_end_of_the_description() {
    let mut model = detail_model();
    draw(&mut model, 80, 24);
    for _ in 0..5 {
        key(&mut model, KeyCode::Char(' '));
    }
    insta::assert_snapshot!("detail_scrolled_80x24", draw(&mut model, 80, 24).backend());
    // Back up a page: the scroll stopped at the end, so one page is enough
    // to leave it.
    let end = model.triage.detail_scroll;
    key(&mut model, KeyCode::Char('b'));
    assert!(model.triage.detail_scroll < end);
}

fn import_preview() -> ImportPreview {
    let column = |name: &str, field| PreviewColumn {
        name: name.into(),
        field,
    };
    ImportPreview {
        format: "CSV (comma)".into(),
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
                "Takes minutes for a month".into(),
                "ann@northwind.example".into(),
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
fn import_preview_down_the_dialog_when_columns_would_be_cut() {
    let mut model = model();
    key(&mut model, KeyCode::Char('i'));
    for c in "~/exports/tickets.csv".chars() {
        key(&mut model, KeyCode::Char(c));
    }
    key(&mut model, KeyCode::Enter);
    update(
        &mut model,
        Action::Import(import::Msg::Previewed(Ok(import_preview()))),
    );
    snapshot("import_preview", &mut model);
}

fn surveyed_model() -> Model {
    let mut model = model();
    let survey = kano_loaded(&[
        (
            1,
            "Export shift plan to Excel",
            &[(2, 5), (2, 5), (3, 5), (1, 5), (2, 5)],
        ),
        (
            3,
            "Shift swap requests in mobile app",
            &[(1, 5), (1, 5), (1, 4), (3, 3)],
        ),
        (4, "Dark mode", &[(1, 3), (1, 3), (1, 4), (3, 3)]),
    ]);
    update(&mut model, survey);
    key(&mut model, KeyCode::Char('2'));
    model
}

#[test]
fn kano_chart_draws_the_selected_feature_over_the_labels() {
    // The first feature is must-be: its point sits where the label is.
    snapshot("kano", &mut surveyed_model());
}

#[test]
fn kano_help_opens_at_the_kano_section() {
    let mut model = surveyed_model();
    for (width, height) in SIZES {
        draw(&mut model, width, height);
        key(&mut model, KeyCode::Char('?'));
        insta::assert_snapshot!(
            format!("help_{width}x{height}"),
            draw(&mut model, width, height).backend()
        );
        key(&mut model, KeyCode::Esc);
    }
}

#[test]
fn status_picker() {
    let mut model = model();
    key(&mut model, KeyCode::Char('t'));
    insta::assert_snapshot!("status_picker_80x24", draw(&mut model, 80, 24).backend());
}
