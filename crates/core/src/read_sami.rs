//! Reader for SAMI captions (`.smi`: Microsoft's Synchronized Accessible Media Interchange), the
//! format Korean subtitles were long shared in, often in two languages in one file: `<SYNC
//! Start=1000>` starts a cue at a millisecond, each `<P Class=KRCC>` in it is a line in the
//! language its class names in the `<STYLE>` block (`.KRCC { Name: Korean; lang: ko-KR; }`), and
//! a cue of `&nbsp;` alone ends the one before.
//!
//! Tags are read as HTML's are (`<br>` ends a line, `<i>` and `<b>` style it, others carry the
//! text), and its text as HTML shows it ([`Buffer`]). Behind the feature `sami`, as the other
//! readers of films' subtitles: the embed leaves it out.

use super::model::{Diagnostic, DiagnosticKind, Document, Format, Lang, Style, Turn};
use super::read_cues::{add_line, fill_turn, finish_cues, keep_aside, said_lang, Piece};
use super::read_html::{self, Buffer, PAUSE_EVERY_BYTES};
use super::time::Millis;
use super::Pause;

pub async fn read(text: &str, diagnostics: Vec<Diagnostic>, pause: &mut Pause<'_>) -> Document {
    let mut reader = Reader::new(text, diagnostics);
    while reader.scan(PAUSE_EVERY_BYTES) {
        if let Some(paused) = pause() {
            paused.await;
        }
    }
    reader.finish()
}

/// A `<SYNC>` being read: its start (`None` where `Start` is missing or no number), the line it
/// is on, and its lines so far.
struct Cue {
    start: Option<Millis>,
    line: u32,
    pieces: Vec<Piece>,
}

struct Reader<'a> {
    text: &'a str,
    at: usize,
    line: u32,
    /// Where the next `>` and the next `-->` are, as last looked for (`usize::MAX`: there is
    /// none): found once for all the `<`s before them, so that a file of `<`s, or of `<!--`s
    /// never closed, is read in linear time.
    close_at: usize,
    comment_end_at: usize,
    doc: Document,
    /// Each class the `<STYLE>` block names a language for, in lower case.
    classes: Vec<(String, Lang)>,
    cue: Option<Cue>,
    /// The language the `<P>` being read is in, by its class.
    lang: Option<Lang>,
    buffer: Buffer,
    /// Whether the text being read is the `<TITLE>`'s.
    in_title: bool,
}

