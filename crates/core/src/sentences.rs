//! Sentences: where a paragraph's text breaks into the units people follow along by.
//!
//! English breaks after `.`, `!` or `?` — and any closing quotes or brackets after them — when the
//! next word does not start in lower case; not after a decimal point (`3.5`), a known abbreviation
//! (`Mr.`, `e.g.`, `U.S.`, `etc.`), a single initial (`J. K.`), or an ellipsis (`...`, `…`), which
//! in English marks a trailing-off inside a sentence. Chinese (and Japanese) breaks after
//! `。！？；…` (a run of them, like `？！` or `……`) and the closing quotes or brackets that follow,
//! with or without a space. Hindi's danda (`।`, `॥`) and Arabic's question mark and Urdu's full
//! stop (`؟`, `۔`) end a sentence as `.` does. A paragraph's end always ends a sentence.

use std::ops::Range;

use crate::{case, Lang};

/// Abbreviations that end in a full stop without ending the sentence (lower case, no final dot).
const ABBREVIATIONS: &[&str] = &[
    "mr", "mrs", "ms", "dr", "prof", "sr", "jr", "st", "vs", "etc", "inc", "ltd", "co", "corp",
    "approx", "fig", "no", "vol", "ca", "cf", "dept", "est", "gen", "gov", "mt", "jan", "feb",
    "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
];

/// Closing quotes and brackets, which stay with the sentence they close.
fn is_closer(c: char) -> bool {
    matches!(
        c,
        '"' | '\'' | '”' | '’' | ')' | ']' | '」' | '』' | '）' | '》' | '〉' | '】'
    )
}

/// The marks that end a Chinese or Japanese sentence (a run of them ends one).
fn is_cjk_terminal(c: char) -> bool {
    matches!(c, '。' | '！' | '？' | '；' | '…' | '!' | '?' | '．')
}

/// The marks that end a sentence in languages other than Chinese and Japanese, where the words
/// after them allow: `.`, `!`, `?`, and in Hindi and Arabic theirs.
fn is_terminal(c: char, marks: Marks) -> bool {
    matches!(c, '.' | '!' | '?') || (marks == Marks::Other && matches!(c, '।' | '॥' | '؟' | '۔'))
}

/// Whether `text` ends with the end of a sentence, in any language: a terminal mark, then any
/// closing quotes or brackets (an English ellipsis counts: a line that trails off ends too).
pub(crate) fn ends_sentence(text: &str) -> bool {
    text.trim_end()
        .trim_end_matches(is_closer)
        .ends_with(|c| is_terminal(c, Marks::Other) || is_cjk_terminal(c))
}

/// The sentences of `text` in `lang`, as byte ranges without surrounding white space.
pub fn split_sentences(text: &str, lang: Lang) -> Vec<Range<usize>> {
    // From one possible terminal mark to the next by their bytes, rather than looking at every
    // character: this runs over every paragraph of a transcript.
    split_at_marks(text, lang, next_possible_terminal)
}

/// Which marks a language's sentences end with, as far as finding them goes.
#[derive(Clone, Copy, PartialEq)]
enum Marks {
    /// `.`, `!` and `?`.
    Ascii,
    /// Those and Chinese and Japanese ones.
    Cjk,
    /// Those and Hindi's and Arabic's.
    Other,
}

/// Where the next character at or after a byte offset may end a sentence (`None`: nowhere).
type MarkFinder = fn(&[u8], usize, Marks) -> Option<usize>;

/// [`split_sentences`], looking only at the characters `next_mark` points at.
fn split_at_marks(text: &str, lang: Lang, next_mark: MarkFinder) -> Vec<Range<usize>> {
    let marks = match lang {
        Lang::Zh | Lang::Ja => Marks::Cjk,
        Lang::Hi | Lang::Ar | Lang::Fa | Lang::Ur => Marks::Other,
        _ => Marks::Ascii,
    };
    let cjk = marks == Marks::Cjk;
    let mut sentences = Vec::new();
    let mut start = 0;
    let mut at = 0;
    while let Some(mark) = next_mark(text.as_bytes(), at, marks) {
        let Some(c) = text[mark..].chars().next() else {
            break;
        };
        at = mark + c.len_utf8();
        let cjk_terminal = if cjk && is_cjk_terminal(c) {
            true
        } else if is_terminal(c, marks) {
            false
        } else {
            continue;
        };
        // The whole run of terminal marks, then its closing quotes and brackets.
        let mut dots_only = c == '.';
        let mut run_len = 1;
        while let Some(next) = text[at..].chars().next() {
            let continues = if cjk_terminal {
                is_cjk_terminal(next)
            } else {
                is_terminal(next, marks)
            };
            if !continues {
                break;
            }
            dots_only &= next == '.';
            run_len += 1;
            at += next.len_utf8();
        }
        while let Some(next) = text[at..].chars().next().filter(|&n| is_closer(n)) {
            at += next.len_utf8();
        }
        let run_end = at;
        let rest = &text[run_end..];
        let ends = if cjk_terminal {
            true
        } else {
            let ellipsis = dots_only && run_len > 1;
            let single_dot = dots_only && run_len == 1;
            !ellipsis
                && !(single_dot
                    && (rest.starts_with(|r: char| r.is_ascii_digit())
                        || is_abbreviation(&text[start..mark])))
                && next_word_may_start_sentence(rest)
        };
        if ends {
            push_trimmed(&mut sentences, text, start..run_end);
            start = run_end;
        }
    }
    push_trimmed(&mut sentences, text, start..text.len());
    sentences
}

