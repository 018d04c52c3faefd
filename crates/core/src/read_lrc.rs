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
//! turns' speakers, from the line marked on. LyricsX's LRCX tags a translation with its language
//! (`[00:15.01][tr:zh-Hans]…`) and times the words of the line at its time (`[00:15.01][tt]<0,0>
//! <614,4>…`: milliseconds into the line, at the character where each word starts).

use super::lines::Lines;
#[cfg(feature = "lrc")]
use super::script::guess_lang;
use super::time::{parse_clock, Millis};
#[cfg(feature = "lrc")]
use super::{
    lines::filled_lines,
    model::{Diagnostic, DiagnosticKind, Document, Format, Lang, Note, Turn},
    read_cues::{
        add_line, fill_turn, pair_by_times, payload_line, split_undecided_lines, Carried, Piece,
    },
    translated_speakers::join_translated_turns,
    Pause,
};

/// Bytes of a line's words that may be repeated in turns (a turn at each of its times) for each
/// byte of the file: a chorus of a hundred bytes under ten times is 1,000 bytes in a file of a
/// few thousand.
#[cfg(feature = "lrc")]
const REPEATS_PER_BYTE: usize = 8;

/// What a time in the file holds.
#[cfg(feature = "lrc")]
#[derive(Clone, Copy, PartialEq)]
enum Holds<'a> {
    /// A line of the lyrics, its singer's mark and its translation's tag taken off.
    Words(&'a str),
    /// Nothing: the line before ends (the song goes on without words).
    Nothing,
    /// LRCX's times of the words of the line at this time (`[tt]<0,0><614,4>…<1799>`).
    WordTimes(&'a str),
}

/// A time in the file and what is sung then.
#[cfg(feature = "lrc")]
#[derive(Clone, Copy)]
struct Sung<'a> {
    at: Millis,
    line: u32,
    holds: Holds<'a>,
    /// The singer the line is marked with (Walaoke).
    singer: Option<&'static str>,
    /// The language code a translation is tagged with (`[tr:ja]`): the line is a translation.
    tagged: Option<&'a str>,
    /// The translation written on the line after its words (`Yesterday / 昨天`).
    translation: Option<&'a str>,
}