impl<'a> Reader<'a> {
    fn new(text: &'a str, diagnostics: Vec<Diagnostic>) -> Reader<'a> {
        Reader {
            text,
            at: 0,
            line: 1,
            close_at: 0,
            comment_end_at: 0,
            doc: Document::of(Format::Sami, diagnostics),
            classes: Vec::new(),
            cue: None,
            lang: None,
            buffer: Buffer::new(),
            in_title: false,
        }
    }

    /// Reads on for about `bytes` bytes; whether there is more to read.
    #[inline(never)]
    fn scan(&mut self, bytes: usize) -> bool {
        let text = self.text;
        let until = self.at + bytes;
        while self.at < text.len() && self.at < until {
            if self.buffer.read_step(text, &mut self.at, &mut self.line) {
                self.tag();
            }
        }
        self.at < text.len()
    }

    /// Reads the tag at `self.at` (or a `<` that starts none, as text).
    fn tag(&mut self) {
        let rest = &self.text[self.at..];
        if rest.starts_with("<!--") {
            let end = next_at(&mut self.comment_end_at, self.text, self.at, "-->");
            return self.skip_past(end.map_or(rest.len(), |end| end - self.at + 3));
        }
        let closing = rest.as_bytes().get(1) == Some(&b'/');
        let name_start = 1 + usize::from(closing);
        let name_length = rest.as_bytes()[name_start..]
            .iter()
            .take_while(|b| b.is_ascii_alphanumeric())
            .count();
        let close = match name_length {
            0 => None,
            _ => next_at(&mut self.close_at, self.text, self.at, ">"),
        };
        let Some(length) = close.map(|close| close - self.at + 1) else {
            self.buffer.push_text("<", self.line);
            self.at += 1;
            return;
        };
        let name = rest[name_start..name_start + name_length].to_ascii_lowercase();
        let tag = &rest[..length];
        match (name.as_str(), closing) {
            ("style", false) => {
                // A `<STYLE` whose `>` comes only with `</STYLE>`'s has no rules in it.
                let end = find_ignoring_case(rest, "</style>")
                    .unwrap_or(rest.len())
                    .max(length);
                self.read_classes(&rest[length..end]);
                return self.skip_past(end);
            }
            ("title", false) => {
                self.take_outside();
                self.in_title = true;
            }
            ("title", true) => self.take_outside(),
            ("sync", false) => {
                self.end_cue();
                // Past what a clock writes (a thousand hours) is no time, as in the other formats.
                let start = (attribute(tag, "start").and_then(|ms| ms.parse().ok()))
                    .filter(|&ms| ms <= Millis::LATEST.0);
                if start.is_none() {
                    self.doc.warn(
                        self.line,
                        DiagnosticKind::BadCueTiming {
                            found: tag.to_owned(),
                        },
                    );
                }
                self.cue = Some(Cue {
                    start: start.map(Millis),
                    line: self.line,
                    pieces: Vec::new(),
                });
                self.lang = None;
            }
            ("p", false) => {
                self.end_line();
                self.lang = attribute(tag, "class").and_then(|class| {
                    let class = class.to_ascii_lowercase();
                    let named = self.classes.iter().find(|(c, _)| *c == class);
                    named.map(|&(_, lang)| lang)
                });
            }
            ("br", _) | ("p", true) => self.end_line(),
            ("body" | "sami", true) => self.end_cue(),
            ("i" | "em", _) => self.buffer.set_style(Style::Emphasis, !closing),
            ("b" | "strong", _) => self.buffer.set_style(Style::Strong, !closing),
            _ => {} // `<SAMI>`, `<HEAD>`, `<BODY>`, `<FONT>`, `<SPAN>`: they carry the text
        }
        self.skip_past(length);
    }

    /// Moves past `length` bytes, counting their lines.
    fn skip_past(&mut self, length: usize) {
        let skipped = &self.text.as_bytes()[self.at..self.at + length];
        self.line += memchr::memchr_iter(b'\n', skipped).count() as u32;
        self.at += length;
    }

    /// The classes a `<STYLE>` block names languages for: `.KRCC { lang: ko-KR; }`.
    fn read_classes(&mut self, style: &str) {
        for rule in style.split('}') {
            let Some((selector, body)) = rule.split_once('{') else {
                continue;
            };
            // The first rule's selector has the `<!--` that hides the rules from old browsers.
            let selector = selector.trim().trim_start_matches("<!--");
            let Some(class) = selector.trim().strip_prefix('.') else {
                continue;
            };
            let lang = body
                .split(';')
                .filter_map(|declaration| declaration.split_once(':'))
                .find(|(property, _)| property.trim().eq_ignore_ascii_case("lang"))
                .and_then(|(_, code)| self.doc.language_named(code.trim()));
            if let Some(lang) = lang {
                self.classes.push((class.trim().to_ascii_lowercase(), lang));
                self.doc.languages_told = true;
            }
        }
    }

    /// Text read outside every cue (the title, or text before the first `<SYNC>`): the title, or
    /// kept aside.
    fn take_outside(&mut self) {
        if let Some((line, text)) = self.buffer.take_paragraph() {
            if self.in_title && self.doc.title.is_none() {
                self.doc.title = Some(text.text);
            } else {
                keep_aside(&mut self.doc, line, text.text, false);
            }
        }
        self.in_title = false;
    }

    /// A line of the cue ends (`<br>`, or a `<P>`).
    fn end_line(&mut self) {
        let Some(cue) = &mut self.cue else {
            return self.take_outside();
        };
        if let Some((_, paragraph)) = self.buffer.take_paragraph() {
            let piece = Piece::new(said_lang(self.lang, &paragraph.text), paragraph, Vec::new());
            add_line(&mut cue.pieces, piece);
        }
    }

    /// The cue ends (at the next `<SYNC>`, or the end): a turn, or, with nothing said in it
    /// (`&nbsp;`), the end of the turn before.
    fn end_cue(&mut self) {
        self.end_line();
        let Some(cue) = self.cue.take() else {
            return;
        };
        let doc = &mut self.doc;
        let Some(start) = cue.start else {
            let lines: Vec<String> = cue.pieces.into_iter().map(|p| p.paragraph.text).collect();
            if !lines.is_empty() {
                keep_aside(doc, cue.line, lines.join("\n"), false);
            }
            return;
        };
        let last = doc.turns.last().map(|t| t.start);
        if cue.pieces.is_empty() {
            // Each language's cue at that moment ends (a file of two languages writes a `<SYNC>`
            // for each, and a blank one for each, or one for both).
            let open = doc.turns.iter_mut().rev();
            let open = open.take_while(|t| Some(t.start) == last && t.end.is_none());
            for turn in open.filter(|t| t.start <= start) {
                turn.end = Some(start);
            }
            return;
        }
        let mut turn = Turn::new(start, cue.line);
        fill_turn(doc, &mut turn, cue.pieces);
        doc.turns.push(turn);
    }

    fn finish(mut self) -> Document {
        self.end_cue();
        self.take_outside();
        let mut doc = self.doc;
        finish_cues(&mut doc);
        doc
    }
}

/// Where the next `needle` at or after `from` in `text` is, looked for again only once the
/// last one found (`*found`, 0 before the first look) is behind: `usize::MAX`, none, stays none.
fn next_at(found: &mut usize, text: &str, from: usize, needle: &str) -> Option<usize> {
    if *found != usize::MAX && *found <= from {
        *found = text[from..].find(needle).map_or(usize::MAX, |at| at + from);
    }
    (*found != usize::MAX).then_some(*found)
}

/// The value of attribute `name` (lower case) in `tag` (`<SYNC Start=1000>`, `<P Class="KRCC">`),
/// named in any case.
fn attribute<'t>(tag: &'t str, name: &str) -> Option<&'t str> {
    read_html::attribute(tag, |written| written.eq_ignore_ascii_case(name))
}

