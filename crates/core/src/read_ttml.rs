//! Reader for TTML (the W3C's Timed Text Markup Language) and DFXP, its first profile's name: the
//! XML captions that broadcasters, streaming services and caption editors write (`.ttml`,
//! `.dfxp`, `.xml`).
//!
//! Each `<p>` is a cue, read as the cue readers read theirs (`read_cues::add_line`): its lines
//! (`<br/>` between them) in one language make a paragraph, in two a bilingual turn. A `<p>`'s
//! times count from the start of the `<div>` or `<body>` it is in, as TTML has it; they are clock
//! times (`00:00:01.500`, or `00:00:01:12` in frames) or offsets (`1.5s`, `1500ms`, `12f`, and
//! `15000000t`, ticks of the document's `ttp:tickRate`, as Netflix writes them), with an `end` or
//! a `dur`. A timed `<span>` times its words. Speakers come from `ttm:agent` (the agent's
//! `<ttm:name>`, else its id), or as in other captions from a name starting the text. The head's
//! `<ttm:title>` is the title, its `<ttm:desc>` and `<ttm:copyright>` metadata. A translation in
//! a `<div>` of its own, its cues timed as the original's, joins them as other captions' tracks
//! do (`read_cues::pair_by_times`): one bilingual turn a cue.
//! Italic and bold, the styles that carry meaning in captions (a voice off screen, a title, a
//! word stressed), are kept, whether written on the element or in a `<style>` it names.
//!
//! YouTube's timed-text XML reads here too: `<timedtext format="3">` (srv3), each `<p t="…"
//! d="…">` a cue in milliseconds and each `<s t="…">` a word from its cue's start, its rolling
//! automatic captions said until the next starts (as in its `json3`); and `<transcript>` (srv1,
//! which youtube-transcript-api fetches), each `<text start="…" dur="…">` a cue in seconds, its
//! text escaped twice.

use super::model::{ById, Diagnostic, DiagnosticKind, Document, Format, Lang, Style, Turn};
use super::read_cues::decoded;
use super::read_cues::{add_line, fill_turn, finish_cues, keep_aside, said_lang, Piece};
use super::read_html::{self, Buffer, PAUSE_EVERY_BYTES};
use super::time::Millis;
use super::{local_name, Pause};

pub async fn read(text: &str, diagnostics: Vec<Diagnostic>, pause: &mut Pause<'_>) -> Document {
    let mut reader = Reader::new(text, diagnostics);
    while reader.scan(PAUSE_EVERY_BYTES) {
        if let Some(paused) = pause() {
            paused.await;
        }
    }
    reader.finish()
}

/// How the document counts frames and ticks (`ttp:frameRate`, `ttp:frameRateMultiplier`,
/// `ttp:subFrameRate`, `ttp:tickRate` on `<tt>`).
#[derive(Clone, Copy)]
struct Rates {
    /// Frames per second, as a fraction: `frameRate × multiplier`.
    frames: (u64, u64),
    ticks: u64,
}

impl Default for Rates {
    fn default() -> Rates {
        Rates {
            frames: (30, 1),
            ticks: 1,
        }
    }
}

impl Rates {
    fn from_root(tag: &Tag) -> Rates {
        // A rate of one to a billion (a larger one is no rate, and would overflow the arithmetic).
        let rate = |n: &str| {
            n.trim()
                .parse::<u64>()
                .ok()
                .filter(|n| (1..=1_000_000_000).contains(n))
        };
        let number = |name: &str| tag.attribute(name).and_then(rate);
        let frame_rate = number("frameRate");
        let (num, den) = tag
            .attribute("frameRateMultiplier")
            .and_then(|m| {
                let mut parts = m.split_ascii_whitespace().map(rate);
                Some((parts.next()??, parts.next()??))
            })
            .unwrap_or((1, 1));
        let sub_frames = number("subFrameRate").unwrap_or(1);
        // Without a tick rate, a tick is a sub-frame where a frame rate is given, else a second.
        let ticks =
            number("tickRate").unwrap_or(frame_rate.map_or(1, |f| f.saturating_mul(sub_frames)));
        Rates {
            frames: (frame_rate.unwrap_or(30).saturating_mul(num), den),
            ticks,
        }
    }

