//! WebVTT and SRT writers: one cue per turn, one line per paragraph, the spoken language first.
//! WebVTT carries the speaker as a `<v>` voice, emphasis as `<i>`/`<b>`, word timings as inline
//! timestamps, the header and the headings between turns as `NOTE` blocks (a WebVTT file's settings for players in its own
//! header), and a line's language as a `<lang>` span where its script would not tell it
//! (Spanish, whose script reads as English's); SRT, which has none of these, carries text,
//! times, emphasis and the speaker's name before the caption's text.

use crate::model::{Document, Lang, Paragraph, Run, Style, TextBlock};
use crate::script::script_lang;
use crate::time::Millis;
use crate::timeline::Timeline;

#[derive(Clone, Copy, PartialEq)]
enum Dialect {
    Vtt,
    Srt,
}

pub fn to_vtt(doc: &Document, timeline: &Timeline) -> String {
    let mut out = String::from("WEBVTT");
    if let Some(title) = &doc.title {
        out.push_str(" - ");
        out.push_str(&one_line(title));
    }
    out.push('\n');
    // A WebVTT file's settings for players (`Language: de`) back in the header, where players
    // read them; the other header lines in a note.
    let (settings, lines): (Vec<&String>, Vec<&String>) =
        doc.metadata.iter().partition(|l| doc.is_for_players(l));
    for line in settings {
        out.push_str(&one_line(line));
        out.push('\n');
    }
    out.push('\n');
    if !lines.is_empty() {
        out.push_str("NOTE\n");
        for line in lines {
            out.push_str(&note_safe(line));
            out.push('\n');
        }
        out.push('\n');
    }
    write_cues(doc, timeline, Dialect::Vtt, &mut out);
    out
}

pub fn to_srt(doc: &Document, timeline: &Timeline) -> String {
    let mut out = String::new();
    write_cues(doc, timeline, Dialect::Srt, &mut out);
    out
}

fn write_cues(doc: &Document, timeline: &Timeline, dialect: Dialect, out: &mut String) {
    let separator = if dialect == Dialect::Vtt { '.' } else { ',' };
    let mut headings = doc.headings.iter().peekable();
    for (i, turn) in doc.turns.iter().enumerate() {
        // A heading between turns (a chapter's, `## Part 2`) in a note before its turn's cue:
        // WebVTT has no other place for it, SRT none at all.
        while let Some(heading) = headings.next_if(|h| h.before_turn as usize <= i) {
            if dialect == Dialect::Vtt {
                push_note(&heading.text, out);
            }
        }
        out.push_str(&(i + 1).to_string());
        out.push('\n');
        let span = timeline.span(i);
        out.push_str(&span.start.cue_stamp(separator));
        out.push_str(" --> ");
        out.push_str(&span.end.max(span.start).cue_stamp(separator));
        out.push('\n');
        // WebVTT's voice; SRT has none, so the name starts the caption (`Chip Huyen: …`), as
        // subtitles for the deaf and hard of hearing name a speaker, and as its reader takes it.
        let voice = |out: &mut String| match (dialect, doc.speaker_name(turn)) {
            (Dialect::Vtt, Some(name)) => {
                out.push_str("<v ");
                out.push_str(&escape(&one_line(name)).replace('>', ""));
                out.push('>');
            }
            // (As its text is: SRT has no character references, and players show `&amp;`.)
            (Dialect::Srt, Some(name)) => {
                write_text(name, Dialect::Srt, out);
                out.push_str(": ");
            }
            (_, None) => {}
        };
        let mut first_line = true;
        for block in super::blocks_in_order(turn, &doc.languages) {
            for (p, paragraph) in block.paragraphs.iter().enumerate() {
                if paragraph.text.trim().is_empty() {
                    continue;
                }
                if first_line {
                    voice(out);
                }
                first_line = false;
                let marks = if dialect == Dialect::Vtt {
                    marks_of(block, p as u32, span.start)
                } else {
                    Vec::new()
                };
                // What a reader takes from the line's script alone (Latin for English) is all
                // that is sure to be read back.
                let untold = dialect == Dialect::Vtt
                    && block.lang != Lang::Und
                    && ![Lang::Und, block.lang].contains(&script_lang(&paragraph.text));
                if untold {
                    out.push_str("<lang ");
                    out.push_str(block.lang.code());
                    out.push('>');
                }
                tagged(paragraph, &marks, dialect, out);
                if untold {
                    out.push_str("</lang>");
                }
                out.push('\n');
            }
        }
        if first_line {
            // A cue needs a payload line; an empty turn keeps its place (and in WebVTT its
            // speaker) with a non-breaking space (SRT's `Bob:` over nothing would read as words).
            if dialect == Dialect::Vtt {
                voice(out);
            }
            out.push('\u{A0}');
            out.push('\n');
        }
        out.push('\n');
        if dialect == Dialect::Vtt {
            for note in &turn.notes {
                push_note(&note.text, out);
            }
        }
    }
}

