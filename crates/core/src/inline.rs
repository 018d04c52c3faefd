//! Inline Markdown in the bilingual layout: `*x*`, `**x**`, `***x***`, `` `code` ``,
//! `[text](https://…)` (and an image's `![text](https://…)`, a link to it), `<https://…>`, a bare
//! `https://…` (as GitHub's Markdown links it) and `\*` escapes.
//!
//! Markup becomes style ranges and links on plain text (never raw asterisks, never HTML).
//! Unmatched markup stays as literal text, and so does a link to anything but `http:`, `https:`
//! or `mailto:` (a `javascript:` link in a dropped file must run nothing, and its text is kept).
//! Matching looks back at most a few openers, and a code span's closer is looked for only where
//! one is known to be, so even a line of a million asterisks or backticks is read in linear time.

use super::model::{Link, Paragraph, Style, StyledRange};

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
    /// A code span's content (its backticks and the spaces padding it left out).
    Code(usize, usize),
    /// A `[` (or an image's `![`), and whether a `](address)` closed it as a link.
    Bracket { matched: bool, image: bool },
    /// The `](address)` closing a link: the address's bytes.
    LinkEnd(usize, usize),
    /// `<https://…>`: the address, which is its text too.
    AutoLink(usize, usize),
}

/// Whether a backslash before `c` escapes it: ASCII punctuation as in CommonMark, plus the
/// full-width colon and bracket, so that text like `中文：` or `【中文】 text` can be written
/// without reading back as a label.
pub fn is_escapable(c: char) -> bool {
    c.is_ascii_punctuation() || c == '：' || c == '【'
}

/// Whether `raw` needs inline parsing at all (the common case is no: a bracket alone, as in
/// `[laughs]`, makes no link without a `](` after it).
pub fn has_markup(raw: &str) -> bool {
    let b = raw.as_bytes();
    memchr::memchr3(b'*', b'\\', b'`', b).is_some()
        || found_from(b, |rest| memchr::memchr3(b'<', b']', b':', rest)).any(|at| match b[at] {
            b'<' => true,
            b']' => b.get(at + 1) == Some(&b'('),
            _ => bare_url_at(b, at).is_some(),
        })
}

/// Every place in `b` that `search` (one of memchr's, given what is left) finds, in order: the
/// searches the reader already makes, rather than memchr's iterators, each more code to ship.
pub(crate) fn found_from<'a>(
    b: &'a [u8],
    search: impl Fn(&[u8]) -> Option<usize> + 'a,
) -> impl Iterator<Item = usize> + 'a {
    let mut from = 0;
    std::iter::from_fn(move || {
        let at = from + search(b.get(from..)?)?;
        from = at + 1;
        Some(at)
    })
}

/// The bare web address whose `://` is at `colon` in `b`, if one is: where it starts and ends.
/// `http` or `https` before the colon, at a word's start; a letter or digit after the slashes;
/// then to a space, a character outside ASCII, one of ``<>"`[]`` or a `)` it did not open (`(see
/// https://a.b/c_(d))`), less the punctuation that ends a sentence after an address.
pub(crate) fn bare_url_at(b: &[u8], colon: usize) -> Option<(usize, usize)> {
    let host = colon + 3;
    if !b[colon..].starts_with(b"://") || !b.get(host)?.is_ascii_alphanumeric() {
        return None;
    }
    let secure = colon >= 5 && b[colon - 1].eq_ignore_ascii_case(&b's');
    let start = colon.checked_sub(4 + usize::from(secure))?;
    let at_word_start = start == 0 || !b[start - 1].is_ascii_alphanumeric();
    if !at_word_start || !b[start..start + 4].eq_ignore_ascii_case(b"http") {
        return None;
    }
    let mut depth = 0u32;
    let mut end = host;
    while let Some(&c) = b.get(end) {
        match c {
            b'(' => depth += 1,
            b')' if depth == 0 => break,
            b')' => depth -= 1,
            b'<' | b'>' | b'"' | b'`' | b'[' | b']' => break,
            _ if !c.is_ascii_graphic() => break,
            _ => {}
        }
        end += 1;
    }
    while matches!(
        b[end - 1],
        b'?' | b'!' | b'.' | b',' | b':' | b';' | b'*' | b'_' | b'~' | b'\''
    ) {
        end -= 1;
    }
    Some((start, end))
}