#[cfg(feature = "lrc")]
pub async fn read(text: &str, diagnostics: Vec<Diagnostic>, pause: &mut Pause<'_>) -> Document {
    let mut doc = Document::of(Format::Lrc, diagnostics);
    // Each time a line is sung at.
    let mut sung: Vec<Sung> = Vec::new();
    // Milliseconds to take from every time (`[offset:+500]` shows the lyrics half a second early).
    let mut offset: i64 = 0;
    let mut unsung: Vec<(u32, &str)> = Vec::new();
    // The bytes of words repeated in a turn at each time of their line, and how many may be: a
    // line of a hundred thousand times and a long text (the rest of its times, unread: a
    // minute past 999) took 24 GB for a file of 0.8 MB.
    let mut repeated = 0usize;
    let may_repeat = text.len().saturating_mul(REPEATS_PER_BYTE).max(1 << 20);
    for (number, line, pause_due) in filled_lines(text) {
        if pause_due {
            if let Some(paused) = pause() {
                paused.await;
            }
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
        let (tagged, rest) = translation_tag(rest.trim());
        let (singer, said) = singer_mark(rest);
        let holds = match said.starts_with("[tt]") {
            true if tagged.is_none() => Holds::WordTimes(said),
            _ if said.is_empty() => Holds::Nothing,
            _ => Holds::Words(said),
        };
        let (mut times, mut holds, mut translation) = (times, holds, None);
        if let Holds::Words(said) = holds {
            let room = (may_repeat.saturating_sub(repeated) / said.len()).max(1);
            if room < times.len() {
                let (kept, of) = (room as u32, times.len() as u32);
                doc.warn(number, DiagnosticKind::TooManyTimes { kept, of });
                unsung.push((number, line));
                times.truncate(room);
            }
            repeated += times.len() * said.len();
            if tagged.is_none() {
                let (words, written_after) = one_line_translation(said);
                (holds, translation) = (Holds::Words(words), written_after);
            }
        }
        sung.extend(times.into_iter().map(|at| Sung {
            at,
            line: number,
            holds,
            singer,
            tagged,
            translation,
        }));
    }
    // (Any offset a file writes, however far, leaves a time a clock can write.)
    let shift = |t: Millis| {
        Millis(
            t.0.saturating_add_signed(offset.saturating_neg())
                .min(Millis::LATEST.0),
        )
    };
    let order = crate::order::stable_order(sung.iter().map(|s| s.at.0));
    // A line's end: the next later time, where that is a time alone (the song goes on without
    // words). Found from the last time back, so lines at one time do not each look past the
    // others.
    let mut ends: Vec<Option<Millis>> = vec![None; order.len()];
    let mut later: Option<Millis> = None;
    for k in (0..order.len()).rev() {
        let here = sung[order[k] as usize].at;
        if let Some(next) = order.get(k + 1).map(|&j| &sung[j as usize]) {
            if next.at > here {
                later = (next.holds == Holds::Nothing).then_some(next.at);
            }
        }
        ends[k] = later.map(shift);
    }
    let singers = singers_in_time_order(&sung, &order);
    let (word_times, untimed) = word_times_in_time_order(&sung, &order);
    // Word times with no line to time are kept as text beside the line above them.
    unsung.extend(untimed);
    for (k, &i) in order.iter().enumerate() {
        let sung = sung[i as usize];
        let Holds::Words(said) = sung.holds else {
            continue;
        };
        let mut turn = Turn::new(shift(sung.at), sung.line);
        turn.end = ends[k];
        turn.speaker = singers[k].map(|singer| doc.speaker_id(singer));
        let mut piece = payload_line(said, &mut Carried::default());
        if let Some(times) = word_times[k] {
            piece.marks = lrcx_word_marks(times, &piece.paragraph.text, sung.at);
        }
        let mut pieces: Vec<Piece> = Vec::with_capacity(2);
        add_line(&mut pieces, piece);
        if let Some(translation) = sung.translation {
            add_line(
                &mut pieces,
                payload_line(translation, &mut Carried::default()),
            );
        }
        for mark in pieces.iter_mut().flat_map(|piece| &mut piece.marks) {
            mark.0 = shift(mark.0);
        }
        if let Some(lang) = sung.tagged.and_then(|code| doc.language_named(code)) {
            pieces.iter_mut().for_each(|piece| piece.lang = lang);
            doc.languages_told = true;
        }
        fill_turn(&mut doc, &mut turn, pieces);
        if !turn.is_empty() {
            doc.turns.push(turn);
        }
    }
    if doc.turns.is_empty() {
        doc.warn(0, DiagnosticKind::NoTurns);
    }
    split_undecided_lines(&mut doc);
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
    join_translated_turns(&mut doc, false);
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
fn singers_in_time_order(sung: &[Sung], order: &[u32]) -> Vec<Option<&'static str>> {
    let mut singers = Vec::with_capacity(order.len());
    let mut last_marked = None;
    for together in order.chunk_by(|&a, &b| sung[a as usize].at == sung[b as usize].at) {
        let marks = || together.iter().filter_map(|&i| sung[i as usize].singer);
        let theirs = marks().next().or(last_marked);
        singers.extend(together.iter().map(|&i| sung[i as usize].singer.or(theirs)));
        last_marked = marks().next_back().or(last_marked);
    }
    singers
}

/// LRCX's word times for each of the times in `order`: those written at its time, for the first
/// line there that is not a translation; and those at a time with no such line (line number,
/// text).
#[cfg(feature = "lrc")]
#[allow(clippy::type_complexity)]
fn word_times_in_time_order<'a>(
    sung: &[Sung<'a>],
    order: &[u32],
) -> (Vec<Option<&'a str>>, Vec<(u32, &'a str)>) {
    let mut word_times = vec![None; order.len()];
    let mut untimed = Vec::new();
    let mut k = 0;
    for together in order.chunk_by(|&a, &b| sung[a as usize].at == sung[b as usize].at) {
        let of = |i: u32| sung[i as usize];
        let original = together
            .iter()
            .position(|&i| matches!(of(i).holds, Holds::Words(_)) && of(i).tagged.is_none());
        for &i in together {
            if let Holds::WordTimes(times) = of(i).holds {
                match original {
                    Some(at) if word_times[k + at].is_none() => word_times[k + at] = Some(times),
                    // (Once for a line, however many times it is under.)
                    _ if untimed.last().is_some_and(|&(line, _)| line == of(i).line) => {}
                    _ => untimed.push((of(i).line, times)),
                }
            }
        }
        k += together.len();
    }
    (word_times, untimed)
}

