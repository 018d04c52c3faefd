//! Where a document's text stands, unchanged, in the source it was read from, in UTF-16 units.
//!
//! A page that hands `parseTranscript` a string gets back segments whose text is, most of it, a
//! line of that string as it was (a line after its label, a cue's line). Cutting those out of the
//! string (JavaScript's `slice` shares the string's memory) is far cheaper than decoding the same
//! text out of WebAssembly memory, which was most of what handing a document back cost. Text that
//! does not stand in the source as it is (emphasis marks removed, paragraphs joined, entities
//! decoded) is not found, and the caller hands it over itself.
//!
//! Text is looked for only a little way past where its turn starts in the source, so the whole
//! costs about a pass over the source, whatever it holds.

use crate::lines::Lines;

/// Finds text turn by turn, in source order: [`SourceOffsets::turn`], then
/// [`SourceOffsets::find`] for each of that turn's texts.
pub struct SourceOffsets<'a> {
    source: &'a str,
    lines: Lines<'a>,
    /// The line of the current turn's start.
    line: u32,
    /// The current turn's start, counted: nothing is looked for before it.
    turn_start: Counted,
    /// Where the next text is looked for: the current turn's start, or just past its text found
    /// last.
    from: Counted,
}

/// A byte offset into the source and the same place in UTF-16 units.
#[derive(Clone, Copy)]
struct Counted {
    byte: usize,
    utf16: u32,
}

/// How far past where it is looked for a text may start: a turn's time, speaker and labels
/// (`[00:01:02] Name` then `English:`; a cue's number, times and voice tag), with room to spare.
const LOOK_AHEAD: usize = 256;

/// How many places where a text's first character stands are compared with it, at most: the
/// first is nearly always the one, and a text not in the source stays cheap to give up on.
const CANDIDATES: usize = 16;

