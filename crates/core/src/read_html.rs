//! Reader for HTML transcripts, as the Podcasting 2.0 namespace specifies them and podcast hosts
//! publish them beside an episode (`<podcast:transcript type="text/html">`): `<cite>` names the
//! speaker, `<time>` gives the start, `<p>` holds what is said.
//!
//! A page is read as a run of block elements, each one piece of text (inline tags such as `<a>`
//! or `<span>` only carry it; `<i>`/`<em>` and `<b>`/`<strong>` become styles). A `<cite>` or a
//! `<time>` starts a turn, the `<p>`s after it are its paragraphs (by script, one block per
//! language), and text before the first turn is the title and header. A page of paragraphs with
//! no `<cite>` or `<time>` at all is one turn per paragraph that names its speaker (`Alice:
//! …`), their starts estimated; one where none does is a web page, its text kept as the
//! header's.

use super::inline::{is_linkable, StyledText};
use super::model::{
    Diagnostic, DiagnosticKind, Document, Format, Heading, Lang, Paragraph, Style, Turn,
};
use super::read_cues::{decoded, keep_aside, names_as_speakers};
use super::script::guess_lang;
use super::time::{parse_clock, Millis};
use super::timeline::estimate_starts;
use super::translated_speakers::join_translated_turns;
use super::{Pause, PAUSE_EVERY_LINES};

/// A page written on one line (minified) pauses after this many bytes too: about a frame's time
/// of reading in the slowest build. (TTML, read by bytes alone, pauses as often.)
pub(crate) const PAUSE_EVERY_BYTES: usize = 256 * 1024;

/// What a piece of text was in.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Element {
    Cite,
    Time,
    Paragraph,
    Heading(u8),
    Title,
    /// Any other block (`<div>`, `<li>`, `<td>`, or text outside every block).
    Other,
}

/// One block element's text, and the line it starts on.
struct Piece {
    element: Element,
    line: u32,
    text: Paragraph,
}

/// Whether the text (decoded, its leading whitespace gone) is an HTML page or fragment: it starts
/// with a tag, and a transcript's tags are near the start.
pub(crate) fn looks_like_html(head: &str) -> bool {
    let bytes = head.as_bytes();
    if bytes.first() != Some(&b'<')
        || !bytes
            .get(1)
            .is_some_and(|b| b.is_ascii_alphabetic() || *b == b'!')
    {
        return false;
    }
    let near = &bytes[..bytes.len().min(64 * 1024)];
    memchr::memchr_iter(b'<', near).any(|at| {
        let tag = &near[at + 1..];
        ["p", "cite", "time", "html", "body"].iter().any(|name| {
            let named = tag
                .get(..name.len())
                .is_some_and(|t| t.eq_ignore_ascii_case(name.as_bytes()));
            let after = tag.get(name.len());
            named && after.is_none_or(|b| matches!(b, b'>' | b' ' | b'\t' | b'\n' | b'\r' | b'/'))
        })
    })
}

pub async fn read(text: &str, diagnostics: Vec<Diagnostic>, pause: &mut Pause<'_>) -> Document {
    // The scanning and the reading are plain functions: only the loop between pauses is async,
    // so that the state machine the compiler builds for it (in every build) stays small.
    let mut scanner = Scanner::new(text);
    while scanner.scan_lines(PAUSE_EVERY_LINES) {
        if let Some(paused) = pause() {
            paused.await;
        }
    }
    document(scanner.pieces, diagnostics)
}

