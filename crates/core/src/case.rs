//! Letter case for the Latin, Greek, Cyrillic and Armenian alphabets, from one small table:
//! search folds case with it, and sentence splitting asks whether a word starts with a capital.
//!
//! The standard library's case tables know every cased script, but they are 8 KB of the browser
//! build (gzipped), for scripts (Georgian, Cherokee, Deseret…) a bilingual transcript hardly
//! meets. The tests check these runs against the standard library letter by letter.

/// `c` in lower case if it is a capital of one of the alphabets; any other character as it is.
pub fn lower(c: char) -> char {
    if c.is_ascii() {
        return c.to_ascii_lowercase();
    }
    let code = c as u32;
    let at = LOWER_RUNS.partition_point(|&(first, ..)| u32::from(first) <= code);
    let Some(run) = at.checked_sub(1).map(|i| LOWER_RUNS[i]) else {
        return c;
    };
    if !holds(run, code) {
        return c;
    }
    char::from_u32(code.wrapping_add_signed(i32::from(run.2))).unwrap_or(c)
}

/// Whether the capital `code` is one of `run`'s.
fn holds((first, last, _, every_other): Run, code: u32) -> bool {
    let (first, last) = (u32::from(first), u32::from(last));
    (first..=last).contains(&code) && (!every_other || (code - first).is_multiple_of(2))
}

/// `(first, last, shift, every other)`: see [`LOWER_RUNS`].
type Run = (u16, u16, i16, bool);

/// `(first, last, shift, every other)`: the capitals `first..=last` (each second one from `first`
/// when `every other`) have their small letter `shift` code points away. Made by grouping
/// `char::to_lowercase` over U+00C0–U+024F, U+0370–U+052F, U+0531–U+0556 and U+1E00–U+1EFF;
/// letters whose small form is two characters (`İ`) are left as they are.
const LOWER_RUNS: &[Run] = &[
    (0x00C0, 0x00D6, 32, false),
    (0x00D8, 0x00DE, 32, false),
    (0x0100, 0x012E, 1, true),
    (0x0132, 0x0136, 1, true),
    (0x0139, 0x0147, 1, true),
    (0x014A, 0x0176, 1, true),
    (0x0178, 0x0178, -121, false),
    (0x0179, 0x017D, 1, true),
    (0x0181, 0x0181, 210, false),
    (0x0182, 0x0184, 1, true),
    (0x0186, 0x0186, 206, false),
    (0x0187, 0x0187, 1, false),
    (0x0189, 0x018A, 205, false),
    (0x018B, 0x018B, 1, false),
    (0x018E, 0x018E, 79, false),
    (0x018F, 0x018F, 202, false),
    (0x0190, 0x0190, 203, false),
    (0x0191, 0x0191, 1, false),
    (0x0193, 0x0193, 205, false),
    (0x0194, 0x0194, 207, false),
    (0x0196, 0x0196, 211, false),
    (0x0197, 0x0197, 209, false),
    (0x0198, 0x0198, 1, false),
    (0x019C, 0x019C, 211, false),
    (0x019D, 0x019D, 213, false),
    (0x019F, 0x019F, 214, false),
    (0x01A0, 0x01A4, 1, true),
    (0x01A6, 0x01A6, 218, false),
    (0x01A7, 0x01A7, 1, false),
    (0x01A9, 0x01A9, 218, false),
    (0x01AC, 0x01AC, 1, false),
    (0x01AE, 0x01AE, 218, false),
    (0x01AF, 0x01AF, 1, false),
    (0x01B1, 0x01B2, 217, false),
    (0x01B3, 0x01B5, 1, true),
    (0x01B7, 0x01B7, 219, false),
    (0x01B8, 0x01B8, 1, false),
    (0x01BC, 0x01BC, 1, false),
    (0x01C4, 0x01C4, 2, false),
    (0x01C5, 0x01C5, 1, false),
    (0x01C7, 0x01C7, 2, false),
    (0x01C8, 0x01C8, 1, false),
    (0x01CA, 0x01CA, 2, false),
    (0x01CB, 0x01DB, 1, true),
    (0x01DE, 0x01EE, 1, true),
    (0x01F1, 0x01F1, 2, false),
    (0x01F2, 0x01F4, 1, true),
    (0x01F6, 0x01F6, -97, false),
    (0x01F7, 0x01F7, -56, false),
    (0x01F8, 0x021E, 1, true),
    (0x0220, 0x0220, -130, false),
    (0x0222, 0x0232, 1, true),
    (0x023A, 0x023A, 10795, false),
    (0x023B, 0x023B, 1, false),
    (0x023D, 0x023D, -163, false),
    (0x023E, 0x023E, 10792, false),
    (0x0241, 0x0241, 1, false),
    (0x0243, 0x0243, -195, false),
    (0x0244, 0x0244, 69, false),
    (0x0245, 0x0245, 71, false),
    (0x0246, 0x024E, 1, true),
    (0x0370, 0x0372, 1, true),
    (0x0376, 0x0376, 1, false),
    (0x037F, 0x037F, 116, false),
    (0x0386, 0x0386, 38, false),
    (0x0388, 0x038A, 37, false),
    (0x038C, 0x038C, 64, false),
    (0x038E, 0x038F, 63, false),
    (0x0391, 0x03A1, 32, false),
    (0x03A3, 0x03AB, 32, false),
    (0x03CF, 0x03CF, 8, false),
    (0x03D8, 0x03EE, 1, true),
    (0x03F4, 0x03F4, -60, false),
    (0x03F7, 0x03F7, 1, false),
    (0x03F9, 0x03F9, -7, false),
    (0x03FA, 0x03FA, 1, false),
    (0x03FD, 0x03FF, -130, false),
    (0x0400, 0x040F, 80, false),
    (0x0410, 0x042F, 32, false),
    (0x0460, 0x0480, 1, true),
    (0x048A, 0x04BE, 1, true),
    (0x04C0, 0x04C0, 15, false),
    (0x04C1, 0x04CD, 1, true),
    (0x04D0, 0x052E, 1, true),
    (0x0531, 0x0556, 48, false),
    (0x1E00, 0x1E94, 1, true),
    (0x1E9E, 0x1E9E, -7615, false),
    (0x1EA0, 0x1EFE, 1, true),
];

