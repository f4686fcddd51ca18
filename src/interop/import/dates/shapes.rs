//! The date shapes files mostly hold, read byte by byte in one pass:
//! `2026-10-03` with or without a time (`T` or a space, minutes, seconds, a
//! fraction) and a zone (`Z`, `+02:00`, `+0200`, ` -0400`, ` UTC+2`),
//! `2026/11/20 9:14:03 AM GMT+1`, Jira's `03/Oct/26 9:14 AM`, US
//! `10/03/2026 09:14:22 AM`, `03.10.2026`, `Oct 03, 2026 9:14 AM`, RFC 2822
//! with a numeric zone, and Unix seconds. Each is read to the value the
//! chrono formats in `dates` give it; anything else, or anything doubtful
//! (an impossible date, hour 24, a leap second, an odd width), is `None`
//! and left to those formats. The shape is told by the text itself, so no
//! shape is tried after another and each costs about the same; nor is the
//! format a column matched last remembered, which the formats could not
//! use anyway: their order decides ambiguous text (`03/Oct/26` is 2026 by
//! Jira's `%y`, and year 26 by the `%Y` after it).

use super::zone_seconds;
use chrono::{DateTime, Datelike, FixedOffset, NaiveDate, NaiveTime, TimeZone, Utc};

/// How the date part is written.
#[derive(Clone, Copy, PartialEq)]
enum DateShape {
    /// `2026-10-03`
    YearDash,
    /// `2026/10/03`
    YearSlash,
    /// `10/03/2026`
    MonthFirst,
    /// Jira's `03/Oct/26` or `03/Oct/2026`
    DayMonthName,
    /// `03.10.2026`
    Dotted,
    /// `Oct 03, 2026`
    MonthNameFirst,
}

/// A time of day as written after the date.
struct Clock {
    /// `T` or a space.
    separator: u8,
    hour: u32,
    /// Whether the hour is written with two digits, as RFC 3339 needs.
    two_digit_hour: bool,
    minute: u32,
    second: Option<u32>,
    nanosecond: Option<u32>,
    /// `Some(true)` after " PM", `Some(false)` after " AM".
    afternoon: Option<bool>,
}

/// What follows the time.
enum Zone {
    None,
    /// `Z`
    Utc,
    /// `+02:00`, `+0200` or, after a space, ` -0400`.
    Offset {
        seconds: i32,
        spaced: bool,
        colon: bool,
    },
    /// ` UTC`, ` GMT`, ` GMT+1`, ` UTC-0330`.
    Named(i32),
}

/// `t` (trimmed) read by its shape, or `None` to leave it to the formats.
pub(super) fn read_shape(t: &str) -> Option<DateTime<Utc>> {
    let b = t.as_bytes();
    if b.len() == 10 && b.iter().all(u8::is_ascii_digit) {
        return DateTime::from_timestamp(t.parse().ok()?, 0);
    }
    if b.len() == 31 && b[3] == b',' {
        return rfc2822(b);
    }
    let mut scan = Scan { b, at: 0 };
    let (shape, date) = scan.date()?;
    let clock = scan.clock(shape)?;
    let zone = scan.zone()?;
    if !written_by_a_format(shape, clock.as_ref(), &zone) {
        return None;
    }
    let time = match &clock {
        None => NaiveTime::MIN,
        Some(c) => {
            let hour = match c.afternoon {
                None if c.hour < 24 => c.hour,
                Some(pm) if (1..=12).contains(&c.hour) => c.hour % 12 + if pm { 12 } else { 0 },
                _ => return None,
            };
            let second = c.second.unwrap_or(0);
            // Leap seconds are the formats' to read.
            if c.minute > 59 || second > 59 {
                return None;
            }
            NaiveTime::from_hms_nano_opt(hour, c.minute, second, c.nanosecond.unwrap_or(0))?
        }
    };
    let local = date.and_time(time);
    let offset = match zone {
        Zone::None | Zone::Utc => return Some(Utc.from_utc_datetime(&local)),
        Zone::Offset { seconds, .. } | Zone::Named(seconds) => FixedOffset::east_opt(seconds)?,
    };
    offset
        .from_local_datetime(&local)
        .single()
        .map(|d| d.to_utc())
}