    /// A TTML time expression: `hh:mm:ss`, `hh:mm:ss.fraction`, `hh:mm:ss:frames`, or a number
    /// and a unit (`h`, `m`, `s`, `ms`, `f`, `t`); or a number alone, in seconds, as Apple
    /// Podcasts writes its transcripts (`begin="1.060"`), against the standard.
    fn parse(self, s: &str) -> Option<Millis> {
        self.parse_any(s).filter(|&t| t <= Millis::LATEST)
    }

    /// [`Rates::parse`], past [`Millis::LATEST`] too.
    fn parse_any(self, s: &str) -> Option<Millis> {
        let s = s.trim();
        if s.contains(':') {
            return self.clock(s);
        }
        let number_end = s
            .find(|c: char| !c.is_ascii_digit() && c != '.')
            .unwrap_or(s.len());
        // A unit, as (its count, in seconds): an hour is 3,600 s, a frame 1/frame rate.
        let (count, seconds) = match &s[number_end..] {
            "h" => (1, 3_600),
            "m" => (1, 60),
            "s" | "" => (1, 1),
            "ms" => (1_000, 1),
            "f" => self.frames,
            "t" => (self.ticks, 1),
            _ => return None,
        };
        let (whole, (num, den)) = decimal(&s[..number_end])?;
        // (whole + num/den) units × 1,000 ms × seconds / count; too large to count, no time.
        let thousandths = whole.checked_mul(den)?.checked_add(num)?;
        let millis =
            thousandths.checked_mul(1000)?.checked_mul(seconds)? / den.checked_mul(count)?;
        Some(Millis(millis))
    }

    /// `hh:mm:ss`, `hh:mm:ss.fraction` or `hh:mm:ss:frames`.
    fn clock(self, s: &str) -> Option<Millis> {
        let mut fields = s.split(':');
        let (h, m, seconds) = (fields.next()?, fields.next()?, fields.next()?);
        let frames = fields.next();
        if fields.next().is_some() || m.len() != 2 || seconds.len() < 2 {
            return None;
        }
        let (h, m) = (digits(h)?, digits(m)?);
        let (whole, (num, den)) = decimal(seconds)?;
        if m >= 60 || whole >= 60 || (frames.is_some() && den > 1) {
            return None;
        }
        let frames = match frames {
            Some(f) => {
                let (count, per) = self.frames;
                digits(f)?.checked_mul(1000)?.checked_mul(per)? / count
            }
            None => 0,
        };
        let seconds = h.checked_mul(3_600)? + m * 60 + whole;
        let millis = seconds.checked_mul(1000)? + num * 1000 / den;
        millis.checked_add(frames).map(Millis)
    }
}

/// A time in milliseconds, written as digits alone (srv3's `t` and `d`).
fn milliseconds(s: &str) -> Option<Millis> {
    digits(s.trim())
        .map(Millis)
        .filter(|&t| t <= Millis::LATEST)
}

/// YouTube's automatic captions roll, each on screen while the next is said: each is said until
/// the next (in time) starts, and so is its last word.
fn said_until_the_next(turns: &mut [Turn]) {
    let mut next_start: Option<Millis> = None;
    for turn in turns.iter_mut().rev() {
        if let (Some(next), Some(end)) = (next_start, turn.end) {
            if next > turn.start && end > next {
                turn.end = Some(next);
                for word in turn.blocks.iter_mut().flat_map(|b| &mut b.timings) {
                    word.end = word.end.map(|end| end.min(next).max(word.start));
                }
            }
        }
        next_start = Some(next_start.map_or(turn.start, |n| n.min(turn.start)));
    }
}