/// The marks of LRCX's word times (`<0,0><614,4>…<1799>`: milliseconds after `start`, and the
/// character of `text` the word starts at; the last, with no character, where the line ends).
/// Characters are counted as Rust counts them (LyricsX counts UTF-16 units: the same but for
/// characters outside the Basic Multilingual Plane). A time for a character before the last one
/// marked, or past the text, is left out.
#[cfg(feature = "lrc")]
fn lrcx_word_marks(times: &str, text: &str, start: Millis) -> Vec<(Millis, u32)> {
    let mut marks: Vec<(Millis, u32)> = Vec::new();
    let mut chars = text.char_indices().map(|(at, _)| at).chain([text.len()]);
    let (mut next_char, mut next_at) = (0usize, chars.next());
    for tag in times.split('<').skip(1) {
        let Some(tag) = tag.trim_end().strip_suffix('>') else {
            continue;
        };
        let (ms, char_index) = match tag.split_once(',') {
            Some((ms, index)) => (ms, index.trim().parse::<usize>().ok()),
            None => (tag, Some(usize::MAX)),
        };
        let (Ok(ms), Some(char_index)) = (ms.trim().parse::<u64>(), char_index) else {
            continue;
        };
        let byte = if char_index == usize::MAX {
            text.len()
        } else {
            if char_index < next_char {
                continue;
            }
            while next_char < char_index && next_at.is_some() {
                next_at = chars.next();
                next_char += 1;
            }
            let Some(byte) = next_at else { continue };
            byte
        };
        if marks.last().is_some_and(|&(_, last)| byte as u32 <= last) {
            continue;
        }
        marks.push((start.later_by(Millis(ms)), byte as u32));
    }
    marks
}

/// A line written with its translation after it (`Yesterday / 昨天`, `Yesterday【昨天】`), as some
/// players save a song's two languages: the line, and the translation where the two are in
/// different scripts (`AC / DC` is a line of the lyrics).
#[cfg(feature = "lrc")]
fn one_line_translation(said: &str) -> (&str, Option<&str>) {
    let halves = match said.strip_suffix('】') {
        Some(inner) => inner
            .rfind('【')
            .map(|open| (&inner[..open], &inner[open + '【'.len_utf8()..])),
        None => {
            let mut halves = said.split(" / ");
            match (halves.next(), halves.next(), halves.next()) {
                (Some(line), Some(translation), None) => Some((line, translation)),
                _ => None,
            }
        }
    };
    if let Some((line, translation)) = halves.map(|(a, b)| (a.trim(), b.trim())) {
        let (of_line, of_translation) = (guess_lang(line), guess_lang(translation));
        if of_line != of_translation && of_line != Lang::Und && of_translation != Lang::Und {
            return (line, Some(translation));
        }
    }
    (said, None)
}

