//! Reader for MicroDVD and MPL2 subtitles, a cue a line: `{1200}{1320}Hello.|Witaj.` (MicroDVD:
//! the frames a cue starts and ends at) and `[120][132]Hello.|Witaj.` (MPL2: tenths of a
//! second), the formats films' subtitles were shared in before SRT, as Polish ones still are.
//! `|` ends a line, so a cue of a line in each language is one bilingual turn, as a cue of two
//! lines is in SRT.
//!
//! A MicroDVD file says its frame rate, if it does, in a first cue at frame 0 or 1 holding the
//! rate alone (`{1}{1}23.976`); without one, frames are read at 23.976 a second, the rate most
//! were made for, and a note says so. Of the style codes (`{y:i}` for a line, `{Y:i}` for the
//! rest of the cue; colours, fonts, positions), italic and bold are kept and the rest left out;
//! `/` before a line italicises it (MPL2's way, which MicroDVD files use too). Behind the
//! feature `microdvd`, as the other readers of films' subtitles: the embed leaves it out.

use super::decimal;
use super::inline::StyledText;
use super::lines::filled_lines;
use super::model::{Diagnostic, DiagnosticKind, Document, Format, Lang, Style, Turn};
use super::read_cues::{add_line, fill_turn, finish_cues, keep_aside, trim_paragraph, Piece};
use super::time::Millis;
use super::Pause;

/// The frame rate a MicroDVD file without one is read at: film's, as NTSC video carries it.
const USUAL_RATE: &str = "23.976";

/// The frame rates a reader may choose to read a MicroDVD file at ([`at_frame_rate`]): film's,
/// as NTSC video and as shot, PAL video's (a film's subtitles made for it run 4% faster) and
/// NTSC video's.
pub const FRAME_RATES: [&str; 5] = [USUAL_RATE, "24", "25", "29.97", "30"];

pub async fn read(
    text: &str,
    format: Format,
    diagnostics: Vec<Diagnostic>,
    pause: &mut Pause<'_>,
) -> Document {
    let mut doc = Document::of(format, diagnostics);
    // Milliseconds a frame or a tenth of a second, and the line a MicroDVD file gave its rate on.
    let mut unit = match format {
        Format::Mpl2 => 100.0,
        _ => 1000.0 / decimal::parse(USUAL_RATE).unwrap_or(24.0),
    };
    let mut rate_line = None;
    let mut first = true;
    for (number, line, pause_due) in filled_lines(text) {
        if pause_due {
            if let Some(paused) = pause() {
                paused.await;
            }
        }
        let Some((start, end, payload)) = cue_times(line, format) else {
            keep_aside(&mut doc, number, line.to_owned(), true);
            continue;
        };
        if format == Format::MicroDvd && first && start.is_some_and(|s| s <= 1) {
            if let Some(rate) = frames_a_second(payload) {
                unit = 1000.0 / rate;
                rate_line = Some((number, payload.to_owned()));
                first = false;
                continue;
            }
        }
        first = false;
        // A time past what a clock writes (a thousand hours) is no time, as in the other formats.
        let at = |count: u64| {
            let ms = (count as f64 * unit).round();
            (ms <= Millis::LATEST.0 as f64).then_some(Millis(ms as u64))
        };
        // The cue's times as written, for a note.
        let times = || line[..line.len() - payload.len()].to_owned();
        let (Some(start), end) = (start.and_then(at), end.map(at)) else {
            doc.warn(number, DiagnosticKind::BadCueTiming { found: times() });
            keep_aside(&mut doc, number, payload.to_owned(), false);
            continue;
        };
        let mut turn = Turn::new(start, number);
        turn.end = match end {
            Some(Some(end)) if end < start => {
                doc.warn(number, DiagnosticKind::EndBeforeStart);
                None
            }
            Some(None) => {
                doc.warn(number, DiagnosticKind::UnreadableEnd { found: times() });
                None
            }
            end => end.flatten(),
        };
        let mut pieces: Vec<Piece> = Vec::with_capacity(2);
        let mut whole_cue = StyleCodes::default();
        for part in payload.split('|') {
            let piece = payload_line(part, &mut whole_cue);
            if !piece.paragraph.text.is_empty() {
                add_line(&mut pieces, piece);
            }
        }
        fill_turn(&mut doc, &mut turn, pieces);
        if turn.is_empty() {
            doc.warn(number, DiagnosticKind::EmptyTurn);
        }
        doc.turns.push(turn);
    }
    if format == Format::MicroDvd && !doc.turns.is_empty() {
        let (line, rate) = rate_line.unwrap_or((0, String::new()));
        let chosen = false;
        doc.warn(line, DiagnosticKind::FrameRate { rate, chosen });
    }
    finish_cues(&mut doc);
    doc
}

