//! Inline Markdown emphasis in the bilingual layout: `*x*`, `**x**`, `***x***` and `\*` escapes.
//!
//! Emphasis becomes style ranges on plain text (never raw asterisks, never HTML). Unmatched
//! asterisks stay as literal text. Matching looks back at most a few openers, so even a line of a
//! million asterisks is read in linear time.

use super::model::{Paragraph, Style, StyledRange};

/// How far back a closing run looks for its opener; enough for any emphasis people write.
const OPENER_LOOKBACK: usize = 8;

enum Token {
    /// A byte range of the input copied as is.
    Text(usize, usize),
    /// A run of `*`: where, how long, and whether it was matched with another run.
    Run {
        at: usize,
        len: usize,
        matched: bool,
    },
}

/// Whether a backslash before `c` escapes it: ASCII punctuation as in CommonMark, plus the
/// full-width colon and bracket, so that text like `中文：` or `【中文】 text` can be written
/// without reading back as a label.
pub fn is_escapable(c: char) -> bool {
    c.is_ascii_punctuation() || c == '：' || c == '【'
}

/// Whether `raw` needs inline parsing at all (the common case is no).
pub fn has_markup(raw: &str) -> bool {
    memchr::memchr2(b'*', b'\\', raw.as_bytes()).is_some()
}

/// Parses `raw` (a paragraph's lines, already joined) into plain text and style ranges.
pub fn parse(raw: String) -> Paragraph {
    if !has_markup(&raw) {
        return Paragraph {
            text: raw,
            styles: Vec::new(),
        };
    }
    let tokens = tokenize(&raw);
    render(&raw, tokens)
}

fn tokenize(raw: &str) -> Vec<Token> {
    let b = raw.as_bytes();
    let mut tokens = Vec::new();
    let mut text_start = 0;
    let mut i = 0;
    let mut openers: Vec<usize> = Vec::new();
    while i < b.len() {
        // Jump to the next byte that can be markup; text between is copied as one range.
        match memchr::memchr2(b'*', b'\\', &b[i..]) {
            Some(skip) => i += skip,
            None => break,
        }
        match b[i] {
            b'\\' if raw[i + 1..].chars().next().is_some_and(is_escapable) => {
                tokens.push(Token::Text(text_start, i));
                text_start = i + 1; // the escaped character starts the next text range
                i += 1 + raw[i + 1..].chars().next().map_or(1, char::len_utf8);
            }
            b'*' => {
                let start = i;
                while i < b.len() && b[i] == b'*' {
                    i += 1;
                }
                tokens.push(Token::Text(text_start, start));
                text_start = i;
                let len = i - start;
                let before = raw[..start].chars().next_back();
                let after = raw[i..].chars().next();
                let can_open = len <= 3 && after.is_some_and(|c| !c.is_whitespace());
                let can_close = len <= 3 && before.is_some_and(|c| !c.is_whitespace());
                let index = tokens.len();
                tokens.push(Token::Run {
                    at: start,
                    len,
                    matched: false,
                });
                if can_close && close_run(&mut tokens, &mut openers, index) {
                    continue;
                }
                if can_open {
                    openers.push(index);
                }
            }
            _ => i += 1,
        }
    }
    tokens.push(Token::Text(text_start, b.len()));
    tokens
}

/// Matches the run at `index` with the nearest opener of the same length; openers above it are
/// abandoned (they stay literal).
fn close_run(tokens: &mut [Token], openers: &mut Vec<usize>, index: usize) -> bool {
    let Token::Run { len, .. } = tokens[index] else {
        return false;
    };
    let depth = openers.len();
    for back in 1..=OPENER_LOOKBACK.min(depth) {
        let opener = openers[depth - back];
        if matches!(tokens[opener], Token::Run { len: l, .. } if l == len) {
            openers.truncate(depth - back);
            for i in [opener, index] {
                if let Token::Run { matched, .. } = &mut tokens[i] {
                    *matched = true;
                }
            }
            return true;
        }
    }
    false
}

fn render(raw: &str, tokens: Vec<Token>) -> Paragraph {
    let mut out = StyledText::with_capacity(raw.len());
    for token in tokens {
        match token {
            Token::Text(from, to) => out.push_str(&raw[from..to]),
            Token::Run {
                at,
                len,
                matched: false,
                ..
            } => out.push_str(&raw[at..at + len]),
            Token::Run {
                len, matched: true, ..
            } => {
                if len & 1 == 1 {
                    out.toggle(Style::Emphasis);
                }
                if len >= 2 {
                    out.toggle(Style::Strong);
                }
            }
        }
    }
    out.finish()
}

