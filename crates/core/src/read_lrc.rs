//! Reader for LRC, the timed lyrics of music players (`.lrc`): a line each, after its time
//! (`[01:02.50]Yesterday`), and the way songs come with their translation, each line written
//! twice at one time, once in each language (as NetEase Cloud Music and QQ Music give them). A
//! song is what many learners of a language follow along to.
//!
//! A line is a cue read as the cue readers read theirs (`read_cues::add_line`); a line under
//! several times (`[00:12.00][01:30.00]` a chorus) is a turn at each; the lines at one time in
//! two languages are one bilingual turn (`read_cues::pair_by_times`); a time with no line after
//! it ends the line before (a song's instrumental break). Enhanced LRC's word times
//! (`<01:02.80>word`) time the words. The tags `[ti:]` (the title), `[ar:]`, `[al:]`, `[au:]`,
//! `[lr:]` and `[by:]` are header lines, and `[offset:]` moves every time. Lyrics are written in
//! the order they are sung but for such repeated lines, so the turns are put in time order.
//! The Walaoke extension's marks of who sings (`M:`, `F:`, `D:` before a line's words) are the
//! turns' speakers, from the line marked on.

use super::lines::Lines;
use super::time::{parse_clock, Millis};
#[cfg(feature = "lrc")]
use super::{
    model::{Diagnostic, DiagnosticKind, Document, Format, Note, Turn},
    read_cues::{add_line, fill_turn, pair_by_times, payload_line, Piece},
    Pause, PAUSE_EVERY_LINES,
};