/// A cue line's start and end (frames or tenths of a second; `None` where one is empty or no
/// number) and its text: `None` if the line does not start as a cue of `format` does.
fn cue_times(line: &str, format: Format) -> Option<(Option<u64>, Option<u64>, &str)> {
    let (open, close) = match format {
        Format::Mpl2 => ('[', ']'),
        _ => ('{', '}'),
    };
    let mut rest = line;
    let mut count = || {
        let inside = rest.strip_prefix(open)?;
        let end = inside.find(close)?;
        rest = &inside[end + 1..];
        Some(inside[..end].trim().parse::<u64>().ok())
    };
    let start = count()?;
    let end = count()?;
    Some((start, end, rest))
}

/// Whether a line read is italic or bold by a code that lasts the rest of the cue (`{Y:i}`).
#[derive(Default, Clone, Copy)]
struct StyleCodes {
    italic: bool,
    bold: bool,
}

/// One line of a cue (between `|`s): its style codes read, and taken out.
fn payload_line(line: &str, whole_cue: &mut StyleCodes) -> Piece {
    let line = line.trim();
    let (slash, line) = match line.strip_prefix('/') {
        Some(rest) => (true, rest.trim_start()),
        None => (false, line),
    };
    let mut this_line = StyleCodes {
        italic: slash,
        bold: false,
    };
    let mut out = StyledText::with_capacity(line.len());
    let styled = |out: &mut StyledText, cue: StyleCodes, line: StyleCodes| {
        out.set(Style::Emphasis, cue.italic || line.italic);
        out.set(Style::Strong, cue.bold || line.bold);
    };
    styled(&mut out, *whole_cue, this_line);
    let mut rest = line;
    while let Some(at) = rest.find('{') {
        out.push_str(&rest[..at]);
        match style_code(&rest[at..], whole_cue, &mut this_line) {
            Some(length) => {
                styled(&mut out, *whole_cue, this_line);
                rest = &rest[at + length..];
            }
            None => {
                out.push('{');
                rest = &rest[at + 1..];
            }
        }
    }
    out.push_str(rest);
    let mut paragraph = out.finish();
    if paragraph.text.trim().len() != paragraph.text.len() {
        paragraph = trim_paragraph(paragraph, &mut []);
    }
    Piece::new(Lang::Und, paragraph, Vec::new())
}

/// The longest style code (a font's name, a colour): a `{` with no `}` this near is text, so
/// that a line of `{`s is read in linear time.
const LONGEST_CODE: usize = 64;

/// The length of the style code `s` starts with (`{y:i}`, `{c:$0000FF}`), if it starts with
/// one; an italic or bold one is noted in `this_line` (`y`) or `whole_cue` (`Y`).
fn style_code(s: &str, whole_cue: &mut StyleCodes, this_line: &mut StyleCodes) -> Option<usize> {
    let near = &s.as_bytes()[..s.len().min(LONGEST_CODE)];
    let end = memchr::memchr(b'}', near)?;
    let code = &s[1..end];
    let (kind, value) = code.split_once(':')?;
    if kind.len() != 1 || !kind.as_bytes()[0].is_ascii_alphabetic() {
        return None;
    }
    if kind.eq_ignore_ascii_case("y") {
        let styles = if kind == "Y" { whole_cue } else { this_line };
        for style in value.split(',') {
            match style.trim().to_ascii_lowercase().as_str() {
                "i" => styles.italic = true,
                "b" => styles.bold = true,
                _ => {}
            }
        }
    }
    Some(end + 1)
}