/// Whether `url` is an address a link may go to: the web's or an email's.
pub fn is_linkable(url: &str) -> bool {
    let starts = |scheme: &str| {
        url.get(..scheme.len())
            .is_some_and(|s| s.eq_ignore_ascii_case(scheme))
    };
    starts("https://") || starts("http://") || starts("mailto:")
}

/// Parses `raw` (a paragraph's lines, already joined) into plain text, style ranges and links.
pub fn parse(raw: String) -> Paragraph {
    if !has_markup(&raw) {
        return Paragraph::plain(raw);
    }
    let tokens = tokenize(&raw);
    render(&raw, tokens)
}

/// `raw` as plain text, for a line that holds no styles (a title, a heading, a name, a note):
/// its markup read, and each link's address kept in brackets after its text (`Show (https://…)`),
/// unless the text is the address.
pub fn plain_text(raw: &str) -> String {
    let p = parse(raw.to_owned());
    if p.links.is_empty() {
        return p.text;
    }
    let mut out = String::with_capacity(raw.len());
    let mut at = 0;
    for link in &p.links {
        let end = link.end as usize;
        out.push_str(&p.text[at..end]);
        if !p.shows_address(link) {
            out.push_str(" (");
            out.push_str(&link.url);
            out.push(')');
        }
        at = end;
    }
    out.push_str(&p.text[at..]);
    out
}

