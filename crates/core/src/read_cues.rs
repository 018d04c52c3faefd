//! Reader for WebVTT, SRT and SubViewer: blocks of a timing line and payload lines, separated by
//! blank lines.
//!
//! The formats differ only in details (a `WEBVTT` header and NOTE/STYLE/REGION blocks, `,` or
//! `.` before milliseconds, `<v>` voices, SubViewer's comma for an arrow), so one reader serves
//! them all. A cue becomes one turn; the
//! lines of a bilingual cue (an English line, a Chinese line) become that turn's two blocks.

use super::case;
use super::inline::StyledText;
use super::lines::Lines;
use super::model::{
    drop_joined, join_turn, Diagnostic, DiagnosticKind, Document, Format, Lang, Note, Paragraph,
    Style, StyledRange, TextBlock, Timing, Turn,
};
use super::order::stable_order;
use super::read_bilingual::{count_name, is_time_like, name_and_words, names_speaker};
use super::script::{is_cjk, latin_language, pinyin_evidence, script_lang, PinyinEvidence};
use super::time::{parse_clock, Millis};
use super::translated_speakers::{join_translated_turns, NamePairs};
use super::{Pause, PAUSE_EVERY_LINES};

pub async fn read(
    text: &str,
    format: Format,
    diagnostics: Vec<Diagnostic>,
    pause: &mut Pause<'_>,
) -> Document {
    let mut doc = Document::of(format, diagnostics);
    let mut rolling = Rolling::default();
    let mut block: Vec<(u32, &str)> = Vec::new();
    // Whether `block` holds a timing line: it is a cue, and another timing line starts the next.
    let mut timed = false;
    let mut first_block = true;
    let mut lines = Lines::new(text);
    loop {
        let next = lines.next();
        let in_header = first_block && format == Format::WebVtt;
        let mut flush = |block: &mut Vec<(u32, &str)>| {
            if !block.is_empty() {
                if in_header {
                    header(&mut doc, block);
                } else {
                    cue_block(&mut doc, block, &mut rolling);
                }
                first_block = false;
                block.clear();
            }
        };
        match next {
            // Only an empty line ends a cue, as WebVTT has it: YouTube's captions start their
            // text with a line holding a space. A block does not start with one.
            Some((_, line)) if is_blank(line) && (block.is_empty() || line.is_empty()) => {
                flush(&mut block);
                timed = false;
            }
            Some((number, line)) => {
                if divide(line, format, !timed && block.len() <= 1).is_some() {
                    // A cue (or a note, or the header) with no blank line after it: this timing
                    // line, and the cue number above it, start the next cue. (Above a timing
                    // line, one other line is its cue's identifier.)
                    if timed || block.len() > 1 || in_header && !block.is_empty() {
                        let id = block.pop_if(|(_, l)| format != Format::Sbv && is_cue_number(l));
                        flush(&mut block);
                        block.extend(id);
                    }
                    timed = true;
                }
                block.push((number, line));
            }
            None => {
                flush(&mut block);
                break;
            }
        }
        if next.is_some_and(|(number, _)| number % PAUSE_EVERY_LINES == 0) {
            if let Some(paused) = pause() {
                paused.await;
            }
        }
    }
    if doc
        .turns
        .last()
        .is_some_and(|t| t.is_empty() && t.speaker.is_none())
    {
        doc.turns.pop();
        let mut notes = doc.diagnostics.iter_mut().rev();
        if let Some(said) = notes.find(|d| d.kind == DiagnosticKind::EmptyTurn) {
            said.kind = DiagnosticKind::EmptyLastCue;
        }
    }
    if let Some(line) = rolling.first_repeat {
        doc.warn(
            line,
            DiagnosticKind::RepeatedLines {
                count: rolling.repeats,
            },
        );
    }
    finish_cues(&mut doc);
    doc
}

/// What every caption reader does once its cues are read (WebVTT's and SRT's, TTML's, ASS's,
/// SAMI's): says so if there were none, reads apart the two lines of cues that are likely a line
/// of each language ([`split_undecided_lines`]), takes the names that start captions for their
/// speakers ([`names_as_speakers`]), joins a cue a language at one moment into one turn
/// ([`pair_by_times`]), finishes the document, and joins the turns of a dialogue translated
/// cue by cue, its speakers named in both languages ([`join_translated_turns`]).
pub(crate) fn finish_cues(doc: &mut Document) {
    if doc.turns.is_empty() {
        doc.warn(0, DiagnosticKind::NoTurns);
    }
    split_undecided_lines(doc);
    named_lines_apart(doc);
    names_as_speakers(doc);
    pair_by_times(doc);
    doc.finish();
    join_translated_turns(doc, false);
}

/// Cues of two Latin-script lines run on as one paragraph because the words of one or both did
/// not say their language ([`Document::undecided_lines`]: `Thank you.` over `Gracias.`), in a
/// transcript whose other cues pair English with one other Latin-script language a line each:
/// there they are a line of each too, the English one where the words say, else where the
/// pairs have it. Elsewhere (an English film's two lines of one sentence), and where the second
/// line starts with a small letter (a sentence's next line), they stay run on.
pub(crate) fn split_undecided_lines(doc: &mut Document) {
    let undecided = std::mem::take(&mut doc.undecided_lines);
    let one_language = std::mem::take(&mut doc.one_language_cues) as usize;
    if undecided.is_empty() {
        return;
    }
    // The turns of an English block and one in another Latin-script language, by that language,
    // and of those the ones with English first.
    let mut pairs = [0usize; Lang::ALL.len()];
    let mut english_first = [0usize; Lang::ALL.len()];
    for turn in &doc.turns {
        let [a, b] = turn.blocks.as_slice() else {
            continue;
        };
        let other = match (a.lang, b.lang) {
            (Lang::En, other) | (other, Lang::En) => other,
            _ => continue,
        };
        if other.is_latin() && other != Lang::En {
            pairs[other as usize] += 1;
            english_first[other as usize] += usize::from(a.lang == Lang::En);
        }
    }
    let (other, &paired) = pairs
        .iter()
        .enumerate()
        .max_by_key(|&(_, n)| n)
        .expect("some languages");
    // The words misread a line of English subtitles now and then, and a Spanish film's
    // characters say a line in English: a pair here and there, against a bilingual
    // transcript's many (or, in two or three cues, its one), and against a film's many cues of
    // two lines in its language.
    if paired == 0
        || paired * 4 < undecided.len()
        || paired < one_language
        || (paired == 1 && undecided.len() > 1)
    {
        return;
    }
    let english_first = english_first[other] * 2 >= paired;
    for (turn, at) in undecided {
        if let Some(turn) = doc.turns.get_mut(turn as usize) {
            split_line_pair(turn, at, Lang::ALL[other], english_first);
        }
    }
}

/// [`split_undecided_lines`] for one turn, whose one block is the two lines run on, the second
/// from `at`, in English or `other` (the first line's, where its words or a tag said so).
fn split_line_pair(turn: &mut Turn, at: u32, other: Lang, english_first: bool) {
    let [block] = turn.blocks.as_mut_slice() else {
        return;
    };
    let [paragraph] = block.paragraphs.as_mut_slice() else {
        return;
    };
    let Some(second) = paragraph.text.get(at as usize..) else {
        return;
    };
    if !(block.lang == Lang::En || block.lang == other)
        || !block.timings.is_empty()
        || starts_small(second)
    {
        return;
    }
    let english = |text: &str| latin_language(text).map(|lang| lang == Lang::En);
    let first = match block.lang {
        Lang::En => english(&paragraph.text[..at as usize]),
        _ => Some(false),
    };
    let first_is_english = match (first, english(second)) {
        (Some(first), Some(second)) if first != second => first,
        (Some(first), None) => first,
        (None, Some(second)) => !second,
        (None, None) => english_first,
        _ => return,
    };
    let (first, second) = match first_is_english {
        true => (Lang::En, other),
        false => (other, Lang::En),
    };
    block.lang = first;
    let second = TextBlock {
        lang: second,
        paragraphs: vec![paragraph.split_off(at)],
        timings: Vec::new(),
    };
    turn.blocks.push(second);
}