/// Whether `c` is a capital letter (of the alphabets above).
pub fn is_capital(c: char) -> bool {
    lower(c) != c
}

/// Whether `c` is a small letter (of the alphabets above): one a capital lowers to.
pub fn is_small(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_lowercase();
    }
    let code = c as u32;
    LOWER_RUNS.iter().any(|&run| {
        code.checked_add_signed(-i32::from(run.2))
            .is_some_and(|capital| holds(run, capital))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every character, with what the standard library says of its case, within the alphabets.
    fn alphabets() -> impl Iterator<Item = (char, bool)> {
        let alphabets = [0xC0..=0x24F, 0x370..=0x52F, 0x531..=0x556, 0x1E00..=0x1EFF];
        (0..=0x10FFFFu32).filter_map(char::from_u32).map(move |c| {
            let covered = c.is_ascii() || alphabets.iter().any(|a| a.contains(&(c as u32)));
            (c, covered)
        })
    }

    #[test]
    fn lower_case_is_the_standard_librarys_in_its_alphabets() {
        for (c, covered) in alphabets() {
            let mut std = c.to_lowercase();
            let single = match (std.next(), std.next()) {
                (Some(l), None) => l,
                _ => c,
            };
            let want = if covered { single } else { c };
            assert_eq!(lower(c), want, "U+{:04X}", c as u32);
        }
    }

    #[test]
    fn small_letters_are_those_capitals_lower_to() {
        let smalls: std::collections::HashSet<char> = alphabets()
            .filter(|&(_, covered)| covered)
            .filter_map(|(c, _)| {
                let mut l = c.to_lowercase();
                match (l.next(), l.next()) {
                    (Some(small), None) if small != c => Some(small),
                    _ => None,
                }
            })
            .collect();
        for (c, _) in alphabets() {
            assert_eq!(is_small(c), smalls.contains(&c), "U+{:04X}", c as u32);
        }
        assert!(is_small('é') && is_small('ж') && is_small('a'));
        assert!(!is_small('É') && !is_small('中') && !is_small('1'));
        assert!(is_capital('É') && is_capital('Ж') && !is_capital('中'));
    }
}
