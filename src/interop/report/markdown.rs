//! The report as GitHub Markdown: a section per part of the dashboard,
//! tables for the figures, lists for the themes, text sparklines for the
//! trends. Every text from outside (names, titles, card texts) goes
//! through `markdown::cell`, so none can break a table or add HTML.

use super::{
    completion_sparkline, kpi_sparkline, nps_sparkline, percent, roti_sparkline, volume_sparkline,
};
use crate::domain::dashboard::Dashboard;
use crate::domain::dashboard::backlog::Backlog;
use crate::domain::feedback::Source;
use crate::domain::scoring::format_number;
use crate::domain::sentiment::Sentiment;
use crate::interop::markdown::cell;
use std::io::{self, Write};

/// Writes the whole report.
pub fn write_markdown(dashboard: &Dashboard, out: &mut dyn Write) -> io::Result<()> {
    writeln!(out, "# Alignment report: {}", cell(&dashboard.team))?;
    writeln!(out)?;
    let period = match dashboard.since {
        Some(since) => format!("since {since}"),
        None => "all time".to_string(),
    };
    writeln!(out, "Period: {period}, as of {}.", dashboard.today)?;
    kpis(dashboard, out)?;
    actions(dashboard, out)?;
    roti(dashboard, out)?;
    themes(dashboard, out)?;
    decisions(dashboard, out)?;
    backlog(&dashboard.backlog, out)
}

fn kpis(d: &Dashboard, out: &mut dyn Write) -> io::Result<()> {
    writeln!(out, "\n## Shared KPIs\n")?;
    if d.kpis.is_empty() {
        return writeln!(out, "No active KPI.");
    }
    writeln!(
        out,
        "| KPI | Trend | Baseline | Latest | Target | Progress | Status | Deadline | Owners |"
    )?;
    writeln!(
        out,
        "| --- | --- | ---: | ---: | ---: | ---: | --- | --- | --- |"
    )?;
    for k in &d.kpis {
        let latest = k.latest.as_ref().map_or_else(
            || "–".to_string(),
            |l| format!("{} ({})", format_number(l.value), l.date),
        );
        let progress = k
            .progress_percent()
            .map_or_else(|| "–".to_string(), |p| format!("{p} %"));
        writeln!(
            out,
            "| {} ({}, {}) | {} | {} | {latest} | {} | {progress} | {} | {} | {} (business), {} (IT) |",
            cell(&k.name),
            cell(&k.unit),
            k.direction.name(),
            kpi_sparkline(k),
            format_number(k.baseline),
            format_number(k.target),
            k.status_label(),
            k.deadline,
            cell(&k.business_owner),
            cell(&k.it_owner),
        )?;
    }
    Ok(())
}

fn actions(d: &Dashboard, out: &mut dyn Write) -> io::Result<()> {
    let a = &d.actions;
    writeln!(out, "\n## Action follow-through\n")?;
    writeln!(
        out,
        "| Done on time | Done late | Open | Overdue | Dropped | Total | Completion |"
    )?;
    writeln!(out, "| ---: | ---: | ---: | ---: | ---: | ---: | ---: |")?;
    writeln!(
        out,
        "| {} | {} | {} | {} | {} | {} | {} |",
        a.done_on_time,
        a.done_late,
        a.open,
        a.overdue,
        a.dropped,
        a.total(),
        percent(a.completion_rate())
    )?;
    if d.completion.is_empty() {
        return Ok(());
    }
    writeln!(
        out,
        "\nCompletion per retro, oldest first: {}\n",
        completion_sparkline(d)
    )?;
    writeln!(
        out,
        "| Retro | Date | Actions | Done | On time | Completion |"
    )?;
    writeln!(out, "| --- | --- | ---: | ---: | ---: | ---: |")?;
    for c in &d.completion {
        writeln!(
            out,
            "| {} | {} | {} | {} | {} | {} |",
            cell(&c.title),
            c.date,
            c.health.total(),
            c.health.done(),
            c.health.done_on_time,
            percent(c.health.completion_rate())
        )?;
    }
    Ok(())
}

fn roti(d: &Dashboard, out: &mut dyn Write) -> io::Result<()> {
    writeln!(out, "\n## ROTI trend\n")?;
    if d.roti.is_empty() {
        return writeln!(out, "No ROTI answers.");
    }
    writeln!(
        out,
        "Average per retro on 1–5, oldest first: {}\n",
        roti_sparkline(d)
    )?;
    writeln!(out, "| Retro | Date | Answers | Average |")?;
    writeln!(out, "| --- | --- | ---: | ---: |")?;
    for r in &d.roti {
        let average = r
            .summary
            .average
            .map_or_else(|| "–".to_string(), |a| format!("{a:.1}"));
        writeln!(
            out,
            "| {} | {} | {} | {average} |",
            cell(&r.title),
            r.date,
            r.summary.answers
        )?;
    }
    Ok(())
}