/// Where the next character at or after `from` that may be a terminal mark starts: `.`, `!` or
/// `?`; in Chinese or Japanese also any character led by E2, E3 or EF (`…`, `。`, and the
/// full-width `！？；．`), the lead bytes of every mark [`is_cjk_terminal`] takes; in Hindi and
/// Arabic any led by E0, D8 or DB (`।`, `؟`, `۔`).
fn next_possible_terminal(bytes: &[u8], from: usize, marks: Marks) -> Option<usize> {
    let leads: &[u8] = match marks {
        Marks::Ascii => return memchr::memchr3(b'.', b'!', b'?', &bytes[from..]).map(|i| from + i),
        Marks::Cjk => &[0xE2, 0xE3, 0xEF],
        Marks::Other => &[0xE0, 0xD8, 0xDB],
    };
    let at = bytes[from..]
        .iter()
        .position(|b| matches!(b, b'.' | b'!' | b'?') || leads.contains(b))?;
    Some(from + at)
}

/// Whether the word just before a full stop is an abbreviation or an initial.
fn is_abbreviation(before: &str) -> bool {
    let word = before
        .rsplit(|c: char| c.is_whitespace() || c == '(' || c == '"' || c == '“')
        .next()
        .unwrap_or("");
    if word.is_empty() {
        return false;
    }
    // "U.S", "e.g", "a.m": dots inside the word.
    if word.contains('.') && word.chars().any(is_letter) {
        return true;
    }
    let mut letters = word.chars();
    if let (Some(only), None) = (letters.next(), letters.next()) {
        return case::is_capital(only);
    }
    // The list is ASCII: comparing without case spares a lower-cased copy (and Unicode's casing
    // tables in the browser build).
    ABBREVIATIONS.iter().any(|a| a.eq_ignore_ascii_case(word))
}

/// Whether `c` may be a letter: an ASCII one, or anything beyond ASCII (where the scripts'
/// letters are, and few digits or marks that would stand beside a full stop in a word).
fn is_letter(c: char) -> bool {
    c.is_ascii_alphabetic() || !c.is_ascii()
}

/// After white space, anything but a lower-case letter may start a sentence; with no white
/// space (`3.5`, `example.com`) it is the same word going on.
fn next_word_may_start_sentence(rest: &str) -> bool {
    if rest.is_empty() {
        return true;
    }
    let trimmed = rest.trim_start();
    if trimmed.len() == rest.len() {
        // No space: CJK text straight after an English sentence still starts a new one.
        return rest
            .chars()
            .next()
            .is_some_and(|c| !c.is_ascii_alphanumeric());
    }
    trimmed.chars().next().is_none_or(|c| !case::is_small(c))
}