impl<'a> SourceOffsets<'a> {
    /// Offsets into `source`, the whole string the document was read from (a byte-order mark
    /// included: it is a unit of the string).
    pub fn new(source: &'a str) -> SourceOffsets<'a> {
        let start = Counted { byte: 0, utf16: 0 };
        SourceOffsets {
            source,
            lines: Lines::new(source),
            line: 0,
            turn_start: start,
            from: start,
        }
    }

    /// The next texts belong to the turn that starts on `line` (1-based, as [`crate::Turn::line`]).
    /// A turn out of source order (its line not past the last turn's) is looked for where the
    /// last text was found.
    pub fn turn(&mut self, line: u32) {
        if line <= self.line {
            return;
        }
        let Some((number, start)) =
            self.lines
                .by_ref()
                .find(|&(number, _)| number >= line)
                .map(|(number, text)| {
                    (
                        number,
                        text.as_ptr() as usize - self.source.as_ptr() as usize,
                    )
                })
        else {
            return;
        };
        self.line = number;
        self.turn_start = self.count_to(start);
        self.from = self.turn_start;
    }

    /// Where `text` stands in the source near the current turn, unchanged, as a range of UTF-16
    /// units; `None` if it does not.
    pub fn find(&mut self, text: &str) -> Option<(u32, u32)> {
        let first = text.chars().next()?;
        let from = self.from.byte;
        let mut end = (from + LOOK_AHEAD + text.len()).min(self.source.len());
        while !self.source.is_char_boundary(end) {
            end -= 1;
        }
        let at = self.source[from..end]
            .match_indices(first)
            .take(CANDIDATES)
            .map(|(at, _)| from + at)
            .find(|&at| {
                let here = &self.source.as_bytes()[at..];
                here.len() >= text.len() && same_bytes(&here[..text.len()], text.as_bytes())
            })?;
        let start = self.count_to(at);
        let end = Counted {
            byte: at + text.len(),
            utf16: start.utf16 + utf16_len(text),
        };
        self.from = end;
        Some((start.utf16, end.utf16))
    }

    /// `byte` (at or past the turn's start) counted in UTF-16 units, from the nearest place
    /// counted before it.
    fn count_to(&self, byte: usize) -> Counted {
        let base = if byte >= self.from.byte {
            self.from
        } else {
            self.turn_start
        };
        Counted {
            byte,
            utf16: base.utf16 + utf16_len(&self.source[base.byte..byte]),
        }
    }
}

/// Whether `source`, a JavaScript string converted to UTF-8, may have held a lone surrogate:
/// the conversion writes U+FFFD for each, so a source without U+FFFD held none. Far cheaper than
/// asking the engine (`isWellFormed` scans the whole string, 7 ms for a 10 MB season in Node),
/// which is then asked only when U+FFFD is there.
pub fn may_have_held_lone_surrogates(source: &str) -> bool {
    // U+FFFD is EF BF BD. A byte search for its first byte (the reader's own, so no substring
    // searcher ships for this) stops at Chinese text's full-width punctuation too, cheaply.
    let bytes = source.as_bytes();
    memchr::memchr_iter(0xEF, bytes).any(|at| bytes[at + 1..].starts_with(&[0xBF, 0xBD]))
}

/// The length of `s` in UTF-16 code units (what JavaScript string offsets count): a unit per
/// character, two for one outside the Basic Multilingual Plane. Counted eight bytes at a time,
/// since the whole source is counted.
pub fn utf16_len(s: &str) -> u32 {
    let (chunks, rest) = s.as_bytes().as_chunks::<8>();
    let mut units = rest
        .iter()
        .map(|&b| usize::from(b & 0xC0 != 0x80) + usize::from(b >= 0xF0))
        .sum::<usize>()
        + chunks.len() * 8;
    for chunk in chunks {
        let x = u64::from_le_bytes(*chunk);
        // Each byte's top bit after the masks: a continuation byte (10xxxxxx) is no unit of its
        // own, a four-byte sequence's first byte (11110xxx) brings a second.
        let continuation = x & !(x << 1) & EVERY_TOP_BIT;
        let four_byte_lead = x & (x << 1) & (x << 2) & (x << 3) & EVERY_TOP_BIT;
        units = units + four_byte_lead.count_ones() as usize - continuation.count_ones() as usize;
    }
    units as u32
}

const EVERY_TOP_BIT: u64 = 0x8080_8080_8080_8080;

/// Whether `a` and `b` hold the same bytes, compared eight at a time (WebAssembly has no
/// `memcmp`; the compiler's stands in a byte at a time, a third of the work here).
fn same_bytes(a: &[u8], b: &[u8]) -> bool {
    let ((a8, a_rest), (b8, b_rest)) = (a.as_chunks::<8>(), b.as_chunks::<8>());
    a.len() == b.len()
        && a8
            .iter()
            .zip(b8)
            .all(|(x, y)| u64::from_ne_bytes(*x) == u64::from_ne_bytes(*y))
        && a_rest == b_rest
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_string_with_a_lone_surrogate_reads_with_u_fffd() {
        let lone = String::from_utf16_lossy(&[0x4E2D, 0xD800, 0x6587]);
        assert!(may_have_held_lone_surrogates(&lone));
        assert!(may_have_held_lone_surrogates("a real \u{FFFD}"));
        // U+FFFD's bytes are EF BF BD; the full-width punctuation around Chinese text shares them.
        assert!(!may_have_held_lone_surrogates(
            "中文，\u{FFFC}\u{FF5D}\u{FFBD}。😀"
        ));
    }

    /// The source's UTF-16 units in `range`, as a string.
    fn units(source: &str, (from, to): (u32, u32)) -> String {
        let units: Vec<u16> = source.encode_utf16().collect();
        String::from_utf16(&units[from as usize..to as usize]).expect("whole characters")
    }

    #[test]
    fn utf16_length_counts_every_width_at_every_alignment() {
        let text = "a é 中 😀 ".repeat(5);
        for from in 0..text.len() {
            for to in from..=text.len() {
                if let Some(piece) = text.get(from..to) {
                    assert_eq!(
                        utf16_len(piece) as usize,
                        piece.encode_utf16().count(),
                        "{piece:?}"
                    );
                }
            }
        }
    }

    #[test]
    fn texts_are_found_turn_by_turn_as_utf16_ranges() {
        let source =
            "\u{FEFF}# Title 😀\n\n[00:00] 𝒜da\nEnglish: Hello 😀 there.\n中文: 你好。\n\n\
                      [00:05] Bo\r\nEnglish: *Hi*.\r\n中文: 嗨。\r\n";
        let mut offsets = SourceOffsets::new(source);
        offsets.turn(3);
        let hello = offsets.find("Hello 😀 there.").expect("on its line");
        assert_eq!(units(source, hello), "Hello 😀 there.");
        assert_eq!(
            units(source, offsets.find("你好。").expect("next")),
            "你好。"
        );
        offsets.turn(7);
        // Emphasis marks are not in the text, so the text is not in the source as it is.
        assert_eq!(offsets.find("Hi."), None);
        assert_eq!(units(source, offsets.find("嗨。").expect("CRLF")), "嗨。");
    }

    #[test]
    fn text_of_an_earlier_turn_or_far_away_is_not_looked_for() {
        let source = format!(
            "[00:00] A\nEnglish: early\n{}\n[00:09] B\nEnglish: late\n",
            "x\n".repeat(300)
        );
        let mut offsets = SourceOffsets::new(&source);
        offsets.turn(1);
        assert_eq!(offsets.find("late"), None, "more than a few lines ahead");
        offsets.turn(303);
        assert_eq!(offsets.find("early"), None, "behind");
        assert!(offsets.find("late").is_some());
    }

    #[test]
    fn only_a_few_places_are_compared() {
        // Every character is a candidate for a text that is not there: giving up stays cheap.
        let source = format!("[00:00] A\n{}", "a".repeat(10_000));
        let mut offsets = SourceOffsets::new(&source);
        offsets.turn(1);
        assert_eq!(offsets.find(&format!("{}b", "a".repeat(5_000))), None);
        assert_eq!(offsets.find("aaa"), Some((10, 13)));
    }
}
