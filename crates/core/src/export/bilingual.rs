//! Writer for the bilingual layout of the sample, such that reading the output back gives the
//! same title, metadata, turns, headings and notes. Text that would read back as structure (a line
//! starting with `[00:01]`, `#`, `---`, or `English:`) is escaped with a backslash.

use std::borrow::Cow;

use crate::inline::{bare_url_at, fences, found_from, is_escapable, is_linkable};
use crate::model::{Document, Lang, Paragraph, Style};
use crate::read_bilingual::{is_markup, is_structural};
use crate::read_lrc::{self, LRC_LINES_LOOKED_AT};
use crate::timeline::Timeline;

pub fn to_bilingual(doc: &Document, _timeline: &Timeline) -> String {
    let mut out = String::new();
    if let Some(title) = &doc.title {
        out.push_str("# ");
        push_text_line(&escape_markup(title, false), &mut out);
        out.push_str("\n\n");
    } else if !doc.metadata.is_empty() {
        // An empty title, or the first line of the metadata would read back as the title.
        out.push_str("#\n\n");
    }
    for line in &doc.metadata {
        push_text_line(&escape_markup(line, false), &mut out);
        out.push_str("\n\n");
    }
    if doc.title.is_some() || !doc.metadata.is_empty() {
        out.push_str("---\n\n");
    }
    let mut headings = doc.headings.iter().peekable();
    // A dialogue's `Name: text` is read as a speaker's line only in turns that name none (or in a
    // file without times): where every turn names its speaker, a paragraph's `王伟：你好` needs no
    // backslash before its colon, which other Markdown shows where it is not ASCII (`\：`).
    let structural_in_turn = match doc.turns.iter().all(|t| t.speaker.is_some()) {
        true => is_markup,
        false => is_structural,
    };
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
            // An underscore at either end, which the reader takes for emphasis, escaped too.
            let escaped = escape_markup(name, false);
            let escaped = match escaped.starts_with('_') || escaped.ends_with('_') {
                true => Cow::Owned(escape_ends(&escaped, '_')),
                false => escaped,
            };
            match crate::read_bilingual::reads_as_name(name) {
                true => out.push_str(&escaped),
                false => {
                    out.push_str("**");
                    out.push_str(&escaped);
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
                // Chinese in traditional characters labelled in them, as its writer would.
                out.push_str(match block.lang {
                    Lang::Zh if doc.traditional_chinese => "中文翻譯",
                    lang => lang.label(),
                });
                out.push_str(":\n\n");
            }
            for paragraph in &block.paragraphs {
                push_line(&markdown(paragraph), structural_in_turn, &mut out);
                out.push_str("\n\n");
            }
        }
        out.push_str("---\n\n");
        for note in &turn.notes {
            push_text_line(&escape_markup(&note.text, false), &mut out);
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
    push_text_line(&escape_markup(text, false), out);
    out.push_str("\n\n");
}

/// The text with its first lines escaped so that it cannot be taken for another format: a header
/// line such as `0:00 --> 4` or `0:00 -> 4` (kept as text from a broken cue) would otherwise read back as SRT,
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
        // (As many lines as cue timings are looked for in.)
        let line = match lines_seen <= crate::CUE_TIMINGS_LOOKED_AT && line.contains('>') {
            true => Cow::Owned(without_arrows(line)),
            false => Cow::Borrowed(line),
        };
        if escaped < 2 && !trimmed.is_empty() {
            let heading = line.trim_start().starts_with("WEBVTT") || format == crate::Format::Table;
            if escaped == 0 && heading && !line.starts_with("# ") {
                out.push_str("# ");
            }
            escaped += 1;
            match line.strip_prefix('{') {
                Some(rest) => {
                    out.push_str("\\{");
                    out.push_str(rest);
                }
                None => out.push_str(&line),
            }
        } else {
            out.push_str(&line);
        }
    }
    out
}

/// The line with the `>` of each arrow a cue timing is read with (`-->`, `->`, `—>`) escaped.
fn without_arrows(line: &str) -> String {
    let mut out = String::with_capacity(line.len() + 1);
    let mut after_dash = false;
    for c in line.chars() {
        if c == '>' && after_dash {
            out.push('\\');
        }
        out.push(c);
        after_dash = matches!(c, '-' | '–' | '—');
    }
    out
}

/// Writes one line of text, escaped where it would otherwise read back as structure.
fn push_text_line(text: &str, out: &mut String) {
    push_line(text, is_structural, out);
}