/// The document the pieces of a page make.
#[inline(never)]
fn document(pieces: Vec<Piece>, diagnostics: Vec<Diagnostic>) -> Document {
    let mut doc = Document::of(Format::Html, diagnostics);
    let marked = pieces
        .iter()
        .any(|p| matches!(p.element, Element::Cite | Element::Time));
    // A `<cite>` or `<time>` seen since the last paragraph: the next paragraph starts a turn.
    let mut speaker: Option<(String, u32)> = None;
    let mut start: Option<(Millis, u32)> = None;
    for piece in pieces {
        match piece.element {
            Element::Title | Element::Heading(_) if doc.title.is_none() && doc.turns.is_empty() => {
                doc.title = Some(piece.text.text)
            }
            Element::Title => doc.metadata.push(piece.text.text),
            // A name or a time that another replaces before anything is said is kept aside.
            Element::Cite => {
                let name = piece
                    .text
                    .text
                    .trim_end_matches([':', '：', ' '])
                    .to_owned();
                if let Some((name, line)) = speaker.replace((name, piece.line)) {
                    keep_aside(&mut doc, line, name, false);
                }
            }
            Element::Time => match parse_clock(piece.text.text.trim()) {
                Some(at) => {
                    if let Some((at, line)) = start.replace((at, piece.line)) {
                        keep_aside(&mut doc, line, at.bracket_stamp(), false);
                    }
                }
                None => {
                    doc.warn(
                        piece.line,
                        DiagnosticKind::InvalidTime {
                            found: piece.text.text.clone(),
                        },
                    );
                    said(&mut doc, &mut speaker, &mut start, piece, marked);
                }
            },
            // The page's `<h1>` repeating its `<title>`.
            Element::Heading(_)
                if doc.turns.is_empty() && doc.title.as_ref() == Some(&piece.text.text) => {}
            Element::Heading(level) => doc.headings.push(Heading {
                line: piece.line,
                level,
                text: piece.text.text,
                before_turn: doc.turns.len() as u32,
            }),
            Element::Paragraph | Element::Other => {
                said(&mut doc, &mut speaker, &mut start, piece, marked)
            }
        }
    }
    // A name or a time with nothing said after it is kept as what it is.
    if let Some((name, line)) = speaker {
        keep_aside(&mut doc, line, name, false);
    }
    if let Some((at, line)) = start {
        keep_aside(&mut doc, line, at.bracket_stamp(), false);
    }
    // A page of paragraphs that start with their speaker's name (`<p><b>Alice:</b> Hello.</p>`),
    // as podcast sites write a transcript without `<cite>`: names as captions' are.
    if !marked {
        names_as_speakers(&mut doc);
        join_unnamed_paragraphs(&mut doc);
        // With no name, no time and no `<cite>`, a web page, not a transcript (a site's home
        // page, answered for a mistyped address, showed as turns): its text is kept as the
        // header's, as a text file's is.
        if doc.turns.iter().all(|t| t.speaker.is_none()) {
            header_of_turns(&mut doc);
        }
    }
    if doc.turns.is_empty() {
        doc.warn(0, DiagnosticKind::NoTurns);
    }
    estimate_left_out_starts(&mut doc);
    doc.finish();
    join_translated_turns(&mut doc, false);
    doc
}

/// In a page whose paragraphs start with their speakers' names, one without a name goes on in
/// the speaker's turn above it (an answer of several paragraphs), unless a heading is between.
fn join_unnamed_paragraphs(doc: &mut Document) {
    if doc.turns.iter().all(|t| t.speaker.is_none()) {
        return;
    }
    let turns = std::mem::take(&mut doc.turns);
    // Each turn's index among those kept, for the headings that point at them.
    let mut kept_as = Vec::with_capacity(turns.len());
    // The headings in the page's order: the turn each stands before, looked at in one pass.
    let mut headings = doc
        .headings
        .iter()
        .map(|h| h.before_turn as usize)
        .peekable();
    for (i, turn) in turns.into_iter().enumerate() {
        while headings.next_if(|&before| before < i).is_some() {}
        let after_heading = headings.peek() == Some(&i);
        match doc.turns.last_mut() {
            Some(named) if turn.speaker.is_none() && named.speaker.is_some() && !after_heading => {
                for block in turn.blocks {
                    named
                        .block_mut(block.lang)
                        .paragraphs
                        .extend(block.paragraphs);
                }
                named.notes.extend(turn.notes);
            }
            _ => doc.turns.push(turn),
        }
        kept_as.push(doc.turns.len() as u32 - 1);
    }
    doc.move_headings(&kept_as);
}