/// Digits only, as a number (at most 15 of them).
fn digits(s: &str) -> Option<u64> {
    if s.is_empty() || s.len() > 15 {
        return None;
    }
    s.bytes().try_fold(0u64, |n, b| {
        b.is_ascii_digit().then(|| n * 10 + u64::from(b - b'0'))
    })
}

/// `12` or `12.345` → (12, (345, 1000)); the fraction is read to the millisecond.
fn decimal(s: &str) -> Option<(u64, (u64, u64))> {
    let (whole, fraction) = s.split_once('.').unwrap_or((s, ""));
    let whole = digits(whole)?;
    if fraction.is_empty() {
        return (!s.ends_with('.')).then_some((whole, (0, 1)));
    }
    // Digits past the third must be digits, but are not kept. (All ASCII, then: any cut is
    // between two characters.)
    if !fraction.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let kept = &fraction[..fraction.len().min(3)];
    Some((whole, (digits(kept)?, 10u64.pow(kept.len() as u32))))
}

/// What an open element is, for what its end closes.
#[derive(Clone, Copy, PartialEq)]
enum Kind {
    /// `<body>` or `<div>`: times inside count from its `begin`.
    Container,
    Cue,
    Span,
    /// A `<ttm:title>` (`true`), `<ttm:desc>` or `<ttm:copyright>`: the header's text.
    Header {
        title: bool,
    },
    /// A `<ttm:name>`: the name of the `<ttm:agent>` it is in.
    Name,
    /// Any other element (`<head>`, `<styling>`, `<metadata>`, `<ttm:agent>`).
    Other,
}

impl Kind {
    /// What an element named `name` (its local name) is, as far as the reader cares.
    fn of(name: &str) -> Kind {
        match name {
            "body" | "div" => Kind::Container,
            // YouTube's: `<text>` a cue of srv1, `<s>` a word of srv3.
            "p" | "text" => Kind::Cue,
            "span" | "s" => Kind::Span,
            "title" | "desc" | "copyright" => Kind::Header {
                title: name == "title",
            },
            "name" => Kind::Name,
            _ => Kind::Other,
        }
    }

    /// Which of [`Reader::open_of_kind`]'s counts is this kind's (styles aside); `None` for
    /// [`Kind::Other`], which is never kept open.
    fn slot(self) -> Option<usize> {
        match self {
            Kind::Container => Some(0),
            Kind::Cue => Some(1),
            Kind::Span => Some(2),
            Kind::Header { .. } => Some(3),
            Kind::Name => Some(4),
            Kind::Other => None,
        }
    }
}

/// Italic and bold, as an element gives them to its text.
#[derive(Clone, Copy, Default, PartialEq)]
struct Look {
    italic: bool,
    bold: bool,
}

impl Look {
    fn with(self, other: Look) -> Look {
        Look {
            italic: self.italic || other.italic,
            bold: self.bold || other.bold,
        }
    }
}

/// An element open where the reader is.
struct Open {
    kind: Kind,
    /// The italic and bold it gives its text, to take back at its end.
    look: Look,
    /// Where times inside it count from.
    begin: Millis,
    /// Its speaker (`ttm:agent`), passed down to the cues inside.
    agent: Option<String>,
    /// The language it says its text is in (`xml:lang`), passed down likewise.
    lang: Option<Lang>,
    /// A ruby's reading (`tts:ruby="text"`), in brackets after its characters.
    reading: bool,
}

/// The cue being read.
struct Cue {
    start: Millis,
    end: Option<Millis>,
    line: u32,
    /// Its `begin` as written, where it cannot be read: the cue is kept as a note.
    unreadable: Option<String>,
    speaker: Option<String>,
    /// The language its `xml:lang`, or that of what holds it, says it is in.
    lang: Option<Lang>,
    pieces: Vec<Piece>,
    /// The line being read: its text, and its timed words as (time as written, byte offset).
    text: Buffer,
    marks: Vec<(Millis, u32)>,
}

