//! The list phases: Review (last time's actions), Vote (topics with the
//! participant's votes), Discuss (topics in vote order with the selected
//! topic's countdown), Actions (action items under their topics) and Close
//! (ROTI, summary).

use super::{clean, scrolled};
use crate::app::Model;
use crate::app::retro::ActionRow;
use crate::domain::retro::actions::{ActionItem, ActionStatus};
use crate::domain::retro::discussion::format_clock;
use crate::domain::retro::roti::RotiSummary;
use crate::domain::retro::voting::remaining;
use chrono::Local;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

/// The phase's list with the selected row highlighted and kept in view.
fn rows(model: &Model, frame: &mut Frame, lines: Vec<Line<'_>>, area: Rect) {
    let list = scrolled(
        lines,
        Some(model.retro.row),
        area.height as usize,
        &model.config.theme,
    );
    frame.render_widget(Paragraph::new(list), area);
}

fn head(model: &Model, frame: &mut Frame, area: Rect, text: String) -> Rect {
    let [head, body] = Layout::vertical([Constraint::Length(2), Constraint::Min(1)]).areas(area);
    frame.render_widget(
        Paragraph::new(Line::from(Span::styled(
            clean(&text, area.width as usize),
            model.config.theme.muted,
        ))),
        head,
    );
    body
}

fn action_line(action: &ActionItem, width: usize, indent: &str) -> String {
    let today = Local::now().date_naive();
    let owner = action
        .owner
        .as_deref()
        .map_or("no owner".into(), |o| o.to_string());
    let due = match action.due {
        Some(d) if action.is_overdue(today) => format!(", due {d} OVERDUE"),
        Some(d) => format!(", due {d}"),
        None => String::new(),
    };
    clean(
        &format!(
            "{indent}• {} — {owner}{due} [{}]",
            action.title, action.status
        ),
        width,
    )
}

pub(super) fn review(model: &Model, frame: &mut Frame, area: Rect) {
    let theme = &model.config.theme;
    let Some(board) = &model.retro.board else {
        return;
    };
    let body = head(
        model,
        frame,
        area,
        format!(
            " Review: {} open actions from earlier retros. t marks each done, still open or dropped.",
            board.review.len()
        ),
    );
    if board.review.is_empty() {
        frame.render_widget(
            Paragraph::new(" Nothing to review: no open actions from earlier retros."),
            body,
        );
        return;
    }
    let width = body.width as usize;
    let lines = board
        .review
        .iter()
        .map(|item| {
            let review = match item.review {
                Some(status) => format!("reviewed: {status}"),
                None => "not reviewed yet".into(),
            };
            let mut line = action_line(&item.action, width.saturating_sub(40), "");
            line.push_str(&format!(
                "  from “{}”  {review}",
                clean(&item.action.retro_title, 20)
            ));
            let style = if item.action.is_overdue(Local::now().date_naive()) {
                theme.error
            } else {
                theme.text
            };
            Line::from(Span::styled(clean(&line, width), style))
        })
        .collect();
    rows(model, frame, lines, body);
}

pub(super) fn vote(model: &Model, frame: &mut Frame, area: Rect) {
    let theme = &model.config.theme;
    let retro = &model.retro;
    let Some(board) = &retro.board else {
        return;
    };
    let who = retro.participant().unwrap_or_default();
    let left = remaining(&board.votes, &who, &board.settings);
    let everyone: Vec<String> = board
        .voters()
        .iter()
        .map(|p| format!("{p} {}", remaining(&board.votes, p, &board.settings)))
        .collect();
    let [left_area, area] =
        Layout::vertical([Constraint::Length(1), Constraint::Min(1)]).areas(area);
    frame.render_widget(
        Paragraph::new(Line::from(Span::styled(
            clean(
                &format!(" Votes left: {}", everyone.join(" · ")),
                left_area.width as usize,
            ),
            theme.muted,
        ))),
        left_area,
    );
    let body = head(
        model,
        frame,
        area,
        format!(
            " Vote: {who} has {left} of {} votes left (at most {} on one topic). + votes, - takes back, p switches.",
            board.settings.votes_per_person, board.settings.max_votes_per_card
        ),
    );
    let topics = retro.vote_topics();
    let width = body.width as usize;
    let lines = topics
        .iter()
        .map(|t| {
            let mine = board
                .votes
                .iter()
                .filter(|v| v.participant == who && t.card_ids.contains(&v.card_id))
                .count();
            let total = if board.tallies_hidden {
                String::new()
            } else {
                format!("  total {}", t.votes)
            };
            let dots = "●".repeat(mine);
            let cards = if t.card_ids.len() > 1 {
                format!(" ({} cards)", t.card_ids.len())
            } else {
                String::new()
            };
            Line::from(clean(
                &format!("{dots:<4} {}{cards}{total}", retro.topic_title(t)),
                width,
            ))
        })
        .collect();
    rows(model, frame, lines, body);
}

