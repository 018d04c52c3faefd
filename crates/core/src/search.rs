//! Search over both languages at once: case-insensitive, full-width and half-width forms folded
//! (ＡＩ finds AI, `？` finds `?`), Chinese matched anywhere (no word boundaries), and the query
//! taken literally — never as a pattern.
//!
//! The document's text is folded once into one string with a table back to the paragraphs, so a
//! keystroke is one substring scan (memchr's SIMD `memmem`) however long the transcript.

use std::ops::Range;

use memchr::memmem;

use crate::Document;

/// Where a hit is: turn, block (language) and paragraph, and its bytes in the paragraph's text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Hit {
    pub turn: usize,
    pub block: usize,
    pub paragraph: usize,
    pub range: Range<usize>,
}

/// The folded text of a document, ready to search.
#[derive(Debug, Default)]
pub struct SearchIndex {
    folded: String,
    /// Each paragraph's start in `folded`, with its place in the document.
    paragraphs: Vec<(usize, usize, usize, usize)>,
    /// After each character whose folding changed its length: (offset in `folded`, offset in its
    /// paragraph's original text). Sorted; between two, both advance together.
    shifts: Vec<(usize, usize)>,
}

impl SearchIndex {
    pub fn new(doc: &Document) -> SearchIndex {
        let mut index = SearchIndex::default();
        for (t, turn) in doc.turns.iter().enumerate() {
            for (b, block) in turn.blocks.iter().enumerate() {
                for (p, paragraph) in block.paragraphs.iter().enumerate() {
                    index.paragraphs.push((index.folded.len(), t, b, p));
                    index.push_folded(&paragraph.text);
                    index.folded.push('\n'); // a query never spans paragraphs
                }
            }
        }
        index
    }

    fn push_folded(&mut self, text: &str) {
        for (at, c) in text.char_indices() {
            let before = self.folded.len();
            fold_char(c, &mut self.folded);
            if self.folded.len() - before != c.len_utf8() {
                self.shifts.push((self.folded.len(), at + c.len_utf8()));
            }
        }
    }

    /// Every hit of `query` (folded like the text), in document order, at most `limit`.
    pub fn find(&self, query: &str, limit: usize) -> Vec<Hit> {
        let mut needle = String::new();
        for c in query.chars() {
            fold_char(c, &mut needle);
        }
        let needle = needle.trim();
        if needle.is_empty() || needle.contains('\n') {
            return Vec::new();
        }
        memmem::find_iter(self.folded.as_bytes(), needle.as_bytes())
            .take(limit)
            .filter_map(|at| self.hit(at, needle.len()))
            .collect()
    }

    fn hit(&self, at: usize, len: usize) -> Option<Hit> {
        let k = self
            .paragraphs
            .partition_point(|p| p.0 <= at)
            .checked_sub(1)?;
        let (start, turn, block, paragraph) = self.paragraphs[k];
        let from = self.original(k, at - start);
        let to = self.original(k, at + len - start);
        Some(Hit {
            turn,
            block,
            paragraph,
            range: from..to,
        })
    }

    /// The original byte offset, in paragraph `k`, of folded offset `offset` in it.
    fn original(&self, k: usize, offset: usize) -> usize {
        let start = self.paragraphs[k].0;
        let at = start + offset;
        match self.shifts.partition_point(|s| s.0 <= at).checked_sub(1) {
            Some(i) if self.shifts[i].0 > start => {
                let (folded, original) = self.shifts[i];
                original + (at - folded)
            }
            _ => offset,
        }
    }
}

/// Case and width folding of one character, appended to `out`.
fn fold_char(c: char, out: &mut String) {
    let c = match c {
        '\u{ff01}'..='\u{ff5e}' => char::from_u32(c as u32 - 0xfee0).unwrap_or(c),
        '\u{3000}' => ' ',
        _ => c,
    };
    out.push(lower(c));
}

/// Lower case for the Latin, Greek, Cyrillic and Armenian alphabets; other characters as they
/// are. The standard library's `char::to_lowercase` knows every cased script, but its tables are
/// 6 KB of the browser build (gzipped), for scripts (Georgian, Cherokee, Deseret…) a bilingual
/// transcript's search hardly meets; `lower_case_is_the_standard_librarys_in_its_alphabets`
/// checks these runs against it, letter by letter.
fn lower(c: char) -> char {
    if c.is_ascii() {
        return c.to_ascii_lowercase();
    }
    let code = c as u32;
    let at = LOWER_RUNS.partition_point(|&(first, ..)| u32::from(first) <= code);
    let Some(&(first, last, shift, every_other)) = at.checked_sub(1).map(|i| &LOWER_RUNS[i]) else {
        return c;
    };
    let inside =
        code <= u32::from(last) && (!every_other || (code - u32::from(first)).is_multiple_of(2));
    if !inside {
        return c;
    }
    char::from_u32(code.wrapping_add_signed(i32::from(shift))).unwrap_or(c)
}

/// `(first, last, shift, every other)`: the capitals `first..=last` (each second one from `first`
/// when `every other`) have their small letter `shift` code points away. Made by grouping
/// `char::to_lowercase` over U+00C0–U+024F, U+0370–U+052F, U+0531–U+0556 and U+1E00–U+1EFF;
/// letters whose small form is two characters (`İ`) are left as they are.
const LOWER_RUNS: &[(u16, u16, i16, bool)] = &[
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lower_case_is_the_standard_librarys_in_its_alphabets() {
        let alphabets = [0xC0..=0x24F, 0x370..=0x52F, 0x531..=0x556, 0x1E00..=0x1EFF];
        for c in (0..=0x10FFFFu32).filter_map(char::from_u32) {
            let mut std = c.to_lowercase();
            let single = match (std.next(), std.next()) {
                (Some(l), None) => l,
                _ => c,
            };
            let covered = c.is_ascii() || alphabets.iter().any(|a| a.contains(&(c as u32)));
            let want = if covered { single } else { c };
            assert_eq!(lower(c), want, "U+{:04X}", c as u32);
        }
    }
    use crate::read_str;

    fn texts(doc: &Document, hits: &[Hit]) -> Vec<String> {
        hits.iter()
            .map(|h| {
                doc.turns[h.turn].blocks[h.block].paragraphs[h.paragraph].text[h.range.clone()]
                    .to_owned()
            })
            .collect()
    }

    #[test]
    fn folds_case_and_width_and_takes_queries_literally() {
        let doc = read_str(
            "[00:00] Ann\nEnglish: Ｈｅｌｌｏ (world)? Say HELLO again.\n中文翻译: 你好（世界）？再说一次你好。\n",
        );
        let index = SearchIndex::new(&doc);
        assert_eq!(
            texts(&doc, &index.find("hello", 10)),
            ["Ｈｅｌｌｏ", "HELLO"]
        );
        assert_eq!(texts(&doc, &index.find("(world)?", 10)), ["(world)?"]);
        assert_eq!(
            texts(&doc, &index.find("(世界)?", 10)),
            ["（世界）？"],
            "half-width finds full-width"
        );
        assert_eq!(
            texts(&doc, &index.find("说一", 10)),
            ["说一"],
            "Chinese inside a word"
        );
        assert_eq!(texts(&doc, &index.find("你好", 10)).len(), 2);
        assert_eq!(index.find(".*", 10), [], "no pattern syntax");
        assert_eq!(index.find("  ", 10), []);
        assert_eq!(index.find("hello", 1).len(), 1, "the limit holds");
    }
}