struct Reader<'a> {
    text: &'a str,
    at: usize,
    line: u32,
    /// Where the next `>` is, as last looked for (`usize::MAX`: there is none): found once for
    /// all the `<`s before it, so that a page of `<`s is read in linear time.
    close_at: usize,
    rates: Rates,
    /// The elements open, innermost last; of other kinds than [`Kind::Other`] (which holds no
    /// times, speaker or text of its own).
    open: Vec<Open>,
    /// How many of `open` are of each kind ([`Kind::slot`]): an end tag with none open to end
    /// is passed over at once, not looked for down the whole of `open`.
    open_of_kind: [u32; 5],
    cue: Option<Cue>,
    /// Text outside every cue (a header's, or stray), read since the last tag.
    outside: Buffer,
    /// `ttm:agent`s' names, and the agent whose `<ttm:name>` is read next.
    agents: ById<String>,
    agent: Option<usize>,
    /// The `<style>`s of the head, as far as italic and bold go.
    styles: ById<Look>,
    /// How many elements open give their text italic, and bold.
    italic_open: u32,
    bold_open: u32,
    /// The dialect, as its root element says: TTML, or YouTube's srv3 or srv1.
    dialect: Dialect,
    doc: Document,
}

/// Which XML of timed text this is.
#[derive(Clone, Copy, PartialEq)]
enum Dialect {
    Ttml,
    /// `<timedtext>`: times in milliseconds (`t`, `d`).
    YouTubeSrv3,
    /// `<transcript>`: times in seconds (`start`, `dur`), the text's entities escaped again.
    YouTubeSrv1,
}

