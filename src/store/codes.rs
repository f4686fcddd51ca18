//! How items' enumerations and times are stored: small integers and Unix
//! seconds, which keep rows short (see migration 6). The codes are part of
//! the file format and never change. Merged reports (`feedback_source`)
//! keep the older form: a source's name and an RFC 3339 time.

use crate::domain::feedback::{Source, Status};
use crate::domain::sentiment::Sentiment;
use chrono::{DateTime, Utc};

pub(super) fn source_code(source: Source) -> i64 {
    match source {
        Source::Survey => 0,
        Source::Nps => 1,
        Source::Support => 2,
        Source::Analytics => 3,
        Source::Retro => 4,
        Source::Interview => 5,
        Source::Other => 6,
    }
}

pub(super) fn status_code(status: Status) -> i64 {
    match status {
        Status::New => 0,
        Status::Triaged => 1,
        Status::Planned => 2,
        Status::InProgress => 3,
        Status::Done => 4,
        Status::WontDo => 5,
    }
}

pub(super) fn sentiment_code(sentiment: Sentiment) -> i64 {
    match sentiment {
        Sentiment::Negative => -1,
        Sentiment::Neutral => 0,
        Sentiment::Positive => 1,
    }
}

pub(super) fn source_from(code: i64) -> Option<Source> {
    Source::ALL
        .iter()
        .copied()
        .find(|s| source_code(*s) == code)
}

pub(super) fn status_from(code: i64) -> Option<Status> {
    Status::ALL
        .iter()
        .copied()
        .find(|s| status_code(*s) == code)
}

pub(super) fn sentiment_from(code: i64) -> Option<Sentiment> {
    Sentiment::ALL
        .iter()
        .copied()
        .find(|s| sentiment_code(*s) == code)
}

/// A time as stored: whole seconds since 1970 (UTC).
pub(super) fn seconds(time: &DateTime<Utc>) -> i64 {
    time.timestamp()
}

pub(super) fn time_from(seconds: i64) -> Option<DateTime<Utc>> {
    DateTime::from_timestamp(seconds, 0)
}

/// The source stored by its name (exactly as `Source::name` gives it).
pub(super) fn source_named(name: &str) -> Option<Source> {
    Source::ALL.iter().copied().find(|s| s.name() == name)
}

/// A time stored as RFC 3339 text.
pub(super) fn time_from_text(text: &str) -> Option<DateTime<Utc>> {
    DateTime::parse_from_rfc3339(text)
        .ok()
        .map(|time| time.with_timezone(&Utc))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_value_has_its_own_code_and_comes_back() {
        for &s in Source::ALL {
            assert_eq!(source_from(source_code(s)), Some(s));
        }
        for &s in Status::ALL {
            assert_eq!(status_from(status_code(s)), Some(s));
        }
        for &s in Sentiment::ALL {
            assert_eq!(sentiment_from(sentiment_code(s)), Some(s));
        }
        assert_eq!(source_from(7), None);
        for &s in Source::ALL {
            assert_eq!(source_named(s.name()), Some(s));
        }
        assert_eq!(source_named("Support"), None);
        assert_eq!(
            time_from_text("2026-03-04T05:06:07Z"),
            time_from(1_772_600_767)
        );
        assert_eq!(time_from_text("2026-03-04"), None);
        let now = time_from(1_795_766_400).unwrap();
        assert_eq!(seconds(&now), 1_795_766_400);
    }
}
