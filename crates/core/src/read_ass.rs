//! Reader for ASS and SSA (Advanced SubStation Alpha): the subtitles Aegisub writes and fan
//! translators share, and the form bilingual Chinese–English subtitles most often take, either
//! an event with a line of each language (`中文\NEnglish`) or each language in events of its own,
//! in a style of its own, at the same times.
//!
//! An event (`Dialogue:`) is a cue, read as the cue readers read theirs (`read_cues::add_line`):
//! its lines (`\N` between them) in one language make a paragraph, in two a bilingual turn, and
//! events at the same times in two languages are paired as two tracks are
//! (`read_cues::pair_by_times`). Its fields are found by the `[Events]` section's `Format:` line;
//! the `Name` field is the speaker. Override blocks (`{\pos(…)}`) are presentation, but for
//! italic and bold (`\i1`, `\b1`, what the event's style sets, and `\r` back to it or to a
//! style it names), karaoke (`\k`: each syllable's time) and drawings (`\p1`: shapes, not
//! text). The script's `Title` is the title and
//! its credits (`Original Translation:`, …) metadata; `Comment:` events are kept as notes. The
//! rest (resolution, fonts, colours, embedded fonts and pictures) is presentation, left out as
//! WebVTT's STYLE blocks are.

use super::inline::StyledText;
use super::lines::Lines;
use super::model::{ById, Diagnostic, DiagnosticKind, Document, Format, Lang, Style, Turn};
use super::read_cues::{add_line, fill_turn, finish_cues, keep_aside, trim_paragraph, Piece};
use super::time::{parse_clock, Millis};
use super::{Pause, PAUSE_EVERY_LINES};

pub async fn read(text: &str, diagnostics: Vec<Diagnostic>, pause: &mut Pause<'_>) -> Document {
    let mut reader = Reader {
        doc: Document::of(Format::Ass, diagnostics),
        section: Section::Preamble,
        fields: Fields::default(),
        style_fields: StyleFields::default(),
        styles: ById::default(),
        repeats: 0,
        first_repeat: 0,
    };
    for (number, line) in Lines::new(text) {
        reader.line(number, line);
        if number % PAUSE_EVERY_LINES == 0 {
            if let Some(paused) = pause() {
                paused.await;
            }
        }
    }
    reader.finish()
}

#[derive(Clone, Copy, PartialEq)]
enum Section {
    /// Before the first section's head.
    Preamble,
    Info,
    Styles,
    Events,
    /// Embedded fonts and pictures, and tools' own sections (`[Aegisub Project Garbage]`).
    Other,
}

/// Where an event's fields stand, by the `[Events]` section's `Format:` line. The text is the
/// last field, and may hold commas.
struct Fields {
    count: usize,
    start: usize,
    end: usize,
    style: Option<usize>,
    name: Option<usize>,
}

impl Default for Fields {
    /// ASS's order (SSA's differs only in its first field): `Layer, Start, End, Style, Name,
    /// MarginL, MarginR, MarginV, Effect, Text`.
    fn default() -> Fields {
        Fields {
            count: 10,
            start: 1,
            end: 2,
            style: Some(3),
            name: Some(4),
        }
    }
}

impl Fields {
    /// The fields named in a `Format:` line, if it names a start, an end and the text last.
    fn of(format: &str) -> Option<Fields> {
        let names: Vec<&str> = format.split(',').map(str::trim).collect();
        let at = |name: &str| names.iter().position(|n| n.eq_ignore_ascii_case(name));
        if !names.last()?.eq_ignore_ascii_case("text") {
            return None;
        }
        Some(Fields {
            count: names.len(),
            start: at("start")?,
            end: at("end")?,
            style: at("style"),
            name: at("name").or_else(|| at("actor")),
        })
    }
}

/// Where a style's name, bold and italic stand, by the styles section's `Format:` line.
struct StyleFields {
    name: usize,
    bold: Option<usize>,
    italic: Option<usize>,
}

impl Default for StyleFields {
    /// `Name, Fontname, Fontsize, PrimaryColour, SecondaryColour, OutlineColour, BackColour,
    /// Bold, Italic, …`, in both ASS and SSA.
    fn default() -> StyleFields {
        StyleFields {
            name: 0,
            bold: Some(7),
            italic: Some(8),
        }
    }
}

/// Italic and bold, as a style sets them or an override block switches them.
#[derive(Clone, Copy, Default, PartialEq)]
struct Look {
    italic: bool,
    bold: bool,
}

