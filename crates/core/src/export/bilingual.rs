//! Writer for the bilingual layout of the sample, such that reading the output back gives the
//! same title, metadata, turns, headings and notes. Text that would read back as structure (a line
//! starting with `[00:01]`, `#`, `---`, or `English:`) is escaped with a backslash.

use std::borrow::Cow;

use crate::inline::is_escapable;
use crate::model::{Document, Lang, Paragraph, Style};
use crate::read_bilingual::is_structural;
use crate::read_lrc::{self, LRC_LINES_LOOKED_AT};
use crate::timeline::Timeline;

pub fn to_bilingual(doc: &Document, _timeline: &Timeline) -> String {
    let mut out = String::new();
    if let Some(title) = &doc.title {
        out.push_str("# ");
        push_text_line(&escape_markup(title), &mut out);
        out.push_str("\n\n");
    } else if !doc.metadata.is_empty() {
        // An empty title, or the first line of the metadata would read back as the title.
        out.push_str("#\n\n");
    }
    for line in &doc.metadata {
        push_text_line(&escape_markup(line), &mut out);
        out.push_str("\n\n");
    }
    if doc.title.is_some() || !doc.metadata.is_empty() {
        out.push_str("---\n\n");
    }
    let mut headings = doc.headings.iter().peekable();
    for (i, turn) in doc.turns.iter().enumerate() {
        while let Some(h) = headings.next_if(|h| h.before_turn as usize <= i) {
            push_heading(h.level, &h.text, &mut out);
        }
        out.push('[');
        if doc.start_is_estimated(turn) {
            // Marked as estimates, so that they read back as such.
            out.push('≈');
        }
        out.push_str(&turn.start.bracket_stamp());
        // The end a cue gave, as a range, so that it reads back as it was and not as estimated.
        if let Some(end) = turn.end {
            out.push_str(" - ");
            out.push_str(&end.bracket_stamp());
        }
        out.push(']');
        if let Some(name) = doc.speaker_name(turn) {
            out.push(' ');
            // A name that reads as words said (`Guest speaker`) is written in bold, which says
            // it is a name.
            match crate::read_bilingual::reads_as_name(name) {
                true => out.push_str(&escape_markup(name)),
                false => {
                    out.push_str("**");
                    out.push_str(&escape_markup(name));
                    out.push_str("**");
                }
            }
        }
        out.push_str("\n\n");
        // Text in no known language goes first and unlabelled, so it reads back the same way.
        let in_order = || super::blocks_in_order(turn, &doc.languages);
        let unlabelled = in_order().filter(|b| b.lang == Lang::Und);
        for block in unlabelled.chain(in_order().filter(|b| b.lang != Lang::Und)) {
            if block.lang != Lang::Und {
                out.push_str(block.lang.label());
                out.push_str(":\n\n");
            }
            for paragraph in &block.paragraphs {
                push_text_line(&markdown(paragraph), &mut out);
                out.push_str("\n\n");
            }
        }
        out.push_str("---\n\n");
        for note in &turn.notes {
            push_text_line(&escape_markup(&note.text), &mut out);
            out.push_str("\n\n");
        }
    }
    for h in headings {
        push_heading(h.level, &h.text, &mut out);
    }
    out.truncate(out.trim_end().len());
    out.push('\n');
    match crate::detect(&out) {
        crate::Format::Bilingual => {}
        format => out = unmistakable(&out, format),
    }
    out
}

fn push_heading(level: u8, text: &str, out: &mut String) {
    out.push_str(&"#".repeat(level.clamp(1, 6) as usize));
    out.push(' ');
    push_text_line(&escape_markup(text), out);
    out.push_str("\n\n");
}