/// Whether one of the formats in `dates` reads this combination of date,
/// time and zone (and so gives it the value `read_shape` computes).
fn written_by_a_format(shape: DateShape, clock: Option<&Clock>, zone: &Zone) -> bool {
    use DateShape::*;
    let naive = match clock {
        None => shape != MonthNameFirst,
        Some(c) => {
            let seconds = c.second.is_some();
            let fraction = c.nanosecond.is_some();
            let half = c.afternoon.is_some();
            match shape {
                YearDash => !half,
                YearSlash => c.separator == b' ' && seconds && !fraction,
                MonthFirst => c.separator == b' ' && !fraction,
                DayMonthName | MonthNameFirst => c.separator == b' ' && !seconds,
                Dotted => c.separator == b' ' && !fraction && !half,
            }
        }
    };
    match zone {
        // "…Z" is read as RFC 3339, or without its "Z" by the naive formats.
        Zone::None | Zone::Utc | Zone::Named(_) => naive,
        Zone::Offset { spaced, colon, .. } => {
            let Some(c) = clock.filter(|_| shape == YearDash && naive) else {
                return false;
            };
            match (c.second.is_some(), c.nanosecond.is_some()) {
                // RFC 3339.
                (true, true) => c.separator == b'T' && c.two_digit_hour && !spaced && *colon,
                // "%Y-%m-%d %H:%M:%S %z", "%Y-%m-%dT%H:%M:%S%z", …
                _ => !(c.separator == b'T' && *spaced),
            }
        }
    }
}

/// RFC 2822 as mail writes it: `Sat, 03 Oct 2026 09:14:22 +0200`, the
/// weekday the date's.
fn rfc2822(b: &[u8]) -> Option<DateTime<Utc>> {
    const WEEKDAYS: [&[u8; 3]; 7] = [b"Mon", b"Tue", b"Wed", b"Thu", b"Fri", b"Sat", b"Sun"];
    let mut scan = Scan { b, at: 0 };
    let weekday = WEEKDAYS.iter().position(|w| scan.take(*w))?;
    scan.expect(b", ")?;
    let day = scan.digits(2)?;
    scan.expect(b" ")?;
    let month = scan.month_name()?;
    scan.expect(b" ")?;
    let year = i32::try_from(scan.digits(4)?).ok()?;
    scan.expect(b" ")?;
    let (hour, minute, second) = (scan.digits(2)?, scan.colon_digits()?, scan.colon_digits()?);
    scan.expect(b" ")?;
    let seconds = scan.offset(false)?;
    let date = NaiveDate::from_ymd_opt(year, month, day)?;
    if date.weekday().num_days_from_monday() as usize != weekday || hour > 23 || second > 59 {
        return None;
    }
    let local = date.and_time(NaiveTime::from_hms_opt(hour, minute, second)?);
    let offset = FixedOffset::east_opt(seconds)?;
    offset
        .from_local_datetime(&local)
        .single()
        .map(|d| d.to_utc())
}

/// A cursor over the text's bytes.
struct Scan<'a> {
    b: &'a [u8],
    at: usize,
}