fn themes(d: &Dashboard, out: &mut dyn Write) -> io::Result<()> {
    writeln!(out, "\n## Recurring themes\n")?;
    if d.themes.is_empty() {
        return writeln!(out, "No theme came back in two retros.");
    }
    for (n, t) in d.themes.iter().enumerate() {
        let retros: Vec<String> = t.retros.iter().map(|r| cell(&r.title)).collect();
        write!(
            out,
            "{}. **{}**: {} retros ({}), {} cards, {}",
            n + 1,
            cell(&t.phrase),
            t.retros.len(),
            retros.join(", "),
            t.cards.len(),
            votes(t.votes)
        )?;
        if t.came_back_after_action {
            write!(out, ". Came back after an action")?;
        } else if !t.actions.is_empty() {
            write!(out, ". Addressed by an action")?;
        }
        writeln!(out)?;
        for a in &t.actions {
            writeln!(out, "   - Action: {} ({})", cell(&a.title), a.status)?;
        }
        for c in &t.cards {
            let retro = t.retros.iter().find(|r| r.id == c.retro_id);
            writeln!(
                out,
                "   - {}: {} ({})",
                retro.map_or_else(String::new, |r| cell(&r.title)),
                cell(&c.text),
                votes(c.votes)
            )?;
        }
    }
    Ok(())
}

fn decisions(d: &Dashboard, out: &mut dyn Write) -> io::Result<()> {
    let s = &d.decisions;
    writeln!(out, "\n## Decision split\n")?;
    writeln!(
        out,
        "| By the decider | By another role | By no role | Total |"
    )?;
    writeln!(out, "| ---: | ---: | ---: | ---: |")?;
    writeln!(
        out,
        "| {} | {} | {} | {} |",
        s.by_decider,
        s.by_other_role,
        s.by_no_role,
        s.total()
    )?;
    if s.total() > 0 {
        writeln!(
            out,
            "\n{} of {} decisions were taken by someone who is not the decider.",
            s.not_by_decider(),
            s.total()
        )?;
    }
    Ok(())
}

fn backlog(b: &Backlog, out: &mut dyn Write) -> io::Result<()> {
    writeln!(out, "\n## Feedback backlog\n")?;
    let nps = match b.nps.score() {
        Some((score, answers)) => format!("NPS {score} from {answers} answers"),
        None => "no NPS answers".to_string(),
    };
    writeln!(out, "{} items in the period; {nps}.", b.items)?;
    let unit = b.granularity.name();
    if b.items == 0 && b.nps.answers() == 0 {
        return top(b, out);
    }
    writeln!(
        out,
        "\nItems per {unit}, oldest first: {}",
        volume_sparkline(b)
    )?;
    writeln!(out, "\n### Volume by source, per {unit}\n")?;
    write!(out, "| {} of |", capitalised(unit))?;
    for s in Source::ALL {
        write!(out, " {} |", s.name())?;
    }
    writeln!(out, " Total |")?;
    writeln!(out, "| --- |{} ---: |", " ---: |".repeat(Source::ALL.len()))?;
    for bucket in &b.buckets {
        write!(out, "| {} |", bucket.start)?;
        for n in bucket.by_source {
            write!(out, " {n} |")?;
        }
        writeln!(out, " {} |", bucket.items())?;
    }
    writeln!(out, "\n### Volume by sentiment, per {unit}\n")?;
    write!(out, "| {} of |", capitalised(unit))?;
    for s in Sentiment::ALL {
        write!(out, " {} |", s.name())?;
    }
    writeln!(out)?;
    writeln!(out, "| --- |{}", " ---: |".repeat(Sentiment::ALL.len()))?;
    for bucket in &b.buckets {
        write!(out, "| {} |", bucket.start)?;
        for n in bucket.by_sentiment {
            write!(out, " {n} |")?;
        }
        writeln!(out)?;
    }
    writeln!(out, "\n### NPS per {unit}\n")?;
    writeln!(
        out,
        "NPS per {unit} with answers, on −100 to 100: {}\n",
        nps_sparkline(b)
    )?;
    writeln!(out, "| {} of | Answers | NPS |", capitalised(unit))?;
    writeln!(out, "| --- | ---: | ---: |")?;
    for bucket in &b.buckets {
        let score = bucket
            .nps
            .score()
            .map_or_else(|| "–".to_string(), |(s, _)| s.to_string());
        writeln!(
            out,
            "| {} | {} | {score} |",
            bucket.start,
            bucket.nps.answers()
        )?;
    }
    top(b, out)
}

fn top(b: &Backlog, out: &mut dyn Write) -> io::Result<()> {
    writeln!(out, "\n### Top open items by {}\n", b.model.label())?;
    if b.top.is_empty() {
        return writeln!(out, "No open item has a {} score.", b.model.label());
    }
    writeln!(out, "| # | Item | Status | {} |", b.model.label())?;
    writeln!(out, "| ---: | --- | --- | ---: |")?;
    for item in &b.top {
        writeln!(
            out,
            "| {} | {} | {} | {} |",
            item.id,
            cell(&item.title),
            item.status,
            format_number(item.score)
        )?;
    }
    Ok(())
}

fn votes(n: u32) -> String {
    match n {
        1 => "1 vote".to_string(),
        n => format!("{n} votes"),
    }
}

fn capitalised(word: &str) -> String {
    let mut chars = word.chars();
    chars
        .next()
        .map_or_else(String::new, |c| c.to_uppercase().chain(chars).collect())
}