struct Reader {
    doc: Document,
    section: Section,
    fields: Fields,
    style_fields: StyleFields,
    /// Each style's look by its name (of two with one name, the later).
    styles: ById<Look>,
    /// Events that repeat the one before them (a layer drawn over another), left out.
    repeats: u32,
    first_repeat: u32,
}

impl Reader {
    fn line(&mut self, number: u32, line: &str) {
        let line = line.trim();
        if line.is_empty() {
            return;
        }
        if line.starts_with('[') && line.ends_with(']') {
            let head = &line[1..line.len() - 1];
            let is = |name: &str| head.eq_ignore_ascii_case(name);
            self.section = if is("Script Info") {
                Section::Info
            } else if is("V4+ Styles") || is("V4 Styles") || is("V4 Styles+") {
                Section::Styles
            } else if is("Events") {
                Section::Events
            } else {
                Section::Other
            };
            return;
        }
        let (key, value) = match line.split_once(':') {
            Some((key, value)) => (key.trim(), value.trim()),
            None => ("", line),
        };
        match self.section {
            Section::Info => self.info(key, value),
            Section::Styles => self.style(key, value),
            Section::Events => self.event(number, key, value, line),
            Section::Other => {}
            Section::Preamble => keep_aside(&mut self.doc, number, line.to_owned(), true),
        }
    }

    /// `[Script Info]`: the title and the credits; the rest sets how the script is drawn (and
    /// `;` lines are comments, most often the tool that wrote it).
    fn info(&mut self, key: &str, value: &str) {
        const CREDITS: [&str; 6] = [
            "Original Script",
            "Original Translation",
            "Original Editing",
            "Original Timing",
            "Script Updated By",
            "Update Details",
        ];
        if value.is_empty() || value == "<unknown>" || key.starts_with(';') {
            return;
        }
        if key.eq_ignore_ascii_case("Title") {
            self.doc.title = Some(value.to_owned());
        } else if CREDITS.iter().any(|c| key.eq_ignore_ascii_case(c)) {
            self.doc.metadata.push(format!("{key}: {value}"));
        }
    }

    fn style(&mut self, key: &str, value: &str) {
        let fields: Vec<&str> = value.split(',').map(str::trim).collect();
        if key.eq_ignore_ascii_case("Format") {
            let at = |name: &str| fields.iter().position(|f| f.eq_ignore_ascii_case(name));
            self.style_fields = StyleFields {
                name: at("Name").unwrap_or(0),
                bold: at("Bold"),
                italic: at("Italic"),
            };
        } else if key.eq_ignore_ascii_case("Style") {
            let f = &self.style_fields;
            // `-1` is on, as SSA wrote it (and `1` by some tools); `0` off.
            let on =
                |at: Option<usize>| at.and_then(|at| fields.get(at)).is_some_and(|v| *v != "0");
            let look = Look {
                bold: on(f.bold),
                italic: on(f.italic),
            };
            let name = fields.get(f.name).copied().unwrap_or("");
            self.styles.set(name, look);
        }
    }

    fn event(&mut self, number: u32, key: &str, value: &str, line: &str) {
        let is = |name: &str| key.eq_ignore_ascii_case(name);
        if is("Format") {
            self.fields = Fields::of(value).unwrap_or_default();
            return;
        }
        let comment = is("Comment");
        if !comment && !is("Dialogue") {
            // `Picture:`, `Sound:`, `Movie:`, `Command:` (SSA's), or a line that is none.
            return keep_aside(&mut self.doc, number, line.to_owned(), true);
        }
        let f = &self.fields;
        let fields: Vec<&str> = value.splitn(f.count, ',').collect();
        if fields.len() < f.count {
            self.doc.warn(
                number,
                DiagnosticKind::BadCueTiming {
                    found: line.to_owned(),
                },
            );
            return keep_aside(&mut self.doc, number, value.to_owned(), false);
        }
        let field = |at: Option<usize>| at.map_or("", |at| fields[at].trim());
        let (text, name) = (fields[f.count - 1], field(f.name));
        let style = field(f.style).trim_start_matches('*');
        let (start_text, end_text) = (fields[f.start].trim(), fields[f.end].trim());
        let look = self.styles.get(style).copied().unwrap_or_default();
        let Some(start) = parse_clock(start_text) else {
            // The event's fields, the text left out.
            let found = line[..line.len() - text.len()].to_owned();
            self.doc
                .warn(number, DiagnosticKind::BadCueTiming { found });
            return keep_aside(&mut self.doc, number, plain_text(text), false);
        };
        if comment {
            // A line taken out of the script, a translator's note, a karaoke template: kept,
            // not shown as said.
            let text = plain_text(text);
            if !text.is_empty() {
                keep_aside(&mut self.doc, number, text, false);
            }
            return;
        }
        let mut turn = Turn::new(start, number);
        turn.end = match parse_clock(end_text) {
            Some(end) if end < start => {
                self.doc.warn(number, DiagnosticKind::EndBeforeStart);
                None
            }
            None => {
                let found = end_text.to_owned();
                self.doc
                    .warn(number, DiagnosticKind::UnreadableEnd { found });
                None
            }
            end => end,
        };
        fill_turn(
            &mut self.doc,
            &mut turn,
            pieces(text, look, start, &mut self.styles),
        );
        if turn.is_empty() {
            return; // a shape, or an event left empty (a new script's first)
        }
        if !name.is_empty() {
            turn.speaker = Some(self.doc.speaker_id(name));
        }
        let repeats = self.doc.turns.last().is_some_and(|last| {
            (last.start, last.end, last.speaker) == (turn.start, turn.end, turn.speaker)
                && last.blocks == turn.blocks
        });
        if repeats {
            if self.repeats == 0 {
                self.first_repeat = number;
            }
            self.repeats += 1;
            return;
        }
        self.doc.turns.push(turn);
    }