fn tokenize(raw: &str) -> Vec<Token> {
    let b = raw.as_bytes();
    let mut tokens = Vec::new();
    let mut text_start = 0;
    let mut i = 0;
    let mut openers: Vec<usize> = Vec::new();
    let mut brackets: Vec<usize> = Vec::new();
    let mut next_markup = NextMarkup::default();
    // Where the last run of backticks of each length starts (found when the first is met).
    let mut last_fences: Option<Vec<(usize, usize)>> = None;
    while i < b.len() {
        // Jump to the next byte that can be markup; text between is copied as one range.
        match next_markup.from(b, i) {
            Some(at) => i = at,
            None => break,
        }
        let start = i;
        match b[i] {
            b'\\' if raw[i + 1..].chars().next().is_some_and(is_escapable) => {
                tokens.push(Token::Text(text_start, i));
                text_start = i + 1; // the escaped character starts the next text range
                i += 1 + raw[i + 1..].chars().next().map_or(1, char::len_utf8);
            }
            b'*' => {
                i = run_end(b, i, b'*');
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
            b'`' => {
                i = run_end(b, i, b'`');
                let len = i - start;
                let last = last_fences.get_or_insert_with(|| fences(b));
                // Only a closer known to be there is looked for: each search then ends at it.
                if !last.iter().any(|&(l, at)| l == len && at > start) {
                    continue;
                }
                let Some(close) = code_closer(b, i, len) else {
                    continue;
                };
                tokens.push(Token::Text(text_start, start));
                let (from, to) = unpadded(raw, i, close);
                tokens.push(Token::Code(from, to));
                i = close + len;
                text_start = i;
            }
            b'[' => {
                // An image (`![a chart](https://…)`) shows as a link to it, its text its
                // description: nothing here loads images.
                let image = i > text_start && b[i - 1] == b'!' && (i < 2 || b[i - 2] != b'\\');
                tokens.push(Token::Text(text_start, i - usize::from(image)));
                brackets.push(tokens.len());
                tokens.push(Token::Bracket {
                    matched: false,
                    image,
                });
                i += 1;
                text_start = i;
            }
            b']' => {
                i += 1;
                let Some(opener) = brackets.pop() else {
                    continue;
                };
                let Some((url, end)) = destination(raw, i) else {
                    continue;
                };
                tokens.push(Token::Text(text_start, start));
                if let Token::Bracket { matched, .. } = &mut tokens[opener] {
                    *matched = true;
                }
                tokens.push(Token::LinkEnd(url.0, url.1));
                // No link in a link, and no emphasis from inside its text closed after it.
                brackets.clear();
                openers.retain(|&o| o < opener);
                i = end;
                text_start = i;
            }
            _ => {
                i += 1;
                let Some(close) = autolink_end(b, i) else {
                    continue;
                };
                tokens.push(Token::Text(text_start, start));
                tokens.push(Token::AutoLink(i, close));
                i = close + 1;
                text_start = i;
            }
        }
    }
    tokens.push(Token::Text(text_start, b.len()));
    tokens
}

/// Finds the bytes that can be markup with two searches of three bytes each, each one searched
/// again only once passed: as fast as one search where markup is rare (a paragraph with one
/// `*book*` in it), and linear where it is dense.
#[derive(Default)]
struct NextMarkup {
    /// Where the next `*`, `\` or `` ` `` is, and the next `[`, `]` or `<`, as last searched
    /// (`Some(None)`: none after).
    found: [Option<Option<usize>>; 2],
}

impl NextMarkup {
    /// The first byte at or after `i` that can be markup (`i` never goes back).
    fn from(&mut self, b: &[u8], i: usize) -> Option<usize> {
        for (found, [x, y, z]) in self.found.iter_mut().zip([*b"*\\`", *b"[]<"]) {
            if found.is_none_or(|at| at.is_some_and(|at| at < i)) {
                *found = Some(memchr::memchr3(x, y, z, &b[i..]).map(|at| at + i));
            }
        }
        self.found.iter().flatten().flatten().min().copied()
    }
}

/// Where the run of `byte` starting at `i` ends.
fn run_end(b: &[u8], i: usize, byte: u8) -> usize {
    i + b[i..].iter().take_while(|&&c| c == byte).count()
}

/// The length of each run of backticks in `b`, and where its last run starts.
pub(crate) fn fences(b: &[u8]) -> Vec<(usize, usize)> {
    let mut last: Vec<(usize, usize)> = Vec::new();
    for (start, len) in backtick_runs(b, 0) {
        match last.iter_mut().find(|(l, _)| *l == len) {
            Some(known) => known.1 = start,
            None => last.push((len, start)),
        }
    }
    last
}

/// Where the run of exactly `len` backticks that closes a code span opened before `from` starts.
fn code_closer(b: &[u8], from: usize, len: usize) -> Option<usize> {
    backtick_runs(b, from).find_map(|(start, l)| (l == len).then_some(start))
}

/// Each run of backticks in `b` from `from` on: where it starts, and its length.
fn backtick_runs(b: &[u8], mut from: usize) -> impl Iterator<Item = (usize, usize)> + '_ {
    std::iter::from_fn(move || {
        let start = from + memchr::memchr(b'`', &b[from..])?;
        from = run_end(b, start, b'`');
        Some((start, from - start))
    })
}

/// A code span's content, `from..to`, without the one space padding each side (so that
/// `` `` `x` `` `` can hold backticks), unless it is all spaces.
fn unpadded(raw: &str, from: usize, to: usize) -> (usize, usize) {
    let content = &raw.as_bytes()[from..to];
    let padded = content.len() > 2
        && content[0] == b' '
        && content[content.len() - 1] == b' '
        && content.iter().any(|&c| c != b' ');
    if padded {
        (from + 1, to - 1)
    } else {
        (from, to)
    }
}