/// A line's language as the document says it (TTML's `xml:lang`, SAMI's class), where its
/// script agrees (a translation's `<div xml:lang="es">` says what Latin letters cannot): a
/// document's `<tt xml:lang="en">` over a cue of an English and a Chinese line does not make the
/// Chinese English; a Ukrainian one's `xml:lang="uk"` says what Cyrillic letters cannot.
/// `Lang::Und` leaves the line to its script and words ([`add_line`]).
#[cfg(any(feature = "ttml", feature = "sami"))]
pub(crate) fn said_lang(said: Option<Lang>, text: &str) -> Lang {
    match (said, script_lang(text)) {
        (Some(said), script) if script.script() == said.script() => said,
        _ => Lang::Und,
    }
}

/// A cue of a line in each language, each starting with a name (`主持人：欢迎。` over `Host:
/// Welcome.`, as translators make captions of both): two captions at its time, as a file of a
/// cue a language has them, so that both names are read as the speaker's and leave the text
/// ([`names_as_speakers`]; [`pair_by_times`] makes them one turn again, and
/// [`join_translated_turns`] names its speaker in both).
fn named_lines_apart(doc: &mut Document) {
    let named = |turn: &Turn| {
        turn.speaker.is_none()
            && turn.blocks.len() == 2
            && (turn.blocks.iter()).all(|b| {
                let first = b.paragraphs.first();
                first.is_some_and(|p| name_and_words(&p.text).is_some())
            })
    };
    if !doc.turns.iter().any(named) {
        return;
    }
    let mut turns = Vec::with_capacity(doc.turns.len() * 2);
    for mut turn in std::mem::take(&mut doc.turns) {
        let translation = named(&turn).then(|| {
            let mut translation = Turn::new(turn.start, turn.line);
            translation.end = turn.end;
            translation.blocks.extend(turn.blocks.pop());
            translation
        });
        turns.push(turn);
        turns.extend(translation);
    }
    doc.turns = turns;
}

/// Captions that start with their speaker's name (`Alice Smith: Hello.`, as Zoom writes its
/// transcripts), where a name starts two cues or more, or is a full name among such captions
/// ([`names_speaker`]), or pairs with one in another language at the same time
/// ([`NamePairs`]), or every caption starts with a name as names are written there (as ours
/// do, SRT having no other place for it: [`like_the_others`]): the name becomes the turn's
/// speaker and leaves its text. (A word that starts one cue only is as likely words: `Note: …`.)
pub(crate) fn names_as_speakers(doc: &mut Document) {
    // Each named caption once: its turn, the name, and where what is said starts.
    let mut named: Vec<(usize, String, usize)> = Vec::new();
    let mut names: Vec<(String, u32)> = Vec::new();
    let mut translated = NamePairs::default();
    // A turn with a voice is passed over before its text is looked at.
    let unvoiced = doc
        .turns
        .iter()
        .enumerate()
        .filter(|(_, t)| t.speaker.is_none());
    // Captions with words, and of them those that start with a name as it is: no marks of
    // emphasis around it (which it would lose), not in a style with what follows it (`<i>Note:
    // …</i>` is a remark, labelled).
    let (mut captions, mut plainly_named) = (0, 0);
    for (i, turn) in unvoiced {
        let Some(paragraph) = turn.blocks.first().and_then(|b| b.paragraphs.first()) else {
            continue;
        };
        let text = &paragraph.text;
        if text.trim().is_empty() {
            continue;
        }
        captions += 1;
        // Broadcast captions mark a new speaker `>>`, before the name where they give one
        // (`>> JUDY WOODRUFF: Good evening.`): the mark goes with the name.
        let unmarked = match text.trim_start().strip_prefix(">>") {
            Some(after) => after.trim_start_matches('>').trim_start(),
            None => text,
        };
        if let Some((name, said)) = name_and_words(unmarked) {
            let name_at = name.as_ptr() as usize - text.as_ptr() as usize;
            let after = text[name_at + name.len()..].trim_start();
            let name_end = (name_at + name.len()) as u32;
            let styled = paragraph.styles.iter().any(|s| s.start < name_end);
            let before = &text[..name_at];
            if before.trim().trim_start_matches('>').is_empty()
                && after.starts_with([':', '：'])
                && !styled
            {
                plainly_named += 1;
            }
            if let Some(id) = count_name(&mut names, name) {
                let follows = named.last().is_some_and(|&(before, ..)| {
                    before + 1 == i && doc.turns[before].start == turn.start
                });
                let lang = match turn.blocks.as_slice() {
                    [block] => block.lang,
                    _ => Lang::Und,
                };
                translated.see(id, lang, follows);
            }
            let at = said.as_ptr() as usize - text.as_ptr() as usize;
            named.push((i, name.to_owned(), at));
        }
    }
    let all_named = captions > 1 && plainly_named == captions;
    for (i, name, at) in named {
        let names_a_speaker = all_named
            && (like_the_others(&names, &name) || doc.turns[i].blocks.len() > 1)
            || names_speaker(&names, &name, true)
            || translated.pairs_name(&names, &name);
        if !names_a_speaker {
            continue;
        }
        let speaker = doc.speaker_id(&name);
        let told = doc.languages_told;
        let turn = &mut doc.turns[i];
        turn.speaker = Some(speaker);
        let alone = turn.blocks.len() == 1;
        let block = &mut turn.blocks[0];
        // What was marked, linked or timed in the text that is left moves with it.
        let cut = at as u32;
        block.paragraphs[0].drop_before(cut);
        for timing in block.timings.iter_mut().filter(|t| t.paragraph == 0) {
            (timing.from, timing.to) = (
                timing.from.saturating_sub(cut),
                timing.to.saturating_sub(cut),
            );
        }
        // The line's script was asked with the name in it: `Lex Fridman: 谢谢。` read as
        // English. A block of that line alone is asked again.
        if alone && !told && block.paragraphs.len() == 1 {
            if let Some(said) = written_otherwise(&block.paragraphs[0].text, block.lang) {
                block.lang = said;
            }
        }
    }
}

/// Whether `name`, starting a caption where every caption starts with a name, is written as the
/// names said more than once are ([`count_name`]'s `names`): any name, where none is, but one
/// word only where one of them is (Zoom's participants are full names: its `Note:` is words).
/// A name of a few Chinese characters is a full name without a space (`王伟`, `主持人（王伟）`;
/// `有时候他们会发现：` starts words said). (A caption in two languages is named whatever its
/// name: a translator does not translate a `Note:` as speech.)
fn like_the_others(names: &[(String, u32)], name: &str) -> bool {
    let mut repeated = names.iter().filter(|(_, lines)| *lines > 1).peekable();
    let chinese_name =
        name.chars().any(is_cjk) && (name.chars().count() <= 4 || name.ends_with(['）', ')']));
    name.contains(' ')
        || chinese_name
        || repeated.peek().is_none()
        || repeated.any(|(n, _)| !n.contains(' '))
}

/// Rolling captions (YouTube's): each cue repeats the line the cue before it ended with, then
/// adds one, and between two such cues a cue of 10 ms holds the line alone. Each line is shown
/// once, and the file's notes say how many repeats were left out.
#[derive(Default)]
struct Rolling {
    /// The text of the last line of the cue before.
    last_line: String,
    repeats: u32,
    first_repeat: Option<u32>,
}

/// A cue this short only holds a line in place: it is never a line of its own said again.
const HOLDING_CUE_MS: u64 = 50;

/// `WEBVTT - Title` and the header lines under it (`Kind: captions`).
fn header(doc: &mut Document, block: &[(u32, &str)]) {
    let (_, first) = block[0];
    let title = first
        .trim_start_matches('\u{FEFF}')
        .trim_start_matches("WEBVTT");
    let title = title.trim().trim_start_matches(['-', ':']).trim();
    if !title.is_empty() {
        doc.title = Some(title.to_owned());
    }
    for (_, line) in &block[1..] {
        let line = line.trim();
        if let Some(code) = header_setting(line, "Language") {
            doc.said_language = doc.language_named(code);
        }
        doc.metadata.push(line.to_owned());
    }
}

