//! Dates as survey, support desk, tracker and retrospective tools write
//! them: RFC 3339 and 2822, Jira's, US month-first, named zones after the
//! time, Unix seconds; text without a zone is taken as UTC.

use crate::domain::feedback::trim;
use chrono::{DateTime, NaiveDate, NaiveDateTime, TimeZone, Utc};

mod shapes;

/// Parses the dates these tools write; text without a zone is taken as UTC.
/// The usual shapes are read byte by byte (`shapes`), the rest by chrono's
/// parsers, one format after another.
pub fn parse_date(text: &str) -> Option<DateTime<Utc>> {
    let t = trim(text);
    shapes::read_shape(t).or_else(|| parse_date_by_formats(t))
}

/// `parse_date` by chrono's parsers, one known format after another.
fn parse_date_by_formats(t: &str) -> Option<DateTime<Utc>> {
    if let Ok(d) = DateTime::parse_from_rfc3339(t) {
        return Some(d.to_utc());
    }
    // "Fri, 03 Oct 2026 09:14:22 +0000", as mail and RSS write it.
    if let Ok(d) = DateTime::parse_from_rfc2822(t) {
        return Some(d.to_utc());
    }
    for format in [
        "%Y-%m-%d %H:%M:%S %z",
        "%Y-%m-%d %H:%M:%S%z",
        "%Y-%m-%dT%H:%M:%S%z",
    ] {
        if let Ok(d) = DateTime::parse_from_str(t, format) {
            return Some(d.to_utc());
        }
    }
    // A zone named after the time: "2026-10-03 09:14:22 UTC", or Google
    // Forms' "2026/11/20 9:14:03 AM GMT+1".
    if let Some((local, zone)) = t.rsplit_once(" GMT").or_else(|| t.rsplit_once(" UTC")) {
        let offset = chrono::FixedOffset::east_opt(zone_seconds(zone)?)?;
        return offset
            .from_local_datetime(&parse_naive(local)?)
            .single()
            .map(|d| d.to_utc());
    }
    if let Some(naive) = parse_naive(t) {
        return Some(Utc.from_utc_datetime(&naive));
    }
    // Minutes without seconds, with a zone: "2026-10-03T09:14Z",
    // "2026-10-03T09:14+02:00".
    if let Some(local) = t.strip_suffix('Z') {
        return parse_naive(local).map(|naive| Utc.from_utc_datetime(&naive));
    }
    for format in [
        "%Y-%m-%dT%H:%M%#z",
        "%Y-%m-%d %H:%M%#z",
        "%Y-%m-%d %H:%M %#z",
    ] {
        if let Ok(d) = DateTime::parse_from_str(t, format) {
            return Some(d.to_utc());
        }
    }
    if t.len() == 10 && t.bytes().all(|b| b.is_ascii_digit()) {
        return DateTime::from_timestamp(t.parse().ok()?, 0);
    }
    None
}

/// A zone's offset from UTC in seconds, written after "GMT" or "UTC": ""
/// (none), "+2", "-5", "+5:30", "+02:00" or "+0530".
fn zone_seconds(zone: &str) -> Option<i32> {
    if zone.is_empty() {
        return Some(0);
    }
    let sign = match zone.as_bytes()[0] {
        b'+' => 1,
        b'-' => -1,
        _ => return None,
    };
    let digits = &zone[1..];
    let (hours, minutes) = match digits.split_once(':') {
        Some((h, m)) => (h, m),
        None if digits.len() == 4 => digits.split_at(2),
        None => (digits, "0"),
    };
    let (hours, minutes): (i32, i32) = (hours.parse().ok()?, minutes.parse().ok()?);
    let all_digits = |t: &str| !t.is_empty() && t.bytes().all(|b| b.is_ascii_digit());
    let valid = all_digits(&digits.replace(':', "")) && hours <= 14 && minutes < 60;
    valid.then_some(sign * (hours * 3600 + minutes * 60))
}

