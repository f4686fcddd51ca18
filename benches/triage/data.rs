//! The triage bench's items: generated deterministically, with titles,
//! descriptions, tags, scores and statuses that read like a real backlog.

use super::common::Rng;
use chrono::{DateTime, Utc};
use retriage::domain::feedback::{FeedbackItem, NpsTally, Source, Status};
use retriage::domain::scoring::{Ice, Impact, Rice, Wsjf};
use retriage::domain::sentiment::Sentiment;

const VERBS: &[&str] = &[
    "Add", "Allow", "Fix", "Improve", "Support", "Show", "Hide", "Make", "Let", "Speed up",
    "Remember", "Export", "Import", "Sync", "Simplify", "Rename", "Stop",
];

const PRODUCT_WORDS: &[&str] = &[
    "export",
    "import",
    "dashboard",
    "report",
    "invoice",
    "billing",
    "login",
    "SSO",
    "password",
    "search",
    "filter",
    "sync",
    "calendar",
    "notification",
    "email",
    "mobile",
    "Android",
    "iOS",
    "API",
    "webhook",
    "integration",
    "Slack",
    "Jira",
    "CSV",
    "PDF",
    "Excel",
    "chart",
    "graph",
    "upload",
    "download",
    "attachment",
    "comment",
    "mention",
    "permission",
    "role",
    "admin",
    "team",
    "workspace",
    "project",
    "task",
    "board",
    "timeline",
    "template",
    "theme",
    "dark mode",
    "shortcut",
    "keyboard",
    "onboarding",
    "tutorial",
    "pricing",
    "plan",
    "subscription",
    "trial",
    "checkout",
    "payment",
    "refund",
    "performance",
    "crash",
    "error",
    "timeout",
    "offline",
    "cache",
    "settings",
    "profile",
    "avatar",
    "language",
    "translation",
    "timezone",
    "accessibility",
    "screen reader",
    "contrast",
    "font",
    "layout",
    "sidebar",
    "menu",
    "button",
    "table",
    "column",
    "sorting",
    "bulk edit",
    "undo",
    "history",
    "audit log",
    "backup",
    "restore",
    "security",
    "2FA",
    "token",
    "session",
    "analytics",
    "metrics",
    "widget",
    "sharing",
    "link",
    "folder",
    "tag",
    "label",
    "archive",
    "draft",
    "reminder",
    "schedule",
];

const FILLER: &[&str] = &[
    "the",
    "a",
    "when",
    "on",
    "in",
    "for",
    "with",
    "after",
    "before",
    "from",
    "to",
    "is",
    "too",
    "slow",
    "broken",
    "missing",
    "faster",
    "better",
    "new",
    "every",
    "each",
    "page",
    "view",
    "list",
    "users",
    "customers",
    "our",
    "their",
    "first",
    "all",
    "without",
    "per",
    "large",
];

const SENTENCE_WORDS: &[&str] = &[
    "we",
    "need",
    "customers",
    "keep",
    "asking",
    "about",
    "it",
    "would",
    "be",
    "great",
    "if",
    "could",
    "the",
    "when",
    "this",
    "that",
    "takes",
    "minutes",
    "seconds",
    "every",
    "time",
    "they",
    "open",
    "click",
    "try",
    "fails",
    "shows",
    "wrong",
    "value",
    "expected",
    "instead",
    "also",
    "mentioned",
    "by",
    "several",
    "accounts",
    "enterprise",
    "small",
    "teams",
    "weekly",
    "daily",
    "workflow",
    "blocked",
    "workaround",
    "manual",
    "copy",
    "paste",
    "spreadsheet",
];

const TAGS: &[&str] = &[
    "ux",
    "performance",
    "billing",
    "mobile",
    "api",
    "integrations",
    "security",
    "reporting",
    "onboarding",
    "accessibility",
    "enterprise",
    "bug",
    "search",
    "notifications",
    "admin",
    "data",
    "collaboration",
    "pricing",
    "i18n",
    "design",
];

/// Sources, weighted: support and surveys dominate.
const SOURCES: &[Source] = &[
    Source::Support,
    Source::Support,
    Source::Support,
    Source::Survey,
    Source::Survey,
    Source::Nps,
    Source::Analytics,
    Source::Retro,
    Source::Interview,
    Source::Other,
];

/// Statuses, weighted: most items are still new or triaged.
const STATUSES: &[Status] = &[
    Status::New,
    Status::New,
    Status::New,
    Status::New,
    Status::Triaged,
    Status::Triaged,
    Status::Planned,
    Status::InProgress,
    Status::Done,
    Status::WontDo,
];

