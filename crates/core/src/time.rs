//! Times as integer milliseconds, and the timestamp syntaxes the readers accept.
//!
//! Every time inside interlinear is a [`Millis`]; seconds as `f64` exist only at the audio element
//! and in JSON, so comparisons are exact and a round trip through an exporter cannot drift.

use std::fmt;

/// A point in (or length of) the audio, in whole milliseconds.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Millis(pub u64);

impl Millis {
    pub const ZERO: Millis = Millis(0);

    /// The latest time a transcript holds, 999:59:59.999: the latest every format here writes
    /// and reads back (a clock's hours are at most three digits). A later one is no time.
    pub const LATEST: Millis = Millis(1_000 * 3_600_000 - 1);

    pub fn from_secs_f64(secs: f64) -> Option<Millis> {
        if !(0.0..3_600_000.0).contains(&secs) {
            return None;
        }
        let millis = (secs * 1000.0).round() as u64;
        (millis <= Millis::LATEST.0).then_some(Millis(millis))
    }

    pub fn as_secs_f64(self) -> f64 {
        self.0 as f64 / 1000.0
    }

    /// The time in seconds as the shortest decimal that says it (`454`, `15.5`, `0.125`): what
    /// `as_secs_f64().to_string()` gives, written with integers — as a link writes a moment
    /// ([`moment_for_link`]). The app writes it into an attribute of every row and sentence it
    /// renders, where the float's shortest-decimal search showed in profiles.
    pub fn seconds_text(self) -> String {
        moment_for_link(self)
    }

    pub fn saturating_sub(self, other: Millis) -> Millis {
        Millis(self.0.saturating_sub(other.0))
    }

    /// `by` after this time, at most [`Millis::LATEST`] (times written relative to others add
    /// up: TTML's nested in their parents', LRCX's words after their line's).
    pub fn later_by(self, by: Millis) -> Millis {
        Millis(self.0.saturating_add(by.0).min(Millis::LATEST.0))
    }

    /// `HH:MM:SS.mmm`, with `,` or `.` before the milliseconds (WebVTT, SRT).
    pub fn cue_stamp(self, separator: char) -> String {
        let (h, m, s, ms) = self.parts();
        format!("{h:02}:{m:02}:{s:02}{separator}{ms:03}")
    }

    /// `HH:MM:SS`, with `.mmm` only when there are milliseconds (the bilingual layout).
    pub fn bracket_stamp(self) -> String {
        let (h, m, s, ms) = self.parts();
        if ms == 0 {
            format!("{h:02}:{m:02}:{s:02}")
        } else {
            format!("{h:02}:{m:02}:{s:02}.{ms:03}")
        }
    }

    fn parts(self) -> (u64, u64, u64, u64) {
        let ms = self.0 % 1000;
        let total = self.0 / 1000;
        (total / 3600, total / 60 % 60, total % 60, ms)
    }
}

/// `H:MM:SS` (or `M:SS` under an hour): how a time is shown to a person.
impl fmt::Display for Millis {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (h, m, s, _) = self.parts();
        if h > 0 {
            write!(f, "{h}:{m:02}:{s:02}")
        } else {
            write!(f, "{m}:{s:02}")
        }
    }
}

