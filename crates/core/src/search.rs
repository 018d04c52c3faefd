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
    /// Offsets in `folded` between the two letters one character folds to (`ß` to `ss`): a hit
    /// that starts or ends there takes in the whole character. Sorted.
    inside: Vec<usize>,
}

impl SearchIndex {
    pub fn new(doc: &Document) -> SearchIndex {
        let mut index = SearchIndex::default();
        index.add_turns(doc, 0..doc.turns.len());
        index
    }

    /// Adds `turns` of `doc`, which must follow the turns added so far: an index can be built in
    /// slices, between a page's other work.
    pub fn add_turns(&mut self, doc: &Document, turns: Range<usize>) {
        for t in turns {
            for (b, block) in doc.turns[t].blocks.iter().enumerate() {
                for (p, paragraph) in block.paragraphs.iter().enumerate() {
                    self.paragraphs.push((self.folded.len(), t, b, p));
                    self.push_folded(&paragraph.text);
                    self.folded.push('\n'); // a query never spans paragraphs
                }
            }
        }
    }

    fn push_folded(&mut self, text: &str) {
        let bytes = text.as_bytes();
        let mut at = 0;
        while at < bytes.len() {
            // The bulk of a bilingual transcript folds byte for byte — ASCII to its lower case;
            // the main CJK blocks (U+4000–U+9FFF, led by E4–E9), Kana and CJK punctuation but the
            // ideographic space (U+3001–U+3FFF, led by E3) and the common punctuation (U+2000–
            // U+203F: dashes, and quotes but the curly ones) to themselves — so it is copied a
            // run at a time and lowered in place (the first search of a 10 MB transcript waits
            // for this).
            let run = at;
            while at < bytes.len() {
                match bytes[at] {
                    0..=0x7F => at += ascii_run(&bytes[at..]),
                    0xE4..=0xE9 => at += 3,
                    0xE3 if bytes.get(at + 1..at + 3) != Some(&[0x80, 0x80]) => at += 3,
                    0xE2 if bytes.get(at + 1) == Some(&0x80) && !curly_quote(bytes.get(at + 2)) => {
                        at += 3
                    }
                    _ => break,
                }
            }
            if at > run {
                let from = self.folded.len();
                self.folded.push_str(&text[run..at]);
                self.folded[from..].make_ascii_lowercase();
                continue;
            }
            // Any other character, one at a time; where folding changes its length, the shift
            // is noted so hits map back to the original text.
            let Some(c) = text[at..].chars().next() else {
                break;
            };
            let before = self.folded.len();
            fold_char(c, &mut self.folded);
            if self.folded.len() - before == 2 && self.folded[before..].is_ascii() {
                self.inside.push(before + 1);
            }
            at += c.len_utf8();
            if self.folded.len() - before != c.len_utf8() {
                self.shifts.push((self.folded.len(), at));
            }
        }
    }

    /// Every hit of `query` (folded like the text) that `keep` keeps (the languages shown), in
    /// document order, at most `limit`.
    pub fn find(&self, query: &str, limit: usize, keep: impl Fn(&Hit) -> bool) -> Vec<Hit> {
        let mut needle = String::new();
        for c in query.chars() {
            // Spaces typed twice, or a tab, are one: the text's words are a space apart (and a
            // query is never a paragraph's end, `\n` in the folded text).
            match c.is_whitespace() {
                true if needle.ends_with(' ') => {}
                true => needle.push(' '),
                false => fold_char(c, &mut needle),
            }
        }
        let needle = needle.trim();
        if needle.is_empty() {
            return Vec::new();
        }
        memmem::find_iter(self.folded.as_bytes(), needle.as_bytes())
            .filter_map(|at| self.hit(at, needle.len()))
            .filter(keep)
            .take(limit)
            .collect()
    }