/// The turns' text, and the headings between them, made the header's lines, in the page's order.
fn header_of_turns(doc: &mut Document) {
    let (turns, headings) = (
        std::mem::take(&mut doc.turns),
        std::mem::take(&mut doc.headings),
    );
    let mut heading = 0;
    for (i, turn) in turns.iter().enumerate() {
        while headings
            .get(heading)
            .is_some_and(|h| h.before_turn as usize <= i)
        {
            doc.metadata.push(headings[heading].text.clone());
            heading += 1;
        }
        for block in &turn.blocks {
            for paragraph in &block.paragraphs {
                doc.metadata.push(paragraph.text.clone());
            }
        }
        for note in &turn.notes {
            doc.metadata.push(note.text.clone());
        }
    }
    for h in &headings[heading..] {
        doc.metadata.push(h.text.clone());
    }
}

/// A paragraph (or other text): a turn's text, or the header's before the first turn.
fn said(
    doc: &mut Document,
    speaker: &mut Option<(String, u32)>,
    start: &mut Option<(Millis, u32)>,
    piece: Piece,
    marked: bool,
) {
    let new_turn =
        speaker.is_some() || start.is_some() || !marked && piece.element == Element::Paragraph;
    if new_turn {
        let (speaker, start) = (speaker.take(), start.take());
        // The turn's line: its name's or its time's, whichever comes first.
        let line = [speaker.as_ref().map(|s| s.1), start.map(|s| s.1)]
            .into_iter()
            .flatten()
            .min()
            .unwrap_or(piece.line);
        let mut turn = Turn::new(start.map_or(Millis::ZERO, |(at, _)| at), line);
        turn.estimated_start = start.is_none();
        if let Some((name, _)) = speaker.filter(|(name, _)| !name.is_empty()) {
            turn.speaker = Some(doc.speaker_id(&name));
        }
        let previous = doc.turns.iter().rev().find(|t| !t.estimated_start);
        if let (Some(previous), Some((at, _))) = (previous.map(|t| t.start), start) {
            if at < previous {
                doc.warn(
                    line,
                    DiagnosticKind::OutOfOrder {
                        start: at,
                        previous,
                        moved: false,
                    },
                );
            }
        }
        doc.turns.push(turn);
    }
    match doc.turns.last_mut() {
        Some(turn) => {
            let lang = guess_lang(&piece.text.text);
            turn.block_mut(lang).paragraphs.push(piece.text);
        }
        None if doc.title.is_none() => doc.title = Some(piece.text.text),
        None => doc.metadata.push(piece.text.text),
    }
}

/// Turns with no `<time>` get an estimated start; the reader is told (once for a page with no
/// times at all).
fn estimate_left_out_starts(doc: &mut Document) {
    // The spoken language: the first in the text (as `Document::finish` will list them).
    let spoken = doc
        .turns
        .iter()
        .flat_map(|t| &t.blocks)
        .map(|b| b.lang)
        .find(|&l| l != Lang::Und);
    let left_out: Vec<u32> = (0..doc.turns.len() as u32)
        .filter(|&i| doc.turns[i as usize].estimated_start)
        .collect();
    estimate_starts(&mut doc.turns, &left_out, spoken, false);
    let untimed = left_out.len() == doc.turns.len();
    if untimed && !doc.turns.is_empty() {
        // Said once, for the whole document.
        for turn in &mut doc.turns {
            turn.estimated_start = false;
        }
        doc.estimated_starts = true;
        doc.warn(0, DiagnosticKind::EstimatedTimes);
        return;
    }
    for i in left_out {
        let turn = &doc.turns[i as usize];
        let speaker = turn
            .speaker
            .map_or_else(String::new, |id| doc.speakers[id as usize].clone());
        doc.warn(turn.line, DiagnosticKind::TurnWithoutTime { speaker });
    }
}

/// Reads the page's block elements and their text, in order. `<script>`, `<style>`, `<head>`'s
/// other elements and comments hold no text a reader sees, and are passed over.
struct Scanner<'a> {
    text: &'a str,
    at: usize,
    line: u32,
    open: Element,
    current: Buffer,
    pieces: Vec<Piece>,
    /// The address of the link open (`<a href=…>`), if one is.
    link: Option<String>,
}