    fn finish(mut self) -> Document {
        let doc = &mut self.doc;
        if self.repeats > 0 {
            let count = self.repeats;
            doc.warn(self.first_repeat, DiagnosticKind::LayeredEvents { count });
        }
        finish_cues(doc);
        self.doc
    }
}

/// An event's text as its cue's pieces: a piece a line, styled (from `style`, the event's, and
/// those of `styles` an override names) and timed by its override blocks.
fn pieces(text: &str, style: Look, start: Millis, styles: &mut ById<Look>) -> Vec<Piece> {
    let mut pieces = Vec::with_capacity(2);
    let mut line = Line::new(style);
    // Where karaoke has got to: each `\k` times the syllable after it from here.
    let mut karaoke = start;
    let mut drawing = false;
    let mut any_close = true;
    let mut rest = text;
    while let Some(at) = memchr::memchr2(b'{', b'\\', rest.as_bytes()) {
        if !drawing {
            line.text.push_str(&rest[..at]);
        }
        rest = &rest[at..];
        if rest.starts_with('{') {
            // A brace that opens no block is text (and once one has none, none after it has).
            let close = if any_close { rest.find('}') } else { None };
            let Some(close) = close else {
                any_close = false;
                if !drawing {
                    line.text.push('{');
                }
                rest = &rest[1..];
                continue;
            };
            // Tags follow backslashes; what comes before the first is a comment.
            for tag in rest[1..close].split('\\').skip(1) {
                // `\i1` is `Some(Some(1))`, `\i` `Some(None)` (back to the style's), and
                // `\iclip(…)` no `\i` at all.
                let number = |name: &str| -> Option<Option<u32>> {
                    let n = tag.strip_prefix(name)?;
                    n.bytes()
                        .all(|b| b.is_ascii_digit())
                        .then(|| n.parse().ok())
                };
                if let Some(on) = number("i") {
                    line.set(Style::Emphasis, on.map_or(style.italic, |n| n > 0));
                } else if let Some(weight) = number("b") {
                    // `\b1`, or a weight: 700 is bold, 400 is not.
                    let bold = weight.map_or(style.bold, |n| n == 1 || n >= 600);
                    line.set(Style::Strong, bold);
                } else if let Some(name) = tag.strip_prefix('r') {
                    // Back to the event's style, or to the one named (`\rEnglish`).
                    let look = match name.trim() {
                        "" => style,
                        name => styles.get(name).copied().unwrap_or(style),
                    };
                    line.set(Style::Emphasis, look.italic);
                    line.set(Style::Strong, look.bold);
                } else if let Some(level) = number("p") {
                    drawing = level.is_some_and(|n| n > 0);
                } else if let Some(centiseconds) = ["kf", "ko", "k", "K"]
                    .iter()
                    .find_map(|k| number(k))
                    .flatten()
                {
                    line.marks.push((karaoke, line.text.len() as u32));
                    karaoke = Millis(karaoke.0.saturating_add(u64::from(centiseconds) * 10));
                }
            }
            rest = &rest[close + 1..];
        } else {
            // `\N` breaks the line (and `\n`, where the script wraps its own); `\h` is a space
            // that does not break.
            match rest.as_bytes().get(1) {
                Some(b'N' | b'n') => line.end(&mut pieces),
                Some(b'h') if !drawing => line.text.push('\u{A0}'),
                Some(b'h') => {}
                _ => {
                    if !drawing {
                        line.text.push('\\');
                    }
                    rest = &rest[1..];
                    continue;
                }
            }
            rest = &rest[2..];
        }
    }
    if !drawing {
        line.text.push_str(rest);
    }
    line.end(&mut pieces);
    pieces
}

