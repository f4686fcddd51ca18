//! A retro as GitHub Markdown (tables and lists, no raw HTML; all typed text
//! escaped by `escape::text`): the retro's details and settings, each
//! column's cards, the discussion topics in vote order with each action
//! under the topic it came from, actions linked to no topic, the review of
//! earlier actions, and the ROTI average and histogram.
//!
//! An anonymous retro shows no author and no participant names (only how
//! many took part).

use super::actions::iso_date;
use super::escape::{cell_or_dash, text};
use crate::domain::retro::discussion::{Topic, TopicRef};
use crate::domain::retro::roti::RotiSummary;
use crate::domain::retro::{ActionItem, ActionStatus, Card, RetroBoard};
use std::collections::HashMap;
use std::io;

fn yes_no(flag: bool) -> &'static str {
    if flag { "yes" } else { "no" }
}

fn write_details(board: &RetroBoard, out: &mut dyn io::Write) -> io::Result<()> {
    let s = &board.settings;
    writeln!(out, "# Retro: {}\n", text(&board.title))?;
    writeln!(out, "- **Team:** {}", cell_or_dash(Some(&board.team)))?;
    writeln!(out, "- **Date:** {}", iso_date(board.date))?;
    writeln!(out, "- **Template:** {}", text(&board.template.name))?;
    writeln!(out, "- **Phase:** {}", board.phase.title())?;
    match &board.facilitator {
        Some(name) => writeln!(out, "- **Facilitator:** {}", text(name))?,
        None => writeln!(out, "- **Facilitator:** the person at the keyboard")?,
    }
    if s.anonymous {
        writeln!(
            out,
            "- **Participants:** {} (names withheld: this retro is anonymous)",
            board.participants.len()
        )?;
    } else if board.participants.is_empty() {
        writeln!(out, "- **Participants:** none")?;
    } else {
        let names: Vec<String> = board.participants.iter().map(|p| text(p)).collect();
        writeln!(out, "- **Participants:** {}", names.join(", "))?;
    }
    writeln!(
        out,
        "- **Settings:** {} votes per person, at most {} per card; anonymous: {}; \
         hidden until reveal: {}; facilitator votes: {}",
        s.votes_per_person,
        s.max_votes_per_card,
        yes_no(s.anonymous),
        yes_no(s.hide_until_reveal),
        yes_no(s.facilitator_votes),
    )
}

fn write_columns(
    board: &RetroBoard,
    votes: &HashMap<i64, u32>,
    out: &mut dyn io::Write,
) -> io::Result<()> {
    let anonymous = board.settings.anonymous;
    let columns = board
        .template
        .columns
        .len()
        .max(board.cards.iter().map(|c| c.column + 1).max().unwrap_or(0));
    for column in 0..columns {
        let title = match board.column_title(column) {
            "" => format!("Column {}", column + 1),
            title => text(title),
        };
        writeln!(out, "\n### {title}\n")?;
        if let Some(c) = board.template.columns.get(column) {
            writeln!(out, "_{}_\n", text(&c.prompt))?;
        }
        let cards: Vec<&Card> = board.cards.iter().filter(|c| c.column == column).collect();
        if cards.is_empty() {
            writeln!(out, "No cards.")?;
            continue;
        }
        if anonymous {
            writeln!(out, "| Card | Text | Votes | Group |\n|---:|---|---:|---|")?;
        } else {
            writeln!(
                out,
                "| Card | Text | Author | Votes | Group |\n|---:|---|---|---:|---|"
            )?;
        }
        for card in cards {
            let author = if anonymous {
                String::new()
            } else {
                format!(" {} |", cell_or_dash(board.shown_author(card)))
            };
            let group = card.group_id.and_then(|id| board.group(id));
            writeln!(
                out,
                "| {} | {} |{author} {} | {} |",
                card.id,
                text(&card.text),
                votes.get(&card.id).copied().unwrap_or(0),
                cell_or_dash(group.map(|g| g.title.as_str())),
            )?;
        }
    }
    Ok(())
}

/// Which topic each action goes under: the first topic holding its card or,
/// for an action on a group, that group's topic. `None` holds the rest.
fn place_actions<'a>(
    topics: &[Topic],
    actions: &'a [ActionItem],
) -> HashMap<Option<usize>, Vec<&'a ActionItem>> {
    let mut placed: HashMap<Option<usize>, Vec<&ActionItem>> = HashMap::new();
    for action in actions {
        let topic = topics.iter().position(|t| {
            let on_card = action.card_id.is_some_and(|id| t.card_ids.contains(&id));
            let on_group = action
                .group_id
                .is_some_and(|g| t.topic == TopicRef::Group(g));
            on_card || on_group
        });
        placed.entry(topic).or_default().push(action);
    }
    placed
}

fn action_line(action: &ActionItem) -> String {
    let due = action.due.map_or("no due date".to_string(), |d| {
        format!("due {}", iso_date(d))
    });
    format!(
        "- **{}** (action {}): owner {}, {due}, {}",
        text(&action.title),
        action.id,
        action.owner.as_deref().map_or("none".to_string(), text),
        action.status
    )
}