impl<'a> Scanner<'a> {
    fn new(text: &'a str) -> Scanner<'a> {
        Scanner {
            text,
            at: 0,
            line: 1,
            open: Element::Other,
            current: Buffer::new(),
            pieces: Vec::new(),
            link: None,
        }
    }

    /// Reads on for about `lines` lines, or [`PAUSE_EVERY_BYTES`] of a page written on few lines
    /// (minified); whether there is more to read.
    #[inline(never)]
    fn scan_lines(&mut self, lines: u32) -> bool {
        let (text, bytes) = (self.text, self.text.as_bytes());
        let (until_line, until_at) = (self.line + lines, self.at + PAUSE_EVERY_BYTES);
        while self.at < bytes.len() && self.line < until_line && self.at < until_at {
            if self.current.read_step(text, &mut self.at, &mut self.line) {
                self.tag();
            }
        }
        if self.at >= bytes.len() {
            self.pieces.extend(self.current.take(self.open));
            return false;
        }
        true
    }

    /// Reads the tag at `self.at` (or a `<` that starts none, as text).
    fn tag(&mut self) {
        let bytes = self.text.as_bytes();
        let Some(tag) = Tag::at(&self.text[self.at..]) else {
            self.current.push_text("<", self.line);
            self.at += 1;
            return;
        };
        let start = self.at;
        let rest = &bytes[self.at..];
        let skipped = match tag.skip_to {
            Some(end) => find(rest, end.as_bytes()).map_or(rest.len(), |e| e + end.len()),
            None => tag.length,
        };
        self.line += memchr::memchr_iter(b'\n', &rest[..skipped]).count() as u32;
        self.at += skipped;
        match tag.kind {
            TagKind::Style(style, on) => self.current.set_style(style, on),
            TagKind::Link(href) => {
                self.link = href
                    .map(|(from, to)| decoded(&self.text[start + from..start + to]))
                    .filter(|url| is_linkable(url));
                if self.link.is_some() {
                    self.current.open_link();
                }
            }
            TagKind::LinkEnd => {
                if let Some(url) = self.link.take() {
                    self.current.close_link(&url);
                }
            }
            TagKind::Break => self.current.push_text(" ", self.line),
            TagKind::Inline => {}
            TagKind::Reading(open) => self.current.reading(open),
            TagKind::Block(element) => {
                self.pieces.extend(self.current.take(self.open));
                self.open = element;
            }
        }
    }
}

/// Where `needle` first starts in `haystack`, in any case (a few times a page: not worth a
/// substring searcher's code in the download).
fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    memchr::memchr_iter(needle[0], haystack).find(|&at| {
        haystack
            .get(at..at + needle.len())
            .is_some_and(|h| h.eq_ignore_ascii_case(needle))
    })
}

/// How long the space at `at` is (a space, a tab, a line end or a no-break space), or 0.
fn space_at(bytes: &[u8], at: usize) -> usize {
    match bytes[at] {
        b' ' | b'\t' | b'\r' | b'\n' => 1,
        0xC2 if bytes.get(at + 1) == Some(&0xA0) => 2,
        _ => 0,
    }
}

/// The text of the block element being read, its whitespace collapsed as HTML shows it (and as
/// TTML does: `read_ttml` reads its lines with it too).
pub(crate) struct Buffer {
    text: StyledText,
    line: u32,
    /// Whether a space is owed before the next text (not at the start, nor twice).
    space: bool,
}

impl Buffer {
    pub(crate) fn new() -> Buffer {
        Buffer {
            text: StyledText::default(),
            line: 0,
            space: false,
        }
    }