impl Scan<'_> {
    fn peek(&self, ahead: usize) -> Option<u8> {
        self.b.get(self.at + ahead).copied()
    }

    fn done(&self) -> bool {
        self.at == self.b.len()
    }

    /// Steps over `expected` when the text goes on with it.
    fn take(&mut self, expected: &[u8]) -> bool {
        let found = self.b[self.at..].starts_with(expected);
        if found {
            self.at += expected.len();
        }
        found
    }

    fn expect(&mut self, expected: &[u8]) -> Option<()> {
        self.take(expected).then_some(())
    }

    /// Exactly `n` digits as a number.
    fn digits(&mut self, n: usize) -> Option<u32> {
        let run = self.b.get(self.at..self.at + n)?;
        let value = run.iter().try_fold(0u32, |v, &d| {
            d.is_ascii_digit().then(|| v * 10 + u32::from(d - b'0'))
        })?;
        self.at += n;
        Some(value)
    }

    /// One or two digits, as many as there are.
    fn one_or_two_digits(&mut self) -> Option<u32> {
        let two = self.peek(1).is_some_and(|d| d.is_ascii_digit());
        self.digits(if two { 2 } else { 1 })
    }

    /// `:` and two digits.
    fn colon_digits(&mut self) -> Option<u32> {
        self.expect(b":")?;
        self.digits(2)
    }

    /// `Jan` … `Dec` as 1 … 12.
    fn month_name(&mut self) -> Option<u32> {
        const MONTHS: [&[u8; 3]; 12] = [
            b"Jan", b"Feb", b"Mar", b"Apr", b"May", b"Jun", b"Jul", b"Aug", b"Sep", b"Oct", b"Nov",
            b"Dec",
        ];
        let month = MONTHS.iter().position(|m| self.take(*m))?;
        u32::try_from(month + 1).ok()
    }

    /// The date part and how it is written; `None` for an impossible date.
    fn date(&mut self) -> Option<(DateShape, NaiveDate)> {
        let b = self.b;
        let at = |i: usize| b.get(i).copied().unwrap_or(0);
        let (shape, year, month, day) = if at(4) == b'-' || at(4) == b'/' {
            let separator = [at(4)];
            let year = self.digits(4)?;
            self.expect(&separator)?;
            let month = self.digits(2)?;
            self.expect(&separator)?;
            let shape = match at(4) {
                b'-' => DateShape::YearDash,
                _ => DateShape::YearSlash,
            };
            (shape, year, month, self.digits(2)?)
        } else if at(0).is_ascii_alphabetic() {
            let month = self.month_name()?;
            self.expect(b" ")?;
            let day = self.digits(2)?;
            self.expect(b", ")?;
            (DateShape::MonthNameFirst, self.digits(4)?, month, day)
        } else {
            let first = self.digits(2)?;
            if self.take(b".") {
                let month = self.digits(2)?;
                self.expect(b".")?;
                (DateShape::Dotted, self.digits(4)?, month, first)
            } else {
                self.expect(b"/")?;
                if at(3).is_ascii_alphabetic() {
                    let month = self.month_name()?;
                    self.expect(b"/")?;
                    let year = match self.peek(2).is_some_and(|d| d.is_ascii_digit()) {
                        true => self.digits(4)?,
                        // Jira's two-digit years, as chrono's `%y` reads them.
                        false => match self.digits(2)? {
                            y if y < 70 => 2000 + y,
                            y => 1900 + y,
                        },
                    };
                    (DateShape::DayMonthName, year, month, first)
                } else {
                    let day = self.digits(2)?;
                    self.expect(b"/")?;
                    (DateShape::MonthFirst, self.digits(4)?, first, day)
                }
            }
        };
        let date = NaiveDate::from_ymd_opt(i32::try_from(year).ok()?, month, day)?;
        Some((shape, date))
    }

    /// The time after the date, if any: `Some(None)` when there is none.
    fn clock(&mut self, shape: DateShape) -> Option<Option<Clock>> {
        let separator = match self.peek(0) {
            Some(b'T') if shape == DateShape::YearDash => b'T',
            Some(b' ') if self.peek(1).is_some_and(|d| d.is_ascii_digit()) => b' ',
            _ => return Some(None),
        };
        self.at += 1;
        let start = self.at;
        let hour = self.one_or_two_digits()?;
        let two_digit_hour = self.at - start == 2;
        let minute = self.colon_digits()?;
        let second = match self.peek(0) {
            Some(b':') => Some(self.colon_digits()?),
            _ => None,
        };
        let nanosecond = match (second, self.peek(0)) {
            (Some(_), Some(b'.')) => {
                self.at += 1;
                let start = self.at;
                while self.peek(0).is_some_and(|d| d.is_ascii_digit()) {
                    self.at += 1;
                }
                let width = self.at - start;
                if !(1..=9).contains(&width) {
                    return None;
                }
                self.at = start;
                Some(self.digits(width)? * 10u32.pow(9 - width as u32))
            }
            _ => None,
        };
        let afternoon = if self.take(b" AM") {
            Some(false)
        } else if self.take(b" PM") {
            Some(true)
        } else {
            None
        };
        Some(Some(Clock {
            separator,
            hour,
            two_digit_hour,
            minute,
            second,
            nanosecond,
            afternoon,
        }))
    }

    /// The zone that ends the text, if any; `None` for anything else left.
    fn zone(&mut self) -> Option<Zone> {
        let rest = &self.b[self.at..];
        let zone = match rest {
            [] => Zone::None,
            [b'Z'] => Zone::Utc,
            [b'+' | b'-', ..] => self.offset_zone(false)?,
            [b' ', b'+' | b'-', ..] => {
                self.at += 1;
                self.offset_zone(true)?
            }
            [b' ', b'U', b'T', b'C', named @ ..] | [b' ', b'G', b'M', b'T', named @ ..] => {
                // As `rsplit_once(" GMT")` would split it.
                if rest
                    .windows(4)
                    .skip(1)
                    .any(|w| w == b" GMT" || w == b" UTC")
                {
                    return None;
                }
                Zone::Named(zone_seconds(std::str::from_utf8(named).ok()?)?)
            }
            _ => return None,
        };
        Some(zone)
    }

    fn offset_zone(&mut self, spaced: bool) -> Option<Zone> {
        let colon = self.peek(3) == Some(b':');
        let seconds = self.offset(colon)?;
        Some(Zone::Offset {
            seconds,
            spaced,
            colon,
        })
    }

    /// `+HHMM` (or `+HH:MM` with `colon`) ending the text, in seconds east.
    fn offset(&mut self, colon: bool) -> Option<i32> {
        let sign = match self.peek(0)? {
            b'+' => 1,
            b'-' => -1,
            _ => return None,
        };
        self.at += 1;
        let hours = self.digits(2)?;
        if colon {
            self.expect(b":")?;
        }
        let minutes = self.digits(2)?;
        if !self.done() || hours > 23 || minutes > 59 {
            return None;
        }
        Some(sign * i32::try_from(hours * 3600 + minutes * 60).ok()?)
    }
}