#[cfg(feature = "lrc")]
pub async fn read(text: &str, diagnostics: Vec<Diagnostic>, pause: &mut Pause<'_>) -> Document {
    let mut doc = Document {
        format: Format::Lrc,
        diagnostics,
        ..Document::default()
    };
    // Each time a line is sung at: (time, its line number, its text (`None` for a time alone),
    // the singer it is marked with).
    let mut sung: Vec<(Millis, u32, Option<&str>, Option<&'static str>)> = Vec::new();
    // Milliseconds to take from every time (`[offset:+500]` shows the lyrics half a second early).
    let mut offset: i64 = 0;
    let mut unsung: Vec<(u32, &str)> = Vec::new();
    for (number, line) in Lines::new(text) {
        if number % PAUSE_EVERY_LINES == 0 {
            if let Some(paused) = pause() {
                paused.await;
            }
        }
        let line = line.trim();
        if line.is_empty() {
            continue;
        }
        let (times, rest) = leading_times(line);
        if times.is_empty() {
            match id_tag(line) {
                Some(("offset", value)) => offset = value.trim().parse().unwrap_or(0),
                Some((key, value)) => header(&mut doc, key, value),
                // Text under no time: kept beside the line sung before it, once there are turns.
                None => unsung.push((number, line)),
            }
            continue;
        }
        let (singer, said) = singer_mark(rest.trim());
        let said = Some(said).filter(|r| !r.is_empty());
        sung.extend(times.into_iter().map(|t| (t, number, said, singer)));
    }
    // (Any offset a file writes, however far, leaves a time a clock can write.)
    let shift = |t: Millis| {
        Millis(
            t.0.saturating_add_signed(offset.saturating_neg())
                .min(Millis::LATEST.0),
        )
    };
    let order = crate::order::stable_order(sung.iter().map(|s| s.0 .0));
    // A line's end: the next later time, where that is a time alone (the song goes on without
    // words). Found from the last time back, so lines at one time do not each look past the
    // others.
    let mut ends: Vec<Option<Millis>> = vec![None; order.len()];
    let mut later: Option<Millis> = None;
    for k in (0..order.len()).rev() {
        let here = sung[order[k] as usize].0;
        if let Some(&(time, _, said, _)) = order.get(k + 1).map(|&j| &sung[j as usize]) {
            if time > here {
                later = said.is_none().then_some(time);
            }
        }
        ends[k] = later.map(shift);
    }
    let singers = singers_in_time_order(&sung, &order);
    for (k, &i) in order.iter().enumerate() {
        let (start, number, Some(said), _) = sung[i as usize] else {
            continue;
        };
        let mut turn = Turn::new(shift(start), number);
        turn.end = ends[k];
        turn.speaker = singers[k].map(|singer| doc.speaker_id(singer));
        let mut piece = payload_line(said, &mut None);
        for mark in &mut piece.marks {
            mark.0 = shift(mark.0);
        }
        let mut pieces: Vec<Piece> = Vec::with_capacity(1);
        add_line(&mut pieces, piece);
        fill_turn(&mut turn, pieces);
        if !turn.is_empty() {
            doc.turns.push(turn);
        }
    }
    if doc.turns.is_empty() {
        doc.warn(0, DiagnosticKind::NoTurns);
    }
    pair_by_times(&mut doc);
    // Each beside the turn of the line above it in the file (the turns are in time order), the
    // first sung of a line sung at several times.
    let by_line = crate::order::stable_order(doc.turns.iter().map(|t| u64::from(t.line)));
    let line_of = |k: usize| doc.turns[by_line[k] as usize].line;
    let first_at = |line: u32| by_line.partition_point(|&i| doc.turns[i as usize].line < line);
    let places: Vec<Option<usize>> = unsung
        .iter()
        .map(|&(number, _)| {
            let above = first_at(number).checked_sub(1)?;
            Some(by_line[first_at(line_of(above))] as usize)
        })
        .collect();
    for ((number, text), place) in unsung.into_iter().zip(places) {
        match place {
            Some(turn) => {
                let note = Note {
                    line: number,
                    text: text.to_owned(),
                };
                doc.turns[turn].notes.push(note);
                doc.warn(number, DiagnosticKind::StrayText);
            }
            None => doc.metadata.push(text.to_owned()),
        }
    }
    doc.finish();
    doc
}

/// A line's Walaoke mark of who sings it (`F: words`), as a speaker's name, and the words.
#[cfg(feature = "lrc")]
fn singer_mark(said: &str) -> (Option<&'static str>, &str) {
    let singer = match said.get(..2) {
        Some("M:") => "Male",
        Some("F:") => "Female",
        Some("D:") => "Duet",
        _ => return (None, said),
    };
    (Some(singer), said[2..].trim_start())
}

/// Who sings each of the times in `order`: the singer marked on its line, or else the one marked
/// last before it. Before it in time, not in the file: a translation written at the same time as
/// its line, in a block of its own, is sung by the same (the first marked among lines at one
/// time is theirs).
#[cfg(feature = "lrc")]
fn singers_in_time_order(
    sung: &[(Millis, u32, Option<&str>, Option<&'static str>)],
    order: &[u32],
) -> Vec<Option<&'static str>> {
    let mut singers = Vec::with_capacity(order.len());
    let mut last_marked = None;
    for together in order.chunk_by(|&a, &b| sung[a as usize].0 == sung[b as usize].0) {
        let marks = || together.iter().filter_map(|&i| sung[i as usize].3);
        let theirs = marks().next().or(last_marked);
        singers.extend(together.iter().map(|&i| sung[i as usize].3.or(theirs)));
        last_marked = marks().next_back().or(last_marked);
    }
    singers
}

/// Whether the text (decoded, its leading whitespace gone) is LRC rather than the bilingual
/// layout, whose turn lines also start with a time in brackets: among its first lines, an ID tag
/// (`[ti:Yesterday]`), or a time in hundredths with its words or another time right after it,
/// no space between (`[00:12.50]Yesterday`; the layout writes `[00:12] Speaker`). (Here, not in
/// a build without the reader too: it still says what the text is.)
pub(crate) fn looks_like_lrc(head: &str) -> bool {
    Lines::new(head)
        .map(|(_, line)| line.trim())
        .filter(|line| !line.is_empty())
        .take(LRC_LINES_LOOKED_AT)
        .any(|line| {
            let timed = line.strip_prefix('[').and_then(|l| l.split_once(']'));
            id_tag(line).is_some()
                || timed.is_some_and(|(time, rest)| {
                    time.contains('.')
                        && lrc_time(time).is_some()
                        && rest.starts_with(|c: char| !c.is_whitespace())
                })
        })
}

/// How many of the first lines (not blank) [`looks_like_lrc`] looks at.
pub(crate) const LRC_LINES_LOOKED_AT: usize = 8;

/// The tags LRC writes above its lines.
const ID_TAGS: [&str; 13] = [
    "ti", "ar", "al", "au", "lr", "by", "offset", "length", "re", "tool", "ve", "la", "id",
];

/// The times a line starts with (`[00:12.00][01:30.00]`), and the rest of it.
#[cfg(feature = "lrc")]
fn leading_times(line: &str) -> (Vec<Millis>, &str) {
    let mut times = Vec::new();
    let mut rest = line;
    while let Some(tag) = rest.strip_prefix('[') {
        let Some(close) = tag.find(']') else { break };
        let Some(time) = lrc_time(&tag[..close]) else {
            break;
        };
        times.push(time);
        rest = &tag[close + 1..];
    }
    (times, rest)
}

/// `mm:ss` or `mm:ss.xx` (minutes past 59 too, as a long mix has them), but not the bilingual
/// layout's `hh:mm:ss`.
fn lrc_time(tag: &str) -> Option<Millis> {
    let (_, seconds) = tag.split_once(':')?;
    (!seconds.contains(':')).then(|| parse_clock(tag))?
}

/// `[key:value]` with one of LRC's keys (in any case): the key as `ID_TAGS` writes it, and the
/// value. (Another word before a colon, `[Chorus:Beyoncé]`, is a line of the lyrics.)
pub(crate) fn id_tag(line: &str) -> Option<(&'static str, &str)> {
    let inner = line.strip_prefix('[')?.strip_suffix(']')?;
    let (key, value) = inner.split_once(':')?;
    let key = ID_TAGS
        .into_iter()
        .find(|tag| tag.eq_ignore_ascii_case(key.trim()))?;
    Some((key, value))
}

#[cfg(feature = "lrc")]
/// An ID tag as the document's title or a header line; what only says how the file was made
/// (`[re:]`, `[ve:]`, `[length:]`) is left out, as WebVTT's STYLE blocks are.
fn header(doc: &mut Document, key: &str, value: &str) {
    let value = value.trim();
    let label = match key {
        "ti" => {
            doc.title.get_or_insert_with(|| value.to_owned());
            return;
        }
        "ar" => "Artist",
        "al" => "Album",
        "au" => "Written by",
        "lr" => "Lyrics by",
        "by" => "LRC by",
        _ => return,
    };
    if !value.is_empty() {
        doc.metadata.push(format!("{label}: {value}"));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lrc_times_are_minutes_seconds_and_a_fraction() {
        for (tag, ms) in [
            ("00:12.50", 12_500),
            ("01:02.5", 62_500),
            ("75:00.123", 4_500_123),
            ("999:00", 59_940_000),
            ("00:12", 12_000),
        ] {
            assert_eq!(lrc_time(tag), Some(Millis(ms)), "{tag}");
        }
        // (`00:00:05` is the bilingual layout's hours, minutes and seconds.)
        for tag in [
            "ti:Song",
            "00:60.00",
            "00:00:05",
            "00:12.5000",
            "",
            ":",
            "a:00",
        ] {
            assert_eq!(lrc_time(tag), None, "{tag}");
        }
    }

    #[test]
    fn any_offset_leaves_times_a_clock_writes() {
        // (Found by fuzzing: `-offset` overflowed for the least `i64`.)
        for (offset, ms) in [
            ("-9223372036854775808", Millis::LATEST.0),
            ("9223372036854775807", 0),
            ("-500", 12_500),
            ("+500", 11_500),
        ] {
            let doc = crate::read_str(&format!("[offset:{offset}]\n[00:12.00]Yesterday"));
            assert_eq!(doc.turns[0].start, Millis(ms), "{offset}");
        }
    }

    #[test]
    fn lrc_is_told_from_the_bilingual_layout() {
        for lrc in [
            "[ti:Yesterday]\n[00:01.50]Yesterday",
            "[00:01.50]Yesterday",
            "[00:12.00][01:30.00] Chorus",
            "\n[00:00.000] 作词 : 周杰伦\n[00:15.26]窗外的麻雀",
        ] {
            assert!(looks_like_lrc(lrc), "{lrc}");
        }
        for layout in [
            "[00:00:05] Chip Huyen\nEnglish:\nHello",
            "[00:05] Lenny: Hi.",
            "[00:00:05]Chip Huyen",
            "[01:10]Name",
            "# Title\n\n[01:10] Name",
            "[laughs] and more",
        ] {
            assert!(!looks_like_lrc(layout), "{layout}");
        }
    }
}