pub(super) fn discuss(model: &Model, frame: &mut Frame, area: Rect) {
    let theme = &model.config.theme;
    let retro = &model.retro;
    let Some(board) = &retro.board else {
        return;
    };
    let body = head(
        model,
        frame,
        area,
        " Discuss: topics by votes. space starts or pauses the countdown, + adds a minute.".into(),
    );
    let [list, detail] =
        Layout::horizontal([Constraint::Percentage(55), Constraint::Percentage(45)]).areas(body);
    let topics = retro.discuss_topics();
    let now = retro.now_ms;
    let lines = topics
        .iter()
        .map(|t| {
            let timer = retro.timer(t.topic);
            let clock = if timer.elapsed_ms(now) > 0 || timer.is_running() {
                format!("  {}", format_clock(timer.remaining_secs(now)))
            } else {
                String::new()
            };
            Line::from(clean(
                &format!("{:>3}  {}{clock}", t.votes, retro.topic_title(t)),
                list.width as usize,
            ))
        })
        .collect();
    rows(model, frame, lines, list);
    let Some(topic) = topics.get(retro.row) else {
        return;
    };
    let timer = retro.timer(topic.topic);
    let left = timer.remaining_secs(now);
    let (clock, style) = if timer.is_up(now) {
        (format!("Time is up  {}", format_clock(left)), theme.error)
    } else if timer.is_running() {
        (format!("{} left", format_clock(left)), theme.score)
    } else {
        (format!("{} left (paused)", format_clock(left)), theme.text)
    };
    let width = detail.width.saturating_sub(2) as usize;
    let mut lines = vec![
        Line::from(Span::styled(
            clean(&retro.topic_title(topic), width),
            theme.header,
        )),
        Line::from(Span::styled(clock, style)),
        Line::from(""),
    ];
    for card in topic.card_ids.iter().filter_map(|id| board.card(*id)) {
        if !retro.can_read(card) {
            lines.push(Line::from("• ▒▒▒▒▒▒ hidden card"));
            continue;
        }
        let author = board
            .shown_author(card)
            .map_or(String::new(), |a| format!(" — {a}"));
        lines.push(Line::from(clean(
            &format!("• {}{author}", card.text.replace('\n', " ")),
            width,
        )));
    }
    let actions = retro.topic_actions(topic);
    if !actions.is_empty() {
        lines.push(Line::from(""));
        lines.push(Line::from(Span::styled("Actions", theme.header)));
    }
    for action in actions {
        lines.push(Line::from(Span::styled(
            action_line(action, width, ""),
            theme.accent,
        )));
    }
    frame.render_widget(Paragraph::new(lines), detail);
}

pub(super) fn actions(model: &Model, frame: &mut Frame, area: Rect) {
    let theme = &model.config.theme;
    let retro = &model.retro;
    let Some(board) = &retro.board else {
        return;
    };
    let body = head(
        model,
        frame,
        area,
        format!(
            " Actions: {} so far. a adds one to the selected topic, e edits, t changes its status, d deletes.",
            board.actions.len()
        ),
    );
    let width = body.width as usize;
    let lines = retro
        .action_rows()
        .iter()
        .map(|row| match row {
            ActionRow::Topic(t) => Line::from(Span::styled(
                clean(&format!("{:>3}  {}", t.votes, retro.topic_title(t)), width),
                theme.header,
            )),
            ActionRow::Action(id) => match board.actions.iter().find(|a| a.id == *id) {
                Some(a) => Line::from(action_line(a, width, "     ")),
                None => Line::from(""),
            },
        })
        .collect();
    rows(model, frame, lines, body);
}

pub(super) fn close(model: &Model, frame: &mut Frame, area: Rect) {
    let theme = &model.config.theme;
    let retro = &model.retro;
    let Some(board) = &retro.board else {
        return;
    };
    let ratings: Vec<u8> = board.roti.iter().map(|(_, r)| *r).collect();
    let summary = RotiSummary::of(&ratings);
    let body = head(
        model,
        frame,
        area,
        " Close: rate the time invested, 1 (a waste) to 5 (well worth it), with + and -; E exports.".into(),
    );
    let [people, facts] =
        Layout::horizontal([Constraint::Percentage(45), Constraint::Percentage(55)]).areas(body);
    let lines = board
        .voters()
        .iter()
        .map(|p| {
            let rating = board.roti.iter().find(|(who, _)| who == p).map(|(_, r)| *r);
            let stars = rating.map_or("not rated".into(), |r| {
                format!("{}{} {r}", "★".repeat(r.into()), "☆".repeat((5 - r).into()))
            });
            Line::from(clean(&format!("{p:<16} {stars}"), people.width as usize))
        })
        .collect();
    rows(model, frame, lines, people);
    let average = summary.average.map_or("–".into(), |a| format!("{a:.1}"));
    let mut lines = vec![Line::from(Span::styled(
        format!("ROTI {average} ({} answers)", summary.answers),
        theme.header,
    ))];
    let most = summary.histogram.iter().copied().max().unwrap_or(0).max(1);
    for (i, n) in summary.histogram.iter().enumerate() {
        let bar = "█".repeat((*n as usize * 20).div_ceil(most as usize));
        lines.push(Line::from(format!("{}  {bar} {n}", i + 1)));
    }
    let open = board
        .actions
        .iter()
        .filter(|a| a.status == ActionStatus::Open)
        .count();
    lines.push(Line::from(""));
    lines.push(Line::from(format!(
        "{} cards, {} votes, {} actions ({open} open)",
        board.cards.len(),
        board.votes.len(),
        board.actions.len()
    )));
    for topic in board.topics().iter().take(3) {
        lines.push(Line::from(clean(
            &format!("  {:>2} votes  {}", topic.votes, retro.topic_title(topic)),
            facts.width as usize,
        )));
    }
    frame.render_widget(Paragraph::new(lines), facts);
}