/// Writes one line of text, escaped where `structural` says it would read back as structure.
fn push_line(text: &str, structural: fn(&str) -> bool, out: &mut String) {
    let joined;
    let text = if text.contains(['\n', '\r']) {
        joined = text.replace(['\n', '\r'], " ");
        joined.trim()
    } else {
        text.trim()
    };
    if structural(text) {
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
            .filter(|escaped| !structural(escaped))
            .or_else(|| text.rfind([':', '：']).map(escaped_at))
            .filter(|escaped| !structural(escaped));
        // (A rule of dashes escaped after its first: `\---` reads as an escaped rule, as Google
        // Docs writes one.)
        let after_first = text.starts_with("--").then(|| escaped_at(1));
        match before_colon.or(after_first.filter(|escaped| !structural(escaped))) {
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

/// A paragraph as Markdown: styles as asterisks (whitespace kept outside them), code in
/// backticks, links as `[text](address)`, and what would read back as markup escaped.
fn markdown(p: &Paragraph) -> String {
    let mut out = String::with_capacity(p.text.len() + 8);
    let mut open_link = None;
    let close_link = |link: Option<usize>, out: &mut String| {
        if let Some(link) = link {
            out.push_str("](");
            push_address(&p.links[link].url, out);
            out.push(')');
        }
    };
    for run in p.runs() {
        if run.link != open_link {
            close_link(open_link, &mut out);
            open_link = run.link;
            if let Some(link) = run.link.map(|l| &p.links[l]) {
                // A link whose text is its address, as `<https://…>`.
                let whole = (link.end - link.start) as usize == run.text.len();
                if whole
                    && run.style == Style::Plain
                    && p.shows_address(link)
                    && is_autolink(&link.url)
                {
                    out.push('<');
                    out.push_str(&link.url);
                    out.push('>');
                    open_link = None;
                    continue;
                }
                // A `!` before it would make it an image's.
                if out.ends_with('!') {
                    out.pop();
                    out.push_str("\\!");
                }
                out.push('[');
            }
        }
        let in_link = run.link.is_some();
        let marker = match run.style {
            Style::Plain => "",
            Style::Emphasis => "*",
            Style::Strong => "**",
            Style::StrongEmphasis => "***",
            Style::Code => {
                push_code(run.text, &mut out);
                continue;
            }
        };
        let core = run.text.trim();
        if marker.is_empty() || core.is_empty() {
            out.push_str(&escape_markup(run.text, in_link));
            continue;
        }
        let lead = &run.text[..run.text.len() - run.text.trim_start().len()];
        let trail = &run.text[run.text.trim_end().len()..];
        out.push_str(lead);
        out.push_str(marker);
        out.push_str(&escape_markup(core, in_link));
        out.push_str(marker);
        out.push_str(trail);
    }
    close_link(open_link, &mut out);
    out
}

/// Escapes what inline parsing would take as markup: `*` and `` ` ``; `\` before punctuation
/// or at the end (where the markup written next would follow it); `<` before an address or a tag; the
/// colon of a bare address that is text, not a link (`https\://…`); `]` before `(`, and in a
/// link's text (`in_link`) every bracket.
fn escape_markup(s: &str, in_link: bool) -> Cow<'_, str> {
    let bare_url_at = |at| !in_link && bare_url_at(s.as_bytes(), at).is_some();
    if !s.contains(['*', '\\', '`', '[', ']', '<'])
        && !found_from(s.as_bytes(), |rest| memchr::memchr(b':', rest)).any(bare_url_at)
    {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 4);
    let mut chars = s.char_indices().peekable();
    while let Some((at, c)) = chars.next() {
        let next = chars.peek().map(|&(_, n)| n);
        let escaped = match c {
            '*' | '`' => true,
            '\\' => next.is_none_or(is_escapable),
            '[' => in_link,
            ']' => in_link || next == Some('('),
            // (And before what other Markdown takes for an HTML tag, and hides: `<everyone>`.)
            '<' => is_linkable(&s[at + 1..]) || opens_a_tag(&s[at + 1..]),
            ':' => bare_url_at(at),
            _ => false,
        };
        if escaped {
            out.push('\\');
        }
        out.push(c);
    }
    Cow::Owned(out)
}

/// Whether text after a `<` starts what CommonMark reads as raw HTML: a tag, an end tag, a
/// comment or declaration, a processing instruction.
fn opens_a_tag(after: &str) -> bool {
    after.starts_with(|c: char| c.is_ascii_alphabetic() || matches!(c, '/' | '!' | '?'))
}

/// `s` with a backslash before each `mark` in the runs of it at its start and end.
fn escape_ends(s: &str, mark: char) -> String {
    let after_head = s.trim_start_matches(mark);
    let body = after_head.trim_end_matches(mark);
    let (head, tail) = (&s[..s.len() - after_head.len()], &after_head[body.len()..]);
    let escaped = |run: &str| run.chars().map(|c| format!("\\{c}")).collect::<String>();
    format!("{}{body}{}", escaped(head), escaped(tail))
}

/// Writes `code` as a code span: fenced by more backticks than it holds in a row, with a space
/// inside each fence where a backtick or the spaces it starts and ends with would be lost.
fn push_code(code: &str, out: &mut String) {
    let longest = fences(code.as_bytes())
        .into_iter()
        .map(|(len, _)| len)
        .max();
    let fence = "`".repeat(longest.unwrap_or(0) + 1);
    let pad = code.starts_with('`')
        || code.ends_with('`')
        || (code.starts_with(' ') && code.ends_with(' ') && code.bytes().any(|b| b != b' '));
    let pad = if pad { " " } else { "" };
    for piece in [&fence, pad, code, pad, &fence] {
        out.push_str(piece);
    }
}

/// Whether `url` reads back as a link written `<url>`.
fn is_autolink(url: &str) -> bool {
    !url.contains(|c: char| c.is_whitespace() || c == '<' || c == '>')
}

/// Writes a link's address as its destination: as it is, or in angle brackets if it holds
/// spaces or brackets that would end it (those brackets percent-encoded, the same address).
fn push_address(url: &str, out: &mut String) {
    let mut depth = 0i32;
    let bare = url.chars().all(|c| {
        depth += match c {
            '(' => 1,
            ')' => -1,
            _ => 0,
        };
        depth >= 0 && !c.is_whitespace() && c != '<'
    }) && depth == 0;
    if bare {
        out.push_str(url);
    } else {
        out.push('<');
        out.push_str(&url.replace('<', "%3C").replace('>', "%3E"));
        out.push('>');
    }
}