/// The value of a WebVTT header line `name: value` (any case), which a player reads and a
/// reader of the transcript need not see: YouTube's `Kind: captions` and `Language: en`.
pub fn header_setting<'a>(line: &'a str, name: &str) -> Option<&'a str> {
    let (key, value) = line.split_once(':')?;
    key.trim().eq_ignore_ascii_case(name).then(|| value.trim())
}

/// The lines of a NOTE block (its first line less the keyword), or of an unreadable block.
fn block_lines<'a>(first: &'a str, block: &'a [(u32, &'a str)]) -> impl Iterator<Item = &'a str> {
    std::iter::once(first.trim())
        .chain(block[1..].iter().map(|(_, l)| l.trim()))
        .filter(|l| !l.is_empty())
}

fn cue_block(doc: &mut Document, block: &[(u32, &str)], rolling: &mut Rolling) {
    let (first_line, first) = block[0];
    let keyword = first.split([' ', '\t']).next().unwrap_or("");
    // Presentation only, nothing a reader of the transcript would miss: a block whose first
    // line is the keyword alone (`STYLE of the speaker was odd.` is text, kept).
    if doc.format == Format::WebVtt && matches!(first.trim_end(), "STYLE" | "REGION") {
        return;
    }
    if doc.format == Format::WebVtt && keyword == "NOTE" {
        let lines: Vec<&str> = block_lines(&first["NOTE".len()..], block).collect();
        if doc.turns.is_empty() {
            // A NOTE above every cue describes the file: header metadata, a line each.
            doc.metadata.extend(lines.iter().map(|l| (*l).to_owned()));
        } else if !lines.is_empty() {
            keep_aside(doc, first_line, lines.join("\n"), false);
        }
        return;
    }
    let format = doc.format;
    let Some(timing_at) = block
        .iter()
        .take(2)
        .position(|(_, l)| divide(l, format, true).is_some())
    else {
        keep_aside(
            doc,
            first_line,
            block_lines(first, block).collect::<Vec<_>>().join("\n"),
            true,
        );
        return;
    };
    let (number, timing_line) = block[timing_at];
    let Some((start, end, end_text)) = timing(timing_line, format) else {
        doc.warn(
            number,
            DiagnosticKind::BadCueTiming {
                found: timing_line.trim().to_owned(),
            },
        );
        keep_aside(
            doc,
            first_line,
            block_lines(first, block).collect::<Vec<_>>().join("\n"),
            false,
        );
        return;
    };
    let mut turn = Turn::new(start, number);
    turn.end = match end {
        Some(end) if end < start => {
            doc.warn(number, DiagnosticKind::EndBeforeStart);
            None
        }
        None => {
            doc.warn(
                number,
                DiagnosticKind::UnreadableEnd {
                    found: end_text.to_owned(),
                },
            );
            None
        }
        end => end,
    };
    let mut carried = Carried::default();
    // The voice of the lines gathered in `pieces`.
    let mut voice = None;
    let mut pieces: Vec<Piece> = Vec::with_capacity(2);
    let payload = &block[timing_at + 1..];
    let lines = payload.iter().filter(|(_, l)| !is_blank(l)).count();
    let holding = end.is_some_and(|end| end.0.saturating_sub(start.0) <= HOLDING_CUE_MS);
    let rolls_on = lines > 1 || holding;
    let mut repeated = false;
    for (i, &(line_number, line)) in payload.iter().filter(|(_, l)| !is_blank(l)).enumerate() {
        // The line's stretches in one voice each (most lines are one): `<v Alice>Fine.</v>
        // <v Bob>Good.</v>` is two speakers' words.
        let mut rest = line;
        while !rest.is_empty() {
            let first_stretch = rest.len() == line.len();
            let (piece, after) = payload_stretch(rest, &mut carried);
            rest = after;
            doc.languages_told |= piece.lang != Lang::Und;
            let text = &piece.paragraph.text;
            // (A line said again in a cue of its own is not a repeat: "Yes." "Yes.")
            let repeat = i == 0
                && first_stretch
                && rolls_on
                && !text.is_empty()
                && *text == rolling.last_line;
            if i + 1 == lines {
                // Copied into the same buffer: no allocation per cue.
                rolling.last_line.clear();
                rolling.last_line.push_str(text);
            }
            if repeat {
                rolling.repeats += 1;
                rolling.first_repeat.get_or_insert(line_number);
                repeated = true;
                continue;
            }
            // A line in another voice (`<v Bob>` under `<v Alice>`'s) is that speaker's: two
            // voices in one cue are two turns at its time, not one speaker's words.
            if voice.is_some() && carried.voice != voice && !pieces.is_empty() {
                let mut next = Turn::new(start, line_number);
                next.end = turn.end;
                turn.speaker = voice.map(|name| voice_speaker(doc, name));
                fill_turn(doc, &mut turn, std::mem::take(&mut pieces));
                doc.turns.push(std::mem::replace(&mut turn, next));
            }
            voice = carried.voice;
            // (A line of tags and spaces alone, `<v Bob>`, names a speaker but says nothing.)
            if !piece.paragraph.text.trim().is_empty() {
                add_line(&mut pieces, piece);
            }
        }
    }
    if let Some(name) = carried.voice {
        turn.speaker = Some(voice_speaker(doc, name));
    }
    fill_turn(doc, &mut turn, pieces);
    if turn.is_empty() {
        if repeated {
            return; // only a repeat
        }
        doc.warn(number, DiagnosticKind::EmptyTurn);
    }
    doc.turns.push(turn);
}

/// A cue in one language with the same times as one before it in another, and the same speaker
/// (or a speaker where the other names none), joins that one as its other language: bilingual
/// subtitles are also made of two tracks (in TTML, a `<div>` a language), cue by cue in turn or
/// one track after the other, and a reader wants each moment's two lines side by side, as a cue
/// holding a line of each gives them. Then the turns that start before the one above them are
/// said to be out of order (the second track's jump back in time, paired, is not), and moved to
/// their place in time: a cue's place in the file says nothing a player keeps (an ASS script
/// lists its songs' lyrics after the dialogue, a subtitle editor appends a cue it adds), and a
/// reader reads down the transcript as it plays.
pub(crate) fn pair_by_times(doc: &mut Document) {
    let turns = &mut doc.turns;
    // Only a turn starting no later than the one before it can be a pair's second.
    if !turns.windows(2).all(|w| w[0].start < w[1].start) {
        let order = stable_order(turns.iter().map(|t| t.start.0));
        let mut joined = vec![false; turns.len()];
        let mut run: usize = 0;
        while run < order.len() {
            let start = turns[order[run] as usize].start;
            let run_end = run + order[run..].partition_point(|&i| turns[i as usize].start == start);
            for k in run + 1..run_end {
                let second = order[k] as usize;
                // The few cues before it at that time: a pair, seldom a crowd.
                for &first in &order[run.max(k.saturating_sub(4))..k] {
                    let first = first as usize;
                    if !joined[first] && same_moment_other_language(&turns[first], &turns[second]) {
                        join_turn(turns, first, second);
                        joined[second] = true;
                        break;
                    }
                }
            }
            run = run_end;
        }
        drop_joined(turns, &joined);
    }
    let mut in_order = true;
    for k in 1..doc.turns.len() {
        let (previous, turn) = (doc.turns[k - 1].start, &doc.turns[k]);
        if turn.start < previous {
            in_order = false;
            let (line, start) = (turn.line, turn.start);
            let moved = true;
            doc.warn(
                line,
                DiagnosticKind::OutOfOrder {
                    start,
                    previous,
                    moved,
                },
            );
        }
    }
    // (No caption reader keeps headings, which stand before a turn by its place.)
    if !in_order && doc.headings.is_empty() {
        crate::order::sort_stably_by_key(&mut doc.turns, |t| t.start.0);
    }
}

fn same_moment_other_language(first: &Turn, second: &Turn) -> bool {
    first.start == second.start
        && first.end == second.end
        && (first.speaker == second.speaker || first.speaker.is_none() || second.speaker.is_none())
        && !first.blocks.is_empty()
        && !second.blocks.is_empty()
        && first
            .blocks
            .iter()
            .all(|a| second.blocks.iter().all(|b| a.lang != b.lang))
}