impl<'a> Reader<'a> {
    fn new(text: &'a str, diagnostics: Vec<Diagnostic>) -> Reader<'a> {
        Reader {
            text,
            at: 0,
            line: 1,
            close_at: 0,
            rates: Rates::default(),
            open: Vec::new(),
            open_of_kind: [0; 5],
            cue: None,
            outside: Buffer::new(),
            agents: ById::default(),
            agent: None,
            styles: ById::default(),
            italic_open: 0,
            bold_open: 0,
            dialect: Dialect::Ttml,
            doc: Document::of(Format::Ttml, diagnostics),
        }
    }

    /// Reads on for about `bytes` bytes; whether there is more to read.
    #[inline(never)]
    fn scan(&mut self, bytes: usize) -> bool {
        let until = self.at + bytes;
        let text = self.text;
        while self.at < text.len() && self.at < until {
            let rest = &text[self.at..];
            let Some(offset) = memchr::memchr3(b'<', b'&', b'\n', rest.as_bytes()) else {
                self.push_text(rest);
                self.at = text.len();
                break;
            };
            self.push_text(&rest[..offset]);
            self.at += offset;
            match text.as_bytes()[self.at] {
                b'\n' => {
                    self.push_text(" ");
                    self.line += 1;
                    self.at += 1;
                }
                b'&' => {
                    let (at, line) = (self.at, self.line);
                    self.at += self.buffer().push_entity(&text[at..], line);
                }
                _ => self.markup(),
            }
        }
        self.at < text.len()
    }

    /// Where text read now goes: the cue's line, or outside every cue.
    fn buffer(&mut self) -> &mut Buffer {
        match &mut self.cue {
            Some(cue) => &mut cue.text,
            None => &mut self.outside,
        }
    }

    fn push_text(&mut self, s: &str) {
        let line = self.line;
        self.buffer().push_text(s, line);
    }

    /// Reads the markup at `self.at`: a tag, a comment, a CDATA section or a declaration (or a
    /// `<` that starts none, as text).
    fn markup(&mut self) {
        let rest = &self.text[self.at..];
        for (opening, closing) in [
            ("<!--", "-->"),
            ("<?", "?>"),
            ("<![CDATA[", "]]>"),
            ("<!", ">"),
        ] {
            if let Some(inside) = rest.strip_prefix(opening) {
                let length = inside.find(closing).unwrap_or(inside.len());
                if opening == "<![CDATA[" {
                    self.push_text(&inside[..length]);
                }
                self.skip(opening.len() + (length + closing.len()).min(inside.len()));
                return;
            }
        }
        let tag = match self.next_close() {
            Some(close) => Tag::at(&rest[..=close - self.at]),
            None => None,
        };
        match tag {
            Some(tag) => {
                self.skip(tag.text.len());
                self.element(&tag);
            }
            None => {
                self.push_text("<");
                self.at += 1;
            }
        }
    }

    /// Where the next `>` at or after `self.at` is.
    fn next_close(&mut self) -> Option<usize> {
        let bytes = self.text.as_bytes();
        let stale = self.close_at < self.at || bytes.get(self.close_at) != Some(&b'>');
        if self.close_at != usize::MAX && stale {
            self.close_at =
                memchr::memchr(b'>', &bytes[self.at..]).map_or(usize::MAX, |o| self.at + o);
        }
        (self.close_at != usize::MAX).then_some(self.close_at)
    }

    /// Moves past `length` bytes of markup, counting its lines.
    fn skip(&mut self, length: usize) {
        let passed = &self.text.as_bytes()[self.at..self.at + length];
        self.line += memchr::memchr_iter(b'\n', passed).count() as u32;
        self.at += length;
    }

    fn element(&mut self, tag: &Tag<'a>) {
        let name = local_name(tag.name);
        if tag.closing {
            let slot = Kind::of(name).slot();
            if slot.is_some_and(|slot| self.open_of_kind[slot] > 0) {
                if let Some(at) = self.open.iter().rposition(|o| o.kind.slot() == slot) {
                    self.close_from(at);
                }
            }
            return;
        }
        if self.cue.is_none() {
            self.end_outside();
        }
        match name {
            "tt" => self.rates = Rates::from_root(tag),
            "timedtext" => self.dialect = Dialect::YouTubeSrv3,
            "transcript" => self.dialect = Dialect::YouTubeSrv1,
            "br" => return self.end_line(),
            _ => {}
        }
        let kind = Kind::of(name);
        let look = tag.look(&mut self.styles);
        let parent = self.open.last();
        let parent_begin = parent.map_or(Millis::ZERO, |p| p.begin);
        let agent = tag
            .attribute("agent")
            .and_then(|a| a.split_ascii_whitespace().next())
            .map(str::to_owned)
            .or_else(|| parent.and_then(|p| p.agent.clone()));
        let lang = match tag.attribute("lang") {
            Some(code) => self.doc.language_named(code),
            None => parent.and_then(|p| p.lang),
        };
        let begin = tag.attribute("begin").or_else(|| tag.attribute("start"));
        let parsed_begin = begin.and_then(|b| self.rates.parse(b));
        // srv3's times, in milliseconds (a `<p>`'s in the recording, an `<s>`'s in its `<p>`).
        let (begin, parsed_begin) = match tag.attribute("t").filter(|_| begin.is_none()) {
            Some(t) => (Some(t), milliseconds(t)),
            None => (begin, parsed_begin),
        };
        // Where a container or a cue starts: its `begin`, from its parent's; but a time written
        // as a number alone (Apple Podcasts') is in the whole recording, as its writer means it.
        let in_recording =
            begin.is_some_and(|b| b.bytes().all(|b| b.is_ascii_digit() || b == b'.'));
        let from = if in_recording {
            Millis::ZERO
        } else {
            parent_begin
        };
        let starts_at = from.later_by(parsed_begin.unwrap_or(Millis::ZERO));
        let mut open = Open {
            kind,
            look,
            begin: parent_begin,
            agent,
            lang,
            reading: false,
        };
        match kind {
            Kind::Container => {
                if let (Some(found), None) = (begin, parsed_begin) {
                    self.doc.warn(
                        self.line,
                        DiagnosticKind::UnreadableOffset {
                            found: found.to_owned(),
                        },
                    );
                }
                open.begin = starts_at;
            }
            Kind::Cue => {
                // A cue left open (tags that do not nest) ends where the next starts.
                self.end_cue();
                let end = match (tag.attribute("end"), tag.attribute("dur")) {
                    (Some(end), _) => self.end_time(end, from),
                    (None, Some(dur)) => self.end_time(dur, starts_at),
                    (None, None) => tag
                        .attribute("d")
                        .and_then(milliseconds)
                        .map(|d| starts_at.later_by(d)),
                };
                open.begin = starts_at;
                self.doc.languages_told |= open.lang.is_some();
                self.cue = Some(Cue {
                    start: starts_at,
                    end,
                    line: self.line,
                    unreadable: begin.filter(|_| parsed_begin.is_none()).map(str::to_owned),
                    speaker: open.agent.clone(),
                    lang: open.lang,
                    pieces: Vec::new(),
                    text: Buffer::new(),
                    marks: Vec::new(),
                });
                self.restyle();
            }
            Kind::Span => {
                if let Some(cue) = &mut self.cue {
                    if let Some(at) = parsed_begin {
                        let offset = cue.text.settle_space();
                        cue.marks.push((at, offset));
                    }
                    if tag.attribute("ruby") == Some("text") && !tag.empty {
                        cue.text.reading(true);
                        open.reading = true;
                    }
                }
            }
            _ if name == "agent" => {
                let id = tag.attribute("id").unwrap_or("");
                self.agent = Some(self.agents.set(id, id.to_owned()));
            }
            _ if name == "style" => {
                if let Some(id) = tag.attribute("id") {
                    self.styles.set(id, look);
                }
            }
            _ => {}
        }
        if tag.empty {
            if kind == Kind::Cue {
                self.end_cue();
            }
        } else if let Some(slot) = kind.slot() {
            self.open_of_kind[slot] += 1;
            self.open.push(open);
            self.count_look(look, true);
        }
    }

    /// Counts an element giving its text `look` as opened or ended, and styles the cue's text so.
    fn count_look(&mut self, look: Look, open: bool) {
        if look == Look::default() {
            return;
        }
        for (counted, count) in [
            (look.italic, &mut self.italic_open),
            (look.bold, &mut self.bold_open),
        ] {
            if counted {
                *count = if open { *count + 1 } else { *count - 1 };
            }
        }
        self.restyle();
    }

    /// Styles the text read next in the cue as the elements open have it.
    fn restyle(&mut self) {
        if let Some(cue) = &mut self.cue {
            cue.text.set_style(Style::Emphasis, self.italic_open > 0);
            cue.text.set_style(Style::Strong, self.bold_open > 0);
        }
    }

    /// A cue's `end` (or `dur`, counted from `from`), warned about if it cannot be read.
    fn end_time(&mut self, value: &str, from: Millis) -> Option<Millis> {
        let parsed = self.rates.parse(value);
        if parsed.is_none() {
            self.doc.warn(
                self.line,
                DiagnosticKind::UnreadableEnd {
                    found: value.to_owned(),
                },
            );
        }
        parsed.map(|t| from.later_by(t))
    }

    /// Ends the elements open from `at` in, innermost first (in a document whose tags nest,
    /// only the last).
    fn close_from(&mut self, at: usize) {
        while self.open.len() > at {
            let Some(open) = self.open.pop() else {
                break;
            };
            if let Some(slot) = open.kind.slot() {
                self.open_of_kind[slot] -= 1;
            }
            self.count_look(open.look, false);
            if let (true, Some(cue)) = (open.reading, &mut self.cue) {
                cue.text.reading(false);
            }
            match open.kind {
                Kind::Cue => self.end_cue(),
                Kind::Header { title } => {
                    if let Some((_, text)) = self.outside.take_paragraph() {
                        match self.doc.title {
                            None if title => self.doc.title = Some(text.text),
                            _ => self.doc.metadata.push(text.text),
                        }
                    }
                }
                Kind::Name => {
                    if let (Some((_, text)), Some(agent)) =
                        (self.outside.take_paragraph(), self.agent)
                    {
                        self.agents.values[agent].1 = text.text;
                    }
                }
                _ => {}
            }
        }
        if self.cue.is_none() {
            self.end_outside();
        }
    }

    /// Text read outside every cue and header element (a document's metadata, or text TTML has
    /// no place for): kept aside, as header metadata or a note.
    fn end_outside(&mut self) {
        if let Some((line, text)) = self.outside.take_paragraph() {
            keep_aside(&mut self.doc, line, text.text, true);
        }
    }

    /// A `<br/>`: the cue's line ends.
    fn end_line(&mut self) {
        let escaped_again = self.dialect == Dialect::YouTubeSrv1;
        if let Some(cue) = &mut self.cue {
            let marks = std::mem::take(&mut cue.marks);
            if let Some((_, mut paragraph)) = cue.text.take_paragraph() {
                if escaped_again && paragraph.text.contains('&') {
                    paragraph.text = decoded(&paragraph.text);
                }
                let piece = Piece::new(said_lang(cue.lang, &paragraph.text), paragraph, marks);
                add_line(&mut cue.pieces, piece);
            }
        }
        // The next line is styled as this one was, where an element styles both.
        self.restyle();
    }

    fn end_cue(&mut self) {
        self.end_line();
        let Some(mut cue) = self.cue.take() else {
            return;
        };
        if cue.pieces.is_empty() {
            // A cue with nothing said (a gap some tools write as an empty `<p>`) is no turn.
            return;
        }
        let doc = &mut self.doc;
        if let Some(found) = cue.unreadable {
            doc.warn(
                cue.line,
                DiagnosticKind::BadCueTiming {
                    found: format!("begin=\"{found}\""),
                },
            );
            let lines: Vec<String> = cue.pieces.into_iter().map(|p| p.paragraph.text).collect();
            keep_aside(doc, cue.line, lines.join("\n"), false);
            return;
        }
        let mut end = cue.end;
        if end.is_some_and(|end| end < cue.start) {
            doc.warn(cue.line, DiagnosticKind::EndBeforeStart);
            end = None;
        }
        // A word's time counts from its cue's start, as TTML has it; but many tools write the
        // time in the whole recording, and the cue's own times tell which: a cue whose words all
        // fall within it, the first at or after its start, was timed so.
        let within = |t: Millis| t >= cue.start && end.is_none_or(|end| t <= end);
        // (srv3's words count from their cue's start, always.)
        let in_recording = self.dialect != Dialect::YouTubeSrv3
            && cue.start > Millis::ZERO
            && cue
                .pieces
                .iter()
                .flat_map(|p| &p.marks)
                .all(|&(t, _)| within(t));
        if !in_recording {
            for mark in cue.pieces.iter_mut().flat_map(|p| &mut p.marks) {
                mark.0 = cue.start.later_by(mark.0);
            }
        }
        let mut turn = Turn::new(cue.start, cue.line);
        turn.end = end;
        if let Some(agent) = cue.speaker {
            let name = self
                .agents
                .get(&agent)
                .map_or(agent.as_str(), String::as_str);
            turn.speaker = Some(doc.speaker_id(name));
        }
        fill_turn(doc, &mut turn, cue.pieces);
        doc.turns.push(turn);
    }

    fn finish(mut self) -> Document {
        // A document cut short: what is open ends with it.
        self.close_from(0);
        self.end_cue();
        self.end_outside();
        let mut doc = self.doc;
        if self.dialect == Dialect::YouTubeSrv3 {
            said_until_the_next(&mut doc.turns);
        }
        finish_cues(&mut doc);
        doc
    }
}

/// An element's tag: its name as written (with any prefix), whether it closes or is empty
/// (`<br/>`), and all of it (its attributes, its length).
struct Tag<'a> {
    name: &'a str,
    closing: bool,
    empty: bool,
    /// All of it, from the `<` to the `>`.
    text: &'a str,
}