/// A date and time without a zone, in one of the formats survey, support
/// desk and tracker exports write (a date alone is midnight).
fn parse_naive(t: &str) -> Option<NaiveDateTime> {
    const DATE_TIMES: [&str; 20] = [
        "%Y-%m-%d %H:%M:%S",
        "%Y-%m-%d %H:%M:%S%.f",
        "%Y-%m-%d %H:%M",
        "%Y-%m-%dT%H:%M:%S",
        "%Y-%m-%dT%H:%M",
        "%Y-%m-%dT%H:%M:%S%.f",
        "%Y/%m/%d %H:%M:%S",
        "%Y/%m/%d %I:%M:%S %p",
        // Jira, with a 12- or a 24-hour clock.
        "%d/%b/%y %I:%M %p",
        "%d/%b/%Y %I:%M %p",
        "%d/%b/%y %H:%M",
        "%d/%b/%Y %H:%M",
        // US month first (SurveyMonkey, Typeform, Excel).
        "%m/%d/%Y %H:%M:%S",
        "%m/%d/%Y %H:%M",
        "%m/%d/%Y %I:%M:%S %p",
        "%m/%d/%Y %I:%M %p",
        "%d.%m.%Y %H:%M",
        "%d.%m.%Y %H:%M:%S",
        "%b %d, %Y %I:%M %p",
        "%b %d, %Y %H:%M",
    ];
    for format in DATE_TIMES {
        if let Ok(naive) = NaiveDateTime::parse_from_str(t, format) {
            return Some(naive);
        }
    }
    for format in [
        "%Y-%m-%d", "%Y/%m/%d", "%m/%d/%Y", "%d.%m.%Y", "%d/%b/%y", "%d/%b/%Y",
    ] {
        if let Ok(date) = NaiveDate::parse_from_str(t, format) {
            return date.and_hms_opt(0, 0, 0);
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_in_the_formats_tools_write() {
        let utc = |s: &str| DateTime::parse_from_rfc3339(s).unwrap().to_utc();
        assert_eq!(
            parse_date("2026-10-03T09:14:00Z"),
            Some(utc("2026-10-03T09:14:00Z"))
        );
        assert_eq!(
            parse_date("2026-10-03 09:14:22 -0400"),
            Some(utc("2026-10-03T13:14:22Z"))
        );
        assert_eq!(
            parse_date("2026-10-03 09:14"),
            Some(utc("2026-10-03T09:14:00Z"))
        );
        assert_eq!(
            parse_date("03/Oct/26 9:14 AM"),
            Some(utc("2026-10-03T09:14:00Z"))
        );
        assert_eq!(
            parse_date("2026/11/20 9:14:03 AM GMT+1"),
            Some(utc("2026-11-20T08:14:03Z"))
        );
        assert_eq!(parse_date("2026-10-03"), Some(utc("2026-10-03T00:00:00Z")));
        // Jira with a 24-hour clock, SurveyMonkey, no seconds, a named zone.
        for (text, expected) in [
            ("25/Jun/26 12:44", "2026-06-25T12:44:00Z"),
            ("25/Jun/2026 17:05", "2026-06-25T17:05:00Z"),
            ("10/03/2026 09:14:22 AM", "2026-10-03T09:14:22Z"),
            ("10/03/2026 09:14:22 PM", "2026-10-03T21:14:22Z"),
            ("2026-10-03T09:14", "2026-10-03T09:14:00Z"),
            ("2026-10-03 09:14:22 UTC", "2026-10-03T09:14:22Z"),
            ("2026-10-03 09:14:22 GMT", "2026-10-03T09:14:22Z"),
            ("2026-10-03 09:14 UTC+2", "2026-10-03T07:14:00Z"),
            ("03.10.2026 09:14:22", "2026-10-03T09:14:22Z"),
            ("2026/11/20 9:14:03 AM GMT+5:30", "2026-11-20T03:44:03Z"),
            ("2026-10-03 09:14 UTC+02:00", "2026-10-03T07:14:00Z"),
            ("2026-10-03 09:14 UTC-0330", "2026-10-03T12:44:00Z"),
            ("2026-10-03T09:14Z", "2026-10-03T09:14:00Z"),
            ("2026-10-03T09:14+02:00", "2026-10-03T07:14:00Z"),
            ("2026-10-03 09:14:22.5", "2026-10-03T09:14:22.5Z"),
            ("Sat, 03 Oct 2026 09:14:22 +0200", "2026-10-03T07:14:22Z"),
        ] {
            assert_eq!(parse_date(text), Some(utc(expected)), "{text}");
        }
        assert_eq!(parse_date("2026-10-03 09:14:22 UTC+x"), None);
        assert_eq!(
            parse_date("1790000000"),
            DateTime::from_timestamp(1_790_000_000, 0)
        );
        assert_eq!(parse_date("yesterday"), None);
    }

    #[test]
    fn the_usual_date_shape_is_read_as_the_formats_read_it() {
        // Every month and day, possible or not, of years leap and common
        // and at the ends of the range, at the edges of the clock.
        let years = [
            0, 1, 4, 1900, 1970, 1999, 2000, 2023, 2024, 2026, 2100, 9999,
        ];
        let times = [
            "00:00:00", "23:59:59", "24:00:00", "09:60:00", "09:14:60", "10:00:00",
        ];
        for year in years {
            for month in 0..=13 {
                for day in 0..=32 {
                    for time in times {
                        let text = format!("{year:04}-{month:02}-{day:02}T{time}Z");
                        let slow = parse_date_by_formats(&text);
                        assert_eq!(parse_date(&text), slow, "{text}");
                        // The direct reading takes every valid date but
                        // leap seconds, which it leaves to the formats.
                        let fast = shapes::read_shape(&text);
                        let valid = NaiveDate::from_ymd_opt(year, month, day).is_some()
                            && time != "24:00:00"
                            && !time.contains("60");
                        assert_eq!(fast.is_some(), valid, "{text}");
                        assert!(fast.is_none() || fast == slow, "{text}");
                    }
                }
            }
        }
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(5000))]

        #[test]
        fn dates_read_as_the_formats_read_them(
            text in "[ ]?[0-9]{4}-[0-9]{2}-[0-9]{2}[Tt ][0-9]{2}:[0-9]{2}:[0-9]{2}[Zz]?[ ]?\
                     |[0-9]{1,5}[-/.][0-9]{1,3}[-/.][0-9]{1,4}[T ]?[0-9:]{0,9}[Z+0-9:]{0,6}\
                     |[0-9 TZ:+-]{0,24}",
        ) {
            proptest::prop_assert_eq!(parse_date(&text), parse_date_by_formats(text.trim()));
        }

        #[test]
        fn a_date_one_character_off_the_usual_shape_reads_as_the_formats_read_it(
            at in 0usize..20,
            c in proptest::sample::select("0123456789-:TtZz +./".chars().collect::<Vec<_>>()),
        ) {
            let mut text: Vec<char> = "2024-02-29T23:59:59Z".chars().collect();
            text[at] = c;
            let text: String = text.into_iter().collect();
            proptest::prop_assert_eq!(parse_date(&text), parse_date_by_formats(text.trim()));
        }
    }
}