/// Adds a line of a cue to the cue's `pieces`: lines in one language make one paragraph, but for
/// a line that is another speaker's.
pub(crate) fn add_line(pieces: &mut Vec<Piece>, piece: Piece) {
    // Broadcast captions mark a new speaker in the middle of a line too (`Right. >> So what
    // happened?`): what follows is a line of its own.
    let bytes = piece.paragraph.text.as_bytes();
    let cuts: Vec<usize> = memchr::memchr_iter(b'>', bytes)
        .filter(|&at| {
            at > 0
                && bytes[at - 1] == b' '
                && bytes.get(at + 1) == Some(&b'>')
                && matches!(bytes.get(at + 2), None | Some(b' '))
        })
        .collect();
    if cuts.is_empty() {
        return add_one_line(pieces, piece);
    }
    for part in piece.cut(&cuts) {
        if !part.paragraph.text.is_empty() {
            add_one_line(pieces, part);
        }
    }
}

fn add_one_line(pieces: &mut Vec<Piece>, piece: Piece) {
    let text = &piece.paragraph.text;
    // A line's language is its `<lang>` tag's, or else its script's; lines with no letters (♪,
    // numbers) go with the line before them. Latin letters are taken for English, but where two
    // Latin lines meet, their words say whether they are in two languages (English and
    // Spanish), and which (a transcript in Spanish alone is told so as a whole, when finished).
    let before = pieces.last().map_or(Lang::Und, |p| p.lang);
    // A line of Chinese characters, then one in Latin letters: what spells them, if anything.
    let under_characters = pieces.len() >= 2 && pieces[pieces.len() - 2].lang == Lang::Zh;
    let mut undecided = false;
    let mut cut_at = None;
    let lang = match piece.lang {
        Lang::Und => match script_lang(text) {
            Lang::Und => before,
            Lang::En if before.is_latin() => {
                let last = pieces.last_mut().expect("a piece before");
                // (Its language, unless only its script said it: a tag's or its words'.)
                let was = match last.lang {
                    // A word or two of Pinyin with a tone mark that European languages write
                    // too (`péngyou`), under its characters and over its translation.
                    Lang::En
                        if under_characters
                            && last.run_on.lines == 1
                            && pinyin_evidence(&last.paragraph.text) == PinyinEvidence::Little =>
                    {
                        Some(Lang::Pinyin)
                    }
                    Lang::En => latin_language(spoken(&last.paragraph.text)),
                    told => Some(told),
                };
                match (was, latin_language(spoken(text))) {
                    // Pinyin is told by its tone marks alone, whatever the line beside it.
                    (Some(Lang::Pinyin), is) => {
                        last.lang = Lang::Pinyin;
                        is.unwrap_or(Lang::En)
                    }
                    (Some(was), Some(is)) if was != is => {
                        last.lang = was;
                        // The line above, run on though its words said nothing, starts a
                        // sentence: this language's first line (`Te lo dije una vez,` over `y te
                        // lo diré otra vez.`), not the last of the one above's.
                        let RunOn {
                            lines,
                            last_line,
                            undecided,
                        } = last.run_on;
                        let above = &last.paragraph.text[last_line as usize..];
                        if lines > 1
                            && undecided
                            && !starts_small(above)
                            && latin_language(above).is_none()
                        {
                            cut_at = Some(last_line as usize);
                        }
                        is
                    }
                    (None, Some(is)) if is != Lang::En => {
                        // A sentence's next line (`Te lo dije una vez,` over `y te lo diré otra
                        // vez.`) says the language of the line it goes on from.
                        if starts_small(text) {
                            last.lang = is;
                        }
                        is
                    }
                    (was, is) => {
                        undecided = was.is_none() || is.is_none();
                        before
                    }
                }
            }
            lang => lang,
        },
        tagged => tagged,
    };
    if let Some(at) = cut_at {
        let whole = pieces.pop().expect("the piece cut");
        pieces.extend(whole.cut(&[at]));
        pieces.last_mut().expect("its last line").lang = lang;
    }
    let runs_on = match pieces.last_mut() {
        Some(last) => last.lang == lang && !opens_a_line(text) && !named_in_another(last, lang),
        None => false,
    };
    match pieces.last_mut() {
        Some(last) if runs_on => last.append(piece, undecided),
        _ => pieces.push(Piece { lang, ..piece }),
    }
}

/// Whether the line `last` holds alone, its language asked with a speaker's name in it, is in
/// another script without the name (`王伟: Ok.`, over `好。`, is English): if so it is filed so,
/// a line of each language rather than one Chinese line run on. Asked only of a line about to
/// take the next (most lines go to a piece of their own, or have no name).
fn named_in_another(last: &mut Piece, lang: Lang) -> bool {
    if last.run_on.lines != 1 {
        return false;
    }
    let Some((_, words)) = name_and_words(&last.paragraph.text) else {
        return false;
    };
    let Some(own) = written_otherwise(words, lang) else {
        return false;
    };
    last.lang = own;
    true
}

/// The language `words`' script says, where it is in another script than `asked`'s (the
/// language their line was given with a speaker's name in it).
fn written_otherwise(words: &str, asked: Lang) -> Option<Lang> {
    let own = script_lang(words);
    (own != Lang::Und && own.script() != asked.script()).then_some(own)
}

/// A line's words without the speaker's name it starts with, if any: the name is no evidence of
/// the language spoken (`José Ñúñez: Thanks for having me.` is English).
fn spoken(line: &str) -> &str {
    name_and_words(line).map_or(line, |(_, words)| words)
}

/// Whether `text`'s first letter is a small one: a sentence's next line, not one of its own.
fn starts_small(text: &str) -> bool {
    // (The core's own case table: the standard library's is kilobytes of the browser build.)
    let letter = text
        .chars()
        .find(|&c| case::is_capital(c) || case::is_small(c));
    letter.is_some_and(case::is_small)
}

/// Whether a line of a cue is another speaker's, in a cue that holds two (`- Are you OK?` over
/// `- Yes.`), or starts with `>>`, broadcast captions' mark of a new speaker: a paragraph of its
/// own, not run into the line above.
pub(crate) fn opens_a_line(text: &str) -> bool {
    (text.starts_with(['-', '–']) && !text.starts_with("--")) || text.starts_with(">>")
}

/// A cue's pieces as its turn's paragraphs, timed by their marks. The turn is `doc`'s next, if
/// any: a cue of two lines whose words did not say whether they are in one language or two is
/// noted as its index ([`Document::undecided_lines`]).
pub(crate) fn fill_turn(doc: &mut Document, turn: &mut Turn, mut pieces: Vec<Piece>) {
    if let [Piece {
        run_on:
            RunOn {
                lines: 2,
                last_line,
                undecided,
            },
        marks,
        ..
    }] = pieces.as_slice()
    {
        match undecided {
            true if marks.is_empty() => {
                doc.undecided_lines
                    .push((doc.turns.len() as u32, *last_line));
            }
            true => {}
            false => doc.one_language_cues += 1,
        }
    }
    // A `>>` that ends the cue opens no one's line here (the next speaker's words are in the
    // next cue): it stays at the end of the line it ends, not a paragraph of its own.
    let n = pieces.len();
    if n > 1 && pieces[n - 1].paragraph.text == ">>" {
        let mark = pieces.remove(n - 1);
        pieces[n - 2].append(mark, false);
    }
    let (start, end) = (turn.start, turn.end);
    // A word's time outside the cue, or before the word's before it, is no time for it.
    let mut out_of_place = None;
    for piece in pieces.iter_mut().filter(|p| !p.marks.is_empty()) {
        let mut last = start;
        piece.marks.retain(|&(t, _)| {
            let fits = t >= last && end.is_none_or(|end| t <= end);
            match fits {
                true => last = t,
                false => _ = out_of_place.get_or_insert(t),
            }
            fits
        });
    }
    if let Some(t) = out_of_place {
        let found = t.cue_stamp('.');
        doc.warn(turn.line, DiagnosticKind::WordTimeOutOfPlace { found });
    }
    let mut pieces = pieces.into_iter().peekable();
    while let Some(piece) = pieces.next() {
        // A line's last word ends where the next line in its language starts, if that is timed
        // from its first word on (another speaker's, in a line of its own).
        let last_said = piece.marks.last().map_or(start, |&(t, _)| t);
        let until = pieces
            .peek()
            .filter(|next| next.lang == piece.lang)
            .and_then(|next| next.marks.first())
            .filter(|&&(t, offset)| offset == 0 && t >= last_said)
            .map_or(end, |&(t, _)| Some(t));
        let text_block = turn.block_mut(piece.lang);
        let paragraph = text_block.paragraphs.len() as u32;
        text_block
            .timings
            .extend(piece.timings(start, until, paragraph));
        text_block.paragraphs.push(piece.paragraph);
    }
}