/// Reads `[[H]H:]MM:SS[(.|,)f{1,3}]` exactly (the whole of `s`), as written in brackets, cue timing
/// lines and deep links. With an hour part, minutes and seconds must be below 60; without one,
/// minutes may run past 59 (`75:30`), since that is unambiguous.
pub fn parse_clock(s: &str) -> Option<Millis> {
    let b = s.as_bytes();
    let mut fields = [0u64; 3];
    let mut widths = [0usize; 3];
    let mut n = 0usize;
    let mut i = 0usize;
    loop {
        let start = i;
        let mut value = 0u64;
        while i < b.len() && b[i].is_ascii_digit() && i - start < 3 {
            value = value * 10 + u64::from(b[i] - b'0');
            i += 1;
        }
        if i == start {
            return None;
        }
        fields[n] = value;
        widths[n] = i - start;
        n += 1;
        if i < b.len() && b[i] == b':' && n < 3 {
            i += 1;
            continue;
        }
        break;
    }
    if n < 2 {
        return None;
    }
    let mut millis = 0u64;
    if i < b.len() && (b[i] == b'.' || b[i] == b',') {
        i += 1;
        let start = i;
        while i < b.len() && b[i].is_ascii_digit() && i - start < 3 {
            millis = millis * 10 + u64::from(b[i] - b'0');
            i += 1;
        }
        match i - start {
            0 => return None,
            1 => millis *= 100,
            2 => millis *= 10,
            _ => {}
        }
    }
    if i != b.len() {
        return None;
    }
    let (h, m, s) = if n == 3 {
        (fields[0], fields[1], fields[2])
    } else {
        (0, fields[0], fields[1])
    };
    // Seconds always two digits; minutes two digits after an hour part.
    if widths[n - 1] != 2 || s >= 60 || (n == 3 && (widths[1] != 2 || m >= 60)) {
        return None;
    }
    Some(Millis(((h * 60 + m) * 60 + s) * 1000 + millis))
}

/// Reads a moment as people write it in links: seconds (`330`, `330.5`), a clock (`5:30`,
/// `1:05:30`), or units (`5m30s`, `1h5m`, `90s`). Media-fragment forms are accepted too: an `npt:`
/// prefix, and a range (`330,400`) whose start is taken.
pub fn parse_moment(s: &str) -> Option<Millis> {
    let s = s.trim();
    let s = s.strip_prefix("npt:").unwrap_or(s);
    let s = s.split(',').next()?.trim();
    if s.is_empty() {
        return None;
    }
    if s.contains(':') {
        return parse_clock(s);
    }
    if s.bytes().all(|b| b.is_ascii_digit() || b == b'.') {
        return Millis::from_secs_f64(crate::decimal::parse(s)?);
    }
    // Units, each at most once and in order: h, m, s.
    let mut total = 0u64;
    let mut rest = s;
    for (unit, scale) in [('h', 3_600_000u64), ('m', 60_000), ('s', 1_000)] {
        if let Some(at) = rest.find(unit) {
            let number: u64 = rest[..at].parse().ok()?;
            total = total.checked_add(number.checked_mul(scale)?)?;
            rest = &rest[at + 1..];
        }
    }
    rest.is_empty().then_some(Millis(total))
}

/// The moment named by a URL fragment such as `#t=330` or `#intro&t=5:30`: `None` without a `t=`,
/// and what follows it as written when that is no moment (`#t=5:70`), for a message to quote.
pub fn moment_in_fragment(fragment: &str) -> Option<Result<Millis, String>> {
    let moment = fragment
        .trim_start_matches('#')
        .split('&')
        .find_map(|part| part.strip_prefix("t="))?;
    // Link makers (and `encodeURIComponent`) write `5:30` as `5%3A30`.
    let written = moment.replace("%3A", ":").replace("%3a", ":");
    Some(parse_moment(&written).ok_or(written))
}

