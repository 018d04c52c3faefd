//! Decimal text of floats, written with integers.
//!
//! The standard library's float formatting and parsing (`{}` and `{:.N}` on an `f64`,
//! `str::parse::<f64>`) are about 20 KB of the browser build's WebAssembly, there for a handful of
//! numbers: a speed, a file's size, the seek bar's marks, spacers' heights, a time in a link. They
//! want a few places, which integer arithmetic gives exactly enough.

/// `value` rounded to `places` decimals (at most 6), written out in full: `fixed(2.5, 2)` is
/// `"2.50"`. Not finite: JavaScript's spelling (`NaN`, `Infinity`, `-Infinity`).
pub fn fixed(value: f64, places: u32) -> String {
    if !value.is_finite() {
        return if value.is_nan() {
            "NaN".to_owned()
        } else if value > 0.0 {
            "Infinity".to_owned()
        } else {
            "-Infinity".to_owned()
        };
    }
    let places = places.min(6);
    let scale = 10u64.pow(places);
    // Past u64's range (1.8e19 units) a value is shown saturated: nothing the app writes is near.
    let units = (value.abs() * scale as f64).round() as u64;
    let (whole, fraction) = (units / scale, units % scale);
    let sign = if value < 0.0 && units > 0 { "-" } else { "" };
    if places == 0 {
        format!("{sign}{whole}")
    } else {
        format!("{sign}{whole}.{fraction:0width$}", width = places as usize)
    }
}

/// [`fixed`] less the zeros it ends with, and the point if nothing follows it: `trimmed(2.5, 2)`
/// is `"2.5"`, `trimmed(1.0, 2)` is `"1"`.
pub fn trimmed(value: f64, places: u32) -> String {
    without_trailing_zeros(fixed(value, places))
}

/// A decimal's `text` less the zeros its fraction ends with, and the point if nothing follows it:
/// `"2.50"` is `"2.5"`, `"1.000"` is `"1"`, `"100"` stays.
pub fn without_trailing_zeros(mut text: String) -> String {
    if text.contains('.') {
        let kept = text.trim_end_matches('0').trim_end_matches('.').len();
        text.truncate(kept);
    }
    text
}

/// 10^(22 k), as near as a float comes.
const POWERS_OF_TEN_22: [f64; 15] = [
    1.0, 1e22, 1e44, 1e66, 1e88, 1e110, 1e132, 1e154, 1e176, 1e198, 1e220, 1e242, 1e264, 1e286,
    1e308,
];

/// The number written in `text`: `12`, `-0.75`, `.5`, `5.`, `1e-3`, `2.5E+2` (no spaces, no
/// `inf` or `NaN`). Exact, as `str::parse` is, for up to 15 significant digits scaled by at most
/// 10^22 either way, the point's place and the exponent together (every number the app reads);
/// beyond, within four units in the last place.
pub fn parse(text: &str) -> Option<f64> {
    let bytes = text.as_bytes();
    let (negative, mut at) = match bytes.first()? {
        b'-' => (true, 1),
        b'+' => (false, 1),
        _ => (false, 0),
    };
    let mut mantissa: u64 = 0;
    let mut exponent: i32 = 0;
    let mut digits = 0;
    let mut seen_point = false;
    while let Some(&b) = bytes.get(at) {
        match b {
            b'0'..=b'9' => {
                digits += 1;
                if mantissa < 1_000_000_000_000_000_000 {
                    mantissa = mantissa * 10 + u64::from(b - b'0');
                    exponent -= i32::from(seen_point);
                } else {
                    // Digits past u64's precision only scale what was kept.
                    exponent += i32::from(!seen_point);
                }
            }
            b'.' if !seen_point => seen_point = true,
            _ => break,
        }
        at += 1;
    }
    if digits == 0 {
        return None;
    }
    if let Some(b'e' | b'E') = bytes.get(at) {
        at += 1;
        let (sign, from) = match bytes.get(at) {
            Some(b'-') => (-1, at + 1),
            Some(b'+') => (1, at + 1),
            _ => (1, at),
        };
        let written = bytes.get(from..)?;
        if written.is_empty() || !written.iter().all(u8::is_ascii_digit) {
            return None;
        }
        // Saturated: an exponent this large makes zero or infinity either way.
        let value = written.iter().fold(0i32, |n, &d| {
            n.saturating_mul(10).saturating_add(i32::from(d - b'0'))
        });
        exponent = exponent.saturating_add(sign * value.min(100_000));
        at = bytes.len();
    }
    if at != bytes.len() {
        return None;
    }
    // One multiplication or division of two exact values is correctly rounded (both below 2^53
    // and 10^22, as up to 15 digits scaled by up to 22 places are); beyond, one more by a rounded
    // power of 10^22: four roundings at most, under four units in the last place.
    let mut value = mantissa as f64;
    let places = exponent.unsigned_abs();
    let scale = |value: f64, power: f64| {
        if exponent > 0 {
            value * power
        } else {
            value / power
        }
    };
    value = scale(value, 10f64.powi((places % 22) as i32));
    let mut big = (places / 22) as usize;
    while big > 0 && value != 0.0 && value.is_finite() {
        let step = big.min(POWERS_OF_TEN_22.len() - 1);
        value = scale(value, POWERS_OF_TEN_22[step]);
        big -= step;
    }
    Some(if negative { -value } else { value })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fixed_places() {
        assert_eq!(fixed(2.5, 2), "2.50");
        assert_eq!(fixed(0.75, 2), "0.75");
        assert_eq!(fixed(123.456, 1), "123.5");
        assert_eq!(fixed(-0.04, 1), "0.0", "no minus sign on a zero");
        assert_eq!(fixed(-1.25, 1), "-1.3");
        assert_eq!(fixed(7.0, 0), "7");
        assert_eq!(fixed(f64::NAN, 1), "NaN");
        assert_eq!(fixed(f64::NEG_INFINITY, 1), "-Infinity");
        assert_eq!(trimmed(1.0, 2), "1");
        assert_eq!(trimmed(1.5, 2), "1.5");
        assert_eq!(trimmed(100.0, 0), "100");
        assert_eq!(trimmed(0.001, 2), "0");
    }

    #[test]
    fn parsing() {
        for (text, value) in [
            ("12", 12.0),
            ("-0.75", -0.75),
            ("+3", 3.0),
            (".5", 0.5),
            ("5.", 5.0),
            ("1e-3", 0.001),
            ("2.5E+2", 250.0),
            ("330.5", 330.5),
            ("0.1", 0.1),
            ("1e400", f64::INFINITY),
            ("1e-400", 0.0),
        ] {
            assert_eq!(parse(text), Some(value), "{text}");
        }
        for text in [
            "", "-", ".", "e5", "1e", "1e+", "1.2.3", " 1", "1 ", "inf", "NaN", "0x10", "1_0",
        ] {
            assert_eq!(parse(text), None, "{text:?}");
        }
    }
}