    /// Adds `s`, read on line `line`.
    pub(crate) fn push_text(&mut self, s: &str, line: u32) {
        // By bytes, not by a split on `char`s (five times slower here): a space or NBSP is
        // never inside another character's bytes.
        let bytes = s.as_bytes();
        let mut at = 0;
        while at < bytes.len() {
            let space = space_at(bytes, at);
            if space > 0 {
                self.space = true;
                at += space;
                continue;
            }
            let start = at;
            while at < bytes.len() && space_at(bytes, at) == 0 {
                at += 1;
            }
            if self.text.len() == 0 {
                self.line = line;
            } else if self.space {
                self.text.push(' ');
            }
            self.space = false;
            self.text.push_str(&s[start..at]);
        }
    }

    /// Reads one step of a page's text from `*at` (on line `*line`): the text up to the next `<`,
    /// `&` or line end, then that `&`'s entity or that line end (a space in the text); whether
    /// it stopped at a `<`, a tag the caller reads. At the end of `text`, `*at` is its length.
    /// (Always inlined: the readers' loops run it for every piece of text, and called, with
    /// `*at` and `*line` in memory, a 10 MB page took 1% more instructions.)
    #[inline(always)]
    pub(crate) fn read_step(&mut self, text: &str, at: &mut usize, line: &mut u32) -> bool {
        let rest = &text.as_bytes()[*at..];
        let Some(offset) = memchr::memchr3(b'<', b'&', b'\n', rest) else {
            self.push_text(&text[*at..], *line);
            *at = text.len();
            return false;
        };
        self.push_text(&text[*at..*at + offset], *line);
        *at += offset;
        match rest[offset] {
            b'\n' => {
                self.push_text(" ", *line);
                *line += 1;
                *at += 1;
            }
            b'&' => *at += self.push_entity(&text[*at..], *line),
            _ => return true,
        }
        false
    }

    /// Adds the entity at the start of `s` (`&amp;`) decoded, or a lone `&` as itself, read on
    /// line `line`; how many bytes of `s` it took.
    pub(crate) fn push_entity(&mut self, s: &str, line: u32) -> usize {
        let (decoded, length) = super::read_cues::entity(s).unwrap_or(('&', 1));
        self.push_text(decoded.encode_utf8(&mut [0; 4]), line);
        length
    }

    /// Opens or closes a ruby's reading ([`StyledText::open_reading`]), without the spaces
    /// around it.
    pub(crate) fn reading(&mut self, open: bool) {
        self.space = false;
        match open {
            true => self.text.open_reading(),
            false => self.text.close_reading(),
        }
    }

    /// Opens a link here ([`StyledText::open_link`]), the space owed before it left outside it.
    fn open_link(&mut self) {
        self.settle_space();
        self.text.open_link();
    }

    /// Closes the link open, to `url`.
    fn close_link(&mut self, url: &str) {
        self.text.close_link(url);
    }

    /// Switches `style` on or off, the space owed before it left outside it.
    pub(crate) fn set_style(&mut self, style: Style, on: bool) {
        self.settle_space();
        self.text.set(style, on);
    }

    /// Writes the space owed (if any text is before it): what comes next starts at the length
    /// returned.
    pub(crate) fn settle_space(&mut self) -> u32 {
        if self.space && self.text.len() > 0 {
            self.text.push(' ');
            self.space = false;
        }
        self.text.len() as u32
    }

    /// The text read since the last take, and the line it started on; `None` if there is none.
    pub(crate) fn take_paragraph(&mut self) -> Option<(u32, Paragraph)> {
        self.space = false;
        if self.text.len() == 0 {
            return None;
        }
        Some((self.line, std::mem::take(&mut self.text).finish()))
    }

    fn take(&mut self, element: Element) -> Option<Piece> {
        let (line, text) = self.take_paragraph()?;
        Some(Piece {
            element,
            line,
            text,
        })
    }
}

enum TagKind {
    /// Starts or ends a block element: what is read after it is in `Element`.
    Block(Element),
    Style(Style, bool),
    /// `<a href=…>` (the address's bytes in the tag, if it has one a link may go to), `</a>`.
    Link(Option<(usize, usize)>),
    LinkEnd,
    Break,
    Inline,
    /// Opens or closes a ruby's reading (`<rt>`; `</ruby>` closes one left open).
    Reading(bool),
}