/// `(byte offset, time)` of each timed range of paragraph `p`, except one at the very start that
/// says no more than the cue's own start.
fn marks_of(block: &TextBlock, p: u32, cue_start: Millis) -> Vec<(u32, Millis)> {
    let mut marks: Vec<_> = block
        .timings
        .iter()
        .filter(|t| t.paragraph == p && !(t.from == 0 && t.start == cue_start))
        .map(|t| (t.from, t.start))
        .collect();
    // In the text's order, as they are written into it (a block's timed ranges need not be).
    crate::order::sort_stably_by_key(&mut marks, |&(from, _)| u64::from(from));
    marks
}

/// Writes a paragraph with `<i>`/`<b>` for its styles and `<hh:mm:ss.mmm>` at its marks.
fn tagged(p: &Paragraph, marks: &[(u32, Millis)], dialect: Dialect, out: &mut String) {
    let mut marks = marks.iter().peekable();
    let mut offset = 0u32;
    for Run {
        text: run, style, ..
    } in p.runs()
    {
        let (open, close) = match style {
            Style::Plain | Style::Code => ("", ""),
            Style::Emphasis => ("<i>", "</i>"),
            Style::Strong => ("<b>", "</b>"),
            Style::StrongEmphasis => ("<b><i>", "</i></b>"),
        };
        out.push_str(open);
        let run_end = offset + run.len() as u32;
        let mut from = 0usize;
        while let Some(&&(at, time)) = marks.peek() {
            if at >= run_end && !(at == run_end && run_end == p.text.len() as u32) {
                break;
            }
            let cut = (at - offset) as usize;
            write_text(&run[from..cut.max(from)], dialect, out);
            from = cut.max(from);
            out.push('<');
            out.push_str(&time.cue_stamp('.'));
            out.push('>');
            marks.next();
        }
        write_text(&run[from..], dialect, out);
        out.push_str(close);
        offset = run_end;
    }
}

fn write_text(text: &str, dialect: Dialect, out: &mut String) {
    // Nearly all text needs nothing done to it, and is written as it is, without the copies
    // below (a 10 MB transcript's export took twice as long with them).
    let plain = match dialect {
        Dialect::Vtt => !text
            .bytes()
            .any(|b| matches!(b, b'\n' | b'\r' | b'&' | b'<' | b'>')),
        Dialect::Srt => !text.bytes().any(|b| matches!(b, b'\n' | b'\r')) && !text.contains("-->"),
    };
    if plain {
        out.push_str(text);
        return;
    }
    let text = one_line(text);
    match dialect {
        Dialect::Vtt => out.push_str(&escape(&text)),
        Dialect::Srt => out.push_str(&text.replace("-->", "->")),
    }
}

/// Cue text may not contain `&`, `<` or `>` raw (that also keeps `-->` out of a payload).
fn escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

fn push_note(text: &str, out: &mut String) {
    out.push_str("NOTE\n");
    out.push_str(&note_safe(text));
    out.push_str("\n\n");
}

/// A NOTE block ends at a blank line and may not contain `-->`.
fn note_safe(s: &str) -> String {
    s.lines()
        .filter(|l| !l.trim().is_empty())
        .collect::<Vec<_>>()
        .join("\n")
        .replace("-->", "->")
}

fn one_line(s: &str) -> String {
    if s.contains(['\n', '\r']) {
        s.split(['\n', '\r'])
            .filter(|l| !l.is_empty())
            .collect::<Vec<_>>()
            .join(" ")
    } else {
        s.to_owned()
    }
}