/// The text of an event as a note: its lines without their override blocks.
fn plain_text(text: &str) -> String {
    let lines: Vec<String> = pieces(text, Look::default(), Millis::ZERO, &mut ById::default())
        .into_iter()
        .map(|p| p.paragraph.text)
        .collect();
    lines.join("\n")
}

/// The line of an event being read: its text so far, styled, and its karaoke marks.
struct Line {
    text: StyledText,
    marks: Vec<(Millis, u32)>,
    look: Look,
}

impl Line {
    fn new(look: Look) -> Line {
        let mut line = Line {
            text: StyledText::default(),
            marks: Vec::new(),
            look: Look::default(),
        };
        line.set(Style::Emphasis, look.italic);
        line.set(Style::Strong, look.bold);
        line
    }

    fn set(&mut self, style: Style, on: bool) {
        match style {
            Style::Emphasis => self.look.italic = on,
            _ => self.look.bold = on,
        }
        self.text.set(style, on);
    }

    /// Ends the line: a piece of the cue if it holds text, and a new line styled as it ended.
    fn end(&mut self, pieces: &mut Vec<Piece>) {
        let line = std::mem::replace(self, Line::new(self.look));
        let mut marks = line.marks;
        let paragraph = trim_paragraph(line.text.finish(), &mut marks);
        if !paragraph.text.is_empty() {
            add_line(pieces, Piece::new(Lang::Und, paragraph, marks));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lines(text: &str) -> Vec<(String, Vec<(u64, u32)>)> {
        pieces(text, Look::default(), Millis(1_000), &mut ById::default())
            .into_iter()
            .map(|p| {
                let marks = p.marks.iter().map(|&(t, at)| (t.0, at)).collect();
                (p.paragraph.text, marks)
            })
            .collect()
    }

    #[test]
    fn override_blocks_are_left_out_but_for_breaks_karaoke_and_drawings() {
        assert_eq!(
            lines(r"{\an8\pos(10,20)}你好{\fs20}世界\NHello, {comment}world"),
            [("你好世界".into(), vec![]), ("Hello, world".into(), vec![])]
        );
        // Karaoke times each syllable from the event's start, in centiseconds.
        assert_eq!(
            lines(r"{\k50}Hel{\kf30}lo {\K20}you"),
            [("Hello you".into(), vec![(1_000, 0), (1_500, 3), (1_800, 6)])]
        );
        // A drawing's commands are a shape, not text.
        assert_eq!(
            lines(r"{\p1}m 0 0 l 100 0 100 100{\p0}Sign\hhere"),
            [("Sign\u{A0}here".into(), vec![])]
        );
        // A brace that closes nothing, a backslash before no code: text.
        assert_eq!(lines(r"a { b \ c \x"), [(r"a { b \ c \x".into(), vec![])]);
    }

    #[test]
    fn italic_and_bold_come_from_the_style_and_the_overrides() {
        let styled = |text: &str, style: Look| {
            let mut styles = ById::default();
            styles.set(
                "Note",
                Look {
                    italic: true,
                    bold: true,
                },
            );
            let piece = pieces(text, style, Millis::ZERO, &mut styles).remove(0);
            let runs: Vec<(String, Style)> = piece
                .paragraph
                .runs()
                .map(|run| (run.text.to_owned(), run.style))
                .collect();
            runs
        };
        let italic = Look {
            italic: true,
            bold: false,
        };
        assert_eq!(
            styled(r"Off {\i0}on{\r} off", italic),
            [
                ("Off ".into(), Style::Emphasis),
                ("on".into(), Style::Plain),
                (" off".into(), Style::Emphasis)
            ]
        );
        assert_eq!(
            styled(
                r"{\b700}Bold{\b400} not{\iclip(0,0,1,1)\blur2}",
                Look::default()
            ),
            [
                ("Bold".into(), Style::Strong),
                (" not".into(), Style::Plain)
            ]
        );
        // `\r` and a style's name: that style's look; a name of none, the event's own.
        assert_eq!(
            styled(r"A {\rNote}note{\rNone} b", Look::default()),
            [
                ("A ".into(), Style::Plain),
                ("note".into(), Style::StrongEmphasis),
                (" b".into(), Style::Plain)
            ]
        );
    }
}