fn plural(n: u32) -> &'static str {
    if n == 1 { "" } else { "s" }
}

fn write_discussion(
    board: &RetroBoard,
    votes: &HashMap<i64, u32>,
    out: &mut dyn io::Write,
) -> io::Result<()> {
    let topics = board.topics();
    let mut placed = place_actions(&topics, &board.actions);
    writeln!(out, "\n## Discussion\n")?;
    if topics.is_empty() {
        writeln!(out, "No topics.")?;
    }
    for (i, topic) in topics.iter().enumerate() {
        let kind = match topic.topic {
            TopicRef::Group(_) => "group",
            TopicRef::Card(_) => "card",
        };
        writeln!(
            out,
            "### {}. {} ({kind}, {} vote{})\n",
            i + 1,
            text(&topic.title),
            topic.votes,
            plural(topic.votes)
        )?;
        for card in topic.card_ids.iter().filter_map(|&id| board.card(id)) {
            let on_card = votes.get(&card.id).copied().unwrap_or(0);
            let author = board
                .shown_author(card)
                .map_or(String::new(), |a| format!(", by {}", text(a)));
            writeln!(
                out,
                "- Card {} in {}{author}, {on_card} vote{}: {}",
                card.id,
                cell_or_dash(Some(board.column_title(card.column))),
                plural(on_card),
                text(&card.text)
            )?;
        }
        if let Some(actions) = placed.remove(&Some(i)) {
            writeln!(out, "\nActions:\n")?;
            for action in actions {
                writeln!(out, "{}", action_line(action))?;
            }
        }
        writeln!(out)?;
    }
    writeln!(out, "## Other actions\n")?;
    match placed.remove(&None) {
        Some(actions) => {
            for action in actions {
                writeln!(out, "{}", action_line(action))?;
            }
        }
        None => writeln!(out, "None: every action is under its topic.")?,
    }
    Ok(())
}

fn review_word(review: Option<ActionStatus>) -> &'static str {
    match review {
        None => "not reviewed",
        Some(ActionStatus::Open) => "still open",
        Some(ActionStatus::Done) => "done",
        Some(ActionStatus::Dropped) => "dropped",
    }
}

fn write_review(board: &RetroBoard, out: &mut dyn io::Write) -> io::Result<()> {
    writeln!(out, "\n## Review of earlier actions\n")?;
    if board.review.is_empty() {
        return writeln!(out, "No earlier actions to review.");
    }
    writeln!(out, "| Action | Owner | Due | From retro | Review |")?;
    writeln!(out, "|---|---|---|---|---|")?;
    for r in &board.review {
        let a = &r.action;
        writeln!(
            out,
            "| {} | {} | {} | {} | {} |",
            text(&a.title),
            cell_or_dash(a.owner.as_deref()),
            a.due.map_or("–".to_string(), iso_date),
            cell_or_dash(Some(&a.retro_title)),
            review_word(r.review),
        )?;
    }
    Ok(())
}

fn write_roti(board: &RetroBoard, out: &mut dyn io::Write) -> io::Result<()> {
    let ratings: Vec<u8> = board.roti.iter().map(|(_, r)| *r).collect();
    let summary = RotiSummary::of(&ratings);
    writeln!(out, "\n## Return on time invested\n")?;
    let Some(average) = summary.average else {
        return writeln!(out, "No answers.");
    };
    writeln!(
        out,
        "Average {average:.1} out of 5 from {} answer{}.\n",
        summary.answers,
        plural(summary.answers as u32)
    )?;
    writeln!(out, "| Rating | Answers | |\n|---:|---:|---|")?;
    for (rating, count) in (1u8..6).zip(summary.histogram).rev() {
        let bar = "█".repeat(count as usize);
        writeln!(out, "| {rating} | {count} | {bar} |")?;
    }
    Ok(())
}