fn title(rng: &mut Rng) -> String {
    let words = rng.range(4, 10);
    let mut t = rng.pick(VERBS).to_string();
    for i in 1..words {
        t.push(' ');
        // Alternate product words and filler so titles read like titles.
        let list: &[&str] = if i % 2 == 1 || rng.chance(40) {
            PRODUCT_WORDS
        } else {
            FILLER
        };
        t.push_str(rng.pick(list));
    }
    t
}

fn description(rng: &mut Rng) -> String {
    let target = rng.range(100, 300) as usize;
    let mut d = String::with_capacity(target + 16);
    let mut capital = true;
    while d.len() < target {
        if !d.is_empty() {
            d.push(' ');
        }
        let word = if rng.chance(25) {
            rng.pick(PRODUCT_WORDS)
        } else {
            rng.pick(SENTENCE_WORDS)
        };
        if capital {
            let mut cs = word.chars();
            if let Some(first) = cs.next() {
                d.extend(first.to_uppercase());
                d.push_str(cs.as_str());
            }
            capital = false;
        } else {
            d.push_str(word);
        }
        if rng.chance(12) {
            d.push('.');
            capital = true;
        }
    }
    d.truncate(target);
    let trimmed = d.trim_end().len();
    d.truncate(trimmed);
    d.push('.');
    d
}

fn tags(rng: &mut Rng) -> Vec<String> {
    let n = rng.range(0, 3) as usize;
    let mut out: Vec<String> = Vec::with_capacity(n);
    while out.len() < n {
        let tag = rng.pick(TAGS);
        if !out.iter().any(|t| t == tag) {
            out.push(tag.to_string());
        }
    }
    out
}

fn rice(rng: &mut Rng) -> Rice {
    let full = Rice {
        reach: Some(rng.range(5, 5000) as f64),
        impact: Some(rng.pick(&Impact::SCALE)),
        confidence: Some(rng.pick(&[20.0, 50.0, 80.0, 100.0])),
        effort: Some(rng.pick(&[0.25, 0.5, 1.0, 2.0, 3.0, 5.0, 8.0])),
    };
    if rng.chance(60) {
        return full;
    }
    // The rest: nothing scored yet, or only some factors filled in.
    if rng.chance(50) {
        return Rice::default();
    }
    Rice {
        reach: full.reach.filter(|_| rng.chance(50)),
        impact: full.impact.filter(|_| rng.chance(50)),
        confidence: full.confidence.filter(|_| rng.chance(50)),
        effort: None,
    }
}

fn item(rng: &mut Rng, now: i64) -> FeedbackItem {
    const YEAR: u64 = 365 * 24 * 3600;
    let source = rng.pick(SOURCES);
    let ice = if rng.chance(30) {
        Ice {
            impact: Some(rng.range(1, 10) as u8),
            confidence: Some(rng.range(1, 10) as u8),
            ease: Some(rng.range(1, 10) as u8),
        }
    } else {
        Ice::default()
    };
    let wsjf = if rng.chance(20) {
        let fib = [1.0, 2.0, 3.0, 5.0, 8.0, 13.0, 20.0];
        Wsjf {
            business_value: Some(rng.pick(&fib)),
            time_criticality: Some(rng.pick(&fib)),
            risk_reduction: Some(rng.pick(&fib)),
            job_size: Some(rng.pick(&fib)),
        }
    } else {
        Wsjf::default()
    };
    FeedbackItem {
        id: 0,
        title: title(rng),
        description: description(rng),
        source,
        customer: rng
            .chance(50)
            .then(|| format!("customer-{}", rng.range(1, 800))),
        created_at: DateTime::<Utc>::from_timestamp(now - rng.range(0, YEAR) as i64, 0).unwrap(),
        tags: tags(rng),
        status: rng.pick(STATUSES),
        nps: (source == Source::Nps).then(|| rng.range(0, 10) as u8),
        rice: rice(rng),
        ice,
        wsjf,
        mentions: rng.range(1, 3) as u32,
        extra_sources: Vec::new(),
        merged_nps: NpsTally::default(),
        sentiment: Sentiment::Neutral,
    }
}

/// The generated items, deterministic for a given count.
pub fn items(count: usize) -> impl Iterator<Item = FeedbackItem> {
    let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
    // A fixed "now" (2025-06-01) so runs are comparable.
    let now = 1_748_736_000;
    (0..count).map(move |_| {
        let item = item(&mut rng, now);
        FeedbackItem {
            sentiment: retriage::domain::sentiment::analyse(&item.title, &item.description),
            ..item
        }
    })
}