/// `rate` as frames a second, if it is a rate (a number above 0 and below 1,000).
fn frames_a_second(rate: &str) -> Option<f64> {
    decimal::parse(rate).filter(|&r| r > 0.0 && r < 1000.0)
}

/// The frame rate `doc`, a MicroDVD file's, was read at, as its note says; `None` for another
/// format's.
pub fn frame_rate(doc: &Document) -> Option<&str> {
    doc.diagnostics.iter().find_map(|d| match &d.kind {
        DiagnosticKind::FrameRate { rate, .. } if rate.is_empty() => Some(USUAL_RATE),
        DiagnosticKind::FrameRate { rate, .. } => Some(rate.as_str()),
        _ => None,
    })
}

/// `doc`, a MicroDVD file's, as read at `rate` frames a second rather than the rate it was
/// (the reader's choice, where the file gives none or a wrong one: its lines run ahead of the
/// audio, or behind, more the later they are): every time scaled, and its note saying so.
/// Whether it was: not for another format's, or a `rate` that is no rate.
pub fn at_frame_rate(doc: &mut Document, rate: &str) -> bool {
    let (Some(was), Some(now)) = (
        frame_rate(doc).and_then(frames_a_second),
        frames_a_second(rate),
    ) else {
        return false;
    };
    doc.retime(|t| Millis(((t.0 as f64 * was / now).round() as u64).min(Millis::LATEST.0)));
    for note in &mut doc.diagnostics {
        if let DiagnosticKind::FrameRate { rate: said, chosen } = &mut note.kind {
            *said = rate.to_owned();
            *chosen = true;
        }
    }
    true
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::read_str;

    /// Frames or tenths past a thousand hours (or past any number) are no time: the cue is kept
    /// as a note, or its end derived, and nothing after overflows.
    #[test]
    fn times_past_what_a_clock_writes_are_no_times() {
        let doc = read_str("{18446744073709551615}{}Never.\n{5}{99999999999999}Now.\n");
        assert_eq!(doc.turns.len(), 1);
        assert_eq!(doc.turns[0].end, None);
        assert_eq!(doc.metadata, ["Never."]);
        let said: Vec<String> = doc.diagnostics.iter().map(|d| d.to_string()).collect();
        assert!(
            said[1].contains("`{18446744073709551615}{}` is not a cue timing line"),
            "{said:?}"
        );
        assert!(
            said[2].contains("`{5}{99999999999999}` is not a valid end time"),
            "{said:?}"
        );
        let mpl2 = read_str("[18446744073709551615][]Never.\n");
        assert!(mpl2.turns.is_empty());
        crate::Timeline::new(&doc, None);
    }

    /// Read at the rate chosen, a file's times are those its frames make at that rate, and its
    /// note says the rate was chosen; another format's are left alone.
    #[test]
    fn a_file_read_at_another_frame_rate_has_the_times_its_frames_make_at_it() {
        let mut doc = read_str("{100}{150}One.\n{1000}{}Two.\n");
        assert_eq!(frame_rate(&doc), Some("23.976"));
        assert_eq!(doc.turns[1].start, Millis(41_708));
        assert!(at_frame_rate(&mut doc, "25"));
        let times: Vec<_> = doc
            .turns
            .iter()
            .map(|t| (t.start.0, t.end.map(|e| e.0)))
            .collect();
        assert_eq!(times, [(4_000, Some(6_000)), (40_000, None)]);
        assert_eq!(frame_rate(&doc), Some("25"));
        assert_eq!(
            doc.diagnostics[0].to_string(),
            "frames read as times at 25 a second, as chosen"
        );
        assert!(!at_frame_rate(&mut doc, "fast"));
        // Read slower, no time goes past what a clock writes.
        let mut late = read_str("{1}{1}30\n{107891000}{}Late.\n");
        assert!(at_frame_rate(&mut late, "0.5"));
        assert_eq!(late.turns[0].start, Millis::LATEST);
        let mut srt = read_str("1\n00:00:01,000 --> 00:00:02,000\nHi.\n");
        assert!(!at_frame_rate(&mut srt, "25"));
        assert_eq!(srt.turns[0].start, Millis(1_000));
    }
}
