//! Where a document's text stands in the source it was read from, in UTF-16 units.
//!
//! A page that hands `parseTranscript` a string gets back segments whose text is, most of it, a
//! line of that string as it was (a line after its label, a cue's line). Cutting those out of the
//! string (JavaScript's `slice` shares the string's memory) is far cheaper than decoding the same
//! text out of WebAssembly memory, which was most of what handing a document back cost. Text
//! with marks taken out (emphasis, tags, the CR of a CRLF between paragraphs) is found in the
//! pieces between them. Text that does not stand in the source at all (entities decoded, a lone
//! surrogate read as U+FFFD) is not found, and the caller hands it over itself.
//!
//! Text is looked for a little way past the text found last, and past where its turn starts
//! only when it is not there, so the whole costs about a pass over the text, whatever it holds.

use crate::byte_classes::ByteClasses;
use crate::lines::Lines;

/// Finds text turn by turn, in source order: [`SourceOffsets::turn`], then
/// [`SourceOffsets::find`] for each of that turn's texts.
pub struct SourceOffsets<'a> {
    source: &'a str,
    /// Walked only as far as a text not found near the last one asks: in most sources every
    /// text is, and the lines are not walked at all.
    lines: Lines<'a>,
    /// The line `lines` has been walked to.
    walked: u32,
    /// The line of the current turn's start.
    turn_line: u32,
    /// Where the next text is looked for: just past the text found last, or the current turn's
    /// start once it has been walked to.
    from: Counted,
    /// The bytes of text not found since `from`, which stand somewhere past it: the next text
    /// is looked for that much further on.
    passed: usize,
    /// Texts not found one after another. Past `CANDIDATES` of them, the rest of the turn's
    /// are looked for only where a later turn starts: texts that all stand far past where they
    /// are looked for (one line of lyrics sung at a thousand times, written once after them
    /// all) would each look a little further, in all the square of their number.
    missed: usize,
    /// The byte ranges of the text being found (kept to spare an allocation per text).
    pieces: Vec<(usize, usize)>,
}

/// A byte offset into the source and the same place in UTF-16 units.
#[derive(Clone, Copy)]
struct Counted {
    byte: usize,
    utf16: u32,
}

/// How far past where it is looked for a text may start: the rest of the turn before (a note),
/// then a turn's time, speaker and labels (`[00:01:02] Name` then `English:`; a cue's number,
/// times and voice tag), with room to spare.
const LOOK_AHEAD: usize = 256;

/// How many places where a text's first character stands are compared with it, at most: the
/// first is nearly always the one, and a text not in the source stays cheap to give up on.
const CANDIDATES: usize = 16;