/// A translation's tag (`[tr:zh-Hans]`) before a line's words: the language code, and the words.
#[cfg(feature = "lrc")]
fn translation_tag(said: &str) -> (Option<&str>, &str) {
    let Some((code, words)) = said
        .strip_prefix("[tr:")
        .and_then(|rest| rest.split_once(']'))
    else {
        return (None, said);
    };
    (Some(code.trim()), words.trim_start())
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
        let Some(time) = lrc_time(&tag[..close]).or_else(|| colon_hundredths(&tag[..close])) else {
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

/// `mm:ss:xx`, hundredths after a colon, as some players write LRC's times: read as `mm:ss.xx`
/// is, only in a file already told to be LRC (elsewhere it is hours, minutes and seconds).
#[cfg(feature = "lrc")]
fn colon_hundredths(tag: &str) -> Option<Millis> {
    let (clock, hundredths) = tag.rsplit_once(':')?;
    let (_, seconds) = clock.split_once(':')?;
    let two_digits = |s: &str| s.len() == 2 && s.bytes().all(|b| b.is_ascii_digit());
    (two_digits(seconds) && two_digits(hundredths))
        .then(|| lrc_time(&format!("{clock}.{hundredths}")))?
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
    fn hundredths_after_a_colon_in_a_file_told_to_be_lrc() {
        assert_eq!(colon_hundredths("01:02:50"), Some(Millis(62_500)));
        assert_eq!(colon_hundredths("00:12:05"), Some(Millis(12_050)));
        for tag in [
            "00:60:00",
            "00:12:5",
            "00:12:500",
            "00:12",
            "a:12:00",
            "1:2:3:4",
        ] {
            assert_eq!(colon_hundredths(tag), None, "{tag}");
        }
        let doc = crate::read_str("[ti:Song]\n[00:12:50]One\n[00:15:00]Two\n");
        let starts: Vec<u64> = doc.turns.iter().map(|t| t.start.0).collect();
        assert_eq!(starts, [12_500, 15_000]);
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
    fn a_long_line_under_many_times_is_repeated_only_so_far() {
        let times: String = (0..2_000)
            .map(|i| format!("[{:02}:{:02}]", i / 60, i % 60))
            .collect();
        let words = "la ".repeat(3_500);
        let doc = crate::read_str(&format!("[ti:Song]\n{times}{words}\n[40:00]Last\n"));
        // A mebibyte of repeats: 99 turns of 10,499 bytes, and the last line's.
        assert_eq!(doc.turns.len(), 100);
        assert_eq!(doc.diagnostics.len(), 1, "{:?}", doc.diagnostics);
        assert_eq!(doc.diagnostics[0].line, 2);
        assert!(matches!(
            doc.diagnostics[0].kind,
            DiagnosticKind::TooManyTimes {
                kept: 99,
                of: 2_000
            }
        ));
        // (The line, the first sung, has no line above it: it is kept in the header.)
        assert!(doc.metadata.iter().any(|m| m.starts_with("[00:00][00:01]")));
    }

    #[test]
    fn lrcx_word_times_mark_the_characters_they_name() {
        let start = Millis(10_000);
        let marks = |times| lrcx_word_marks(times, "一二 three", start);
        // Bytes: 一 at 0, 二 at 3, "three" at 7; the end at 12.
        assert_eq!(
            marks("[tt]<0,0><300,1><600,3><900>"),
            [(0, 0), (300, 3), (600, 7), (900, 12)].map(|(ms, at)| (Millis(10_000 + ms), at))
        );
        // Out of order, past the text, not numbers, unclosed: left out.
        assert_eq!(marks("<0,3><10,1><20,99><x,4><30,4"), [(Millis(10_000), 7)]);
        assert_eq!(lrcx_word_marks("<0,0><5,1>", "", start), [(start, 0)]);
        assert!(lrcx_word_marks("", "text", start).is_empty());
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