/// Text outside any cue (or an HTML transcript's name or time with nothing said after it): header
/// metadata before the first turn, else a note on the turn above.
pub(crate) fn keep_aside(doc: &mut Document, line: u32, text: String, warn: bool) {
    match doc.turns.last_mut() {
        // Before every turn, header lines: a line each, as the header's own are.
        None => doc.metadata.extend(text.split('\n').map(str::to_owned)),
        Some(turn) => {
            turn.notes.push(Note { line, text });
            if warn {
                doc.warn(line, DiagnosticKind::StrayText);
            }
        }
    }
}

/// Whether a line is an SRT cue number (`12`), or a WebVTT cue identifier that is one.
pub(crate) fn is_cue_number(line: &str) -> bool {
    let t = line.trim_ascii();
    !t.is_empty() && t.bytes().all(|b| b.is_ascii_digit())
}

/// Whether a line is empty or all whitespace.
fn is_blank(line: &str) -> bool {
    let t = line.trim_ascii();
    t.is_empty() || (t.as_bytes()[0] >= 0x80 && t.trim().is_empty())
}

/// Where a cue timing line (readable or not) divides its start from its end, and how long the
/// divider is: an arrow (with `typed`, also as typed by hand: [`typed_arrow`]), or in SubViewer
/// the comma between two times.
fn divide(line: &str, format: Format, typed: bool) -> Option<(usize, usize)> {
    match arrow(line) {
        None if typed => typed_arrow(line),
        found => found,
    }
    .or_else(|| match format {
        Format::Sbv => sbv_comma(line).map(|at| (at, 1)),
        _ => None,
    })
}

/// Where the comma is in a SubViewer timing line (`0:00:01.000,0:00:04.000`): between two times
/// with fractions, so that text such as `1:30,2:45` is not one.
pub(crate) fn sbv_comma(line: &str) -> Option<usize> {
    let at = memchr::memchr(b',', line.as_bytes())?;
    let time = |s: &str| {
        let s = s.trim_ascii();
        s.contains('.') && parse_clock(s).is_some()
    };
    (time(&line[..at]) && time(&line[at + 1..])).then_some(at)
}

/// Where the first `-->` in `line` starts (at its first dash, for one typed with more), and its
/// length: found by its `>`, the rarest of its bytes (a searcher for the whole of it would be
/// set up anew for every cue).
fn arrow(line: &str) -> Option<(usize, usize)> {
    let bytes = line.as_bytes();
    let at = memchr::memchr_iter(b'>', bytes).find(|&at| at >= 2 && &bytes[at - 2..at] == b"--")?;
    let start = match at > 2 && bytes[at - 3] == b'-' {
        true => line[..at].trim_end_matches('-').len(),
        false => at - 2,
    };
    Some((start, at + 1 - start))
}

/// Where an arrow as people type it by hand (`->`, an en or em dash before `>`) starts, after a
/// time, and its length. Looked for only where a timing line stands, first in a block: inside a
/// cue, `0:30 -> 1:00` is its text, where only a `-->` ends it (as WebVTT has it).
fn typed_arrow(line: &str) -> Option<(usize, usize)> {
    let at = memchr::memchr(b'>', line.as_bytes())?;
    let before = line[..at].trim_end_matches(['-', '–', '—']);
    (before.len() < at && is_a_time_before(before)).then_some((before.len(), at + 1 - before.len()))
}

/// Whether what stands before an arrow looks like a time, read or not (`00:01.000`, `0:00:1,5`).
fn is_a_time_before(before: &str) -> bool {
    let time = before.trim_ascii();
    time.starts_with(|c: char| c.is_ascii_digit()) && is_time_like(time)
}

/// `00:01.000 --> 00:04.000 align:start` → (start, end, end as written). The end may be
/// unreadable (`None`).
fn timing(line: &str, format: Format) -> Option<(Millis, Option<Millis>, &str)> {
    let (at, divider) = divide(line, format, true)?;
    let (left, right) = (&line[..at], &line[at + divider..]);
    let start = cue_clock(left.trim_ascii())?;
    let end_text = right.split_whitespace().next().unwrap_or("");
    Some((start, cue_clock(end_text), end_text))
}

/// A cue's time: a clock ([`parse_clock`]), or one with a colon before its milliseconds
/// (`00:00:01:500`), as some subtitle tools write them.
fn cue_clock(s: &str) -> Option<Millis> {
    parse_clock(s).or_else(|| {
        let (clock, millis) = s.rsplit_once(':')?;
        // (Three digits, looked at before they are added up: a fuzzed `:1888…` overflowed.)
        if millis.len() != 3 || !clock.contains(':') {
            return None;
        }
        let millis = millis.bytes().try_fold(0, |n, b| {
            b.is_ascii_digit().then(|| n * 10 + u64::from(b - b'0'))
        })?;
        Some(Millis(parse_clock(clock)?.0 + millis))
    })
}

/// Whether `line` is a cue's timing line as a file's first cue shows it: a time before an arrow
/// (read or not: a cue whose time is not is kept as a note, and the cues after it read).
pub(crate) fn looks_like_timing(line: &str) -> bool {
    let arrow = arrow(line).or_else(|| typed_arrow(line));
    arrow.is_some_and(|(at, _)| is_a_time_before(&line[..at]))
}

/// One or more payload lines in one language, with inline timestamps found in them.
pub(crate) struct Piece {
    pub(crate) lang: Lang,
    pub(crate) paragraph: Paragraph,
    /// `(time, byte offset in the paragraph)` of each inline `<00:00:01.500>` (or TTML's timed
    /// `<span>`).
    pub(crate) marks: Vec<(Millis, u32)>,
    pub(crate) run_on: RunOn,
}

/// The lines run on in a [`Piece`].
#[derive(Debug, Clone, Copy)]
pub(crate) struct RunOn {
    /// How many (counted up to 255).
    lines: u8,
    /// The byte where the last starts.
    last_line: u32,
    /// The words of the last, or of those above it, did not say whether they are in one
    /// language.
    undecided: bool,
}

impl Piece {
    /// A piece of one line.
    pub(crate) fn new(lang: Lang, paragraph: Paragraph, marks: Vec<(Millis, u32)>) -> Piece {
        Piece {
            lang,
            paragraph,
            marks,
            run_on: RunOn {
                lines: 1,
                last_line: 0,
                undecided: false,
            },
        }
    }