/// Writes the whole retro as Markdown.
pub fn write_retro(board: &RetroBoard, out: &mut dyn io::Write) -> io::Result<()> {
    let votes = board.votes_per_card();
    write_details(board, out)?;
    writeln!(out, "\n## Cards")?;
    write_columns(board, &votes, out)?;
    write_discussion(board, &votes, out)?;
    write_review(board, out)?;
    write_roti(board, out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::interop::retro::fixture::{AUTHORS, FACILITATOR, LOOSE, OWNER, board};

    fn markdown(board: &RetroBoard) -> String {
        let mut out = Vec::new();
        write_retro(board, &mut out).unwrap();
        String::from_utf8(out).unwrap()
    }

    /// The text from `start` up to the next heading of any level.
    fn section<'a>(md: &'a str, start: &str) -> &'a str {
        let from = md
            .find(start)
            .unwrap_or_else(|| panic!("no {start:?} in:\n{md}"));
        let rest = &md[from + start.len()..];
        let end = rest.find("\n#").map_or(rest.len(), |i| i + 1);
        &rest[..end]
    }

    #[test]
    fn the_details_columns_and_every_card_are_there() {
        let md = markdown(&board(false));
        assert!(md.starts_with("# Retro: Sprint 48\n"));
        assert!(md.contains("- **Team:** Core Platform\n- **Date:** 2026-12-04\n"));
        assert!(md.contains("- **Template:** Start/Stop/Continue\n- **Phase:** Close\n"));
        assert!(md.contains(&format!("- **Facilitator:** {FACILITATOR}")));
        assert!(md.contains("- **Participants:** Anouk, Bertil, Cyrielle, Dmitri"));
        assert!(md.contains("5 votes per person, at most 3 per card; anonymous: no"));
        let stop = section(&md, "### Stop");
        assert!(stop.contains("_What should we stop doing?_"));
        assert!(
            stop.contains("| 3 | Stop the 9am stand-up it is too early | Cyrielle | 0 | – |"),
            "{stop}"
        );
        assert!(
            stop.contains("| 4 | Flaky &lt;tests&gt; \\| CI | Anouk | 3 | – |"),
            "{stop}"
        );
        assert!(
            md.contains("| 6 | Keep \\*retro\\* snacks | Cyrielle | 0 | – |"),
            "hidden card"
        );
        assert!(md.contains("| 1 | Ship smaller PRs | Anouk | 2 | Code review |"));
        assert!(!md.contains('<'), "no raw HTML");
    }

    #[test]
    fn topics_come_in_vote_order_with_each_action_under_its_own() {
        let md = markdown(&board(false));
        let discussion = &md[md.find("## Discussion").unwrap()..];
        let order: Vec<usize> = [
            "### 1. Code review (group, 3 votes)",
            "### 2. Flaky &lt;tests&gt; \\| CI (card, 3 votes)",
            "### 3. Keep the demo (card, 1 vote)",
            "### 4. Stop the 9am stand-up (card, 0 votes)",
            "### 5. Keep \\*retro\\* snacks (card, 0 votes)",
            "## Other actions",
        ]
        .iter()
        .map(|h| {
            discussion
                .find(h)
                .unwrap_or_else(|| panic!("no {h:?} in:\n{discussion}"))
        })
        .collect();
        assert!(order.is_sorted(), "{order:?}");

        let group = section(discussion, "### 1. Code review");
        assert!(group.contains("- Card 1 in Start, by Anouk, 2 votes: Ship smaller PRs"));
        assert!(group.contains("- Card 2 in Start, by Bertil, 1 vote: Pair on reviews, \"often\""));
        assert!(group.contains(&format!(
            "- **Limit PRs to 400 lines** (action 102): owner {OWNER}, no due date, open"
        )));
        assert!(!group.contains("Quarantine"));

        let card = section(discussion, "### 2. Flaky");
        assert!(card.contains(
            "- **Quarantine flaky tests** (action 101): owner Dmitri, due 2026-12-18, open"
        ));
        assert!(!section(discussion, "### 3.").contains("Actions:"));

        let other = section(discussion, "## Other actions");
        assert!(other.contains(&format!(
            "- **Book a bigger room** (action {LOOSE}): owner none, no due date, open"
        )));
        assert_eq!(other.matches("- **").count(), 1);
    }

    #[test]
    fn the_review_and_roti_close_the_document() {
        let md = markdown(&board(false));
        let review = section(&md, "## Review of earlier actions");
        assert!(
            review.contains("| Fix the deploy script | Dmitri | 2026-11-30 | Sprint 47 | done |")
        );
        assert!(review.contains("| Write the on-call guide | – | – | Sprint 47 | not reviewed |"));
        let roti = section(&md, "## Return on time invested");
        assert!(roti.contains("Average 4.0 out of 5 from 4 answers."));
        assert!(
            roti.contains(
                "| 5 | 1 | █ |\n| 4 | 2 | ██ |\n| 3 | 1 | █ |\n| 2 | 0 |  |\n| 1 | 0 |  |"
            )
        );
    }

    #[test]
    fn an_anonymous_retro_names_no_author_anywhere() {
        let md = markdown(&board(true));
        for name in AUTHORS {
            assert!(!md.contains(name), "{name} in:\n{md}");
        }
        assert!(md.contains("- **Participants:** 4 (names withheld: this retro is anonymous)"));
        assert!(md.contains("| Card | Text | Votes | Group |"));
        assert!(md.contains("| 4 | Flaky &lt;tests&gt; \\| CI | 3 | – |"));
        assert!(md.contains("- Card 1 in Start, 2 votes: Ship smaller PRs"));
        assert!(md.contains("anonymous: yes"));
    }

    #[test]
    fn an_empty_retro_says_so_in_words() {
        let mut empty = board(false);
        empty.cards.clear();
        empty.actions.clear();
        empty.review.clear();
        empty.roti.clear();
        empty.facilitator = None;
        let md = markdown(&empty);
        assert!(md.contains("- **Facilitator:** the person at the keyboard"));
        assert_eq!(md.matches("No cards.").count(), 3);
        assert!(md.contains("No topics."));
        assert!(md.contains("None: every action is under its topic."));
        assert!(md.contains("No earlier actions to review."));
        assert!(md.contains("No answers."));
    }
}