/// Where the value of the `href` attribute of `tag` (an `<a …>`) is in it, if it is an address
/// a link may go to (entities still in it).
fn href(tag: &str) -> Option<(usize, usize)> {
    let (from, to) = attribute_at(tag, &|name| name.eq_ignore_ascii_case("href"))?;
    is_linkable(tag[from..to].trim()).then_some((from, to))
}

/// The value of the first attribute of the start tag `tag` (from its `<` to its `>`) whose name
/// `is_wanted` (as written: HTML's and SAMI's in any case, XML's with a namespace prefix).
#[cfg(any(feature = "sami", feature = "ttml"))]
pub(crate) fn attribute(tag: &str, is_wanted: impl Fn(&str) -> bool) -> Option<&str> {
    attribute_at(tag, &is_wanted).map(|(from, to)| &tag[from..to])
}

/// Where that value is in `tag`. Attributes are read one by one as a browser reads them (the
/// value in either quote, or none up to a space; spaces around `=`; names without a value), so
/// that one named in another's quoted value is not taken for it. A quote never closed ends them.
fn attribute_at(tag: &str, is_wanted: &dyn Fn(&str) -> bool) -> Option<(usize, usize)> {
    let b = tag.as_bytes();
    // Past the `<` and the element's name.
    let mut at = word_end(b, 1, b"=>/");
    loop {
        let from = spaces_end(b, at);
        let name = from..word_end(b, from, b"=>/");
        at = spaces_end(b, name.end);
        match b.get(at) {
            Some(b'=') => at = spaces_end(b, at + 1),
            Some(b'/') => {
                at += 1;
                continue;
            }
            Some(_) if !name.is_empty() => continue,
            _ => return None,
        }
        let value = match b.get(at) {
            Some(&quote @ (b'"' | b'\'')) => {
                let len = memchr::memchr(quote, &b[at + 1..])?;
                at += len + 2;
                (at - len - 1, at - 1)
            }
            _ => {
                let from = at;
                at = word_end(b, at, b">");
                (from, at)
            }
        };
        if is_wanted(&tag[name]) {
            return Some(value);
        }
    }
}

/// Where the spaces from `at` on end.
fn spaces_end(b: &[u8], at: usize) -> usize {
    at + b[at..]
        .iter()
        .take_while(|c| c.is_ascii_whitespace())
        .count()
}

/// Where the word from `at` on ends: at a space, one of `ends`, or the end.
fn word_end(b: &[u8], at: usize, ends: &[u8]) -> usize {
    at + b[at..]
        .iter()
        .take_while(|c| !c.is_ascii_whitespace() && !ends.contains(c))
        .count()
}

/// A tag (or a comment, or a declaration), how long it is, and for elements whose content is not
/// text, what ends them.
struct Tag {
    kind: TagKind,
    length: usize,
    skip_to: Option<&'static str>,
}