#[cfg(test)]
mod tests {
    use super::super::{parse_date, parse_date_by_formats};
    use super::*;
    use proptest::prelude::*;
    use proptest::sample::select;

    fn utc(text: &str) -> DateTime<Utc> {
        DateTime::parse_from_rfc3339(text).unwrap().to_utc()
    }

    #[test]
    fn every_shape_files_use_is_read_directly_as_the_formats_read_it() {
        for (text, expected) in [
            ("2026-10-03T09:14:22Z", "2026-10-03T09:14:22Z"),
            ("2026-10-03T11:14:22+02:00", "2026-10-03T09:14:22Z"),
            ("2026-10-03T11:14:22.25+02:00", "2026-10-03T09:14:22.25Z"),
            ("2026-10-03T09:14Z", "2026-10-03T09:14:00Z"),
            ("2026-10-03T09:14+02:00", "2026-10-03T07:14:00Z"),
            ("2026-10-03", "2026-10-03T00:00:00Z"),
            ("2026-10-03 09:14:22", "2026-10-03T09:14:22Z"),
            ("2026-10-03 09:14:22.5", "2026-10-03T09:14:22.5Z"),
            ("2026-10-03 09:14", "2026-10-03T09:14:00Z"),
            ("2026-10-03 05:14:22 -0400", "2026-10-03T09:14:22Z"),
            ("2026-10-03 11:14:22+0200", "2026-10-03T09:14:22Z"),
            ("2026-10-03 09:14:22 UTC", "2026-10-03T09:14:22Z"),
            ("2026-10-03 09:14:22 GMT", "2026-10-03T09:14:22Z"),
            ("2026-10-03 09:14 UTC+2", "2026-10-03T07:14:00Z"),
            ("2026-10-03 09:14 UTC-0330", "2026-10-03T12:44:00Z"),
            ("03/Oct/26 9:14 AM", "2026-10-03T09:14:00Z"),
            ("03/Oct/26 12:14 AM", "2026-10-03T00:14:00Z"),
            ("03/Oct/26 12:14 PM", "2026-10-03T12:14:00Z"),
            ("25/Jun/26 12:44", "2026-06-25T12:44:00Z"),
            ("25/Jun/2026 17:05", "2026-06-25T17:05:00Z"),
            ("25/Jun/26", "2026-06-25T00:00:00Z"),
            ("2026/11/20 9:14:03 AM GMT+1", "2026-11-20T08:14:03Z"),
            ("2026/11/20 9:14:03 PM GMT+5:30", "2026-11-20T15:44:03Z"),
            ("2026/11/20 09:14:03", "2026-11-20T09:14:03Z"),
            ("2026/11/20", "2026-11-20T00:00:00Z"),
            ("10/03/2026 09:14:22 AM", "2026-10-03T09:14:22Z"),
            ("10/03/2026 09:14:22 PM", "2026-10-03T21:14:22Z"),
            ("10/03/2026 21:14", "2026-10-03T21:14:00Z"),
            ("10/03/2026", "2026-10-03T00:00:00Z"),
            ("03.10.2026", "2026-10-03T00:00:00Z"),
            ("03.10.2026 09:14:22", "2026-10-03T09:14:22Z"),
            ("Oct 03, 2026 9:14 PM", "2026-10-03T21:14:00Z"),
            ("Sat, 03 Oct 2026 09:14:22 +0200", "2026-10-03T07:14:22Z"),
            ("1790000000", "2026-09-21T14:13:20Z"),
        ] {
            assert_eq!(read_shape(text), Some(utc(expected)), "{text}");
            assert_eq!(parse_date_by_formats(text), Some(utc(expected)), "{text}");
        }
    }