impl<'a> Tag<'a> {
    /// The tag `s` is (from its `<` to the first `>`); `None` if it is no tag (`a < b>`).
    fn at(s: &'a str) -> Option<Tag<'a>> {
        let closing = s.as_bytes().get(1) == Some(&b'/');
        let from = 1 + usize::from(closing);
        let end = s.len() - 1;
        // (Looked at first: a `<` before a digit or a space is text, however far the `>`.)
        if !s[from..end].starts_with(|c: char| c.is_alphabetic() || c == '_') {
            return None;
        }
        let name_length = s[from..end]
            .find(|c: char| c.is_ascii_whitespace() || c == '/')
            .unwrap_or(end - from);
        let name = &s[from..from + name_length];
        Some(Tag {
            name,
            closing,
            empty: s[from + name_length..end].ends_with('/'),
            text: s,
        })
    }

    /// The value of the attribute whose local name is `name` (`begin`, `ttm:agent`).
    fn attribute(&self, name: &str) -> Option<&'a str> {
        read_html::attribute(self.text, |written| local_name(written) == name)
    }

    /// The italic and bold an element gives its text: its own (`tts:fontStyle="italic"`,
    /// `tts:fontWeight="bold"`), and those of the `<style>`s it names (`style="s1 s2"`).
    fn look(&self, styles: &mut ById<Look>) -> Look {
        let own = Look {
            italic: matches!(self.attribute("fontStyle"), Some("italic" | "oblique")),
            bold: self.attribute("fontWeight") == Some("bold"),
        };
        let named = self
            .attribute("style")
            .unwrap_or("")
            .split_ascii_whitespace();
        named.fold(own, |look, id| {
            styles.get(id).map_or(look, |&other| look.with(other))
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn time_expressions() {
        let rates = Rates::default();
        for (text, millis) in [
            ("00:00:01.5", 1_500),
            ("01:02:03.004", 3_723_004),
            ("00:00:01.0005", 1_000),
            ("00:00:01:15", 1_500),
            ("1.5s", 1_500),
            ("1.5", 1_500),
            ("1500ms", 1_500),
            ("2m", 120_000),
            ("0.5h", 1_800_000),
            ("45f", 1_500),
            ("3t", 3_000),
            ("999:59:59.999", Millis::LATEST.0),
        ] {
            assert_eq!(rates.parse(text), Some(Millis(millis)), "{text}");
        }
        for text in [
            "",
            "1:2:3",
            "00:61:00",
            "00:00:60",
            "1.5x",
            "s",
            "1..5s",
            "00:00:01.5:02",
            // A fraction's 15th byte inside a character (found by fuzzing).
            "00:00:01.1234567890123€",
            // Later than any clock here writes.
            "1000h",
            "90000000t",
            "-1s",
        ] {
            assert_eq!(rates.parse(text), None, "{text}");
        }
        // Netflix's ten million ticks a second; 24000/1001 frames a second.
        let tag = Tag::at("<tt ttp:tickRate=\"10000000\" ttp:frameRate=\"24\" ttp:frameRateMultiplier=\"1000 1001\">").unwrap();
        let rates = Rates::from_root(&tag);
        assert_eq!(rates.parse("15015000t"), Some(Millis(1_501)));
        assert_eq!(rates.parse("24f"), Some(Millis(1_001)));
    }

    #[test]
    fn attributes_are_found_by_local_name_in_either_quotes() {
        let tag = Tag::at("<p begin='00:00:01.000' ttm:agent=\"a b\" end=\"2s\"/>").unwrap();
        assert_eq!(tag.name, "p");
        assert!(tag.empty);
        assert_eq!(tag.attribute("begin"), Some("00:00:01.000"));
        assert_eq!(tag.attribute("agent"), Some("a b"));
        assert_eq!(tag.attribute("end"), Some("2s"));
        assert_eq!(tag.attribute("dur"), None);
    }
}