    /// Cuts the piece before each of `cuts` (byte offsets after a space, in order): each part
    /// without the space it ends with, its styles and timed words with it. A part's mark (`>>`)
    /// is said with its first timed word; other words before that one, with the word said last
    /// before them. In one pass: a line of a thousand marks is cut as fast as one of two.
    fn cut(self, cuts: &[usize]) -> Vec<Piece> {
        let Piece {
            lang,
            paragraph,
            marks,
            ..
        } = self;
        let text = &paragraph.text;
        let ends = cuts.iter().copied().chain([text.len()]);
        let starts = [0].into_iter().chain(cuts.iter().copied());
        let (mut first_style, mut next_mark) = (0, 0);
        let mut said: Option<Millis> = None;
        let mut parts = Vec::with_capacity(cuts.len() + 1);
        for (from, to) in starts.zip(ends) {
            let part = text[from..to].trim_end();
            let (from32, kept) = (from as u32, (from + part.len()) as u32);
            // Styles are runs in order: those ended before this part are done with.
            while paragraph
                .styles
                .get(first_style)
                .is_some_and(|r| r.end <= from32)
            {
                first_style += 1;
            }
            let styles = paragraph.styles[first_style..]
                .iter()
                .take_while(|r| r.start < kept)
                .map(|r| StyledRange {
                    start: r.start.max(from32) - from32,
                    end: r.end.min(kept) - from32,
                    style: r.style,
                })
                .filter(|r| r.end > r.start)
                .collect();
            let taken = marks[next_mark..].partition_point(|&(_, at)| (at as usize) < to);
            let mut part_marks: Vec<(Millis, u32)> = marks[next_mark..next_mark + taken]
                .iter()
                .map(|&(t, at)| (t, at.min(kept) - from32))
                .collect();
            next_mark += taken;
            match part_marks.first_mut() {
                Some(first) if from > 0 => {
                    if part[..first.1 as usize]
                        .trim_start_matches(['>', ' '])
                        .is_empty()
                    {
                        first.1 = 0;
                    } else if let Some(said) = said {
                        part_marks.insert(0, (said, 0));
                    }
                }
                _ => {}
            }
            said = part_marks.last().map(|&(t, _)| t).or(said);
            let paragraph = Paragraph {
                text: part.to_owned(),
                styles,
                links: Vec::new(),
            };
            parts.push(Piece::new(lang, paragraph, part_marks));
        }
        parts
    }

    /// Runs `other` on after this piece's text; `undecided`: its words and this one's did not say
    /// whether the two are in one language.
    fn append(&mut self, other: Piece, undecided: bool) {
        let offset = self.paragraph.continue_with(other.paragraph);
        self.run_on = RunOn {
            lines: self.run_on.lines.saturating_add(1),
            last_line: offset,
            undecided,
        };
        self.marks
            .extend(other.marks.into_iter().map(|(t, at)| (t, at + offset)));
    }

    /// Timed ranges between consecutive marks; the text before the first mark starts with the cue.
    fn timings(&self, cue_start: Millis, cue_end: Option<Millis>, paragraph: u32) -> Vec<Timing> {
        if self.marks.is_empty() {
            return Vec::new();
        }
        let mut points: Vec<(Millis, u32)> = Vec::with_capacity(self.marks.len() + 1);
        if self.marks[0].1 > 0 {
            points.push((cue_start, 0));
        }
        points.extend(self.marks.iter().copied());
        let len = self.paragraph.text.len() as u32;
        points
            .iter()
            .enumerate()
            .filter_map(|(i, &(start, from))| {
                let (end, to) = match points.get(i + 1) {
                    Some(&(t, at)) => (Some(t), at),
                    None => (cue_end, len),
                };
                (to > from).then_some(Timing {
                    start,
                    end,
                    paragraph,
                    from,
                    to,
                })
            })
            .collect()
    }
}

/// What a cue's lines leave open for the lines after them: the voice a `<v>` named, and an `<i>`
/// or `<b>` not yet closed (`<i>Where are you` over `going?</i>`: a cue's text is one, its line
/// breaks inside it).
#[derive(Default)]
pub(crate) struct Carried<'a> {
    pub(crate) voice: Option<&'a str>,
    emphasis: bool,
    strong: bool,
}

/// Reads one payload line: tags become styles, a voice, timestamps or the line's language (a
/// `<lang es>` in it: WebVTT's way of saying what no script tells); entities are decoded.
/// (The other readers' caption lines; the cues' are read by voice, `payload_stretch`.)
#[cfg(any(test, feature = "lrc", feature = "microdvd", feature = "tables"))]
pub(crate) fn payload_line<'a>(line: &'a str, carried: &mut Carried<'a>) -> Piece {
    read_payload(line, carried, false).0
}

/// [`payload_line`] up to a voice after its text, and the rest of the line from that voice.
fn payload_stretch<'a>(line: &'a str, carried: &mut Carried<'a>) -> (Piece, &'a str) {
    read_payload(line, carried, true)
}

fn read_payload<'a>(
    line: &'a str,
    carried: &mut Carried<'a>,
    stop_at_voice: bool,
) -> (Piece, &'a str) {
    let line = line.trim_ascii();
    let mut out = StyledText::with_capacity(line.len());
    out.set(Style::Emphasis, carried.emphasis);
    out.set(Style::Strong, carried.strong);
    let mut marks = Vec::new();
    if memchr::memchr3(b'<', b'&', b'{', line.as_bytes()).is_none() {
        out.push_str(line);
        return (Piece::new(Lang::Und, out.finish(), marks), "");
    }
    let mut rest = line;
    let mut lang = Lang::Und;
    // Where the next voice's stretch starts, when `stop_at_voice` finds one.
    let mut next_voice = None;
    while let Some(at) = memchr::memchr3(b'<', b'&', b'{', rest.as_bytes()) {
        out.push_str(&rest[..at]);
        rest = &rest[at..];
        let consumed = match rest.as_bytes()[0] {
            b'<' => {
                let voice_before = carried.voice;
                let length = tag(rest, &mut out, &mut marks, &mut carried.voice, &mut lang);
                // Another voice after this one's text: its words are the next stretch's.
                if stop_at_voice
                    && voice_before.is_some()
                    && carried.voice != voice_before
                    && out.len() > 0
                {
                    carried.voice = voice_before;
                    next_voice = Some(rest);
                    break;
                }
                length
            }
            b'&' => entity(rest).map(|(c, length)| {
                out.push(c);
                length
            }),
            _ => ass_override(rest),
        };
        match consumed {
            Some(n) => rest = &rest[n..],
            None => {
                out.push(rest.chars().next().expect("non-empty"));
                rest = &rest[1..];
            }
        }
    }
    if next_voice.is_none() {
        out.push_str(rest);
    }
    carried.emphasis = out.is_on(Style::Emphasis);
    carried.strong = out.is_on(Style::Strong);
    let mut paragraph = out.finish();
    // Tags at the line's edges (`<v Bob> Hi`) leave spaces behind; they are not text.
    let trimmed_start = paragraph.text.len() - paragraph.text.trim_start().len();
    if trimmed_start > 0 || paragraph.text.ends_with(char::is_whitespace) {
        paragraph = trim_paragraph(paragraph, &mut marks);
    }
    (Piece::new(lang, paragraph, marks), next_voice.unwrap_or(""))
}

pub(crate) fn trim_paragraph(p: Paragraph, marks: &mut [(Millis, u32)]) -> Paragraph {
    let lead = (p.text.len() - p.text.trim_start().len()) as u32;
    let text = p.text.trim().to_owned();
    let len = text.len() as u32;
    let clamp = |x: u32| x.saturating_sub(lead).min(len);
    for m in marks.iter_mut() {
        m.1 = clamp(m.1);
    }
    let styles = p
        .styles
        .into_iter()
        .map(|mut r| {
            r.start = clamp(r.start);
            r.end = clamp(r.end);
            r
        })
        .filter(|r| r.end > r.start)
        .collect();
    Paragraph {
        text,
        styles,
        links: Vec::new(),
    }
}

