//! `retriage kpi add | record | import | list | retire`: shared KPIs and
//! their check-ins. Every write goes through `service::kpi`, which holds the
//! rules (SMART, unique names, three active KPIs a team, all-or-nothing
//! imports); `list` shows each KPI's latest check-in, progress and whether
//! it is on track, as a table or JSON.

use super::output::{emit, emit_json, fit};
use super::{
    CliError, KpiAddArgs, KpiCommand, KpiImportArgs, KpiListArgs, KpiRecordArgs, KpiRetireArgs,
    TableOrJson,
};
use crate::domain::kpi::{CheckInDraft, KpiDraft, KpiHistory};
use crate::domain::text::sanitize_line;
use crate::interop::files::read_to_import;
use crate::service::Error;
use crate::service::kpi::{self as service};
use crate::store::Store;
use chrono::{Local, NaiveDate, SecondsFormat, Utc};
use serde::Serialize;
use std::io::{self, Write};

pub(super) fn run(store: &mut Store, command: KpiCommand) -> Result<(), CliError> {
    let today = Local::now().date_naive();
    match command {
        KpiCommand::Add(args) => add(store, args, today),
        KpiCommand::Record(args) => record(store, args, today),
        KpiCommand::Import(args) => import(store, args, today),
        KpiCommand::List(args) => list(store, args, today),
        KpiCommand::Retire(args) => retire(store, args),
    }
}

fn add(store: &mut Store, args: KpiAddArgs, today: NaiveDate) -> Result<(), CliError> {
    let draft = KpiDraft {
        team: args.team.unwrap_or_default(),
        name: args.name.unwrap_or_default(),
        description: args.description.unwrap_or_default(),
        metric: args.metric.unwrap_or_default(),
        unit: args.unit.unwrap_or_default(),
        baseline: args.baseline.unwrap_or_default(),
        target: args.target.unwrap_or_default(),
        direction: args.direction.unwrap_or_default(),
        deadline: args.deadline.unwrap_or_default(),
        business_owner: args.business_owner.unwrap_or_default(),
        it_owner: args.it_owner.unwrap_or_default(),
    };
    let kpi = service::add_kpi(store, &draft, today, Utc::now())?;
    emit(|out| writeln!(out, "{}", kpi.id))
}

/// Progress as a whole percentage: `25%`, `-10%`, `130%`.
fn percent(progress: f64) -> String {
    format!("{:.0}%", progress * 100.0)
}

fn on_track_word(on_track: bool) -> &'static str {
    if on_track { "on track" } else { "off track" }
}

fn record(store: &mut Store, args: KpiRecordArgs, today: NaiveDate) -> Result<(), CliError> {
    let draft = CheckInDraft {
        value: args.value,
        date: args.date.unwrap_or_default(),
        confidence: args.confidence.unwrap_or_default(),
        note: args.note.unwrap_or_default(),
    };
    let (kpi, check_in) =
        service::record_check_in(store, &args.team, &args.name, &draft, today, Utc::now())?;
    let history = service::kpi_histories(store, Some(&kpi.team))?
        .into_iter()
        .find(|h| h.kpi.id == kpi.id);
    let standing = history.and_then(|h| Some((h.progress()?, h.on_track(today)?)));
    let name = sanitize_line(&kpi.name);
    let unit = sanitize_line(&kpi.unit);
    emit(|out| {
        write!(
            out,
            "recorded {} {unit} for '{name}' on {}",
            check_in.value, check_in.date
        )?;
        match standing {
            Some((progress, on_track)) => writeln!(
                out,
                ": progress {}, {}",
                percent(progress),
                on_track_word(on_track)
            ),
            None => writeln!(out),
        }
    })
}

fn import(store: &mut Store, args: KpiImportArgs, today: NaiveDate) -> Result<(), CliError> {
    let shown = args.file.display().to_string();
    let bytes = read_to_import(&args.file).map_err(CliError)?;
    let imported = match service::import_check_ins(store, &args.team, &bytes, today, Utc::now()) {
        Ok(imported) => imported,
        Err(Error::Read(e)) => return Err(CliError(format!("{shown}: {e}"))),
        Err(e) => return Err(e.into()),
    };
    let names: Vec<String> = imported
        .kpis
        .iter()
        .map(|n| format!("'{}'", sanitize_line(n)))
        .collect();
    let noun = if imported.check_ins == 1 {
        "check-in"
    } else {
        "check-ins"
    };
    emit(|out| {
        writeln!(
            out,
            "imported {} {noun} for {}",
            imported.check_ins,
            names.join(", ")
        )
    })
}

/// The latest check-in in `kpi list --format json`.
#[derive(Serialize)]
struct LatestJson {
    value: f64,
    date: String,
    confidence: Option<&'static str>,
}