    fn hit(&self, at: usize, len: usize) -> Option<Hit> {
        let inside = |offset: usize| self.inside.binary_search(&offset).is_ok();
        let end = at + len + usize::from(inside(at + len));
        let at = at - usize::from(inside(at));
        let len = end - at;
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

/// The length of the ASCII run `bytes` starts with (at least 1: `bytes[0]` is ASCII), eight bytes
/// at a time.
fn ascii_run(bytes: &[u8]) -> usize {
    let mut n = 0;
    while let Some(word) = bytes.get(n..n + 8) {
        let word = u64::from_le_bytes(word.try_into().expect("eight bytes"));
        if word & 0x8080_8080_8080_8080 != 0 {
            break;
        }
        n += 8;
    }
    n + bytes[n..].iter().take_while(|b| b.is_ascii()).count()
}

/// Whether the UTF-8 of U+2000–U+203F whose last byte is `last` is a curly quote (‘ ’ “ ”).
fn curly_quote(last: Option<&u8>) -> bool {
    matches!(last, Some(0x98 | 0x99 | 0x9C | 0x9D))
}

/// Case, width and accent folding of one character, appended to `out`: a query typed on any
/// keyboard finds the text as written (`cafe` finds `café`, `ni hao` finds `nǐ hǎo`, `don't`
/// finds `don’t`, `strasse` finds `Straße`). A combining accent folds to nothing.
fn fold_char(c: char, out: &mut String) {
    let c = match c {
        '\u{ff01}'..='\u{ff5e}' => char::from_u32(c as u32 - 0xfee0).unwrap_or(c),
        '\u{3000}' => ' ',
        '\u{2018}' | '\u{2019}' => '\'',
        '\u{201c}' | '\u{201d}' => '"',
        '\u{0300}'..='\u{036f}' => return,
        _ => c,
    };
    // The letters written as two where a keyboard has no key for them.
    match case::lower(c) {
        'ß' | 'ẞ' => out.push_str("ss"),
        'æ' => out.push_str("ae"),
        'œ' => out.push_str("oe"),
        c => out.push(unaccented(c)),
    }
}

/// The letter `c` without its accent, for the accented small letters of Latin-1, Latin
/// Extended-A, Pinyin's third tone (`ǎ ǐ ǒ ǔ ǚ`…), Romanian's `ș ț` and Vietnamese (`ơ ư`, and
/// `ế ộ ữ`…, whose two marks are one character); any other character as it is.
fn unaccented(c: char) -> char {
    let (table, first): (&[u8], u32) = match c {
        '\u{e0}'..='\u{ff}' => (b"aaaaaa ceeeeiiii nooooo ouuuuy y", 0xE0),
        '\u{100}'..='\u{17f}' => (
            b"aaaaaaccccccccddddeeeeeeeeeegggggggghhhhiiiiiiiiii  jjkkkllllllllllnnnnnnnnnoooooo  rrrrrrssssssssttttttuuuuuuuuuuuuwwyyyzzzzzzs",
            0x100,
        ),
        '\u{1a0}'..='\u{1b0}' => (b"oo             uu", 0x1A0),
        '\u{1cd}'..='\u{1dc}' => (b"aaiioouuuuuuuuuu", 0x1CD),
        '\u{218}'..='\u{21b}' => (b"sstt", 0x218),
        '\u{1ea0}'..='\u{1ef9}' => (
            b"aaaaaaaaaaaaaaaaaaaaaaaaeeeeeeeeeeeeeeeeiiiioooooooooooooooooooooooouuuuuuuuuuuuuuyyyyyyyy",
            0x1EA0,
        ),
        _ => return c,
    };
    match table[(c as u32 - first) as usize] {
        b' ' => c,
        plain => char::from(plain),
    }
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

    /// The folding one character at a time, as it was first written: the runs must agree with it.
    fn folded_one_by_one(text: &str) -> (String, Vec<(usize, usize)>) {
        let (mut folded, mut shifts) = (String::new(), Vec::new());
        for (at, c) in text.char_indices() {
            let before = folded.len();
            fold_char(c, &mut folded);
            if folded.len() - before != c.len_utf8() {
                shifts.push((folded.len(), at + c.len_utf8()));
            }
        }
        (folded, shifts)
    }

    #[test]
    fn folding_by_runs_agrees_with_one_character_at_a_time_for_every_character() {
        let mut text = String::new();
        for c in (0..=0x10FFFF).filter_map(char::from_u32) {
            text.push(c);
            if (c as u32).is_multiple_of(7) {
                text.push_str("Ab中Ｃ");
            }
        }
        let mut index = SearchIndex::default();
        index.push_folded(&text);
        let (folded, shifts) = folded_one_by_one(&text);
        assert!(index.folded == folded, "the folded text differs");
        assert_eq!(index.shifts, shifts);
    }

    #[test]
    fn an_index_built_in_slices_is_the_index_built_at_once() {
        let doc = read_str(
            "[00:00] Ann\nEnglish: One ＴＷＯ.\n中文翻译: 一（二）。\n[00:05] Bo\nThree.\n[00:09] Ann\n四　五\n",
        );
        let whole = SearchIndex::new(&doc);
        let mut sliced = SearchIndex::default();
        sliced.add_turns(&doc, 0..1);
        sliced.add_turns(&doc, 1..1);
        sliced.add_turns(&doc, 1..3);
        assert!(sliced.folded == whole.folded);
        assert_eq!(sliced.paragraphs, whole.paragraphs);
        assert_eq!(sliced.shifts, whole.shifts);
        assert_eq!(
            sliced.find("two", 10, |_| true),
            whole.find("two", 10, |_| true)
        );
    }

    #[test]
    fn folds_accents_and_curly_quotes_as_typed_on_any_keyboard() {
        let doc = read_str(
            "[00:00] Ann\nEnglish: The CAFÉ on the Straße, a résumé. Don\u{2019}t say \u{201c}Łódź\u{201d}. GROẞE Æ Œuvre.\n\
             中文翻译: nǐ hǎo, Ǚ, ședință, cafe\u{301} again. Tiếng Việt: Người ở đây, Ỹ.\n",
        );
        let index = SearchIndex::new(&doc);
        let found = |q| texts(&doc, &index.find(q, 10, |_| true));
        assert_eq!(
            found("cafe"),
            ["CAFÉ", "cafe\u{301}"],
            "a combining accent with its letter"
        );
        assert_eq!(
            found("café"),
            found("cafe"),
            "an accent typed finds the same"
        );
        assert_eq!(found("resume"), ["résumé"]);
        assert_eq!(found("don't"), ["Don\u{2019}t"]);
        assert_eq!(found("\"lodz\""), ["\u{201c}Łódź\u{201d}"]);
        assert_eq!(found("ni hao"), ["nǐ hǎo"]);
        assert_eq!(found("u,"), ["Ǚ,"]);
        assert_eq!(found("sedinta"), ["ședință"]);
        assert_eq!(found("tieng viet"), ["Tiếng Việt"]);
        assert_eq!(found("NGUOI O DAY"), ["Người ở đây"]);
        assert_eq!(
            found("ỳ."),
            ["Ỹ."],
            "a mark typed finds another on the same letter"
        );
        // A letter written as two: found by either, and a hit of one of the two takes in the
        // whole letter (a hit is whole characters).
        assert_eq!(found("strasse"), ["Straße"]);
        assert_eq!(found("STRASSE"), found("straße"));
        assert_eq!(found("as"), ["aß"]);
        assert_eq!(found("se,"), ["ße,"]);
        assert_eq!(found("sse"), ["ße", "ẞE"]);
        assert_eq!(found("grosse ae"), ["GROẞE Æ"]);
        assert_eq!(found("ss"), ["ß", "ẞ"]);
        assert_eq!(found("oeuvre"), ["Œuvre"]);
    }

    #[test]
    fn folds_case_and_width_and_takes_queries_literally() {
        let doc = read_str(
            "[00:00] Ann\nEnglish: Ｈｅｌｌｏ (world)? Say HELLO again.\n中文翻译: 你好（世界）？再说一次你好。\n",
        );
        let index = SearchIndex::new(&doc);
        assert_eq!(
            texts(&doc, &index.find("hello", 10, |_| true)),
            ["Ｈｅｌｌｏ", "HELLO"]
        );
        assert_eq!(
            texts(&doc, &index.find("(world)?", 10, |_| true)),
            ["(world)?"]
        );
        assert_eq!(
            texts(&doc, &index.find("(世界)?", 10, |_| true)),
            ["（世界）？"],
            "half-width finds full-width"
        );
        assert_eq!(
            texts(&doc, &index.find("说一", 10, |_| true)),
            ["说一"],
            "Chinese inside a word"
        );
        assert_eq!(texts(&doc, &index.find("你好", 10, |_| true)).len(), 2);
        assert_eq!(index.find(".*", 10, |_| true), [], "no pattern syntax");
        assert_eq!(index.find("  ", 10, |_| true), []);
        assert_eq!(
            texts(&doc, &index.find("say  hello\tagain", 10, |_| true)),
            ["Say HELLO again"],
            "spaces typed twice are one"
        );
        assert_eq!(index.find("hello", 1, |_| true).len(), 1, "the limit holds");
        assert_eq!(
            index.find("你好", 10, |hit| hit.block == 0),
            [],
            "only in the languages kept"
        );
        assert_eq!(
            texts(&doc, &index.find("hello", 1, |hit| hit.range.start > 0)),
            ["HELLO"],
            "the limit counts the hits kept"
        );
    }
}