    #[test]
    fn leap_days_count_and_impossible_dates_are_refused() {
        assert_eq!(parse_date("2024-02-29"), Some(utc("2024-02-29T00:00:00Z")));
        assert_eq!(parse_date("29.02.2000"), Some(utc("2000-02-29T00:00:00Z")));
        assert_eq!(
            parse_date("29/Feb/24 11:59 PM"),
            Some(utc("2024-02-29T23:59:00Z"))
        );
        for text in [
            "2026-02-29",
            "2026-02-30",
            "2026-02-30T10:00:00Z",
            "1900-02-29 10:00",
            "02/30/2026",
            "31.04.2026",
            "31/Apr/26 9:14 AM",
            "2026-13-01",
            "2026-10-03T24:00:00+02:00",
            "03/Oct/26 13:14 PM",
            "03/Oct/26 0:14 AM",
            "Fri, 03 Oct 2026 09:14:22 +0200",
        ] {
            assert_eq!(read_shape(text), None, "{text}");
            assert_eq!(parse_date(text), None, "{text}");
        }
    }

    #[test]
    fn jira_two_digit_years_turn_at_70_as_chrono_turns_them() {
        assert_eq!(read_shape("01/Jan/69"), Some(utc("2069-01-01T00:00:00Z")));
        assert_eq!(read_shape("01/Jan/70"), Some(utc("1970-01-01T00:00:00Z")));
        assert_eq!(
            read_shape("31/Dec/99 11:59 PM"),
            Some(utc("1999-12-31T23:59:00Z"))
        );
        assert_eq!(
            read_shape("01/Jan/00 00:00"),
            Some(utc("2000-01-01T00:00:00Z"))
        );
    }

    #[test]
    fn zones_and_offsets_move_the_time_to_utc() {
        for (text, expected) in [
            ("2026-01-01T00:30:00+01:00", "2025-12-31T23:30:00Z"),
            ("2026-12-31T23:30:00-01:00", "2027-01-01T00:30:00Z"),
            ("2026-10-03T09:14:22+05:45", "2026-10-03T03:29:22Z"),
            ("2026-10-03 09:14:22 +1400", "2026-10-02T19:14:22Z"),
            ("2026-10-03 09:14 -0930", "2026-10-03T18:44:00Z"),
            ("2026-10-03 09:14:22 UTC+14", "2026-10-02T19:14:22Z"),
            ("2026-03-01 00:00 GMT+1", "2026-02-28T23:00:00Z"),
        ] {
            assert_eq!(read_shape(text), Some(utc(expected)), "{text}");
            assert_eq!(parse_date_by_formats(text), read_shape(text), "{text}");
        }
        // A zone the named-zone reading refuses is refused.
        assert_eq!(parse_date("2026-10-03 09:14 UTC+15"), None);
        assert_eq!(parse_date("2026-10-03 09:14 GMT+x"), None);
    }