impl<'a> SourceOffsets<'a> {
    /// Offsets into `source`, the whole string the document was read from (a byte-order mark
    /// included: it is a unit of the string).
    pub fn new(source: &'a str) -> SourceOffsets<'a> {
        SourceOffsets {
            source,
            lines: Lines::new(source),
            walked: 0,
            turn_line: 0,
            from: Counted { byte: 0, utf16: 0 },
            passed: 0,
            missed: 0,
            pieces: Vec::new(),
        }
    }

    /// The next texts belong to the turn that starts on `line` (1-based, as [`crate::Turn::line`]).
    /// A turn out of source order (its line not past the last turn's) is looked for where the
    /// last text was found.
    pub fn turn(&mut self, line: u32) {
        self.turn_line = self.turn_line.max(line);
    }

    /// Where `text` stands in the source near the current turn, as ranges of UTF-16 units that,
    /// joined, hold `text`: one range where it stands there unchanged, more where marks the
    /// reader took out stand between its pieces (emphasis, tags, the CR of a CRLF). Appended to
    /// `ranges` as (from, to) pairs; `false`, and nothing appended, if it is not found. Looked
    /// for just past the text found last, then, if it is not there, from where the turn starts.
    /// Joined, the ranges are `text` wherever they are found, so where it is looked for decides
    /// only how soon it is found.
    pub fn find(&mut self, text: &str, ranges: &mut Vec<u32>) -> bool {
        let mut pieces = std::mem::take(&mut self.pieces);
        let near = self.missed <= CANDIDATES;
        let found = near && self.find_from(self.from.byte, text, &mut pieces) || {
            match self.walk_to_turn() {
                Some(turn_start) => {
                    (self.from, self.passed, self.missed) = (self.count_to(turn_start), 0, 0);
                    self.find_from(turn_start, text, &mut pieces)
                }
                None => false,
            }
        };
        if !found {
            self.missed += 1;
            self.passed += text.len();
            self.pieces = pieces;
            return false;
        }
        for &(start, end) in &pieces {
            let start = self.count_to(start);
            self.from = Counted {
                byte: end,
                utf16: start.utf16 + utf16_len(&self.source[start.byte..end]),
            };
            ranges.extend([start.utf16, self.from.utf16]);
        }
        (self.passed, self.missed, self.pieces) = (0, 0, pieces);
        true
    }

    /// Where `text` stands a little way past `from`, as byte ranges of the source (see
    /// [`SourceOffsets::find`]) put in `pieces`.
    fn find_from(&self, from: usize, text: &str, pieces: &mut Vec<(usize, usize)>) -> bool {
        let Some(first) = text.chars().next() else {
            return false;
        };
        let mut end = (from + LOOK_AHEAD + self.passed + text.len()).min(self.source.len());
        while !self.source.is_char_boundary(end) {
            end -= 1;
        }
        let source = self.source.as_bytes();
        self.source[from..end]
            .match_indices(first)
            .take(CANDIDATES)
            .any(|(at, _)| {
                pieces.clear();
                marked_pieces(source, from + at, text.as_bytes(), pieces)
            })
    }

    /// Walks the lines to the current turn's start: its byte offset, if that is past where the
    /// next text would be looked for.
    fn walk_to_turn(&mut self) -> Option<usize> {
        if self.turn_line <= self.walked {
            return None;
        }
        let line = self.turn_line;
        let (number, text) = self.lines.by_ref().find(|&(number, _)| number >= line)?;
        self.walked = number;
        let start = text.as_ptr() as usize - self.source.as_ptr() as usize;
        (start > self.from.byte).then_some(start)
    }

    /// `byte` (at or past where the next text is looked for) counted in UTF-16 units.
    fn count_to(&self, byte: usize) -> Counted {
        Counted {
            byte,
            utf16: self.from.utf16 + utf16_len(&self.source[self.from.byte..byte]),
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
/// character, two for one outside the Basic Multilingual Plane.
pub fn utf16_len(s: &str) -> u32 {
    let classes = ByteClasses::of(s);
    (classes.chars() + classes.four_byte_lead) as u32
}

/// Whether `text` stands in `source` from `at` with marks between its pieces (`*` and `_` runs,
/// a tag `<…>`, a CR), matching it byte for byte between them; its pieces' byte ranges are put
/// in `pieces`. Gives up past a few marks' worth of bytes more than the text.
fn marked_pieces(source: &[u8], at: usize, text: &[u8], pieces: &mut Vec<(usize, usize)>) -> bool {
    let limit = (at + text.len() + LOOK_AHEAD).min(source.len());
    let (mut matched, mut piece, mut j) = (0, at, at);
    loop {
        let same = common_prefix(&source[j..limit], &text[matched..]);
        (matched, j) = (matched + same, j + same);
        if matched == text.len() {
            pieces.push((piece, j));
            return true;
        }
        let mark_end = match source.get(j..limit).unwrap_or_default() {
            [b'*' | b'_', ..] => {
                j + source[j..limit]
                    .iter()
                    .take_while(|&&b| b == source[j])
                    .count()
            }
            [b'<', rest @ ..] => match memchr::memchr(b'>', &rest[..rest.len().min(MARK_LENGTH)]) {
                Some(close) => j + close + 2,
                None => return false,
            },
            [b'\r', ..] => j + 1,
            _ => return false,
        };
        if j > piece {
            pieces.push((piece, j));
        }
        (piece, j) = (mark_end, mark_end);
    }
}

/// How long a tag may be, `<` and `>` aside: a WebVTT voice with a name, a class, a timestamp.
const MARK_LENGTH: usize = 128;

/// How many bytes `a` and `b` share from their starts, compared eight at a time (WebAssembly has
/// no `memcmp`; the compiler's stands in a byte at a time).
fn common_prefix(a: &[u8], b: &[u8]) -> usize {
    let both = a.len().min(b.len());
    let (a8, b8) = (a[..both].as_chunks::<8>().0, b[..both].as_chunks::<8>().0);
    for (k, (x, y)) in a8.iter().zip(b8).enumerate() {
        let differ = u64::from_le_bytes(*x) ^ u64::from_le_bytes(*y);
        if differ != 0 {
            return k * 8 + differ.trailing_zeros() as usize / 8;
        }
    }
    let done = a8.len() * 8;
    done + a[done..both]
        .iter()
        .zip(&b[done..both])
        .take_while(|(x, y)| x == y)
        .count()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every length and every place of a first difference, across whole blocks and the rest.
    #[test]
    fn common_prefix_finds_the_first_difference() {
        let a: Vec<u8> = (0..70u8).map(|i| b'a' + i % 26).collect();
        for len in 0..a.len() {
            assert_eq!(common_prefix(&a[..len], &a), len);
            for at in 0..len {
                let mut b = a[..len].to_vec();
                b[at] ^= 0x20;
                assert_eq!(
                    common_prefix(&a[..len], &b),
                    at,
                    "length {len}, differing at {at}"
                );
            }
        }
    }

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

    /// What `find` gives for `text`: the source's units in its ranges, joined, and how many
    /// ranges there are.
    fn found(offsets: &mut SourceOffsets, source: &str, text: &str) -> Option<(String, usize)> {
        let mut ranges = Vec::new();
        offsets.find(text, &mut ranges).then(|| {
            let joined = ranges.chunks(2).map(|r| units(source, (r[0], r[1])));
            (joined.collect(), ranges.len() / 2)
        })
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
        let whole = |text: &str| Some((text.to_owned(), 1));
        let hello = "Hello 😀 there.";
        assert_eq!(
            found(&mut offsets, source, hello),
            whole(hello),
            "on its line"
        );
        assert_eq!(
            found(&mut offsets, source, "你好。"),
            whole("你好。"),
            "next"
        );
        offsets.turn(7);
        // The emphasis marks, taken out of the text, stand between its pieces.
        assert_eq!(found(&mut offsets, source, "Hi."), Some(("Hi.".into(), 2)));
        assert_eq!(found(&mut offsets, source, "嗨。"), whole("嗨。"), "CRLF");
    }

    #[test]
    fn text_with_marks_between_its_pieces_is_found_in_pieces() {
        let source = "[00:00] A\nEnglish: The **AI** <i>Engineering</i> book_s_.\r\n\r\nMore.\n";
        let text = "The AI Engineering book_s_.\n\nMore.";
        let mut offsets = SourceOffsets::new(source);
        offsets.turn(1);
        // "The ", "AI", " ", "Engineering", " book_s_.", "\n", "\nMore."
        assert_eq!(found(&mut offsets, source, text), Some((text.into(), 7)));
        let mut offsets = SourceOffsets::new(source);
        offsets.turn(1);
        assert_eq!(
            found(&mut offsets, source, "The AI Engineering book."),
            None,
            "s is no mark"
        );
        assert_eq!(found(&mut offsets, source, "The AI Engineer."), None);
    }

    #[test]
    fn text_behind_the_last_found_or_far_past_its_turn_is_not_looked_for() {
        let source = format!(
            "[00:00] A\nEnglish: early\n{}\n[00:09] B\nEnglish: late\n",
            "x\n".repeat(300)
        );
        let mut offsets = SourceOffsets::new(&source);
        let mut found = |line, text| {
            offsets.turn(line);
            found(&mut offsets, &source, text).is_some()
        };
        assert!(!found(1, "late"), "more than a few lines ahead");
        assert!(found(1, "early"));
        assert!(!found(303, "early"), "behind");
        assert!(found(303, "late"), "from its turn's start");
        assert!(!found(1, "late"), "behind, an earlier turn");
    }

    #[test]
    fn past_a_run_of_texts_not_found_the_rest_of_the_turn_is_not_looked_for() {
        let source = "[00:00] A\nEnglish: here\n[00:05] B\nEnglish: there\n";
        let mut offsets = SourceOffsets::new(source);
        offsets.turn(1);
        for _ in 0..=CANDIDATES {
            assert_eq!(found(&mut offsets, source, "absent"), None);
        }
        assert_eq!(found(&mut offsets, source, "here"), None, "given up");
        offsets.turn(3);
        assert!(
            found(&mut offsets, source, "there").is_some(),
            "a later turn"
        );
        assert!(found(&mut offsets, source, "absent").is_none());
        assert!(
            found(&mut offsets, source, "\n").is_some(),
            "looked for again"
        );
    }

    #[test]
    fn only_a_few_places_are_compared() {
        // Every character is a candidate for a text that is not there: giving up stays cheap.
        let source = format!("[00:00] A\n{}", "a".repeat(10_000));
        let mut offsets = SourceOffsets::new(&source);
        offsets.turn(1);
        let mut ranges = Vec::new();
        assert!(!offsets.find(&format!("{}b", "a".repeat(5_000)), &mut ranges));
        assert!(offsets.find("aaa", &mut ranges));
        assert_eq!(ranges, [10, 13]);
    }
}
