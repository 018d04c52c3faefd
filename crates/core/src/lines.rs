//! Splitting text into numbered lines, whatever the line ends (LF, CRLF or a lone CR).
//!
//! Every reader walks its input through [`Lines`], so line numbers in diagnostics agree across
//! formats. The common case (no CR near) is a single `memchr` per line; where the next CR is is
//! looked for a stretch at a time as the lines get there, not in the whole text up front, so a
//! read that pauses for the page never holds it for a search of ten megabytes.

#[cfg(any(feature = "lrc", feature = "microdvd"))]
use super::PAUSE_EVERY_LINES;

/// The lines of `text` that hold something, trimmed, with their numbers, and whether a read
/// should pause before each (a multiple of [`PAUSE_EVERY_LINES`] lines passed since the one
/// before, blank or not): for the readers of a line at a time (LRC, MicroDVD and MPL2).
#[cfg(any(feature = "lrc", feature = "microdvd"))]
pub(crate) fn filled_lines(text: &str) -> impl Iterator<Item = (u32, &str, bool)> {
    let mut stretch = 0;
    Lines::new(text).filter_map(move |(number, line)| {
        let line = line.trim();
        let due = number / PAUSE_EVERY_LINES != stretch;
        if line.is_empty() {
            return None;
        }
        stretch = number / PAUSE_EVERY_LINES;
        Some((number, line, due))
    })
}

/// How far ahead a CR is looked for at a time, in bytes.
const CR_STRETCH: usize = 1 << 16;

/// An iterator of `(line number, line)` with 1-based numbers and the line end removed. Every line,
/// a blank one too, is a slice of the text, so where it starts can be worked out from it.
pub struct Lines<'a> {
    rest: &'a str,
    number: u32,
    /// `rest[..cr_free]` holds no CR ...
    cr_free: usize,
    /// ... and `rest[cr_free]` is one, if this is set (else not yet looked at).
    cr_next: bool,
    done: bool,
}

impl<'a> Lines<'a> {
    pub fn new(text: &'a str) -> Lines<'a> {
        Lines {
            rest: text,
            number: 0,
            cr_free: 0,
            cr_next: false,
            done: text.is_empty(),
        }
    }

    /// Where the first CR before `before` is in `rest`, if any: looked for a stretch at a time.
    fn cr_before(&mut self, before: usize) -> Option<usize> {
        let bytes = self.rest.as_bytes();
        while self.cr_free < before && !self.cr_next {
            let to = (self.cr_free + CR_STRETCH).max(before).min(bytes.len());
            match memchr::memchr(b'\r', &bytes[self.cr_free..to]) {
                Some(at) => {
                    self.cr_free += at;
                    self.cr_next = true;
                }
                None => self.cr_free = to,
            }
        }
        (self.cr_next && self.cr_free < before).then_some(self.cr_free)
    }

    /// Moves `by` bytes on: past a line and its line end.
    fn advance(&mut self, by: usize) {
        self.rest = &self.rest[by..];
        if self.cr_free >= by {
            self.cr_free -= by;
        } else {
            (self.cr_free, self.cr_next) = (0, false);
        }
        self.done = self.rest.is_empty();
    }
}

impl<'a> Iterator for Lines<'a> {
    type Item = (u32, &'a str);

    fn next(&mut self) -> Option<(u32, &'a str)> {
        if self.done {
            return None;
        }
        self.number = self.number.saturating_add(1);
        let rest = self.rest;
        let bytes = rest.as_bytes();
        // Blank lines are a third of a typical transcript: no search needed for them.
        if bytes[0] == b'\n' {
            self.advance(1);
            return Some((self.number, &rest[..0]));
        }
        let newline = memchr::memchr(b'\n', bytes).unwrap_or(bytes.len());
        let (end, skip) = match self.cr_before(newline) {
            Some(cr) if bytes.get(cr + 1) == Some(&b'\n') => (cr, 2),
            Some(cr) => (cr, 1),
            None => (newline, usize::from(newline < bytes.len())),
        };
        self.advance(end + skip);
        Some((self.number, &rest[..end]))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn all_line_ends() {
        let got: Vec<_> = Lines::new("a\r\nb\rc\n\nd").collect();
        assert_eq!(got, vec![(1, "a"), (2, "b"), (3, "c"), (4, ""), (5, "d")]);
        assert_eq!(Lines::new("x\n").collect::<Vec<_>>(), vec![(1, "x")]);
        assert_eq!(Lines::new("").count(), 0);
    }

    /// Line ends of every kind, far apart and close together, across the stretches a CR is
    /// looked for in: the same lines as a plain reading of the rules.
    #[test]
    fn line_ends_across_stretches() {
        let mut text = String::new();
        for i in 0..30_000 {
            let end = match i {
                _ if i % 7_919 == 0 => "\r",
                _ if i > 20_000 && i % 3 == 0 => "\r\n",
                _ if i % 5_003 == 0 => "\r\n",
                _ => "\n",
            };
            text.push_str(&format!("line {i} 中文"));
            text.push_str(end);
        }
        text.push_str("\r\r\n\rlast");
        let mut expected = Vec::new();
        let mut rest = text.as_str();
        while !rest.is_empty() {
            let end = rest.find(['\r', '\n']).unwrap_or(rest.len());
            expected.push(&rest[..end]);
            let skip = if rest[end..].starts_with("\r\n") {
                2
            } else {
                1
            };
            rest = &rest[(end + skip).min(rest.len())..];
        }
        let got: Vec<&str> = Lines::new(&text).map(|(_, line)| line).collect();
        assert_eq!(got.len(), expected.len());
        assert!(got == expected, "lines differ");
        assert_eq!(
            Lines::new(&text).last().map(|(n, _)| n as usize),
            Some(expected.len())
        );
    }
}