/// A `<...>` tag at the start of `s`; returns its length, or `None` if it is not a tag (a lone `<`).
fn tag<'a>(
    s: &'a str,
    out: &mut StyledText,
    marks: &mut Vec<(Millis, u32)>,
    voice: &mut Option<&'a str>,
    lang: &mut Lang,
) -> Option<usize> {
    let close = memchr::memchr(b'>', s.as_bytes())?;
    let inner = &s[1..close];
    if inner.is_empty() || inner.contains('<') {
        return None;
    }
    if let Some(time) = parse_clock(inner) {
        marks.push((time, out.len() as u32));
        return Some(close + 1);
    }
    let closing = inner.starts_with('/');
    let name_end = inner
        .find(|c: char| c == '.' || c.is_whitespace())
        .unwrap_or(inner.len());
    // Tag names are short ASCII: compared case-insensitively in place, without allocating.
    let name = &inner[usize::from(closing)..name_end];
    let is = |tag: &str| name.eq_ignore_ascii_case(tag);
    if is("i") || is("em") {
        out.set(Style::Emphasis, !closing);
    } else if is("b") || is("strong") {
        out.set(Style::Strong, !closing);
    } else if is("v") && !closing {
        // `<v Name>` or `<v.class Name>`: the annotation after the first space is the voice.
        let annotation = inner[name_end..]
            .trim_start_matches(|c: char| c != ' ' && c != '\t')
            .trim();
        if !annotation.is_empty() {
            *voice = Some(annotation);
        }
    } else if is("rt") && !closing {
        out.open_reading();
    } else if (is("rt") || is("ruby")) && closing {
        out.close_reading();
    } else if is("lang") && !closing && out.len() == 0 {
        // `<lang es>` before the line's text; one around a word in it (`<lang zh>中文</lang>`)
        // does not make the line that language. A code this reader does not know leaves the
        // line to its script.
        let code = inner[name_end..].trim_start_matches(|c: char| c != ' ' && c != '\t');
        if let Some(tagged) = Lang::from_code(code.trim()) {
            *lang = tagged;
        }
    } else if !["v", "c", "u", "s", "lang", "ruby", "font", "span", "br"]
        .iter()
        .any(|t| is(t))
    {
        return None;
    }
    Some(close + 1)
}

/// The names of U+00A0–U+00FF as HTML writes them (`&nbsp;` to `&yuml;`), in order.
const LATIN_1_NAMES: &str = "nbsp iexcl cent pound curren yen brvbar sect uml copy ordf laquo not \
    shy reg macr deg plusmn sup2 sup3 acute micro para middot cedil sup1 ordm raquo frac14 frac12 \
    frac34 iquest Agrave Aacute Acirc Atilde Auml Aring AElig Ccedil Egrave Eacute Ecirc Euml \
    Igrave Iacute Icirc Iuml ETH Ntilde Ograve Oacute Ocirc Otilde Ouml times Oslash Ugrave Uacute \
    Ucirc Uuml Yacute THORN szlig agrave aacute acirc atilde auml aring aelig ccedil egrave eacute \
    ecirc euml igrave iacute icirc iuml eth ntilde ograve oacute ocirc otilde ouml divide oslash \
    ugrave uacute ucirc uuml yacute thorn yuml";

/// The entity at the start of `s` (`&amp;`, `&#NN;`, `&#xNN;`, and the names a page's writer
/// or a CMS uses: Latin-1's, `&rsquo;`, `&mdash;`, `&hellip;`, `&euro;`…) as its character, and
/// how many bytes of `s` it takes.
pub(crate) fn entity(s: &str) -> Option<(char, usize)> {
    let semi = s.as_bytes().iter().take(12).position(|&b| b == b';')?;
    let name = &s[1..semi];
    let c = match name {
        "amp" => '&',
        "lt" => '<',
        "gt" => '>',
        "quot" => '"',
        "apos" => '\'',
        "ndash" => '–',
        "mdash" => '—',
        "lsquo" => '‘',
        "rsquo" => '’',
        "sbquo" => '‚',
        "ldquo" => '“',
        "rdquo" => '”',
        "bdquo" => '„',
        "lsaquo" => '‹',
        "rsaquo" => '›',
        "hellip" => '…',
        "bull" => '•',
        "dagger" => '†',
        "Dagger" => '‡',
        "permil" => '‰',
        "prime" => '′',
        "Prime" => '″',
        "euro" => '€',
        "trade" => '™',
        "larr" => '←',
        "rarr" => '→',
        "OElig" => 'Œ',
        "oelig" => 'œ',
        "ensp" => '\u{2002}',
        "emsp" => '\u{2003}',
        "thinsp" => '\u{2009}',
        "zwnj" => '\u{200C}',
        "zwj" => '\u{200D}',
        "lrm" => '\u{200E}',
        "rlm" => '\u{200F}',
        _ if name.starts_with(|c: char| c.is_ascii_alphabetic()) => {
            let at = LATIN_1_NAMES
                .split_ascii_whitespace()
                .position(|n| n == name)?;
            char::from_u32(0xA0 + at as u32)?
        }
        _ => {
            let code = name.strip_prefix("#x").or_else(|| name.strip_prefix("#X"));
            let n = match code {
                Some(hex) => u32::from_str_radix(hex, 16).ok()?,
                None => name.strip_prefix('#')?.parse().ok()?,
            };
            // (`&#11;`, a line break as Word writes it, a space.)
            char::from_u32(n)
                .filter(|c| *c != '\0')
                .map(crate::decode::control_as_space)?
        }
    };
    Some((c, semi + 1))
}

/// The speaker a voice names, its character references decoded (`<v Ann &amp; Bob>`); a name
/// without any is taken as it is, not copied, as nearly every cue's is.
fn voice_speaker(doc: &mut Document, name: &str) -> u32 {
    match name.contains('&') {
        true => doc.speaker_id(&decoded(name)),
        false => doc.speaker_id(name),
    }
}

/// `s` with its character references decoded (a voice `<v Ann &amp; Bob>`, `&amp;` in an
/// HTML page's address), a lone `&` kept, trimmed.
pub(crate) fn decoded(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut rest = s.trim();
    while let Some(amp) = rest.find('&') {
        out.push_str(&rest[..amp]);
        let (c, length) = entity(&rest[amp..]).unwrap_or(('&', 1));
        out.push(c);
        rest = &rest[amp + length..];
    }
    out.push_str(rest);
    out
}