/// The text with its first lines escaped so that it cannot be taken for another format: a header
/// line such as `0:00 --> 4` (kept as text from a broken cue) would otherwise read back as SRT,
/// one starting `WEBVTT` as WebVTT, one such as `[ar:The Band]` (from lyrics read as text)
/// as LRC, and one naming a table's columns (`start,end,text`) as a table. The first line of
/// such a WebVTT or table becomes a `#` heading: the reader takes the first header line as the
/// title either way, so what it reads back is the same.
fn unmistakable(text: &str, format: crate::Format) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    let mut escaped = 0;
    let mut lines_seen = 0;
    for line in text.split_inclusive('\n') {
        let trimmed = line.trim();
        if !trimmed.is_empty() {
            lines_seen += 1;
            // (As many lines as LRC is looked for in.)
            if lines_seen <= LRC_LINES_LOOKED_AT && read_lrc::id_tag(trimmed).is_some() {
                out.push('\\');
            }
        }
        if escaped < 2 && !trimmed.is_empty() {
            let heading = line.trim_start().starts_with("WEBVTT") || format == crate::Format::Table;
            if escaped == 0 && heading && !line.starts_with("# ") {
                out.push_str("# ");
            }
            escaped += 1;
            let line = line.replacen("-->", "-\\->", 1);
            match line.strip_prefix('{') {
                Some(rest) => {
                    out.push_str("\\{");
                    out.push_str(rest);
                }
                None => out.push_str(&line),
            }
        } else {
            out.push_str(line);
        }
    }
    out
}

/// Writes one line of text, escaped where it would otherwise read back as structure.
fn push_text_line(text: &str, out: &mut String) {
    let joined;
    let text = if text.contains(['\n', '\r']) {
        joined = text.replace(['\n', '\r'], " ");
        joined.trim()
    } else {
        text.trim()
    };
    if is_structural(text) {
        // A backslash before the colon of a would-be label (`English\:`), or of a time after a
        // name (`**Ann** 0\:05`), or else before the first mark (`\[`, `\#`, `\-`, `\【`),
        // makes the line plain text; the reader drops the backslash. (Not before the first colon,
        // a time's, in a line that is a label by its brackets: `【中文】 at [00:00:08]`; and not
        // before a bold line's first mark, which would undo the bold.)
        let escaped_at = |colon: usize| format!("{}\\{}", &text[..colon], &text[colon..]);
        let first = text
            .find([':', '：'])
            .filter(|_| !text.starts_with(|c: char| c.is_ascii_punctuation()));
        let before_colon = first
            .map(escaped_at)
            .filter(|escaped| !is_structural(escaped))
            .or_else(|| text.rfind(':').map(escaped_at))
            .filter(|escaped| !is_structural(escaped));
        match before_colon {
            Some(escaped) => out.push_str(&escaped),
            None => {
                out.push('\\');
                out.push_str(text);
            }
        }
    } else {
        out.push_str(text);
    }
}

/// A paragraph as Markdown: styles as asterisks (whitespace kept outside them), literal
/// asterisks and backslashes escaped.
fn markdown(p: &Paragraph) -> String {
    let mut out = String::with_capacity(p.text.len() + 8);
    for (run, style) in p.runs() {
        let marker = match style {
            Style::Plain => "",
            Style::Emphasis => "*",
            Style::Strong => "**",
            Style::StrongEmphasis => "***",
        };
        let core = run.trim();
        if marker.is_empty() || core.is_empty() {
            out.push_str(&escape_markup(run));
            continue;
        }
        let lead = &run[..run.len() - run.trim_start().len()];
        let trail = &run[run.trim_end().len()..];
        out.push_str(lead);
        out.push_str(marker);
        out.push_str(&escape_markup(core));
        out.push_str(marker);
        out.push_str(trail);
    }
    out
}

/// Escapes what inline parsing would take as markup: `*`, and `\` before punctuation.
fn escape_markup(s: &str) -> Cow<'_, str> {
    if !s.contains(['*', '\\']) {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 4);
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '*' => out.push_str("\\*"),
            '\\' if chars.peek().is_some_and(|&n| is_escapable(n)) => out.push_str("\\\\"),
            _ => out.push(c),
        }
    }
    Cow::Owned(out)
}