/// One KPI in `kpi list --format json`.
#[derive(Serialize)]
struct KpiJson<'a> {
    id: i64,
    team: &'a str,
    name: &'a str,
    description: &'a str,
    metric: &'a str,
    unit: &'a str,
    baseline: f64,
    target: f64,
    direction: &'static str,
    deadline: String,
    business_owner: &'a str,
    it_owner: &'a str,
    created_at: String,
    status: &'static str,
    retired_at: Option<String>,
    retire_note: Option<&'a str>,
    check_ins: usize,
    latest: Option<LatestJson>,
    progress: Option<f64>,
    time_elapsed: Option<f64>,
    on_track: Option<bool>,
}

/// A fraction for JSON, to four decimals (0.3333 rather than 0.333…3).
fn four_decimals(value: f64) -> f64 {
    (value * 10_000.0).round() / 10_000.0
}

/// The day a KPI's standing is judged on: today, or the day it was retired.
fn judged_on(history: &KpiHistory, today: NaiveDate) -> NaiveDate {
    history
        .kpi
        .retired
        .as_ref()
        .map_or(today, |r| r.at.date_naive())
}

fn kpi_json(history: &KpiHistory, today: NaiveDate) -> KpiJson<'_> {
    let kpi = &history.kpi;
    let as_of = judged_on(history, today);
    KpiJson {
        id: kpi.id,
        team: &kpi.team,
        name: &kpi.name,
        description: &kpi.description,
        metric: &kpi.metric,
        unit: &kpi.unit,
        baseline: kpi.baseline,
        target: kpi.target,
        direction: kpi.direction.name(),
        deadline: kpi.deadline.to_string(),
        business_owner: &kpi.business_owner,
        it_owner: &kpi.it_owner,
        created_at: kpi.created_at.to_rfc3339_opts(SecondsFormat::Secs, true),
        status: if kpi.is_active() { "active" } else { "retired" },
        retired_at: kpi
            .retired
            .as_ref()
            .map(|r| r.at.to_rfc3339_opts(SecondsFormat::Secs, true)),
        retire_note: kpi.retired.as_ref().map(|r| r.note.as_str()),
        check_ins: history.check_ins.len(),
        latest: history.latest().map(|c| LatestJson {
            value: c.value,
            date: c.date.to_string(),
            confidence: c.confidence.map(|c| c.name()),
        }),
        progress: history.progress().map(four_decimals),
        time_elapsed: history.time_elapsed(as_of).map(four_decimals),
        on_track: history.on_track(as_of),
    }
}

fn list(store: &Store, args: KpiListArgs, today: NaiveDate) -> Result<(), CliError> {
    let histories = service::kpi_histories(store, args.team.as_deref())?;
    match args.format {
        TableOrJson::Table => emit(|out| write_kpi_table(&histories, today, out)),
        TableOrJson::Json => {
            let json: Vec<KpiJson> = histories.iter().map(|h| kpi_json(h, today)).collect();
            emit_json(&json)
        }
    }
}

/// KPIs as a table for people at a terminal.
fn write_kpi_table(
    histories: &[KpiHistory],
    today: NaiveDate,
    out: &mut dyn Write,
) -> io::Result<()> {
    writeln!(
        out,
        "{:<14}  {:<24}  {:<8}  {:>9}  {:>9}  {:>9}  {:<10}  {:>8}  {:<9}  DEADLINE",
        "TEAM", "KPI", "UNIT", "BASELINE", "TARGET", "LATEST", "ON", "PROGRESS", "STATUS"
    )?;
    for h in histories {
        let kpi = &h.kpi;
        let latest = h.latest();
        let status = match (kpi.is_active(), h.on_track(judged_on(h, today))) {
            (false, _) => "retired",
            (true, None) => "no data",
            (true, Some(on_track)) => on_track_word(on_track),
        };
        writeln!(
            out,
            "{}  {}  {}  {:>9}  {:>9}  {:>9}  {:<10}  {:>8}  {:<9}  {}",
            fit(&kpi.team, 14),
            fit(&kpi.name, 24),
            fit(&kpi.unit, 8),
            kpi.baseline,
            kpi.target,
            latest.map_or("–".to_string(), |c| c.value.to_string()),
            latest.map_or("–".to_string(), |c| c.date.to_string()),
            h.progress().map_or("–".to_string(), percent),
            status,
            kpi.deadline
        )?;
    }
    Ok(())
}

fn retire(store: &mut Store, args: KpiRetireArgs) -> Result<(), CliError> {
    let kpi = service::retire_kpi(store, &args.team, &args.name, &args.note, Utc::now())?;
    let kept = service::kpi_histories(store, Some(&kpi.team))?
        .into_iter()
        .find(|h| h.kpi.id == kpi.id)
        .map_or(0, |h| h.check_ins.len());
    let noun = if kept == 1 {
        "check-in is"
    } else {
        "check-ins are"
    };
    emit(|out| {
        writeln!(
            out,
            "retired KPI '{}' of team {}; its {kept} {noun} kept",
            sanitize_line(&kpi.name),
            sanitize_line(&kpi.team)
        )
    })
}
