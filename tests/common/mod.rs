//! Test helpers: a readable dump of a document, and the spec-file check built on it.
#![allow(dead_code)] // each test binary uses part of this module

use std::fmt::Write;
use std::path::Path;

use interlinear::core::{Document, Paragraph, Style, Timeline};

/// A paragraph with its styles and links as HTML-like tags (`<em>`, `<strong>`, `<code>`,
/// `<a href=…>`), so that they are visible in a dump or a comparison (the model holds no markup).
pub fn marked_up(p: &Paragraph) -> String {
    let mut text = String::new();
    let mut open_link = None;
    for run in p.runs() {
        if run.link != open_link {
            if open_link.is_some() {
                text.push_str("</a>");
            }
            if let Some(link) = run.link {
                write!(text, "<a href={}>", p.links[link].url).unwrap();
            }
            open_link = run.link;
        }
        let t = run.text;
        match run.style {
            Style::Plain => text.push_str(t),
            Style::Emphasis => write!(text, "<em>{t}</em>").unwrap(),
            Style::Strong => write!(text, "<strong>{t}</strong>").unwrap(),
            Style::StrongEmphasis => write!(text, "<strong><em>{t}</em></strong>").unwrap(),
            Style::Code => write!(text, "<code>{t}</code>").unwrap(),
        }
    }
    if open_link.is_some() {
        text.push_str("</a>");
    }
    text
}

/// The document as text, every field a test may care about, one fact per line. Styles and links
/// show as tags ([`marked_up`]) so they are visible in the dump.
pub fn dump(doc: &Document) -> String {
    let timeline = Timeline::new(doc, None);
    let mut out = String::new();
    writeln!(out, "format: {}", doc.format.name()).unwrap();
    writeln!(out, "title: {}", doc.title.as_deref().unwrap_or("-")).unwrap();
    for m in &doc.metadata {
        writeln!(out, "meta: {m}").unwrap();
    }
    let langs: Vec<_> = doc.languages.iter().map(|l| doc.lang_tag(*l)).collect();
    writeln!(out, "languages: {}", langs.join(" ")).unwrap();
    writeln!(out, "speakers: {}", doc.speakers.join(" | ")).unwrap();
    let mut headings = doc.headings.iter().peekable();
    for (i, turn) in doc.turns.iter().enumerate() {
        while let Some(h) = headings.next_if(|h| h.before_turn as usize <= i) {
            writeln!(out, "heading {} (line {}): {}", h.level, h.line, h.text).unwrap();
        }
        let span = timeline.span(i);
        let stated = if turn.end.is_some() { "" } else { " (derived)" };
        let about = if turn.estimated_start { "≈" } else { "" };
        writeln!(
            out,
            "turn {} line {}: {}{} .. {}{} {}",
            i,
            turn.line,
            about,
            span.start.bracket_stamp(),
            span.end.bracket_stamp(),
            stated,
            doc.speaker_name(turn).unwrap_or("-")
        )
        .unwrap();
        for block in &turn.blocks {
            for p in &block.paragraphs {
                writeln!(out, "  {}: {}", block.lang.code(), marked_up(p)).unwrap();
            }
            for t in &block.timings {
                let text =
                    &block.paragraphs[t.paragraph as usize].text[t.from as usize..t.to as usize];
                let end = t.end.map_or("?".into(), |e| e.bracket_stamp());
                writeln!(
                    out,
                    "  {} timing {} .. {}: {}",
                    block.lang.code(),
                    t.start.bracket_stamp(),
                    end,
                    text
                )
                .unwrap();
            }
        }
        for note in &turn.notes {
            writeln!(out, "  note (line {}): {}", note.line, note.text).unwrap();
        }
    }
    for h in headings {
        writeln!(out, "heading {} (line {}): {}", h.level, h.line, h.text).unwrap();
    }
    for d in &doc.diagnostics {
        writeln!(out, "diagnostic: {d}").unwrap();
    }
    out
}

/// Compares `actual` with the expected file; with `UPDATE_EXPECT=1` writes it instead.
pub fn check(expected_path: &Path, actual: &str) {
    if std::env::var_os("UPDATE_EXPECT").is_some() {
        std::fs::write(expected_path, actual).unwrap();
        return;
    }
    let expected = std::fs::read_to_string(expected_path).unwrap_or_else(|_| {
        panic!(
            "missing {} (run with UPDATE_EXPECT=1, then read it)",
            expected_path.display()
        )
    });
    if expected != actual {
        let diff: Vec<String> = expected
            .lines()
            .zip(actual.lines())
            .enumerate()
            .filter(|(_, (e, a))| e != a)
            .take(5)
            .map(|(i, (e, a))| format!("line {}:\n  expected: {e}\n  actual:   {a}", i + 1))
            .collect();
        panic!(
            "{} differs ({} vs {} lines)\n{}",
            expected_path.display(),
            expected.lines().count(),
            actual.lines().count(),
            diff.join("\n")
        );
    }
}