/// The link address after a `]` at `i - 1`, as CommonMark writes it (`(https://a.b/c_(d))`,
/// `(<https://a.b/with space>)`, a `"title"` after it left out), if it is one a link may go to:
/// its bytes, and where the `)` that closes it ends.
///
/// Unlike CommonMark's, an address or title here never holds a `]`: each search then ends by the
/// next `]`, where the next one starts, so that `[a](` a million times is read in linear time.
fn destination(raw: &str, i: usize) -> Option<((usize, usize), usize)> {
    let b = raw.as_bytes();
    if b.get(i) != Some(&b'(') {
        return None;
    }
    let b = &b[..i + memchr::memchr(b']', &b[i..]).unwrap_or(b.len() - i)];
    let from = i + 1;
    let (url, mut end) = if b.get(from) == Some(&b'<') {
        let close = from + 1 + b[from + 1..].iter().position(|&c| c == b'>' || c == b'<')?;
        (b[close] == b'>').then_some(((from + 1, close), close + 1))?
    } else {
        let mut depth = 0u32;
        let len = b[from..].iter().position(|&c| match c {
            b'(' => {
                depth += 1;
                false
            }
            b')' if depth == 0 => true,
            b')' => {
                depth -= 1;
                false
            }
            _ => c.is_ascii_whitespace(),
        })?;
        ((from, from + len), from + len)
    };
    let address = &raw[url.0..url.1];
    if !is_linkable(address) {
        return None;
    }
    end += b[end..]
        .iter()
        .take_while(|c| c.is_ascii_whitespace())
        .count();
    if let Some(&quote @ (b'"' | b'\'')) = b.get(end) {
        end += 2 + b[end + 1..].iter().position(|&c| c == quote)?;
        end += b[end..]
            .iter()
            .take_while(|c| c.is_ascii_whitespace())
            .count();
    }
    (b.get(end) == Some(&b')')).then_some((url, end + 1))
}