/// How a moment is written in a link: seconds, with as many decimals as it needs (`15`, `9.6`,
/// `20.261`).
pub fn moment_for_link(t: Millis) -> String {
    let whole = (t.0 / 1000).to_string();
    match t.0 % 1000 {
        0 => whole,
        ms => whole + "." + format!("{ms:03}").trim_end_matches('0'),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_latest_time_is_the_latest_a_clock_writes_and_reads_back() {
        assert_eq!(
            parse_clock(&Millis::LATEST.cue_stamp('.')),
            Some(Millis::LATEST)
        );
        assert_eq!(
            parse_clock(&Millis(Millis::LATEST.0 + 1).cue_stamp('.')),
            None
        );
        assert_eq!(Millis::from_secs_f64(3_599_999.999), Some(Millis::LATEST));
        // (Found by fuzzing: a JSON segment or a TTML cue 25,000 hours in, written out in the
        // bilingual layout, read back as text.)
        for secs in [
            3_599_999.999_6,
            3_600_000.0,
            90_000_000.0,
            f64::INFINITY,
            f64::NAN,
            -1.0,
        ] {
            assert_eq!(Millis::from_secs_f64(secs), None, "{secs}");
        }
    }

    #[test]
    fn seconds_as_text() {
        let texts = [0, 454_000, 15_500, 125, 1, 3_723_040].map(|ms| Millis(ms).seconds_text());
        assert_eq!(texts, ["0", "454", "15.5", "0.125", "0.001", "3723.04"]);
    }

    #[test]
    fn moments_in_links() {
        assert_eq!(parse_moment("330"), Some(Millis(330_000)));
        assert_eq!(parse_moment("330.5"), Some(Millis(330_500)));
        assert_eq!(parse_moment("5:30"), Some(Millis(330_000)));
        assert_eq!(parse_moment("1:05:30"), Some(Millis(3_930_000)));
        assert_eq!(parse_moment("5m30s"), Some(Millis(330_000)));
        assert_eq!(parse_moment("1h5m"), Some(Millis(3_900_000)));
        assert_eq!(parse_moment("90s"), Some(Millis(90_000)));
        assert_eq!(parse_moment("npt:330,400"), Some(Millis(330_000)));
        for bad in [
            "",
            "abc",
            "5:3",
            "-3",
            "5x",
            "m30s",
            "30s5m",
            "1.2.3",
            "99999999999999999999h",
        ] {
            assert_eq!(parse_moment(bad), None, "{bad:?}");
        }
        assert_eq!(moment_in_fragment("#t=5:30"), Some(Ok(Millis(330_000))));
        assert_eq!(
            moment_in_fragment("#notes&t=330"),
            Some(Ok(Millis(330_000)))
        );
        assert_eq!(moment_in_fragment("#t=5%3A30"), Some(Ok(Millis(330_000))));
        assert_eq!(
            moment_in_fragment("#t=1%3a05%3A30"),
            Some(Ok(Millis(3_930_000)))
        );
        assert_eq!(
            moment_in_fragment("#intro&t=5%3A70"),
            Some(Err("5:70".to_owned()))
        );
        assert_eq!(moment_in_fragment("#t="), Some(Err(String::new())));
        assert_eq!(moment_in_fragment("#notes"), None);
        assert_eq!(moment_in_fragment(""), None);
        assert_eq!(moment_for_link(Millis(330_000)), "330");
        assert_eq!(moment_for_link(Millis(330_050)), "330.05");
        assert_eq!(moment_for_link(Millis(9_600)), "9.6");
        assert_eq!(moment_for_link(Millis(20_261)), "20.261");
        assert_eq!(
            parse_moment(&moment_for_link(Millis(330_050))),
            Some(Millis(330_050))
        );
    }

    #[test]
    fn clock_forms() {
        assert_eq!(parse_clock("00:00:15"), Some(Millis(15_000)));
        assert_eq!(parse_clock("1:10:45"), Some(Millis(4_245_000)));
        assert_eq!(parse_clock("05:30"), Some(Millis(330_000)));
        assert_eq!(parse_clock("75:30"), Some(Millis(4_530_000)));
        assert_eq!(parse_clock("00:00:01.5"), Some(Millis(1_500)));
        assert_eq!(parse_clock("00:00:01,250"), Some(Millis(1_250)));
        assert_eq!(parse_clock("00:01.000"), Some(Millis(1_000)));
    }

    #[test]
    fn clock_rejects() {
        for bad in [
            "00:61:00",
            "00:00:60",
            "1:5",
            "",
            "12",
            "a:bc",
            "00:00:01.",
            "00:00:00:00",
            "1:2:33",
            "00:00:1",
        ] {
            assert_eq!(parse_clock(bad), None, "{bad}");
        }
    }

    #[test]
    fn stamps() {
        assert_eq!(Millis(4_245_123).cue_stamp(','), "01:10:45,123");
        assert_eq!(Millis(330_000).bracket_stamp(), "00:05:30");
        assert_eq!(Millis(1_500).bracket_stamp(), "00:00:01.500");
        assert_eq!(Millis(330_000).to_string(), "5:30");
        assert_eq!(Millis(4_245_000).to_string(), "1:10:45");
    }
}