impl Tag {
    /// The tag at the start of `s` (which starts with `<`); `None` if it is no tag (`a < b`).
    fn at(s: &str) -> Option<Tag> {
        if s.starts_with("<!--") {
            return Some(Tag {
                kind: TagKind::Inline,
                length: 0,
                skip_to: Some("-->"),
            });
        }
        let bytes = s.as_bytes();
        let closing = bytes.get(1) == Some(&b'/');
        let name_start = 1 + usize::from(closing);
        let name_length = bytes[name_start..]
            .iter()
            .take_while(|b| b.is_ascii_alphanumeric())
            .count();
        let declaration = !closing && bytes.get(1).is_some_and(|&b| b == b'!' || b == b'?');
        // A tag's name starts with a letter: `<3` and `1<2` are text.
        let named = bytes.get(name_start).is_some_and(u8::is_ascii_alphabetic);
        if !named && !declaration {
            return None;
        }
        let length = memchr::memchr(b'>', bytes)? + 1;
        // Lower case, without allocating: no name this reader knows is longer than 8 letters.
        let mut lower = [0u8; 8];
        let known = name_length <= lower.len();
        if known {
            lower[..name_length].copy_from_slice(&bytes[name_start..name_start + name_length]);
            lower.make_ascii_lowercase();
        }
        let name = if known {
            &lower[..name_length]
        } else {
            b"" as &[u8]
        };
        let element = |element| {
            Some(Tag {
                kind: TagKind::Block(element),
                length,
                skip_to: None,
            })
        };
        let reading = |open| {
            Some(Tag {
                kind: TagKind::Reading(open),
                length,
                skip_to: None,
            })
        };
        let style = |style| {
            Some(Tag {
                kind: TagKind::Style(style, !closing),
                length,
                skip_to: None,
            })
        };
        match name {
            _ if declaration => Some(Tag {
                kind: TagKind::Inline,
                length,
                skip_to: None,
            }),
            b"script" | b"style" | b"template" if !closing => Some(Tag {
                kind: TagKind::Inline,
                length,
                skip_to: Some(if name == b"script" {
                    "</script>"
                } else if name == b"style" {
                    "</style>"
                } else {
                    "</template>"
                }),
            }),
            b"cite" if !closing => element(Element::Cite),
            b"time" if !closing => element(Element::Time),
            b"p" if !closing => element(Element::Paragraph),
            b"title" if !closing => element(Element::Title),
            b"h1" | b"h2" | b"h3" | b"h4" | b"h5" | b"h6" if !closing => {
                element(Element::Heading(name[1] - b'0'))
            }
            b"i" | b"em" => style(Style::Emphasis),
            b"b" | b"strong" => style(Style::Strong),
            b"code" => style(Style::Code),
            b"a" => Some(Tag {
                kind: match closing {
                    true => TagKind::LinkEnd,
                    false => TagKind::Link(href(&s[..length])),
                },
                length,
                skip_to: None,
            }),
            b"br" => Some(Tag {
                kind: TagKind::Break,
                length,
                skip_to: None,
            }),
            b"rt" => reading(!closing),
            b"ruby" if closing => reading(false),
            // The brackets a page gives a reading for browsers without ruby: this reader
            // writes its own.
            b"rp" if !closing => Some(Tag {
                kind: TagKind::Inline,
                length,
                skip_to: Some("</rp>"),
            }),
            // Phrasing elements: text in the line, not a block of its own.
            b"span" | b"abbr" | b"q" | b"small" | b"sub" | b"sup" | b"u" | b"mark" | b"font"
            | b"s" | b"del" | b"ins" | b"wbr" | b"ruby" | b"rb" | b"rtc" | b"rp" | b"bdi"
            | b"bdo" | b"data" | b"dfn" | b"kbd" | b"samp" | b"var" | b"label" | b"img"
            | b"big" | b"tt" | b"nobr" | b"strike" | b"acronym" => Some(Tag {
                kind: TagKind::Inline,
                length,
                skip_to: None,
            }),
            // Any other tag, opening or closing, ends the block before it.
            _ => element(Element::Other),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_page_or_fragment_is_html_and_text_starting_with_a_tag_is_not() {
        for html in [
            "<!DOCTYPE html><html><body><p>Hi.</p></body></html>",
            "<cite>Kevin:</cite>\n<time>0:00</time>\n<p>Hi.</p>",
            "<p>Hi.</p>",
            "<!-- made by a host -->\n<p class=\"said\">Hi.</p>",
        ] {
            assert!(looks_like_html(html), "{html}");
        }
        for text in [
            "<!-- a note in Markdown -->\n[00:00:01] Lex\nHello.",
            "<b>Title</b>\n\n[00:00:01] Lex\nHello.",
            "<pre>code</pre>",
            "< p >",
            "<3 this show",
        ] {
            assert!(!looks_like_html(text), "{text}");
        }
    }

    #[test]
    fn tags_that_are_not_tags_stay_text() {
        let doc = crate::read_str("<cite>Ann</cite><p>a < b, and <3 for 1<2.</p>");
        assert_eq!(
            doc.turns[0].blocks[0].paragraphs[0].text,
            "a < b, and <3 for 1<2."
        );
    }

    #[test]
    fn a_turn_without_time_starts_before_the_next_time_given() {
        let doc = crate::read_str(concat!(
            "<cite>Kevin:</cite><p>Hello and welcome.</p>",
            "<cite>Alban:</cite><time>0:10</time>",
            "<p>A long answer that would take far more than two seconds to say aloud.</p>",
            "<cite>Kevin:</cite><p>Right.</p>",
            "<cite>Alban:</cite><time>0:12</time><p>So.</p>",
        ));
        let starts: Vec<u64> = doc.turns.iter().map(|t| t.start.0).collect();
        // The first turn has nothing before it; the third, halfway to the time after it.
        assert_eq!(starts, [0, 10_000, 11_000, 12_000]);
        let estimated: Vec<bool> = doc.turns.iter().map(|t| t.estimated_start).collect();
        assert_eq!(estimated, [true, false, true, false]);
    }

    /// Found by the fuzz target (`fuzz/seeds/regression-link-over-a-speaker-name.html`): the
    /// name taken out of a paragraph's text left its links where they were, past its end.
    #[test]
    fn a_link_over_a_speakers_name_moves_with_the_words_after_it() {
        let doc = crate::read_str(concat!(
            "<p><a href=\"https://a.example/\">Ann: Hello there.</a></p>\n",
            "<p>Bob: Hi <a href=\"https://b.example/\">you</a>.</p>\n",
            "<p>Ann: Yes.</p>\n<p>Bob: <a href=\"https://c.example/\">Bye</a>.</p>\n",
        ));
        let linked: Vec<_> = doc
            .turns
            .iter()
            .map(|turn| {
                let paragraph = &turn.blocks[0].paragraphs[0];
                let links = paragraph.links.iter();
                let texts = links.map(|l| {
                    (
                        &paragraph.text[l.start as usize..l.end as usize],
                        l.url.as_str(),
                    )
                });
                (
                    doc.speakers[turn.speaker.unwrap() as usize].as_str(),
                    texts.collect::<Vec<_>>(),
                )
            })
            .collect();
        assert_eq!(
            linked,
            [
                ("Ann", vec![("Hello there.", "https://a.example/")]),
                ("Bob", vec![("you", "https://b.example/")]),
                ("Ann", vec![]),
                ("Bob", vec![("Bye", "https://c.example/")]),
            ]
        );
        let seed = include_str!("../../../fuzz/seeds/regression-link-over-a-speaker-name.html");
        for paragraph in crate::read_str(seed)
            .turns
            .iter()
            .flat_map(|t| &t.blocks)
            .flat_map(|b| &b.paragraphs)
        {
            for link in &paragraph.links {
                assert!(paragraph
                    .text
                    .get(link.start as usize..link.end as usize)
                    .is_some());
            }
        }
    }

    #[test]
    fn a_link_goes_where_its_href_says() {
        fn url(tag: &str) -> Option<&str> {
            href(tag).map(|(from, to)| &tag[from..to])
        }
        assert_eq!(
            url(r#"<a href="https://a.example/">"#),
            Some("https://a.example/")
        );
        assert_eq!(
            url("<a class=x HREF='https://b.example/?q=1&amp;r=2'>"),
            Some("https://b.example/?q=1&amp;r=2")
        );
        assert_eq!(
            url("<a download href=http://c.example/x>"),
            Some("http://c.example/x")
        );
        assert_eq!(
            url(r#"<a title="see href=https://d.example/" href="https://e.example/">"#),
            Some("https://e.example/")
        );
        for none in [
            r#"<a href="javascript:alert(1)">"#,
            r##"<a href="#top">"##,
            r#"<a data-href="https://f.example/">"#,
            "<a name=x>",
            r#"<a href="https://g.example/"#,
        ] {
            assert_eq!(url(none), None, "{none}");
        }
        assert_eq!(
            decoded(" https://h.example/?a=1&amp;b=2 "),
            "https://h.example/?a=1&b=2"
        );
    }
}