fn push_trimmed(sentences: &mut Vec<Range<usize>>, text: &str, range: Range<usize>) {
    let piece = &text[range.clone()];
    let lead = piece.len() - piece.trim_start().len();
    let trail = piece.len() - piece.trim_end().len();
    if lead + trail < piece.len() {
        sentences.push(range.start + lead..range.end - trail);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every character, as a splitter that skipped none would look at.
    fn every_character(bytes: &[u8], from: usize, _marks: Marks) -> Option<usize> {
        (from..bytes.len()).find(|&at| bytes[at] & 0xC0 != 0x80)
    }

    #[test]
    fn looking_only_at_possible_marks_splits_as_looking_at_every_character() {
        let pieces = [
            "a",
            "Bc",
            " ",
            "  ",
            ".",
            "...",
            "!",
            "?",
            "?!",
            "…",
            "。",
            "！",
            "？",
            "；",
            "．",
            "……",
            "\"",
            "”",
            "’",
            ")",
            "」",
            "）",
            "》",
            "3",
            "3.5",
            "Mr",
            "e.g",
            "U.S",
            "J",
            "中",
            "文",
            "，",
            "：",
            "“",
            "‘",
            "—",
            "\u{3000}",
            "ｘ",
            "é",
            "ü",
            "x",
            "\n",
            "etc",
            "\u{2026}",
            "।",
            "॥",
            "؟",
            "۔",
            "नमस्ते",
            "مرحبا",
        ];
        // Every pair and triple of pieces, and long pseudo-random strings of them.
        let mut texts: Vec<String> = Vec::new();
        for a in pieces {
            for b in pieces {
                texts.push(format!("{a}{b}"));
                for c in ["x", ".", "。", " ", "”"] {
                    texts.push(format!("{a}{b}{c}"));
                }
            }
        }
        let mut seed = 7u64;
        for _ in 0..2_000 {
            let mut text = String::new();
            for _ in 0..40 {
                seed = seed
                    .wrapping_mul(6364136223846793005)
                    .wrapping_add(1442695040888963407);
                text.push_str(pieces[(seed >> 33) as usize % pieces.len()]);
            }
            texts.push(text);
        }
        for text in &texts {
            for lang in [Lang::En, Lang::Zh, Lang::Ja, Lang::Hi, Lang::Ar, Lang::Und] {
                assert_eq!(
                    split_sentences(text, lang),
                    split_at_marks(text, lang, every_character),
                    "{text:?} in {lang:?}"
                );
            }
        }
    }

    fn split(text: &str, lang: Lang) -> Vec<&str> {
        split_sentences(text, lang)
            .into_iter()
            .map(|r| &text[r])
            .collect()
    }

    #[test]
    fn english() {
        assert_eq!(
            split("It costs 3.5 dollars. Mr. Smith agreed! Did he?", Lang::En),
            ["It costs 3.5 dollars.", "Mr. Smith agreed!", "Did he?"]
        );
        assert_eq!(
            split(
                "Use e.g. a list. The U.S. Army came. J. K. Rowling wrote it.",
                Lang::En
            ),
            [
                "Use e.g. a list.",
                "The U.S. Army came.",
                "J. K. Rowling wrote it."
            ]
        );
        assert_eq!(
            split("out there... I think so. Wait… really?", Lang::En),
            ["out there... I think so.", "Wait… really?"]
        );
        assert_eq!(
            split(
                r#"He said "Stop." Then he left. "Why?" she asked."#,
                Lang::En
            ),
            [
                r#"He said "Stop.""#,
                "Then he left.",
                r#""Why?" she asked."#
            ]
        );
        assert_eq!(
            split("Go to example.com now. Ok", Lang::En),
            ["Go to example.com now.", "Ok"]
        );
        assert_eq!(split("  ", Lang::En), Vec::<&str>::new());
        assert_eq!(split("No ending", Lang::En), ["No ending"]);
    }

    #[test]
    fn ends_of_sentences() {
        for ended in [
            "Hello there.",
            "Really?! ",
            "He said \"yes.\"",
            "(Thanks!)",
            "你好。",
            "真的吗？」",
            "So…",
        ] {
            assert!(ends_sentence(ended), "{ended}");
        }
        for open in [
            "The restaurant is called",
            "我推荐这本书：",
            "Hi! [laughs",
            "",
            "3,",
        ] {
            assert!(!ends_sentence(open), "{open}");
        }
    }

    #[test]
    fn chinese() {
        assert_eq!(
            split(
                "我们正处于一场“创意危机”中。现在，我们拥有所有这些工具！真的吗？是的……好；走",
                Lang::Zh
            ),
            [
                "我们正处于一场“创意危机”中。",
                "现在，我们拥有所有这些工具！",
                "真的吗？",
                "是的……",
                "好；",
                "走"
            ]
        );
        assert_eq!(
            split("他说：“不用了。”然后走了。（笑）", Lang::Zh),
            ["他说：“不用了。”", "然后走了。", "（笑）"]
        );
        assert_eq!(split("版本 3.5 很好。", Lang::Zh), ["版本 3.5 很好。"]);
    }

    #[test]
    fn hindi_and_arabic() {
        assert_eq!(
            split("मैं ठीक हूँ। आप कैसे हैं? बहुत अच्छा॥", Lang::Hi),
            ["मैं ठीक हूँ।", "आप कैसे हैं?", "बहुत अच्छा॥"]
        );
        assert_eq!(
            split("كيف حالك؟ أنا بخير. شكرا", Lang::Ar),
            ["كيف حالك؟", "أنا بخير.", "شكرا"]
        );
        assert!(ends_sentence("आप कैसे हैं।"));
    }
}