/// Where the `>` closing an autolink opened by a `<` before `from` is, if it is one: an
/// address a link may go to, without spaces.
fn autolink_end(b: &[u8], from: usize) -> Option<usize> {
    let len = b[from..]
        .iter()
        .position(|&c| c == b'>' || c == b'<' || c.is_ascii_whitespace())?;
    let close = from + len;
    let address = std::str::from_utf8(&b[from..close]).ok()?;
    (b[close] == b'>' && is_linkable(address)).then_some(close)
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
    let mut in_link = false;
    for token in tokens {
        match token {
            Token::Text(from, to) if in_link => out.push_str(&raw[from..to]),
            Token::Text(from, to) => push_linking_addresses(&mut out, &raw[from..to]),
            Token::Run {
                at,
                len,
                matched: false,
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
            Token::Code(from, to) => {
                out.set(Style::Code, true);
                out.push_str(&raw[from..to]);
                out.set(Style::Code, false);
            }
            Token::Bracket {
                matched: false,
                image,
            } => out.push_str(if image { "![" } else { "[" }),
            Token::Bracket { matched: true, .. } => {
                out.open_link();
                in_link = true;
            }
            Token::LinkEnd(from, to) => {
                in_link = false;
                // A link without text shows its address (`[](https://…)`).
                if out.link_is_empty() {
                    out.push_str(&raw[from..to]);
                }
                out.close_link(&raw[from..to]);
            }
            Token::AutoLink(from, to) => push_address_link(&mut out, &raw[from..to]),
        }
    }
    out.finish()
}

/// Pushes `text` (between markup: an escaped `https\://` is two texts, neither an address),
/// each bare web address in it a link to itself.
fn push_linking_addresses(out: &mut StyledText, text: &str) {
    let b = text.as_bytes();
    let mut at = 0;
    for colon in found_from(b, |rest| memchr::memchr(b':', rest)) {
        let Some((start, end)) = bare_url_at(b, colon).filter(|&(start, _)| start >= at) else {
            continue;
        };
        out.push_str(&text[at..start]);
        push_address_link(out, &text[start..end]);
        at = end;
    }
    out.push_str(&text[at..]);
}

/// Pushes a link whose text is its address.
fn push_address_link(out: &mut StyledText, url: &str) {
    out.open_link();
    out.push_str(url);
    out.close_link(url);
}

/// Builds a [`Paragraph`] from text pushed piece by piece and style switches between pieces,
/// for every reader whose markup toggles emphasis (Markdown asterisks, `<i>`/`<b>` tags).
#[derive(Default)]
pub struct StyledText {
    text: String,
    styles: Vec<StyledRange>,
    em: bool,
    strong: bool,
    code: bool,
    run_start: usize,
    links: Vec<Link>,
    /// Where the link open starts, if one is.
    link_start: Option<usize>,
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

    /// Opens a link here: what is pushed until [`StyledText::close_link`] is its text.
    pub fn open_link(&mut self) {
        self.link_start = Some(self.text.len());
    }

    /// Whether a link is open with no text in it yet.
    pub fn link_is_empty(&self) -> bool {
        self.link_start == Some(self.text.len())
    }

    /// Closes the link open, to `url` (a link without text is none).
    pub fn close_link(&mut self, url: &str) {
        let Some(start) = self.link_start.take().filter(|&s| s < self.text.len()) else {
            return;
        };
        self.links.push(Link {
            start: start as u32,
            end: self.text.len() as u32,
            url: url.to_owned(),
        });
    }

    /// Switches emphasis or strong on or off from here on.
    pub fn toggle(&mut self, style: Style) {
        self.set(style, !self.is_on(style));
    }

    /// Sets emphasis, strong or code from here on (code over the others while it is on).
    pub fn set(&mut self, style: Style, on: bool) {
        if self.is_on(style) == on {
            return;
        }
        self.close_run();
        match style {
            Style::Emphasis => self.em = on,
            Style::Strong => self.strong = on,
            Style::Code => self.code = on,
            Style::Plain | Style::StrongEmphasis => {}
        }
    }

    pub(crate) fn is_on(&self, style: Style) -> bool {
        match style {
            Style::Emphasis => self.em,
            Style::Strong => self.strong,
            Style::Code => self.code,
            Style::Plain | Style::StrongEmphasis => false,
        }
    }

    fn close_run(&mut self) {
        let style = match (self.em, self.strong) {
            _ if self.code => Style::Code,
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
            links: self.links,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn runs(raw: &str) -> Vec<(String, Style)> {
        parse(raw.to_owned())
            .runs()
            .map(|run| (run.text.to_owned(), run.style))
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

    fn links(raw: &str) -> Vec<(String, String)> {
        let p = parse(raw.to_owned());
        p.links
            .iter()
            .map(|l| {
                (
                    p.text[l.start as usize..l.end as usize].to_owned(),
                    l.url.clone(),
                )
            })
            .collect()
    }

    fn l(text: &str, url: &str) -> (String, String) {
        (text.to_owned(), url.to_owned())
    }

    #[test]
    fn code_spans_keep_what_is_in_them() {
        assert_eq!(
            runs("run `a *b* c` now"),
            vec![
                r("run ", Style::Plain),
                r("a *b* c", Style::Code),
                r(" now", Style::Plain)
            ]
        );
        assert_eq!(runs("`` a`b ``"), vec![r("a`b", Style::Code)]);
        assert_eq!(runs("` `` `"), vec![r("``", Style::Code)]);
        assert_eq!(runs("a `b"), vec![r("a `b", Style::Plain)]);
        assert_eq!(runs("``a` b"), vec![r("``a` b", Style::Plain)]);
        assert_eq!(
            runs(r"\`not` *em*"),
            vec![r("`not` ", Style::Plain), r("em", Style::Emphasis)]
        );
    }

    #[test]
    fn links_to_the_web_and_to_mail_only() {
        assert_eq!(
            links("see [the *book*](https://a.example/b_(c)) now"),
            vec![l("the book", "https://a.example/b_(c)")]
        );
        assert_eq!(
            runs("[the *book*](https://a.example/)"),
            vec![r("the ", Style::Plain), r("book", Style::Emphasis)]
        );
        assert_eq!(
            links("[a](<https://a.example/x y> 'title') <HTTPS://B.example> <mailto:m@c.example>"),
            vec![
                l("a", "https://a.example/x y"),
                l("HTTPS://B.example", "HTTPS://B.example"),
                l("mailto:m@c.example", "mailto:m@c.example")
            ]
        );
        assert_eq!(
            links("[](https://a.example/)"),
            vec![l("https://a.example/", "https://a.example/")]
        );
        // Kept as written; where an address stands in them, it is a link as any bare one is.
        let bare = || vec![l("https://a.example/", "https://a.example/")];
        for (kept, expected) in [
            ("[x](javascript:alert(1))", vec![]),
            ("[x](/relative)", vec![]),
            ("<javascript:alert(1)>", vec![]),
            ("[x] (https://a.example/)", bare()),
            ("[x](https://a.example/", bare()),
            ("<https://a.example/ x>", bare()),
            (r"\[x](https://a.example/)", bare()),
        ] {
            assert_eq!(links(kept), expected, "{kept}");
            assert_eq!(
                parse(kept.to_owned()).text,
                kept.replace(r"\[", "["),
                "{kept}"
            );
        }
    }

    #[test]
    fn bare_web_addresses_are_links_to_themselves() {
        let same = |url: &str| l(url, url);
        assert_eq!(
            links(
                "See https://a.example/x. Or (https://b.example/w_(d)), HTTP://C.EXAMPLE?q=1&r=2!"
            ),
            vec![
                same("https://a.example/x"),
                same("https://b.example/w_(d)"),
                same("HTTP://C.EXAMPLE?q=1&r=2")
            ]
        );
        assert_eq!(
            links("笔记在https://a.example/笔记，'https://b.example/?u=https://c.example'"),
            vec![
                same("https://a.example/"),
                same("https://b.example/?u=https://c.example")
            ]
        );
        assert_eq!(
            links("*https://a.example/em* [text https://b.example/](https://c.example/) `https://d.example/`"),
            vec![same("https://a.example/em"), l("text https://b.example/", "https://c.example/")]
        );
        for kept in [
            r"https\://a.example/",
            "xhttps://a.example/",
            "https://",
            "https:// a",
            "https://-a.example",
            "ftp://a.example/",
            "mailto:m@a.example",
        ] {
            assert_eq!(links(kept), vec![], "{kept}");
            assert_eq!(
                parse(kept.to_owned()).text,
                kept.replace(r"\:", ":"),
                "{kept}"
            );
        }
    }

    #[test]
    fn an_image_is_a_link_to_it() {
        assert_eq!(
            links("See ![the chart](https://a.example/c.png)."),
            vec![l("the chart", "https://a.example/c.png")]
        );
        assert_eq!(
            parse("See ![the chart](https://a.example/c.png).".into()).text,
            "See the chart."
        );
        assert_eq!(
            parse("Wow! ![x] and \\![y](https://a.example/)".into()).text,
            "Wow! ![x] and !y"
        );
    }

    #[test]
    fn the_innermost_brackets_make_the_link() {
        assert_eq!(
            links("[a [b](https://a.example/) c](https://d.example/)"),
            vec![
                l("b", "https://a.example/"),
                l("https://d.example/", "https://d.example/")
            ]
        );
        assert_eq!(
            parse("[a [b](https://a.example/) c](https://d.example/)".into()).text,
            "[a b c](https://d.example/)"
        );
        assert_eq!(
            links("[[laughs]](https://a.example/)"),
            vec![l("[laughs]", "https://a.example/")]
        );
    }

    #[test]
    fn many_backticks_and_brackets_are_linear_and_kept() {
        let raw: String = (1..2_000).map(|n| "`".repeat(n) + "a").collect();
        assert_eq!(parse(raw.clone()).text, raw);
        let raw = "[a](".repeat(50_000);
        assert_eq!(parse(raw.clone()).text, raw);
    }
}