/// Where `needle` (ASCII, lower case) first starts in `haystack`, in any case.
fn find_ignoring_case(haystack: &str, needle: &str) -> Option<usize> {
    let (haystack, needle) = (haystack.as_bytes(), needle.as_bytes());
    haystack
        .windows(needle.len())
        .position(|w| w.eq_ignore_ascii_case(needle))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn attributes_quoted_or_not_in_any_case() {
        assert_eq!(attribute("<SYNC Start=1000>", "start"), Some("1000"));
        assert_eq!(
            attribute("<sync start = \"1500\" end=2000>", "start"),
            Some("1500")
        );
        assert_eq!(attribute("<P Class='KRCC'>", "class"), Some("KRCC"));
        assert_eq!(attribute("<P restart=5>", "start"), None);
        assert_eq!(attribute("<P>", "class"), None);
        // Named inside another's value, it is not the attribute.
        assert_eq!(
            attribute("<SYNC Title='a Start=5' Start=1000>", "start"),
            Some("1000")
        );
    }

    /// A start past a thousand hours is no time: the cue is kept as a note, and nothing after
    /// overflows (the timeline's arithmetic did, a panic in a debug build).
    #[test]
    fn a_start_past_what_a_clock_writes_is_no_time() {
        let doc = crate::read_str(
            "<SAMI><BODY><SYNC Start=18446744073709551615><P>Never.\n<SYNC Start=5><P>Now.\n",
        );
        assert_eq!(doc.turns.len(), 1);
        assert_eq!(doc.turns[0].start, Millis(5));
        assert!(doc.diagnostics[0]
            .to_string()
            .contains("is not a cue timing line"));
        crate::Timeline::new(&doc, None);
    }

    /// The fuzz target found it: the slice of the style's rules ran from past the tag's end to
    /// where `</STYLE>` begins, which was before it (a panic).
    #[test]
    fn a_style_tag_closed_only_by_its_end_tag_has_no_rules_and_the_cues_after_it_read() {
        let doc = crate::read_str(
            "<SAMI><HEAD><STYLE TYPE .KRCC { lang: ko-KR; }</STYLE>\n</HEAD>\n\
             <BODY><SYNC Start=1000><P Class=KRCC>안녕하세요.\n</BODY></SAMI>\n",
        );
        assert_eq!(doc.turns.len(), 1);
        assert_eq!(doc.turns[0].start, Millis(1000));
    }

    /// The rules are in an HTML comment, for browsers of the 1990s: a class named first, before
    /// any `P { … }`, names its language too (it was read as a selector `<!-- .ESCC`).
    #[test]
    fn the_first_class_in_the_style_comment_names_its_language() {
        let doc = crate::read_str(
            "<SAMI>\n<HEAD>\n<STYLE TYPE=\"text/css\">\n<!--\n.ESCC { lang: es-ES; }\n\
             .ENCC { lang: en-US; }\n-->\n</STYLE>\n</HEAD>\n<BODY>\n\
             <SYNC Start=1000><P Class=ESCC>No.\n<P Class=ENCC>No.\n</BODY></SAMI>\n",
        );
        assert_eq!(doc.languages, [Lang::Es, Lang::En]);
    }
}
