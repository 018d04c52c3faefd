//! Splitting text into numbered lines, whatever the line ends (LF, CRLF or a lone CR).
//!
//! Every reader walks its input through [`Lines`], so line numbers in diagnostics agree across
//! formats. The common case (no CR at all) is a single `memchr` per line.

/// An iterator of `(line number, line)` with 1-based numbers and the line end removed.
pub struct Lines<'a> {
    rest: &'a str,
    number: u32,
    has_cr: bool,
    done: bool,
}

impl<'a> Lines<'a> {
    pub fn new(text: &'a str) -> Lines<'a> {
        let has_cr = memchr::memchr(b'\r', text.as_bytes()).is_some();
        Lines {
            rest: text,
            number: 0,
            has_cr,
            done: text.is_empty(),
        }
    }
}

impl<'a> Iterator for Lines<'a> {
    type Item = (u32, &'a str);

    fn next(&mut self) -> Option<(u32, &'a str)> {
        if self.done {
            return None;
        }
        self.number = self.number.saturating_add(1);
        let bytes = self.rest.as_bytes();
        // Blank lines are a third of a typical transcript: no search needed for them.
        if bytes[0] == b'\n' {
            self.rest = &self.rest[1..];
            self.done = self.rest.is_empty();
            return Some((self.number, ""));
        }
        let found = if self.has_cr {
            memchr::memchr2(b'\n', b'\r', bytes)
        } else {
            memchr::memchr(b'\n', bytes)
        };
        let Some(end) = found else {
            self.done = true;
            let line = self.rest;
            self.rest = "";
            return Some((self.number, line));
        };
        let line = &self.rest[..end];
        let skip = if bytes[end] == b'\r' && bytes.get(end + 1) == Some(&b'\n') {
            2
        } else {
            1
        };
        self.rest = &self.rest[end + skip..];
        if self.rest.is_empty() {
            self.done = true;
        }
        Some((self.number, line))
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
}