/// Builds a [`Paragraph`] from text pushed piece by piece and style switches between pieces,
/// for every reader whose markup toggles emphasis (Markdown asterisks, `<i>`/`<b>` tags).
#[derive(Default)]
pub struct StyledText {
    text: String,
    styles: Vec<StyledRange>,
    em: bool,
    strong: bool,
    run_start: usize,
    /// The bracket that closes the ruby reading open, if one is.
    reading: Option<char>,
}

impl StyledText {
    pub fn with_capacity(capacity: usize) -> StyledText {
        StyledText {
            text: String::with_capacity(capacity),
            ..StyledText::default()
        }
    }

    pub fn push_str(&mut self, s: &str) {
        self.text.push_str(s);
    }

    pub fn push(&mut self, c: char) {
        self.text.push(c);
    }

    pub fn len(&self) -> usize {
        self.text.len()
    }

    /// Opens a ruby's reading (`<rt>かんじ</rt>`, furigana over Japanese, Pinyin over Chinese):
    /// it follows the characters it reads in brackets, full-width after CJK (`漢字（かんじ）`), as
    /// a browser shows ruby it cannot lay out. Run into them, it made other words (`漢字かんじ`).
    pub fn open_reading(&mut self) {
        if self.reading.is_none() {
            let wide = self.text.chars().next_back().is_some_and(|c| !c.is_ascii());
            self.text.push(if wide { '（' } else { '(' });
            self.reading = Some(if wide { '）' } else { ')' });
        }
    }

    /// Closes the ruby reading open, if one is.
    pub fn close_reading(&mut self) {
        if let Some(bracket) = self.reading.take() {
            self.text.push(bracket);
        }
    }

    /// Switches emphasis or strong on or off from here on.
    pub fn toggle(&mut self, style: Style) {
        self.set(style, !self.is_on(style));
    }

    /// Sets emphasis or strong from here on.
    pub fn set(&mut self, style: Style, on: bool) {
        if self.is_on(style) == on {
            return;
        }
        self.close_run();
        match style {
            Style::Emphasis => self.em = on,
            Style::Strong => self.strong = on,
            Style::Plain | Style::StrongEmphasis => {}
        }
    }

    pub(crate) fn is_on(&self, style: Style) -> bool {
        match style {
            Style::Emphasis => self.em,
            Style::Strong => self.strong,
            Style::Plain | Style::StrongEmphasis => false,
        }
    }

    fn close_run(&mut self) {
        let style = match (self.em, self.strong) {
            (false, false) => Style::Plain,
            (true, false) => Style::Emphasis,
            (false, true) => Style::Strong,
            (true, true) => Style::StrongEmphasis,
        };
        if style != Style::Plain && self.text.len() > self.run_start {
            self.styles.push(StyledRange {
                start: self.run_start as u32,
                end: self.text.len() as u32,
                style,
            });
        }
        self.run_start = self.text.len();
    }

    pub fn finish(mut self) -> Paragraph {
        self.close_reading();
        self.close_run();
        Paragraph {
            text: self.text,
            styles: self.styles,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn runs(raw: &str) -> Vec<(String, Style)> {
        parse(raw.to_owned())
            .runs()
            .map(|(t, s)| (t.to_owned(), s))
            .collect()
    }

    fn r(t: &str, s: Style) -> (String, Style) {
        (t.to_owned(), s)
    }

    #[test]
    fn emphasis_and_strong() {
        assert_eq!(
            runs("book called *AI Engineering*, which"),
            vec![
                r("book called ", Style::Plain),
                r("AI Engineering", Style::Emphasis),
                r(", which", Style::Plain)
            ]
        );
        assert_eq!(
            runs("**bold** end"),
            vec![r("bold", Style::Strong), r(" end", Style::Plain)]
        );
        assert_eq!(runs("***both***"), vec![r("both", Style::StrongEmphasis)]);
        assert_eq!(
            runs("**a *b* c**"),
            vec![
                r("a ", Style::Strong),
                r("b", Style::StrongEmphasis),
                r(" c", Style::Strong)
            ]
        );
    }

    #[test]
    fn literal_asterisks_stay() {
        assert_eq!(runs("2 * 3 = 6"), vec![r("2 * 3 = 6", Style::Plain)]);
        assert_eq!(
            runs("an *unclosed one"),
            vec![r("an *unclosed one", Style::Plain)]
        );
        assert_eq!(
            runs(r"escaped \*not\* em"),
            vec![r("escaped *not* em", Style::Plain)]
        );
        assert_eq!(runs("****"), vec![r("****", Style::Plain)]);
        assert_eq!(runs(r"C:\path"), vec![r(r"C:\path", Style::Plain)]);
    }

    #[test]
    fn many_asterisks_are_linear_and_kept() {
        let raw = "*a ".repeat(50_000);
        let p = parse(raw.clone());
        assert_eq!(p.text, raw);
    }
}
