//! Sentences: where a paragraph's text breaks into the units people follow along by.
//!
//! English breaks after `.`, `!` or `?` — and any closing quotes or brackets after them — when the
//! next word does not start in lower case; not after a decimal point (`3.5`), a known abbreviation
//! (`Mr.`, `e.g.`, `U.S.`, `etc.`), a single initial (`J. K.`), or an ellipsis (`...`, `…`), which
//! in English marks a trailing-off inside a sentence. Chinese (and Japanese) breaks after
//! `。！？；…` (a run of them, like `？！` or `……`) and the closing quotes or brackets that follow,
//! with or without a space. A paragraph's end always ends a sentence.

use std::ops::Range;

use crate::{case, Lang};

/// Abbreviations that end in a full stop without ending the sentence (lower case, no final dot).
const ABBREVIATIONS: &[&str] = &[
    "mr", "mrs", "ms", "dr", "prof", "sr", "jr", "st", "vs", "etc", "inc", "ltd", "co", "corp",
    "approx", "fig", "no", "vol", "ca", "cf", "dept", "est", "gen", "gov", "mt", "jan", "feb",
    "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
];

const CLOSERS: &[char] = &[
    '"', '\'', '”', '’', ')', ']', '」', '』', '）', '》', '〉', '】',
];
const CJK_TERMINALS: &[char] = &['。', '！', '？', '；', '…', '!', '?', '．'];

/// The sentences of `text` in `lang`, as byte ranges without surrounding white space.
pub fn split_sentences(text: &str, lang: Lang) -> Vec<Range<usize>> {
    let cjk = matches!(lang, Lang::Zh | Lang::Ja);
    let mut sentences = Vec::new();
    let mut start = 0;
    let mut chars = text.char_indices().peekable();
    while let Some((at, c)) = chars.next() {
        let terminal_run = if cjk && CJK_TERMINALS.contains(&c) {
            Some(true)
        } else if matches!(c, '.' | '!' | '?') {
            Some(false)
        } else {
            None
        };
        let Some(cjk_terminal) = terminal_run else {
            continue;
        };
        // The whole run of terminal marks, then its closing quotes and brackets.
        let mut run_end = at + c.len_utf8();
        let mut dots_only = c == '.';
        let mut run_len = 1;
        while let Some(&(next_at, next)) = chars.peek() {
            let continues = if cjk_terminal {
                CJK_TERMINALS.contains(&next)
            } else {
                matches!(next, '.' | '!' | '?')
            };
            if !continues {
                break;
            }
            dots_only &= next == '.';
            run_len += 1;
            run_end = next_at + next.len_utf8();
            chars.next();
        }
        while let Some(&(next_at, next)) = chars.peek() {
            if !CLOSERS.contains(&next) {
                break;
            }
            run_end = next_at + next.len_utf8();
            chars.next();
        }
        let rest = &text[run_end..];
        let ends = if cjk_terminal {
            true
        } else {
            let ellipsis = dots_only && run_len > 1;
            let single_dot = dots_only && run_len == 1;
            !ellipsis
                && !(single_dot
                    && (rest.starts_with(|r: char| r.is_ascii_digit())
                        || is_abbreviation(&text[start..at])))
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
}
