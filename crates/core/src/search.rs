//! Search over both languages at once: case-insensitive, full-width and half-width forms folded
//! (ＡＩ finds AI, `？` finds `?`), Chinese matched anywhere (no word boundaries), and the query
//! taken literally — never as a pattern.
//!
//! The document's text is folded once into one string with a table back to the paragraphs, so a
//! keystroke is one substring scan (memchr's SIMD `memmem`) however long the transcript.

use std::ops::Range;

use memchr::memmem;

use crate::case;
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
    out.push(case::lower(c));
}

#[cfg(test)]
mod tests {
    use super::*;

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