/// `{\an8}`-style override codes that SRT files carry over from ASS: presentation only.
fn ass_override(s: &str) -> Option<usize> {
    if !s.starts_with("{\\") {
        return None;
    }
    s.find('}').map(|end| end + 1)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Link;

    /// A colon before the milliseconds, three digits and no more; found by the fuzz target
    /// (`fuzz/seeds/regression-colon-millis-overflow.srt`): a long run of digits there overflowed.
    #[test]
    fn a_colon_before_the_milliseconds_reads_and_a_long_run_of_digits_is_no_time() {
        assert_eq!(cue_clock("00:00:01:500"), Some(Millis(1_500)));
        assert_eq!(cue_clock("01:02:03:004"), Some(Millis(3_723_004)));
        for no_time in [
            "00:00:01:1888888888888888888888888",
            "00:00:01:50",
            "01:500",
            "00:00:01:5x0",
        ] {
            assert_eq!(cue_clock(no_time), None, "{no_time}");
        }
        let bytes = include_bytes!("../../../fuzz/seeds/regression-colon-millis-overflow.srt");
        crate::read_str(&String::from_utf8_lossy(bytes));
    }

    #[cfg(any(feature = "ttml", feature = "sami"))]
    #[test]
    fn a_language_said_is_taken_where_the_letters_are_its_script() {
        for (said, text, lang) in [
            (Lang::Es, "Sí, claro.", Lang::Es),
            (Lang::Uk, "Добрий день.", Lang::Uk),
            (Lang::Ar, "مرحبا", Lang::Ar),
            (Lang::Fa, "مرحبا", Lang::Fa),
            (Lang::Ar, "حال شما چطور است", Lang::Ar),
            (Lang::En, "你好。", Lang::Und),
            (Lang::Ru, "Hello.", Lang::Und),
        ] {
            assert_eq!(said_lang(Some(said), text), lang, "{text}");
        }
    }

    /// Each turn's blocks as (language, text).
    fn blocks_of(srt_cues: &[&str]) -> Vec<Vec<(Lang, String)>> {
        let srt: String = srt_cues
            .iter()
            .enumerate()
            .map(|(i, lines)| format!("{}\n00:00:0{i},000 --> 00:00:0{i},900\n{lines}\n\n", i + 1))
            .collect();
        let doc = crate::read_str(&srt);
        assert!(doc.undecided_lines.is_empty(), "taken when read");
        doc.turns
            .iter()
            .map(|t| {
                let text = |b: &TextBlock| b.paragraphs[0].text.clone();
                t.blocks.iter().map(|b| (b.lang, text(b))).collect()
            })
            .collect()
    }

    #[test]
    fn two_lines_that_their_words_do_not_tell_apart_are_a_line_of_each_where_cues_pair() {
        let short = ["Thank you.\nGracias.", "Let us go!\nVamos."];
        let paired = "The house is red and the car is blue.\nLa casa es roja y el coche es azul.";
        // One pair beside two lines run on: as likely English subtitles, one of whose lines the
        // words misread.
        let doc = blocks_of(&[paired, short[0], short[1]]);
        assert_eq!(doc[1], [(Lang::En, "Thank you. Gracias.".to_owned())]);
        // Two pairs, or one beside one: a line of each.
        for cues in [
            &[paired, paired, short[0], short[1]][..],
            &[paired, short[0]],
        ] {
            let doc = blocks_of(cues);
            let thanks = doc.iter().find(|t| t[0].1.starts_with("Thank"));
            let expected = [
                (Lang::En, "Thank you.".to_owned()),
                (Lang::Es, "Gracias.".to_owned()),
            ];
            assert_eq!(thanks.expect("the cue"), &expected);
        }
        // A film in Spanish whose characters say a line or two in English: its cues of two
        // Spanish lines outweigh them.
        let spanish = "¿Adónde vas esta noche?\nNo lo sé, señor.";
        let english = "Is that English?\nNo, es español.";
        let doc = blocks_of(&[spanish, spanish, spanish, english, english, short[1]]);
        let run_on: Vec<&str> = doc[5].iter().map(|(_, text)| text.as_str()).collect();
        assert_eq!(run_on, ["Let us go! Vamos."]);
        // Lines no words decide are in the order of the pairs of the language they are read
        // as, not of the file's other pairs.
        let spanish_first =
            "La casa es roja y el coche es azul.\nThe house is red and the car is blue.";
        let french =
            "The dog is small and the cat is old.\nLe chien est petit et le chat est vieux.";
        let doc = blocks_of(&[spanish_first, spanish_first, french, "Vale.\nOK."]);
        let expected = [(Lang::Es, "Vale.".to_owned()), (Lang::En, "OK.".to_owned())];
        assert_eq!(doc[3], expected);
        // A sentence's next line starts with a small letter: run on.
        let doc = blocks_of(&[paired, paired, "I never said\nthat to her."]);
        assert_eq!(doc[2], [(Lang::En, "I never said that to her.".to_owned())]);
    }

    #[test]
    fn a_paragraph_split_where_it_was_run_on_gives_each_part_its_styles_and_links() {
        let link = |start, end, url: &str| Link {
            start,
            end,
            url: url.to_owned(),
        };
        let mut first = Paragraph {
            text: "one two".to_owned(),
            styles: vec![StyledRange {
                start: 0,
                end: 7,
                style: Style::Emphasis,
            }],
            links: vec![link(4, 7, "https://a.example/")],
        };
        let second = Paragraph {
            text: "three".to_owned(),
            styles: vec![StyledRange {
                start: 0,
                end: 5,
                style: Style::Emphasis,
            }],
            links: vec![link(0, 3, "https://b.example/")],
        };
        let whole = first.clone();
        let at = first.continue_with(second.clone());
        assert_eq!(first.styles.len(), 1, "one run over both");
        assert_eq!(first.links[1], link(8, 11, "https://b.example/"));
        assert_eq!(first.split_off(at), second);
        assert_eq!(first, whole);
    }

    #[test]
    fn subviewer_timing_lines_are_two_times_with_fractions() {
        assert_eq!(sbv_comma("0:00:01.000,0:00:04.500"), Some(11));
        assert_eq!(sbv_comma(" 1:02:03.5 , 1:02:07.25 "), Some(11));
        for text in [
            "1:30,2:45",
            "0:00:01,000",
            "0:00:01.000,",
            "Yes, 0:00:01.000",
            "0:00:01.000,0:00:0x",
            "0:00:01.000 --> 0:00:02.000",
        ] {
            assert_eq!(sbv_comma(text), None, "{text}");
        }
    }

    #[test]
    fn cues_at_one_time_in_two_languages_pair_unless_two_speakers_say_them() {
        // Each cue's voice (`""`: none); the turns' speakers and languages.
        let pairs = |first: &str, second: &str| {
            let voice = |name: &str| match name {
                "" => String::new(),
                name => format!("<v {name}>"),
            };
            let vtt = format!(
                "WEBVTT\n\n00:01.000 --> 00:02.000\n{}Hello.\n\n\
                 00:01.000 --> 00:02.000\n{}你好。\n",
                voice(first),
                voice(second)
            );
            let doc = crate::read(vtt.as_bytes()).expect("UTF-8");
            let name = |t: &Turn| {
                t.speaker
                    .map_or("", |s| &doc.speakers[s as usize])
                    .to_owned()
            };
            let turns = doc.turns.iter();
            turns.map(|t| (name(t), t.blocks.len())).collect::<Vec<_>>()
        };
        let turn = |name: &str, languages| (name.to_owned(), languages);
        assert_eq!(pairs("A", "A"), [turn("A", 2)]);
        assert_eq!(pairs("A", "B"), [turn("A", 1), turn("B", 1)]);
        // A translation's track often names no one: the voice the other names is the turn's.
        assert_eq!(pairs("A", ""), [turn("A", 2)]);
        assert_eq!(pairs("", "B"), [turn("B", 2)]);
        assert_eq!(pairs("", ""), [turn("", 2)]);
    }

    #[test]
    fn voice_tags_and_entities() {
        let mut carried = Carried::default();
        let piece = payload_line(
            "<v.loud Chip Huyen>Fish &amp; <i>chips</i></v>",
            &mut carried,
        );
        assert_eq!(carried.voice, Some("Chip Huyen"));
        assert_eq!(piece.paragraph.text, "Fish & chips");
        assert_eq!(piece.paragraph.styles.len(), 1);
    }

    #[test]
    fn named_character_references_as_pages_write_them() {
        assert_eq!(
            decoded("It&rsquo;s &ldquo;caf&eacute;&rdquo; &mdash; 5&nbsp;&euro; &hellip; &AElig;&yuml;&iexcl;"),
            "It’s “café” — 5\u{A0}€ … Æÿ¡"
        );
        // What is no name stays as written, a lone `&` too.
        assert_eq!(
            decoded("R&D &nosuch; &#x41;&#66; a & b"),
            "R&D &nosuch; AB a & b"
        );
    }

    #[test]
    fn inline_timestamps_become_marks() {
        let mut carried = Carried::default();
        let piece = payload_line("<00:00:01.000>one <00:00:01.500><c>two</c>", &mut carried);
        assert_eq!(piece.paragraph.text, "one two");
        assert_eq!(piece.marks, vec![(Millis(1000), 0), (Millis(1500), 4)]);
    }

    #[test]
    fn lone_angle_brackets_are_text() {
        let mut carried = Carried::default();
        assert_eq!(
            payload_line("a < b and c > d", &mut carried).paragraph.text,
            "a < b and c > d"
        );
        assert_eq!(
            payload_line("<unknown tag> x", &mut carried).paragraph.text,
            "<unknown tag> x"
        );
    }

    #[test]
    fn a_speaker_mark_in_a_line_starts_a_paragraph_its_styles_cut_with_it() {
        let mut pieces = Vec::new();
        let mut carried = Carried::default();
        add_line(
            &mut pieces,
            payload_line("<i>one >> two</i> >> 三 >>", &mut carried),
        );
        let paragraphs: Vec<_> = pieces
            .iter()
            .map(|p| {
                (
                    p.lang,
                    p.paragraph.text.as_str(),
                    p.paragraph.styles.clone(),
                )
            })
            .collect();
        let italic = |start, end| StyledRange {
            start,
            end,
            style: Style::Emphasis,
        };
        assert_eq!(
            paragraphs,
            [
                (Lang::En, "one", vec![italic(0, 3)]),
                (Lang::En, ">> two", vec![italic(0, 6)]),
                (Lang::Zh, ">> 三", vec![]),
                (Lang::Zh, ">>", vec![]),
            ]
        );
    }
}
