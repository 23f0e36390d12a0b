//! Dates as TMX and users write them, converted with `jiff` (UTC).
//!
//! TMX 1.4b §3.1 writes dates as `YYYYMMDDThhmmssZ` (ISO 8601 basic format,
//! UTC). memoria stores them as Unix seconds; users give days as
//! `YYYY-MM-DD`, `YYYYMMDD` or a TMX date.

use jiff::civil::DateTime;
use jiff::tz::TimeZone;
use jiff::Timestamp;

/// Reads a TMX date (`YYYYMMDDThhmmssZ`) of a real day and time (month
/// 1–12, the day within the month, hh < 24) as Unix seconds; `None` for
/// anything else.
pub fn parse_tmx(s: &str) -> Option<i64> {
    Some(civil(s)?.to_zoned(TimeZone::UTC).ok()?.timestamp().as_second())
}

/// Whether `s` is a TMX date of a real day and time ([`parse_tmx`] without
/// the conversion: the TMX reader checks every date attribute).
pub fn is_tmx(s: &str) -> bool {
    civil(s).is_some()
}

fn civil(s: &str) -> Option<DateTime> {
    let b = s.as_bytes();
    if b.len() != 16 || b[8] != b'T' || b[15] != b'Z' || !b[..8].iter().chain(&b[9..15]).all(u8::is_ascii_digit) {
        return None;
    }
    let n = |i: usize| ((b[i] - b'0') * 10 + (b[i + 1] - b'0')) as i8;
    let year = i16::from(n(0)) * 100 + i16::from(n(2));
    // jiff refuses a day past the month's end and a second of 60 (no TMX date).
    DateTime::new(year, n(4), n(6), n(9), n(11), n(13), 0).ok()
}

/// Unix seconds as a TMX date `YYYYMMDDThhmmssZ` (UTC). Seconds outside
/// the years -9999..=9999 are clamped to that range.
pub fn format_tmx(secs: i64) -> String {
    let ts = Timestamp::from_second(secs).unwrap_or(if secs < 0 { Timestamp::MIN } else { Timestamp::MAX });
    ts.strftime("%Y%m%dT%H%M%SZ").to_string()
}

/// The current time as Unix seconds.
pub fn now() -> i64 {
    Timestamp::now().as_second()
}

/// A day or time a user gave (`YYYY-MM-DD`, `YYYYMMDD`, or a TMX date) as
/// the TMX date it starts at; the error says what was expected.
pub fn parse_user(s: &str) -> Result<String, String> {
    let b = s.as_bytes();
    let tmx = if b.len() == 10 && b[4] == b'-' && b[7] == b'-' {
        format!("{}{}{}T000000Z", &s[..4], &s[5..7], &s[8..])
    } else if b.len() == 8 {
        format!("{s}T000000Z")
    } else {
        s.to_string()
    };
    match parse_tmx(&tmx) {
        Some(_) => Ok(tmx),
        None => Err(format!("{s:?} is not a date; expected YYYY-MM-DD, YYYYMMDD or YYYYMMDDThhmmssZ")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tmx_dates_read_as_unix_seconds_and_back() {
        assert_eq!(parse_tmx("19700101T000000Z"), Some(0));
        assert_eq!(parse_tmx("20110206T120000Z"), Some(1_296_993_600));
        assert_eq!(parse_tmx("2011-02-06"), None);
        assert_eq!(parse_tmx("20230229T000000Z"), None);
        assert_eq!(parse_tmx("20240229T240000Z"), None);
        assert_eq!(format_tmx(0), "19700101T000000Z");
        assert_eq!(format_tmx(1_709_251_199), "20240229T235959Z");
    }

    #[test]
    fn user_dates_in_three_forms() {
        assert_eq!(parse_user("2024-03-01").unwrap(), "20240301T000000Z");
        assert_eq!(parse_user("20240301").unwrap(), "20240301T000000Z");
        assert_eq!(parse_user("20240301T101500Z").unwrap(), "20240301T101500Z");
        for bad in ["March", "2026-13-45", "2023-02-29", "20240431", "20240301T250000Z", "2024-0301", "202403-01"] {
            assert!(parse_user(bad).is_err(), "{bad}");
        }
        assert_eq!(parse_user("2024-02-29").unwrap(), "20240229T000000Z");
    }
}