    /// Texts put together from the pieces the shapes are made of, values
    /// possible or not, widths usual or not.
    fn pieced_dates() -> impl Strategy<Value = String> {
        let number = |max: u32, width: usize| (0..=max).prop_map(move |n| format!("{n:0width$}"));
        let date = prop_oneof![
            (
                number(2100, 4),
                number(13, 2),
                number(32, 2),
                select(vec!["-", "/"])
            )
                .prop_map(|(y, m, d, s)| format!("{y}{s}{m}{s}{d}")),
            (
                number(13, 2),
                number(32, 2),
                number(2100, 4),
                select(vec!["/", "."])
            )
                .prop_map(|(a, b, y, s)| format!("{a}{s}{b}{s}{y}")),
            (number(32, 1), number(12, 1), number(99, 2))
                .prop_map(|(d, m, y)| format!("{d}/{m}/{y}")),
            (
                number(32, 2),
                select(vec!["Jan", "Feb", "Oct", "oct", "Okt"]),
                prop_oneof![number(99, 2), number(2100, 4), number(999, 3)]
            )
                .prop_map(|(d, m, y)| format!("{d}/{m}/{y}")),
            (select(vec!["Feb", "Oct"]), number(32, 2), number(2100, 4))
                .prop_map(|(m, d, y)| format!("{m} {d}, {y}")),
            (
                select(vec!["Sat", "Thu", "Sun"]),
                number(31, 2),
                select(vec!["Feb", "Oct"]),
                number(2100, 4)
            )
                .prop_map(|(w, d, m, y)| format!("{w}, {d} {m} {y}")),
        ];
        let clock = prop_oneof![
            Just(String::new()),
            (
                select(vec![" ", "T", "t", "  "]),
                prop_oneof![number(25, 1), number(25, 2)],
                number(61, 2),
                prop_oneof![
                    Just(String::new()),
                    number(61, 2).prop_map(|s| format!(":{s}"))
                ],
                select(vec!["", ".5", ".123456789", ".1234567891", "."]),
                select(vec!["", " AM", " PM", " am", "AM"]),
            )
                .prop_map(|(sep, h, m, s, f, half)| format!("{sep}{h}:{m}{s}{f}{half}")),
        ];
        let zone = prop_oneof![
            select(vec![
                "",
                "Z",
                "z",
                " UTC",
                " GMT",
                " UTC+2",
                " GMT+5:30",
                " UTC-0330",
                " UTC+02:00",
                " GMT+15",
                " UTC GMT",
                " GMT+1 UTC",
                " Z",
                " EST",
            ])
            .prop_map(String::from),
            (
                select(vec!["", " "]),
                select(vec!["+", "-"]),
                number(25, 2),
                select(vec!["", ":"]),
                number(61, 2)
            )
                .prop_map(|(space, sign, h, colon, m)| format!("{space}{sign}{h}{colon}{m}")),
            (select(vec!["+", "-"]), number(25, 2)).prop_map(|(sign, h)| format!("{sign}{h}")),
        ];
        prop_oneof![
            (date, clock, zone).prop_map(|(d, c, z)| format!("{d}{c}{z}")),
            (1_000_000_000u64..=9_999_999_999).prop_map(|n| n.to_string()),
        ]
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(20_000))]

        #[test]
        fn a_shape_read_directly_reads_as_the_formats_read_it(text in pieced_dates()) {
            if let Some(direct) = read_shape(&text) {
                prop_assert_eq!(Some(direct), parse_date_by_formats(&text), "{}", text);
            }
        }
    }
}
