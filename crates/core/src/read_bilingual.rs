//! Reader for the hand-written bilingual layout (see `samples/chip-huyen-lennys-podcast.md`).
//!
//! The layout is Markdown-ish and written by hand and by scripts, so the reader is lenient by line:
//! each line is classified on its own (turn line, language label, separator, heading, text) and
//! the markup around it (`##`, `**`) never changes what it is. Anything not structural is text,
//! and text is never dropped: before the first turn it is header (title, metadata); between a
//! turn's closing `---` and the next turn it is a note on that turn.

use super::case;
use super::inline;
use super::lines::Lines;
use super::model::{Diagnostic, DiagnosticKind, Document, Format, Heading, Lang, Note, Turn};
use super::script::{guess_lang, joins_without_space};
use super::sentences::ends_sentence;
use super::time::{parse_clock, Millis};
use super::timeline::estimate_starts;
use super::translated_speakers::{join_translated_turns, NamePairs};
use super::{Pause, PAUSE_EVERY_LINES};

/// Longest label considered (`Chinese translation` is 19 bytes, `英文原文` 12): a line whose
/// first colon comes later is text, decided without looking at its words.
const MAX_LABEL_BYTES: usize = 28;
/// Longest speaker name before a `Name: text` split on a turn line.
const MAX_SPEAKER_BYTES: usize = 60;

pub async fn read(text: &str, mut diagnostics: Vec<Diagnostic>, pause: &mut Pause<'_>) -> Document {
    let given = diagnostics.len();
    let mut untimed = false;
    let mut dialogue_names = Vec::new();
    let mut translated = NamePairs::default();
    let mut split_dialogue = false;
    let mut names_by_times = Vec::new();
    let mut named_by_times = false;
    // One loop for both passes: the reading loop, written twice, would ship twice.
    let mut reader = loop {
        let mut reader = Reader::new(diagnostics, untimed);
        reader.dialogue_names = dialogue_names;
        reader.translated = translated;
        reader.split_dialogue = split_dialogue;
        reader.names_by_times = names_by_times;
        reader.named_by_times = named_by_times;
        for (number, raw) in Lines::new(text) {
            let line = classify(raw);
            if untimed {
                reader.untimed_line(number, line, raw);
            } else {
                reader.timed_line(number, line, raw);
            }
            if number % PAUSE_EVERY_LINES == 0 {
                if let Some(paused) = pause() {
                    paused.await;
                }
            }
        }
        let dialogue = reader.dialogue_names.iter().any(|&(_, lines)| lines > 1)
            || !reader.translated.translated().is_empty();
        let timed = !reader.doc.turns.is_empty();
        let unnamed = || reader.doc.turns.iter().all(|t| t.speaker.is_none());
        let by_times = reader.names_by_times.iter().any(|&(_, lines)| lines > 1);
        // Names beside times (on lines of their own, or before a time after one space).
        let by_times = by_times && unnamed();
        let read_again = if timed {
            // Or times that name no one over a dialogue (Google Meet's transcripts: a time every
            // few minutes, then `Name: text` lines).
            by_times || dialogue && unnamed()
        } else {
            by_times || reader.saw_label || dialogue
        };
        if untimed || split_dialogue || named_by_times || !read_again {
            break reader;
        }
        // Labelled text, or a dialogue, with no times: read again, labels, speaker lines and
        // `Name: text` lines marking the turns; or a dialogue under times, its lines marking the
        // turns between them. Rare and short, so a second pass costs nothing worth a streaming
        // design.
        diagnostics = reader.doc.diagnostics;
        diagnostics.truncate(given);
        dialogue_names = reader.dialogue_names;
        translated = reader.translated;
        names_by_times = reader.names_by_times;
        untimed = !timed && !by_times;
        named_by_times = by_times;
        split_dialogue = timed && !by_times;
    };
    reader.release_speaker_line();
    reader.finish()
}

/// What one line is, markup removed.
#[derive(Debug, PartialEq)]
enum Line<'a> {
    Blank,
    Separator,
    Turn {
        start: Millis,
        /// The end, where the line gives a range (`[00:00:11 - 00:00:14]`).
        end: Option<Millis>,
        /// Written as an estimate (`[≈00:00:03]`).
        estimated: bool,
        speaker: &'a str,
        text: &'a str,
        time_at: TimeAt,
    },
    BadTime {
        found: &'a str,
    },
    Label {
        lang: Lang,
        text: &'a str,
    },
    Heading {
        level: u8,
        text: &'a str,
    },
    Text(&'a str),
}

/// Where a turn line holds its time. Brackets at the start are this layout's own; the other places
/// are how transcription services write a turn's time, and once a file's first turn shows which
/// it uses, a line with its time in another of them is text (`10:30` alone in a paragraph).
#[derive(Clone, Copy, Debug, PartialEq)]
enum TimeAt {
    /// `[00:00:33] Name`, `【00：00：33】`, `(00:33) Name: text`.
    Brackets,
    /// `0:33` alone on its line (YouTube's transcript panel), or `00:00:33 Name` with hours.
    LineStart,
    /// `Name  0:33` (Otter), `Name (00:33):` (Rev, Temi), `Name [00:00:33]`.
    AfterName,
    /// `Name 0:33`, one space before a time without hours (Feishu Minutes, Tingwu: `说话人 1
    /// 00:05`): as likely a sentence's end (`Meet at 10:30`), so a turn line only where its name
    /// is a speaker's by the names beside times ([`name_by_time`]).
    AfterNameOneSpace,
    /// `[Alice Smith] 10:02:33`, as Zoom saves a meeting's captions: the time the meeting's
    /// clock showed, with hours (moved to count from the first turn, [`from_the_first_turn`]).
    ClockAfterBracketedName,
    /// `### Alice — 00:05`, `## Alice (00:05)`: a heading (of this level) that reads as a name
    /// and a time, as likely a chapter's with its time: a turn line only where, as
    /// `AfterNameOneSpace`'s, its name is a speaker's, else a heading.
    InHeading(u8),
}

/// A line of a header above the first turn (or a table), its markup off; `h1`: it was a `# `
/// heading.
pub(crate) struct HeaderLine {
    pub(crate) text: String,
    pub(crate) h1: bool,
}

/// The header becomes title (its first `#` heading, else its first line) and metadata. An
/// empty `#` says there is no title (as the writer marks a document without one).
pub(crate) fn file_header(doc: &mut Document, header: Vec<HeaderLine>) {
    let title_at = header
        .iter()
        .position(|h| h.h1)
        .or((!header.is_empty()).then_some(0));
    for (i, h) in header.into_iter().enumerate() {
        if Some(i) == title_at {
            doc.title = Some(h.text).filter(|t| !t.is_empty());
        } else {
            doc.metadata.push(h.text);
        }
    }
}

struct Reader {
    doc: Document,
    /// Header lines, kept until the first turn shows where the header ends.
    header: Vec<HeaderLine>,
    /// The language set by the last label in the current turn.
    lang: Option<Lang>,
    /// A `---` has closed the current turn: unlabelled text now is a note, not turn text.
    closed: bool,
    /// The paragraph being gathered, its lines joined.
    paragraph: String,
    paragraph_lang: Option<Lang>,
    /// The line the paragraph starts on.
    paragraph_line: u32,
    /// The current turn's last paragraph in one language: its line and language.
    last_paragraph: Option<(u32, Lang)>,
    /// Whether the paragraph, unlabelled, is a sentence and its translation so far.
    pair: Pair,
    /// Where the paragraph's lines go from one language to the other, in a paragraph of
    /// sentences each followed by its translation ([`Pair::Alternating`]).
    switches: Vec<usize>,
    /// A language label was read: the file may be this layout without times, and its languages
    /// are as told.
    saw_label: bool,
    /// The file has no turn lines: a label in a language the turn has, or after a `---`,
    /// starts the next turn, and a short line just above it names its speaker.
    untimed: bool,
    /// In an untimed file, a line that may name the next turn's speaker, held until the next
    /// line shows whether it does.
    speaker_line: Option<SpeakerLine>,
    /// In an untimed file, the last line that was not blank is a `---`.
    after_separator: bool,
    /// Every turn line so far marks its time as an estimate.
    all_estimated: bool,
    /// Where the file's first turn line holds its time.
    time_at: Option<TimeAt>,
    /// The turns whose time the file left out (a name and a label after a `---`), by index.
    left_out: Vec<u32>,
    /// Before the first turn, and in turns whose line names no one: the names that start lines
    /// of the form `Name: text`, and how many lines each starts. A name that starts two or more
    /// makes a file a dialogue.
    dialogue_names: Vec<(String, u32)>,
    /// The same lines' names (their places in `dialogue_names`), as a dialogue translated line
    /// by line pairs them: a name said once (a guest's) is a speaker where it pairs.
    translated: NamePairs,
    /// Times with no names over a dialogue: its `Name: text` lines start turns, those between
    /// two times with estimated starts.
    split_dialogue: bool,
    /// The first line of a dialogue between times, and how many turns start so.
    between_times: Option<(u32, u32)>,
    /// Names on a line of their own just above a time alone on its line (after a blank line),
    /// or just under one (with words under them), and how many turns each is found at: a name
    /// found at two or more makes them speakers' names ([`name_by_time`]).
    names_by_times: Vec<(String, u32)>,
    /// Reading again, the names beside times in `names_by_times` name their turns' speakers.
    named_by_times: bool,
    /// The current turn's line is a time alone (`00:05`, `00:00:05:12 - 00:00:09:02`).
    time_alone: bool,
    /// The last line was blank; and so was the line above the paragraph being gathered.
    blank_above: bool,
    paragraph_after_blank: bool,
    /// The line the last header line was read from.
    header_line: u32,
    /// The first turn's line, as header text, while that turn may yet prove to be the header's
    /// (`10:30 Meeting` above `[00:00:01] Alice`): its time unbracketed, and no words under it.
    first_turn_line: Option<String>,
}

struct SpeakerLine {
    number: u32,
    name: String,
    /// The line as read, markup removed, and its heading level (0: text), to read it as that
    /// if it names no one.
    text: String,
    level: u8,
    /// Heading, bold, ending in a colon or just after a `---`: a name whatever the label after
    /// it.
    marked: bool,
    blank_after: bool,
}

/// An unlabelled paragraph's lines, one language after another: lines in one language, then,
/// after a line that ends a sentence, lines in another is a sentence and its translation, as
/// in a bilingual subtitle cue, and becomes two paragraphs. A language that changes anywhere
/// else (a name or a term on a line of its own in hand-wrapped text) changes nothing.
#[derive(Clone, Copy)]
enum Pair {
    /// Labelled, or its languages change in a way no translation does.
    No,
    /// One line so far, not yet looked at (most paragraphs are one line: none is looked at
    /// twice).
    OneLine,
    /// Lines in one language so far (`Und` until one has letters).
    First(Lang),
    /// The lines from byte `at` on are in `second`, those before in `first`.
    Second {
        at: usize,
        first: Lang,
        second: Lang,
    },
    /// Sentences each followed by its translation, a line or more each, as a chat assistant
    /// asked for a transcript line by line writes them: the lines change language at the
    /// reader's `switches`, starting in `first`; `now` is the last line's.
    Alternating {
        first: Lang,
        second: Lang,
        now: Lang,
    },
}

impl Pair {
    /// With one more line, in `lang`, starting at byte `at` of the paragraph; `after_sentence`:
    /// the lines before it end a sentence.
    fn next(self, lang: Lang, at: usize, after_sentence: bool) -> Pair {
        match self {
            Pair::First(first) if lang == Lang::Und || lang == first => self,
            Pair::First(Lang::Und) => Pair::First(lang),
            Pair::First(first) if after_sentence => Pair::Second {
                at,
                first,
                second: lang,
            },
            Pair::Second { second, .. } if lang == Lang::Und || lang == second => self,
            Pair::Second { first, second, .. } if lang == first && after_sentence => {
                Pair::Alternating {
                    first,
                    second,
                    now: first,
                }
            }
            Pair::Alternating { now, .. } if lang == Lang::Und || lang == now => self,
            Pair::Alternating { first, second, .. } if after_sentence => match lang {
                lang if lang == first || lang == second => Pair::Alternating {
                    first,
                    second,
                    now: lang,
                },
                _ => Pair::No,
            },
            _ => Pair::No,
        }
    }
}

impl Reader {
    fn new(diagnostics: Vec<Diagnostic>, untimed: bool) -> Reader {
        Reader {
            doc: Document::of(Format::Bilingual, diagnostics),
            header: Vec::new(),
            lang: None,
            closed: false,
            paragraph: String::new(),
            paragraph_lang: None,
            paragraph_line: 0,
            last_paragraph: None,
            pair: Pair::No,
            switches: Vec::new(),
            saw_label: false,
            untimed,
            speaker_line: None,
            after_separator: false,
            all_estimated: true,
            time_at: None,
            left_out: Vec::new(),
            dialogue_names: Vec::new(),
            translated: NamePairs::default(),
            split_dialogue: false,
            between_times: None,
            names_by_times: Vec::new(),
            named_by_times: false,
            time_alone: false,
            blank_above: true,
            paragraph_after_blank: false,
            header_line: 0,
            first_turn_line: None,
        }
    }

    /// A line of a file with times. After a `---`, a line that may name a speaker is held: with a
    /// language label next, it starts a turn whose time was left out.
    fn timed_line(&mut self, number: u32, line: Line<'_>, raw: &str) {
        if let Some(held) = &mut self.speaker_line {
            match line {
                Line::Blank => return held.blank_after = true,
                Line::Label { .. } => {
                    let held = self.speaker_line.take().expect("matched above");
                    self.start_turn_without_time(held.number, &held.name);
                    return self.line(number, line, raw);
                }
                _ => self.release_speaker_line(),
            }
        }
        if self.closed {
            if let Some(held) = self.speaker_line_of(number, &line, true) {
                self.speaker_line = Some(held);
                return;
            }
        }
        if let (Line::Text(text), Some(turn)) = (&line, self.doc.turns.last()) {
            if self.split_dialogue {
                if let Some((name, said)) = self.dialogue_line(&line) {
                    return self.dialogue_between_times(number, name, said);
                }
            } else if turn.speaker.is_none() {
                self.count_dialogue_name(text);
            }
        }
        self.line(number, line, raw)
    }

    /// A line of a dialogue under times with no names: it names the speaker of the turn its time
    /// started, or starts a turn of its own, whose start is estimated.
    fn dialogue_between_times(&mut self, number: u32, name: &str, said: &str) {
        self.flush();
        let turn = self.doc.turns.last().expect("a turn is open");
        if turn.speaker.is_none() && turn.is_empty() && !turn.estimated_start {
            let id = self.doc.speaker_id(name);
            self.doc.turns.last_mut().expect("checked above").speaker = Some(id);
        } else {
            self.start_left_out_turn(number, name);
            self.between_times.get_or_insert((number, 0)).1 += 1;
        }
        self.text(number, said)
    }

    /// A turn the file gives no time, among turns that have one: it starts when the turn before
    /// is estimated to end (worked out in `finish`, once the languages are known).
    fn start_turn_without_time(&mut self, number: u32, speaker: &str) {
        self.flush();
        let kind = DiagnosticKind::TurnWithoutTime {
            speaker: speaker.to_owned(),
        };
        self.doc.warn(number, kind);
        self.start_left_out_turn(number, speaker);
    }

    /// Starts a turn whose start `finish` estimates (until then, the last start given).
    fn start_left_out_turn(&mut self, number: u32, speaker: &str) {
        let placeholder = self.last_start_given().unwrap_or(Millis::ZERO);
        self.start_turn(number, placeholder, speaker);
        self.left_out.push(self.doc.turns.len() as u32 - 1);
        if let Some(turn) = self.doc.turns.last_mut() {
            turn.estimated_start = true;
        }
    }

    fn last_start_given(&self) -> Option<Millis> {
        let given = self.doc.turns.iter().rev().find(|t| !t.estimated_start);
        given.map(|t| t.start)
    }

    fn untimed_line(&mut self, number: u32, line: Line<'_>, raw: &str) {
        let after_separator = self.after_separator;
        if !matches!(line, Line::Blank) {
            self.after_separator = matches!(line, Line::Separator);
        }
        if let (Line::Blank, Some(held)) = (&line, &mut self.speaker_line) {
            held.blank_after = true;
            return;
        }
        if let Some((name, said)) = self.dialogue_line(&line) {
            self.release_speaker_line();
            self.flush();
            self.start_turn(number, Millis::ZERO, name);
            return self.text(number, said);
        }
        if let Line::Label { lang, .. } = line {
            self.flush();
            let first = self.doc.turns.is_empty();
            let named = self.speaker_line.as_ref().is_some_and(|h| h.marked);
            let repeated = self.lang == Some(lang)
                || self
                    .doc
                    .turns
                    .last()
                    .is_some_and(|t| t.block(lang).is_some());
            // Above the first label only a marked line is a name: a plain one is as likely
            // the header's last line.
            if !named && (first || !repeated && !self.closed) {
                self.release_speaker_line();
            }
            if first || self.closed || repeated || named {
                let held = self.speaker_line.take();
                let (at, speaker) = match &held {
                    Some(h) => (h.number, h.name.as_str()),
                    None => (number, ""),
                };
                self.start_turn(at, Millis::ZERO, speaker);
            }
            return self.line(number, line, raw);
        }
        self.release_speaker_line();
        // A name stands alone, after a blank line, a label or a `---`; a short line right after
        // a bare label is that label's text.
        let may_name = self.paragraph.is_empty()
            && (self.doc.turns.is_empty() || self.closed || self.said_in_current_language());
        match self
            .speaker_line_of(number, &line, after_separator)
            .filter(|_| may_name)
        {
            Some(held) => self.speaker_line = Some(held),
            None => self.line(number, line, raw),
        }
    }

    /// `line` as a line that may name the next turn's speaker (a `##` heading or text short
    /// enough), to hold until the line after it shows whether it does.
    fn speaker_line_of(
        &self,
        number: u32,
        line: &Line<'_>,
        after_separator: bool,
    ) -> Option<SpeakerLine> {
        let (level, text) = match *line {
            Line::Heading { level, text } if level > 1 => (level, text),
            Line::Text(text) => (0, text),
            _ => return None,
        };
        let name = speaker_name(text);
        (!name.is_empty()).then(|| SpeakerLine {
            number,
            name: name.to_owned(),
            text: text.to_owned(),
            level,
            marked: after_separator
                || level > 0
                || strip_bold(text).len() != text.len()
                || text.ends_with([':', '：']),
            blank_after: false,
        })
    }

    /// `Name: text`, in a dialogue (without times, or under times with no names), where `Name`
    /// names a speaker ([`names_speaker`]; in the header, only a name that starts two lines).
    fn dialogue_line<'a>(&self, line: &Line<'a>) -> Option<(&'a str, &'a str)> {
        let Line::Text(text) = *line else {
            return None;
        };
        let (name, said) = name_and_words(text)?;
        let after_header = !self.doc.turns.is_empty();
        let names = &self.dialogue_names;
        (names_speaker(names, name, after_header) || self.translated.pairs_name(names, name))
            .then_some((name, said))
    }

    /// Counts the names that start `Name: text` lines before the first turn, and in turns whose
    /// line names no one.
    fn count_dialogue_name(&mut self, text: &str) {
        if let Some((name, said)) = name_and_words(text) {
            if let Some(at) = count_name(&mut self.dialogue_names, name) {
                self.translated.see(at, guess_lang(said), true);
            }
        }
    }

    fn said_in_current_language(&self) -> bool {
        self.doc.turns.last().is_some_and(|t| match self.lang {
            Some(lang) => t.block(lang).is_some(),
            None => !t.is_empty(),
        })
    }

    /// A held line that named no speaker is read as what it is.
    fn release_speaker_line(&mut self) {
        if let Some(held) = self.speaker_line.take() {
            let line = match held.level {
                0 => Line::Text(&held.text),
                level => Line::Heading {
                    level,
                    text: &held.text,
                },
            };
            self.line(held.number, line, &held.text);
            if held.blank_after {
                self.flush();
            }
        }
    }

    fn line(&mut self, number: u32, line: Line<'_>, raw: &str) {
        let after_blank = std::mem::replace(&mut self.blank_above, matches!(line, Line::Blank));
        match line {
            Line::Blank => self.flush(),
            Line::Separator => {
                self.flush();
                if !self.doc.turns.is_empty() {
                    self.lang = None;
                    self.closed = true;
                }
            }
            // `Name 10:30`: text unless the name is a speaker's beside other times; and
            // `## Name — 10:30` a heading.
            Line::Turn {
                time_at: time_at @ (TimeAt::AfterNameOneSpace | TimeAt::InHeading(_)),
                speaker,
                ..
            } if !name_by_time(&mut self.names_by_times, self.named_by_times, speaker, true) => {
                match time_at {
                    TimeAt::InHeading(level) => {
                        let text = strip_heading(trim_line(raw)).1;
                        self.line(number, Line::Heading { level, text }, raw)
                    }
                    _ => self.text(number, trim_line(raw)),
                }
            }
            // A time where this file's turn lines do not hold theirs is in the text.
            Line::Turn { time_at, .. }
                if time_at != TimeAt::Brackets && self.time_at.is_some_and(|t| t != time_at) =>
            {
                self.text(number, trim_line(raw))
            }
            Line::Turn {
                start,
                end,
                estimated,
                speaker,
                text,
                time_at,
            } => {
                let alone = time_at == TimeAt::LineStart && speaker.is_empty() && text.is_empty();
                let named = if alone { self.name_above(number) } else { None };
                self.flush();
                self.demote_header_turn(start);
                if self.doc.turns.is_empty() && time_at != TimeAt::Brackets {
                    self.first_turn_line = Some(plain(trim_line(raw)));
                }
                self.all_estimated &= estimated;
                self.time_at.get_or_insert(time_at);
                self.start_turn(number, start, named.as_deref().unwrap_or(speaker));
                self.time_alone = alone && named.is_none();
                if let Some(turn) = self.doc.turns.last_mut() {
                    turn.end = end;
                    turn.estimated_start = estimated;
                }
                if !text.is_empty() {
                    self.text(number, text);
                }
            }
            Line::BadTime { found } => {
                self.doc.warn(
                    number,
                    DiagnosticKind::InvalidTime {
                        found: found.to_owned(),
                    },
                );
                self.text(number, trim_line(raw));
            }
            Line::Label { lang, text } if !self.doc.turns.is_empty() => {
                self.flush();
                if lang == Lang::Zh && self.doc.said_traditional.is_none() {
                    let label = raw.split([':', '：']).next().unwrap_or_default();
                    self.doc.said_traditional = crate::script::traditional_by_label(label);
                }
                // (A role's label, `Translation:`, leaves the language to the text.)
                self.lang = Some(lang).filter(|&lang| lang != Lang::Und);
                self.saw_label |= self.lang.is_some();
                self.closed = false;
                if !text.is_empty() {
                    self.text(number, text);
                }
            }
            Line::Heading { level, text } if !self.doc.turns.is_empty() => {
                self.flush();
                let text = inline::plain_text(text);
                let before_turn = self.doc.turns.len() as u32;
                self.doc.headings.push(Heading {
                    line: number,
                    level,
                    text,
                    before_turn,
                });
            }
            Line::Heading { level, text } => {
                self.header_line = number;
                self.header.push(HeaderLine {
                    text: plain(text),
                    h1: level == 1,
                })
            }
            // A label above the first turn is header text; as a heading it is still a heading.
            Line::Label { .. } if strip_heading(trim_line(raw)).0 > 0 => {
                self.saw_label = true;
                let (level, text) = strip_heading(trim_line(raw));
                self.header.push(HeaderLine {
                    text: plain(text),
                    h1: level == 1,
                })
            }
            Line::Text(text) => {
                self.text(number, text);
                if self.paragraph_line == number {
                    self.paragraph_after_blank = after_blank;
                }
            }
            Line::Label { .. } => {
                self.saw_label = true;
                self.text(number, trim_line(raw))
            }
        }
    }

    /// A header line can read as a turn line (`10:30 Meeting`: a time and a name alone). When the
    /// file's first turn has no words and the next starts before it, it was the header's last
    /// line: it becomes metadata (or the title, if the header had none) and the turn goes.
    fn demote_header_turn(&mut self, next_start: Millis) {
        let Some(line) = self.first_turn_line.take() else {
            return;
        };
        let [turn] = self.doc.turns.as_slice() else {
            return;
        };
        if !turn.is_empty() || !turn.notes.is_empty() || next_start >= turn.start {
            return;
        }
        // The only turn, and so its speaker the only one named.
        self.doc.turns.clear();
        self.doc.speakers.clear();
        match self.doc.title {
            None if self.doc.metadata.is_empty() => self.doc.title = Some(line),
            _ => self.doc.metadata.push(line),
        }
        self.time_at = None;
        self.all_estimated = true;
    }

    fn start_turn(&mut self, number: u32, start: Millis, speaker: &str) {
        if self.doc.turns.is_empty() {
            self.close_header();
        }
        self.close_turn();
        self.last_paragraph = None;
        let mut turn = Turn::new(start, number);
        let speaker = without_emphasis_marks(speaker);
        if !speaker.is_empty() {
            let id = if inline::has_markup(speaker) {
                self.doc.speaker_id(&plain(speaker))
            } else {
                self.doc.speaker_id(speaker)
            };
            turn.speaker = Some(id);
        }
        // Compared with the last time the file gives, not an estimate.
        if let Some(previous) = self.last_start_given() {
            if start < previous {
                self.doc.warn(
                    number,
                    DiagnosticKind::OutOfOrder {
                        start,
                        previous,
                        moved: false,
                    },
                );
            }
        }
        self.doc.turns.push(turn);
        self.lang = None;
        self.closed = false;
    }

    fn text(&mut self, number: u32, text: &str) {
        if self.doc.turns.is_empty() {
            if !self.untimed {
                self.count_dialogue_name(text);
            }
            self.header_line = number;
            self.header.push(HeaderLine {
                text: plain(text),
                h1: false,
            });
            return;
        }
        if self.closed {
            self.doc.warn(number, DiagnosticKind::StrayText);
            let note = Note {
                line: number,
                text: plain(text),
            };
            self.doc
                .turns
                .last_mut()
                .expect("checked above")
                .notes
                .push(note);
            return;
        }
        if self.paragraph.is_empty() {
            self.paragraph_lang = self.lang;
            self.paragraph_line = number;
            self.pair = match self.lang {
                Some(_) => Pair::No,
                None => Pair::OneLine,
            };
            // Most paragraphs are one line: an exact-size copy keeps the document small.
            self.paragraph = text.to_owned();
            return;
        }
        // A name under a time is the line just under it, with words on the line after.
        let under_time = || self.doc.turns.last().map_or(0, |t| t.line) + 1 == self.paragraph_line;
        if self.time_alone && number == self.paragraph_line + 1 && under_time() {
            self.time_alone = false;
            let name = speaker_name(&self.paragraph);
            let (names, second) = (&mut self.names_by_times, self.named_by_times);
            if matches!(self.pair, Pair::OneLine)
                && !name.is_empty()
                && name_by_time(names, second, name, false)
            {
                let id = self.doc.speaker_id(name);
                self.doc.turns.last_mut().expect("checked above").speaker = Some(id);
                self.paragraph.clear();
                return self.text(number, text);
            }
        }
        let last = self.paragraph.chars().next_back().unwrap_or(' ');
        let next = text.chars().next().unwrap_or(' ');
        if !joins_without_space(last, next) {
            self.paragraph.push(' ');
        }
        if let Pair::OneLine = self.pair {
            self.pair = Pair::First(guess_lang(&self.paragraph));
        }
        if !matches!(self.pair, Pair::No) {
            let after_sentence = ends_sentence(&self.paragraph);
            let at = self.paragraph.len();
            let next = self.pair.next(guess_lang(text), at, after_sentence);
            match (self.pair, next) {
                (Pair::Second { at: second_at, .. }, Pair::Alternating { .. }) => {
                    self.switches.clear();
                    self.switches.extend([second_at, at]);
                }
                (Pair::Alternating { now, .. }, Pair::Alternating { now: next_now, .. })
                    if now != next_now =>
                {
                    self.switches.push(at)
                }
                _ => {}
            }
            self.pair = next;
        }
        self.paragraph.push_str(text);
    }

    /// Before a time alone on its line, the line just above it, if it is a name alone after a
    /// blank line (or the header's last line) that [`name_by_time`] takes for the speaker's of
    /// the turn the time starts: the line is taken out of the text or header.
    fn name_above(&mut self, number: u32) -> Option<String> {
        let line_above = if self.doc.turns.is_empty() {
            let last = self
                .header
                .last()
                .filter(|_| self.header_line + 1 == number)?;
            last.text.as_str()
        } else {
            let one_line = matches!(self.pair, Pair::OneLine) && self.paragraph_after_blank;
            (one_line && self.paragraph_line + 1 == number).then_some(self.paragraph.as_str())?
        };
        let name = speaker_name(line_above);
        let (names, second) = (&mut self.names_by_times, self.named_by_times);
        if name.is_empty() || !name_by_time(names, second, name, false) {
            return None;
        }
        let name = name.to_owned();
        match self.doc.turns.is_empty() {
            true => drop(self.header.pop()),
            false => self.paragraph.clear(),
        }
        Some(name)
    }

    /// Ends the paragraph being gathered and files it under its language.
    fn flush(&mut self) {
        if self.paragraph.is_empty() {
            return;
        }
        let mut text = std::mem::take(&mut self.paragraph);
        let turn = self
            .doc
            .turns
            .last_mut()
            .expect("paragraphs start inside a turn");
        if let Pair::Second { at, first, second } = self.pair {
            let translation = inline::parse(text.split_off(at));
            text.truncate(text.trim_end().len());
            turn.block_mut(first).paragraphs.push(inline::parse(text));
            turn.block_mut(second).paragraphs.push(translation);
            self.last_paragraph = None;
            return;
        }
        if let Pair::Alternating { first, second, .. } = self.pair {
            // Each language's lines together, in order: one paragraph each.
            let (mut firsts, mut seconds) = (String::new(), String::new());
            let ends = self.switches.iter().copied().chain([text.len()]);
            let mut from = 0;
            for (k, to) in ends.enumerate() {
                let joined = if k % 2 == 0 {
                    &mut firsts
                } else {
                    &mut seconds
                };
                let part = text[from..to].trim();
                let (last, next) = (joined.chars().next_back(), part.chars().next());
                if let (Some(last), Some(next)) = (last, next) {
                    if !joins_without_space(last, next) {
                        joined.push(' ');
                    }
                }
                joined.push_str(part);
                from = to;
            }
            turn.block_mut(first).paragraphs.push(inline::parse(firsts));
            turn.block_mut(second)
                .paragraphs
                .push(inline::parse(seconds));
            self.last_paragraph = None;
            return;
        }
        let paragraph = inline::parse(text);
        let lang = match self.paragraph_lang {
            Some(label) => match written_in_other_script(label, &paragraph.text) {
                Some(found) => {
                    let kind = DiagnosticKind::NotInLabelledLanguage { label, found };
                    let line = self.paragraph_line;
                    self.doc.diagnostics.push(Diagnostic { line, kind });
                    found
                }
                None => label,
            },
            None => match guess_lang(&paragraph.text) {
                // Text with no letters belongs with the text around it.
                Lang::Und => turn.blocks.last().map_or(Lang::Und, |b| b.lang),
                lang => lang,
            },
        };
        let turn = self.doc.turns.last_mut().expect("checked above");
        turn.block_mut(lang).paragraphs.push(paragraph);
        self.last_paragraph = Some((self.paragraph_line, lang));
    }

    /// A transcription service's credit ending the last turn (Otter ends its exports with
    /// `Transcribed by https://otter.ai`) is no one's words: it is kept as a note on the turn.
    fn keep_credit_aside(&mut self) {
        let (Some((line, lang)), Some(turn)) = (self.last_paragraph, self.doc.turns.last_mut())
        else {
            return;
        };
        let paragraphs = &mut turn.block_mut(lang).paragraphs;
        // A short line: `Transcribed by` in a sentence is someone's words.
        let credit = paragraphs.last().is_some_and(|p| {
            let start = p.text.get(..CREDIT.len());
            start.is_some_and(|s| s.eq_ignore_ascii_case(CREDIT)) && p.text.len() <= 64
        });
        // Not when it is all its language holds in the turn.
        if credit && paragraphs.len() > 1 {
            let text = paragraphs.pop().map(|p| p.text).unwrap_or_default();
            turn.notes.push(Note { line, text });
        }
    }

    fn close_turn(&mut self) {
        if let Some(turn) = self.doc.turns.last() {
            if turn.is_empty() {
                let line = turn.line;
                self.doc.warn(line, DiagnosticKind::EmptyTurn);
            }
        }
    }

    /// The header becomes title and metadata ([`file_header`]).
    fn close_header(&mut self) {
        file_header(&mut self.doc, std::mem::take(&mut self.header));
    }

    fn finish(mut self) -> Document {
        self.flush();
        if self.doc.turns.is_empty() {
            self.close_header();
            self.doc.warn(0, DiagnosticKind::NoTurns);
        } else {
            self.close_turn();
            self.keep_credit_aside();
        }
        // Labels tell the languages; without them each paragraph's script and words did.
        self.doc.languages_told |= self.saw_label;
        self.doc.finish();
        let gone = join_translated_turns(&mut self.doc, self.untimed);
        if !gone.is_empty() {
            // Turns joined to the one before: the later turns' places move up by as many as went
            // before them (counted once along the list, which is in order).
            let (mut went, mut counted) = (0, 0);
            self.left_out.retain_mut(|at| {
                went += gone[counted..*at as usize].iter().filter(|&&g| g).count() as u32;
                counted = *at as usize;
                *at -= went;
                !gone[counted]
            });
        }
        if self.untimed {
            self.left_out = (0..self.doc.turns.len() as u32).collect();
        }
        if let Some((line, turns)) = self.between_times {
            self.doc
                .warn(line, DiagnosticKind::DialogueBetweenTimes { turns });
        }
        if self.time_at == Some(TimeAt::ClockAfterBracketedName) {
            from_the_first_turn(&mut self.doc);
        }
        // Said in the spoken language, as the timeline estimates (its languages are known now).
        let spoken = self.doc.languages.first().copied();
        let spread = self.split_dialogue;
        estimate_starts(&mut self.doc.turns, &self.left_out, spoken, spread);
        // Estimated here, or by whoever wrote the file (`[≈00:00:03]`): the reader is told.
        if self.untimed || self.all_estimated && !self.doc.turns.is_empty() {
            self.doc.estimated_starts = true;
            self.doc.warn(0, DiagnosticKind::EstimatedTimes);
        }
        self.doc
    }
}

/// A meeting's transcript timed by the clock (Zoom's `[Alice Smith] 10:02:33`), whose first
/// turn is an hour or more in: its times moved to count from that turn, which then starts at
/// 0:00, as a recording of the meeting does (more likely than one of ten hours and more). Past
/// midnight the clock starts again (`23:59:50`, then `00:00:20`): a day is added from there.
/// The turns said to be out of order are said again in the new times.
fn from_the_first_turn(doc: &mut Document) {
    const HOUR: u64 = 3_600_000;
    let Some(first) = doc.turns.first() else {
        return;
    };
    let (clock, line) = (first.start, first.line);
    if clock < Millis(HOUR) {
        return;
    }
    let (mut day, mut last) = (0, clock.0);
    for turn in &mut doc.turns {
        if !turn.estimated_start {
            if turn.start.0 + 12 * HOUR < last {
                day += 24 * HOUR;
            }
            last = turn.start.0;
        }
        turn.start = Millis(turn.start.0 + day).saturating_sub(clock);
        turn.end = turn
            .end
            .map(|end| Millis(end.0 + day).saturating_sub(clock));
    }
    doc.diagnostics
        .retain(|d| !matches!(d.kind, DiagnosticKind::OutOfOrder { .. }));
    let mut previous = None;
    for turn in doc.turns.iter().filter(|t| !t.estimated_start) {
        if let Some(previous) = previous.filter(|&p| turn.start < p) {
            let (start, moved) = (turn.start, false);
            let kind = DiagnosticKind::OutOfOrder {
                start,
                previous,
                moved,
            };
            doc.diagnostics.push(Diagnostic {
                line: turn.line,
                kind,
            });
        }
        previous = Some(turn.start);
    }
    doc.warn(line, DiagnosticKind::ClockTimes { first: clock });
    crate::order::sort_stably_by_key(&mut doc.diagnostics, |d| u64::from(d.line));
}

/// Whether `name`, beside a time (on a line of its own above or under a time alone on its own,
/// or before the time on its line, `same_line`), names the turn's speaker: at the first reading
/// (`second` false), no, and the name is counted in `names`; at the second, if it was counted at
/// two turns or more, or is a full name among such ([`names_speaker`]); or, on the time's line,
/// at one (a guest who speaks once, among names each line of which holds a time: a second
/// reading is only where a name is counted at two).
fn name_by_time(names: &mut Vec<(String, u32)>, second: bool, name: &str, same_line: bool) -> bool {
    if second {
        let counted = || names.iter().any(|(n, _)| n == name);
        return names_speaker(names, name, true) || same_line && counted();
    }
    count_name(names, name);
    false
}

/// The name in a line that holds only a speaker's (`Chip Huyen` of `## Chip Huyen`, `**Lenny**`,
/// `Lenny:`); empty if the line is too long, or reads as a sentence, to be one.
fn speaker_name(text: &str) -> &str {
    let name = strip_bold(text)
        .trim_end_matches([':', '：'])
        .trim_end_matches(['*', '_'])
        .trim();
    if name.is_empty() || !looks_like_name(name) || ends_sentence(name) {
        return "";
    }
    name
}

/// Whether `name` may be a speaker's name rather than the start of a sentence: at most
/// `MAX_SPEAKER_BYTES` and five words, with no colon, and no word after the first in lower case
/// but the particles of names (`Ludwig van Beethoven`): `So the answer is` is not one.
fn looks_like_name(name: &str) -> bool {
    name.len() <= MAX_SPEAKER_BYTES
        && find_colon(name).is_none()
        && !reads_as_cjk_sentence(name)
        && words(name).enumerate().all(|(index, word)| {
            let small = index > 0 && word.starts_with(case::is_small);
            index < 5 && (!small || NAME_PARTICLES.contains(&word))
        })
}

/// Whether `name`, in Chinese, Japanese or Korean, reads as words said rather than a name, which
/// in those scripts has no space to tell by: it holds their comma or a sentence's end (`，` `、`
/// `。` `！` `？` `；`), or a run of more than eight of their characters with no middle dot
/// between (`奇普·胡延` and `主持人张三` are names; `今天我们聊人工智能` is not). What is in
/// brackets is passed over, not a break (`张三（主持人）` is a name; `我认为（后训练）主要分为几种`,
/// nine outside them, is not). Or it ends with a word that ends a clause leading into what
/// follows, which no name ends with: `核心思路是：`, `问题是：`, `他说：`, `結論は：`.
fn reads_as_cjk_sentence(name: &str) -> bool {
    if name.ends_with(CLAUSE_ENDS) {
        return true;
    }
    let (mut run, mut bracketed) = (0, false);
    for c in name.chars() {
        match c {
            '，' | '、' | '。' | '！' | '？' | '；' => return true,
            '（' | '(' => bracketed = true,
            '）' | ')' => bracketed = false,
            _ if bracketed => {}
            // Kana, the unified ideographs and Hangul syllables; not `・`, the middle dot.
            '・' => run = 0,
            '\u{3040}'..='\u{9FFF}' | '\u{AC00}'..='\u{D7AF}' => {
                run += 1;
                if run > MAX_CJK_NAME_CHARS {
                    return true;
                }
            }
            _ => run = 0,
        }
    }
    false
}

/// The copula, particles and the verb of saying that end a clause before a colon, in Chinese
/// (`是` `的` `了` `吗` `呢` `吧` `说`), Japanese (`は` `が` `を`) and Korean (`는`).
const CLAUSE_ENDS: &[char] = &[
    '是', '的', '了', '吗', '呢', '吧', '说', 'は', 'が', 'を', '는',
];

/// The most characters of a CJK script a name runs to without a break: a family name of two
/// and a given name of two, a role before them (`主持人`), or a Japanese name in kana.
const MAX_CJK_NAME_CHARS: usize = 8;

/// A name written where a transcription service writes it, beside its time or before what is
/// said: it starts with an ASCII letter or digit, or a character beyond ASCII (no mark: `\`,
/// `<`, `[`), and holds no markup and no backslash (the writer escapes such a line with one, so
/// that it reads back as text). (Not `char::is_alphanumeric`, whose tables would ship.)
fn is_plain_name(name: &str) -> bool {
    let first = name.chars().next().unwrap_or(' ');
    (first.is_ascii_alphanumeric() || !first.is_ascii())
        && !name.bytes().any(|b| b == b'*' || b == b'\\')
        && looks_like_name(name)
}

/// How a transcription service's credit starts.
const CREDIT: &str = "transcribed by ";

/// Lower-case words inside names.
const NAME_PARTICLES: &[&str] = &[
    "al", "bin", "da", "de", "del", "della", "den", "der", "di", "du", "el", "ibn", "la", "le",
    "van", "von", "y",
];

/// How many different names a file is searched for dialogue lines (`Name: text`): a dialogue
/// has a few speakers, so more is text with colons in it.
const MAX_DIALOGUE_NAMES: usize = 32;

/// Counts one more line started by `name`, among at most `MAX_DIALOGUE_NAMES` names, and says
/// where in `names` it is counted.
pub(crate) fn count_name(names: &mut Vec<(String, u32)>, name: &str) -> Option<u32> {
    match names.iter().position(|(n, _)| n == name) {
        Some(at) => {
            names[at].1 += 1;
            Some(at as u32)
        }
        None if names.len() < MAX_DIALOGUE_NAMES => {
            names.push((name.to_owned(), 1));
            Some(names.len() as u32 - 1)
        }
        None => None,
    }
}

/// Whether `name`, at the start of a `Name: text` line or caption, names its speaker, given the
/// lines each name starts (`names`, [`count_name`]): it starts two or more; or, in a dialogue
/// (some name does) and `once_allowed`, it is a full name, two words or more, as meeting
/// services write every participant's, one who speaks once included; or it is in capitals
/// where a name that starts two is too (`BOB:` among `ALICE:`s, as closed captions name
/// speakers); or it is numbered as one that starts two is (`发言人2` among `发言人1`s). A word
/// alone once (`Note: …`) is as likely words.
pub(crate) fn names_speaker(names: &[(String, u32)], name: &str, once_allowed: bool) -> bool {
    let mut dialogue = false;
    let mut in_capitals = false;
    let mut numbered_alike = false;
    let stem = numbered_stem(name);
    for (n, _) in names.iter().filter(|(_, lines)| *lines > 1) {
        if n == name {
            return true;
        }
        dialogue = true;
        in_capitals |= is_in_capitals(n);
        numbered_alike |= stem.is_some() && numbered_stem(n) == stem;
    }
    // (A name is trimmed: a space in it is between two words.)
    dialogue
        && once_allowed
        && (name.as_bytes().contains(&b' ')
            || in_capitals && is_in_capitals(name)
            || numbered_alike)
}

/// A name numbered (`发言人2`, `Speaker 2`) without its number: `发言人2` once names its
/// speaker where `发言人1` speaks twice, as transcription services number those they cannot name.
fn numbered_stem(name: &str) -> Option<&str> {
    let digits = name.bytes().rev().take_while(u8::is_ascii_digit).count();
    let stem = name[..name.len() - digits].trim_ascii_end();
    (digits > 0 && !stem.is_empty()).then_some(stem)
}

/// Written in capital letters, two Latin ones at least and no small ones (`BOB`, `DR. LEE`,
/// `JOSÉ`).
fn is_in_capitals(name: &str) -> bool {
    let bytes = name.as_bytes();
    bytes.iter().filter(|b| b.is_ascii_uppercase()).count() >= 2
        && !bytes.iter().any(u8::is_ascii_lowercase)
}

/// `Name: text` → (Name, text): a name, a colon, and something said after it (the colon of
/// `https://` or `10:30` has none of these). The name may be in brackets, as WhisperX writes
/// the speakers it tells apart in its captions (`[SPEAKER_00]: text`).
pub(crate) fn name_and_words(line: &str) -> Option<(&str, &str)> {
    // Looked for where a name's colon can be, not through the whole of a long line.
    let mut end = line.len().min(MAX_SPEAKER_BYTES + 4 + '：'.len_utf8());
    while !line.is_char_boundary(end) {
        end -= 1;
    }
    let (at, _) = find_colon(&line[..end]).filter(|&(at, _)| at <= MAX_SPEAKER_BYTES + 4)?;
    let (name, said) = (unbracketed(trim_marks(&line[..at])), &line[at..]);
    let said = match said.strip_prefix(':') {
        // (`**Name:** text`, as chat assistants write it: the colon inside the name's bold.)
        Some(after) => match after.trim_start_matches(['*', '_']) {
            after if after.starts_with([' ', '\t']) => after,
            _ => return None,
        },
        None => &said['：'.len_utf8()..],
    };
    let said = trim_marks(said);
    (is_plain_name(name) && !said.is_empty()).then_some((name, said))
}

/// A name without the brackets WhisperX writes around it (`[SPEAKER_00]`).
fn unbracketed(name: &str) -> &str {
    name.strip_prefix('[')
        .and_then(|name| name.strip_suffix(']'))
        .unwrap_or(name)
}

/// The language of a labelled paragraph that its script plainly contradicts: not one Latin
/// letter under the label of a language written in them (English, Spanish), or Latin text of a
/// few words and nothing else under another (Chinese, Russian): a label forgotten, or one this
/// reader does not know, above it. Mixed text keeps its label: Chinese quotes English terms, and
/// English names Chinese ones.
fn written_in_other_script(label: Lang, text: &str) -> Option<Lang> {
    if label.script() == Lang::En {
        if text.bytes().any(|b| b.is_ascii_alphabetic()) {
            return None;
        }
        return Some(guess_lang(text)).filter(|&l| l != Lang::Und);
    }
    // Most Chinese paragraphs fail the first test at their first byte.
    let latin = text.is_ascii()
        && text.split_ascii_whitespace().nth(2).is_some()
        && text.bytes().any(|b| b.is_ascii_alphabetic());
    latin.then_some(Lang::En)
}

/// Text with its inline markup removed (for header lines, speakers, notes).
fn plain(text: &str) -> String {
    inline::plain_text(text)
}

/// A speaker's name without the marks of emphasis around it (`*Ann*`, `__Bob__`) or spaces; a
/// mark escaped at its end (`Alice\*`, as the writer writes a name ending in one) stays.
fn without_emphasis_marks(name: &str) -> &str {
    let mark = |c: char| c == '*' || c == '_' || c.is_whitespace();
    let mut name = name.trim_start_matches(mark);
    while let Some(rest) = name.strip_suffix(mark) {
        if rest.ends_with('\\') && !rest.ends_with("\\\\") {
            break;
        }
        name = rest;
    }
    name
}

/// Whether a line of text would be read as structure rather than text (the writer escapes these),
/// or may be (a dialogue's `Name: text`, in a file without turns; `Name 10:30`, in a file of
/// such lines).
pub(crate) fn is_structural(line: &str) -> bool {
    is_markup(line) || name_and_words(line).is_some()
}

/// Whether a line of text would be read as structure wherever it stands: [`is_structural`] but
/// for a dialogue's `Name: text`, which is text in a turn that names its speaker.
pub(crate) fn is_markup(line: &str) -> bool {
    line.starts_with('>') || !matches!(classify(line), Line::Text(_) | Line::Blank)
}

/// `s` without surrounding whitespace, as `str::trim`; ASCII first, as nearly every line ends in
/// ASCII or CJK.
fn trim_line(s: &str) -> &str {
    let t = s.trim_ascii();
    // What `trim_ascii` leaves and `trim` takes: a vertical tab, or whitespace beyond ASCII.
    let may_be_space = |b: &u8| *b == 0x0B || *b >= 0x80;
    let space = |c: Option<char>| c.is_some_and(char::is_whitespace);
    let at_start = t.as_bytes().first().is_some_and(may_be_space) && space(t.chars().next());
    let at_end = t.as_bytes().last().is_some_and(may_be_space) && space(t.chars().next_back());
    if at_start || at_end {
        t.trim()
    } else {
        t
    }
}

// The checks below run on every line, or every turn line, so they read bytes rather than
// `char` patterns (`s.find([':', '：'])`): the standard library decodes each character for
// those, and the size-optimised WebAssembly build that ships makes every step of that a call,
// which took a fifth of its reading time.

fn is_emphasis_mark(b: u8) -> bool {
    b == b'*' || b == b'_'
}

/// `s` without the ASCII bytes `mark` accepts at its start.
fn trim_start_bytes(s: &str, mark: impl Fn(u8) -> bool) -> &str {
    let marks = s.bytes().take_while(|&b| mark(b)).count();
    &s[marks..]
}

/// `s` without the ASCII bytes `mark` accepts at its end.
fn trim_end_bytes(s: &str, mark: impl Fn(u8) -> bool) -> &str {
    let marks = s.bytes().rev().take_while(|&b| mark(b)).count();
    &s[..s.len() - marks]
}

/// Where the first colon, `:` or `：`, is in `s`, and its length.
fn find_colon(s: &str) -> Option<(usize, usize)> {
    find_either(s, b':', '：')
}

/// Where the first `ascii` or `wide` (a full-width form of it, as a Chinese keyboard types it)
/// is in `s`, and its length.
fn find_either(s: &str, ascii: u8, wide: char) -> Option<(usize, usize)> {
    let mut encoded = [0; 4];
    let wide = wide.encode_utf8(&mut encoded).as_bytes();
    let bytes = s.as_bytes();
    let mut from = 0;
    // A multi-byte character's first byte only ever starts a character.
    while let Some(found) = memchr::memchr2(ascii, wide[0], &bytes[from..]) {
        let at = from + found;
        if bytes[at] == ascii {
            return Some((at, 1));
        }
        if bytes[at..].starts_with(wide) {
            return Some((at, wide.len()));
        }
        from = at + 1;
    }
    None
}

/// Whether `s` starts with an opening bracket a time may be in: `[`, `(`, `【` or `（`.
fn opens_bracket(s: &str) -> bool {
    matches!(s.as_bytes().first(), Some(b'[' | b'(' | b'`'))
        || s.as_bytes().starts_with("【".as_bytes())
        || s.as_bytes().starts_with("（".as_bytes())
}

/// The words of `s`, split at whitespace as `str::split_whitespace` splits them, ASCII read
/// byte by byte.
fn words(s: &str) -> impl Iterator<Item = &str> {
    let mut at = 0;
    std::iter::from_fn(move || {
        let mut word_start = None;
        while at < s.len() {
            let byte = s.as_bytes()[at];
            let (space, len) = if byte.is_ascii() {
                (byte.is_ascii_whitespace() || byte == 0x0B, 1)
            } else {
                let c = s[at..].chars().next().expect("at a character's start");
                (c.is_whitespace(), c.len_utf8())
            };
            match word_start {
                Some(start) if space => {
                    at += len;
                    return Some(&s[start..at - len]);
                }
                None if !space => word_start = Some(at),
                _ => {}
            }
            at += len;
        }
        word_start.map(|start| &s[start..])
    })
}

fn classify(raw: &str) -> Line<'_> {
    let mut line = trim_line(raw);
    // A Markdown quote's marks (`> English:`, `> > text`) are markup, as `##` and `**` are.
    while line.as_bytes().first() == Some(&b'>') {
        line = line[1..].trim_start();
    }
    // So is a hard line break, a `\` at the end (pandoc's for a break within a paragraph).
    if let Some(before) = line.strip_suffix('\\').filter(|b| !b.ends_with('\\')) {
        line = before.trim_end();
    }
    let Some(&first) = line.as_bytes().first() else {
        return Line::Blank;
    };
    // A list's item (`- [00:05] Name: text`, `1. **Name (00:05):** text`, `  - EN: text`), as
    // chat assistants and notes write a transcript: its turn line or label, else text as written.
    // (One marker: `- - - …` a line long would be as deep a recursion.)
    if let Some(item) = list_item(line) {
        if list_item(item).is_none() {
            if let line @ (Line::Turn { .. } | Line::Label { .. }) = classify(item) {
                return line;
            }
        }
        return Line::Text(line);
    }
    // Google Docs' and pandoc's Markdown escape what would be markup: `\---`, `\[00:00:05\]`.
    if (first == b'-' || first == b'\\') && is_separator(&line[usize::from(first == b'\\')..]) {
        return Line::Separator;
    }
    let (level, inner) = strip_heading(line);
    let unbolded = strip_bold(inner);
    let unbolded = (unbolded.strip_prefix('\\'))
        .filter(|s| s.starts_with('['))
        .unwrap_or(unbolded);
    if opens_bracket(unbolded) {
        if let Some(turn) = turn_line(unbolded) {
            return turn;
        }
    }
    // A `#` heading is a title, whatever it says (`# English`, as the writer writes a title).
    let label = (level != 1)
        .then(|| label(unbolded, level > 0 || unbolded.len() != inner.len()))
        .flatten();
    if let Some((lang, text)) = label {
        return Line::Label { lang, text };
    }
    if level > 1 {
        if let Some(mut turn) = time_after_name(unbolded, true) {
            if let Line::Turn { time_at, .. } = &mut turn {
                *time_at = TimeAt::InHeading(level);
            }
            return turn;
        }
        // `## 00:00:05 Name`: a time with hours first says a turn line, as it does outside a
        // heading (`## 10:30 Meeting` stays a chapter's heading).
        if with_hours(&unbolded[..clock_length(unbolded)]) {
            if let Some(turn) = clock_line(unbolded) {
                return turn;
            }
        }
    }
    if level > 0 {
        return Line::Heading { level, text: inner };
    }
    // A speaker's line bold as a whole (`**Lex Fridman (00:04):**`, `**0:04**`), as a
    // transcription service's export turned into Markdown has it, is read without its marks.
    let timed = match matches!(line.as_bytes()[line.len() - 1], b'*' | b'_') && !unbolded.is_empty()
    {
        true => unbolded,
        false => line,
    };
    // Text lines are most of a file: those that neither start nor end as a time could are ruled
    // out by two bytes (`：` ends in 9A).
    let (start, last) = (timed.as_bytes()[0], timed.as_bytes()[timed.len() - 1]);
    if start.is_ascii_digit() || matches!(last, b'0'..=b'9' | b')' | b']' | b':' | 0x9A) {
        if let Some(turn) = clock_line(timed).or_else(|| time_after_name(timed, false)) {
            return turn;
        }
    }
    if let Some(turn) = time_after_name_then_words(timed).or_else(|| name_then_time(timed)) {
        return turn;
    }
    Line::Text(line)
}

/// What follows a Markdown list's marker (`- `, `* `, `+ `, `1. `, `1) `) at the start of `line`.
fn list_item(line: &str) -> Option<&str> {
    let digits = line.bytes().take_while(u8::is_ascii_digit).count();
    let marker = match line.as_bytes().get(digits)? {
        b'-' | b'*' | b'+' if digits == 0 => 1,
        b'.' | b')' if (1..=3).contains(&digits) => digits + 1,
        _ => return None,
    };
    let item = line[marker..].strip_prefix([' ', '\t'])?;
    Some(item.trim_start())
}

fn is_separator(line: &str) -> bool {
    line.len() >= 3 && line.bytes().all(|b| b == b'-')
}

/// `## text` → (2, "text"). A `#` not followed by a space is text (`#hashtag`).
pub(crate) fn strip_heading(line: &str) -> (u8, &str) {
    let hashes = line.bytes().take_while(|&b| b == b'#').count();
    if hashes == 0 || hashes > 6 {
        return (0, line);
    }
    match line[hashes..].strip_prefix([' ', '\t']) {
        Some(rest) => (hashes as u8, trim_line(rest)),
        None if hashes == line.len() => (hashes as u8, ""),
        None => (0, line),
    }
}

/// `**text**` → `text`; also a leading `**` alone (`**English**:`), whose close is handled later.
fn strip_bold(s: &str) -> &str {
    let Some(inner) = s.strip_prefix("**").or_else(|| s.strip_prefix("__")) else {
        return s;
    };
    inner
        .strip_suffix("**")
        .or_else(|| inner.strip_suffix("__"))
        .unwrap_or(inner)
        .trim()
}

/// `[HH:MM:SS] Speaker`, `[MM:SS] Speaker: text`, `[01:10:45]** Name`, `(00:05) Name`, a range
/// `[00:00:11 - 00:00:14] Name`, a time linked (`[00:05](https://…) Name`) or as code (`` `00:05` ``). `None` when the brackets hold no time-like text (`[laughs]`,
/// `[笑]`); `BadTime` when they look like a time but are not one (`[00:61:00]`, `[-00:00:07]`).
fn turn_line(s: &str) -> Option<Line<'_>> {
    // Also in full-width brackets and colons (`【00：00：09】`), as a Chinese keyboard types them.
    let open = s.chars().next()?;
    let (close, close_len) = match open {
        '(' | '（' => find_either(s, b')', '）'),
        // A time as Markdown code: `` `00:01:23` Name: text ``.
        '`' => s[1..].find('`').map(|at| (at + 1, 1)),
        _ => find_either(s, b']', '】'),
    }?;
    let mut end = close + close_len;
    // A time that links to its moment (`[00:01:23](https://…&t=83) Name`), as notes taken from a
    // video write it: the link's address is markup, not anyone's words.
    if open == '[' && s[end..].starts_with('(') {
        end += s[end..].find(')').map_or(0, |at| at + 1);
    }
    let inside = trim_line(&s[open.len_utf8()..close]);
    // (`\[00:00:05\]`: the time in escaped brackets.)
    let inside = inside.strip_suffix('\\').unwrap_or(inside);
    // `≈`: an estimate (as the writer marks a document's estimated starts).
    let (estimated, inside) = match inside.strip_prefix('≈') {
        Some(rest) => (true, rest.trim_start()),
        None => (false, inside),
    };
    let in_ascii;
    // (EF starts `：` and the full-width digits, `１５`, a Chinese keyboard's in its full-width
    // mode, and few other characters.)
    let inside = if inside.bytes().any(|b| b == 0xEF) {
        in_ascii = (inside.chars())
            .map(|c| match c {
                '：' => ':',
                '０'..='９' => char::from(b'0' + (u32::from(c) - u32::from('０')) as u8),
                c => c,
            })
            .collect::<String>();
        in_ascii.as_str()
    } else {
        inside
    };
    // The time, a sign before it included, and what follows: nothing, or a range's end after a
    // dash or an arrow (`00:00:11 - 00:00:14`, `00:00:11 --> 00:00:14`, `00:00:11–00:00:14`).
    let signed = usize::from(inside.starts_with('-'));
    let (from, after) = inside.split_at(signed + clock_length(&inside[signed..]));
    let until = after.trim_start_matches([' ', '-', '>', '–', '—', '~', '～']);
    let until = (!after.is_empty()).then_some(until);
    if !is_time_like(&from[signed..]) || !until.is_none_or(is_time_like) || until == after.into() {
        return None;
    }
    let bad_time = Line::BadTime { found: &s[..end] };
    let Some(start) = parse_clock(from) else {
        return Some(bad_time);
    };
    let end_time = match until.map(parse_clock) {
        Some(None) => return Some(bad_time),
        Some(end) => end,
        None => None,
    };
    let rest = trim_line(trim_start_bytes(&s[end..], is_emphasis_mark));
    // A name in bold is a speaker's whatever its words (`**Guest speaker**`), as the writer
    // writes one that would otherwise read as something said.
    let bold_name = rest
        .strip_prefix("**")
        .and_then(|name| name.strip_suffix("**"))
        .map(trim_line)
        .filter(|name| !name.is_empty() && name.len() <= MAX_SPEAKER_BYTES && !name.contains("**"));
    let rest = trim_line(rest.strip_suffix("**").unwrap_or(rest));
    // `[00:00:07] - Grace`, as some services write it.
    let rest = rest.trim_start_matches(['-', '–', '—']).trim_start();
    let (speaker, text) = match bold_name {
        Some(name) => (name, ""),
        None => split_speaker(rest),
    };
    Some(Line::Turn {
        start,
        end: end_time,
        estimated,
        speaker,
        text,
        time_at: TimeAt::Brackets,
    })
}

/// Digits and the marks of a clock, with a colon: `00:00:11.5`, `0:33`.
pub(crate) fn is_time_like(s: &str) -> bool {
    s.contains(':') && clock_length(s) == s.len()
}

/// Whether a clock has an hour part (`00:00:33`, not `10:30`).
fn with_hours(clock: &str) -> bool {
    clock.bytes().filter(|&b| b == b':').count() == 2
}

/// How many bytes at the start of `s` are digits and the marks of a clock.
fn clock_length(s: &str) -> usize {
    s.bytes()
        .take_while(|&b| b.is_ascii_digit() || matches!(b, b':' | b'.' | b','))
        .count()
}

/// A turn line that starts with its time, unbracketed: `0:33` alone on its line, as YouTube's
/// transcript panel gives it, or followed by the speaker (`00:33 Name`). Words after a time without
/// hours are as likely a sentence (`10:30 is too late`, `10:30 AM`) unless they are a name alone
/// or a name and what it says (`00:33 Name: text`).
fn clock_line(s: &str) -> Option<Line<'_>> {
    if !s.as_bytes().first()?.is_ascii_digit() {
        return None;
    }
    let (clock, rest) = s.split_at(clock_length(s));
    if let Some(line) = time_range_alone(clock, rest) {
        return Some(line);
    }
    // A cue's timing line (`00:00:01.000 --> 00:00:02.000`) outside a cue file is text; a dash
    // between the time and a name (`00:00:05 – Name`) is not.
    let after_dash = rest.trim_start().strip_prefix(['-', '–', '—']);
    let rest = match after_dash.filter(|r| r.starts_with([' ', '\t'])) {
        Some(after) => after,
        None if after_dash.is_some() || rest.trim_start().starts_with('>') => return None,
        None => rest,
    };
    if !rest.is_empty() && !rest.starts_with([' ', '\t']) {
        return None;
    }
    let (speaker, text) = split_speaker(rest.trim());
    let with_hours = with_hours(clock);
    let not_a_time_of_day = !["am", "pm"].iter().any(|m| speaker.eq_ignore_ascii_case(m));
    let name_alone = text.is_empty() && !ends_sentence(speaker) && not_a_time_of_day;
    // `00:33 Name: text`: a name and its colon say it is no sentence.
    let name_and_words = !speaker.is_empty() && !text.is_empty() && not_a_time_of_day;
    if !(rest.is_empty() || with_hours || name_alone || name_and_words) {
        return None;
    }
    Some(Line::Turn {
        start: parse_clock(clock)?,
        end: None,
        estimated: false,
        speaker,
        text,
        time_at: TimeAt::LineStart,
    })
}

/// `00:00:00:16 - 00:00:04:20` alone on its line (`clock`, then `rest`), as Premiere Pro writes a
/// transcript's segment, the speaker's name on the line under it: a range of two times with
/// hours, perhaps in a video's timecode (its last part frames).
fn time_range_alone<'a>(clock: &str, rest: &str) -> Option<Line<'a>> {
    let to = rest.trim_ascii().strip_prefix(['-', '–'])?.trim_ascii();
    let start = timecode(clock)?;
    let end = timecode(to)?;
    Some(Line::Turn {
        start,
        end: Some(end).filter(|&end| end > start),
        estimated: false,
        speaker: "",
        text: "",
        time_at: TimeAt::LineStart,
    })
}

/// A time with hours (`00:00:04.500`), or a video's timecode (`00:00:04:20`, frames last, read at
/// 30 a second, or 60 where there are more than 30).
fn timecode(s: &str) -> Option<Millis> {
    if !with_hours(s) && s.bytes().filter(|&b| b == b':').count() != 3 {
        return None;
    }
    if let Some(time) = parse_clock(s).filter(|_| with_hours(s)) {
        return Some(time);
    }
    let (clock, frames) = s.rsplit_once(':')?;
    let [tens @ b'0'..=b'9', ones @ b'0'..=b'9'] = *frames.as_bytes() else {
        return None;
    };
    let frames = u64::from(tens - b'0') * 10 + u64::from(ones - b'0');
    let rate = if frames < 30 { 30 } else { 60 };
    Some(Millis(parse_clock(clock)?.0 + frames * 1000 / rate))
}

/// A turn line with its time after the speaker's name: `Name  0:33` (Otter: two spaces or a tab
/// before the time, since one is as likely a sentence, `Meet at 10:30`; one will do before a time
/// with hours, `Name 00:00:33`, or after a dash, `Name — 0:33`), `Name (00:33):` (Rev,
/// Temi: with the colon, since a time in parentheses is as likely a duration, or after a bold
/// name, `**Name** (00:33)`, or in a `heading`; without them, as `Name 0:33` where names repeat),
/// `Name [00:00:33]`.
fn time_after_name(s: &str, heading: bool) -> Option<Line<'_>> {
    // Most lines end in a full stop or a CJK character: ruled out by their last byte.
    let colon = s.strip_suffix(':').or_else(|| s.strip_suffix('：'));
    let mut time_at = TimeAt::AfterName;
    let body = colon.unwrap_or(s);
    let (name, clock) = match *body.as_bytes().last()? {
        close @ (b')' | b']') => {
            let inner = &body[..body.len() - 1];
            let open = inner.rfind(if close == b')' { '(' } else { '[' })?;
            // (Unless the name is bold, `**Name** (00:33)`: a label, not a sentence's words.)
            let bold_name = heading || inner[..open].trim_end().ends_with(['*', '_']);
            // Alone (`Name (00:33)`, as Descript and Riverside write a turn's line), as likely a
            // chapter and its length: a turn line only where its name repeats beside times.
            if close == b')' && colon.is_none() && !bold_name {
                time_at = TimeAt::AfterNameOneSpace;
            }
            (&inner[..open], inner[open + 1..].trim())
        }
        b'0'..=b'9' if colon.is_none() => {
            let at = s.bytes().rposition(|b| b == b' ' || b == b'\t')?;
            let two_spaces = s.as_bytes()[at] == b'\t' || s[..at].ends_with([' ', '\t']);
            // `Alice — 00:05`, `Alice | 00:05`: a mark between them says the time is no
            // sentence's.
            let dashed = s[..at].trim_end().strip_suffix(['-', '–', '—', '|']);
            // (A sentence gives a time of day without seconds: `Meet at 10:30`.)
            if !two_spaces && dashed.is_none() && !with_hours(&s[at..]) {
                time_at = TimeAt::AfterNameOneSpace;
            }
            let name = dashed.unwrap_or(&s[..at]).trim_end();
            if unbracketed(name) != name && with_hours(&s[at..]) {
                time_at = TimeAt::ClockAfterBracketedName;
            }
            (unbracketed(name), &s[at + 1..])
        }
        _ => return None,
    };
    let name = trim_marks(name);
    if !is_plain_name(name) || ends_sentence(name) || !is_time_like(clock) {
        return None;
    }
    Some(Line::Turn {
        start: parse_clock(clock)?,
        end: None,
        estimated: false,
        speaker: name,
        text: "",
        time_at,
    })
}

/// `Name (00:33): text`: Rev's turn line with what is said run on after it, as some exports and
/// people copying from them write it; `Name [00:00:33]: text` too.
fn time_after_name_then_words(s: &str) -> Option<Line<'_>> {
    let head = &s.as_bytes()[..s.len().min(MAX_SPEAKER_BYTES + 16)];
    let close = memchr::memchr2(b')', b']', head)?;
    let colon = [":", "："]
        .into_iter()
        .find(|c| s[close + 1..].starts_with(c))?;
    let turn_line = close + 1 + colon.len();
    let said = trim_marks(&s[turn_line..]);
    let mut line = time_after_name(&s[..turn_line], false).filter(|_| !said.is_empty())?;
    if let Line::Turn { text, .. } = &mut line {
        *text = said;
    }
    Some(line)
}

/// `Name: [00:00:33] text`, the name before the time, as some exports write a turn.
fn name_then_time(s: &str) -> Option<Line<'_>> {
    // Told by the bracket after a colon near the start before the name is looked at.
    let head = &s[..s.floor_char_boundary(MAX_SPEAKER_BYTES + 4)];
    let (at, colon) = find_colon(head)?;
    if !opens_bracket(s[at + colon..].trim_start()) {
        return None;
    }
    let (name, said) = name_and_words(s)?;
    let Line::Turn {
        start,
        end,
        estimated,
        ..
    } = opens_bracket(said).then(|| turn_line(said)).flatten()?
    else {
        return None;
    };
    let (close, mark) = said
        .char_indices()
        .skip(1)
        .find(|&(_, c)| matches!(c, ']' | ')' | '】' | '）' | '`'))?;
    let text = trim_marks(&said[close + mark.len_utf8()..]);
    Some(Line::Turn {
        start,
        end,
        estimated,
        speaker: name,
        text,
        time_at: TimeAt::Brackets,
    })
}

/// Whether `name`, after a turn line's time, reads back as the speaker's name (`Guest speaker`
/// reads as something said).
pub(crate) fn reads_as_name(name: &str) -> bool {
    split_speaker(name) == (name, "")
}

/// `Name` → (Name, ""); `Name: text` → (Name, text); a long sentence with no name → ("", text).
fn split_speaker(rest: &str) -> (&str, &str) {
    if let Some((at, colon_len)) = find_colon(rest) {
        let name = unbracketed(trim_line(&rest[..at]));
        let text = rest[at + colon_len..]
            .trim_start_matches([':', '：'])
            .trim();
        if name.is_empty() || looks_like_name(name) {
            return (
                trim_line(trim_end_bytes(name, is_emphasis_mark)),
                trim_line(unmarked(text)),
            );
        }
    }
    let word_count = words(rest).count();
    let sentence_like = rest.ends_with(['.', '?', '!', '。', '？', '！']);
    if word_count > 6 || (sentence_like && word_count > 2) || !looks_like_name(rest) {
        return ("", rest);
    }
    (rest, "")
}

/// A flag (two regional indicators, `🇺🇸`) at the start of `s`: its region's two letters
/// (`US`), and what follows it.
fn flag(s: &str) -> Option<([u8; 2], &str)> {
    // Each indicator is F0 9F 87 A6–BF in UTF-8 (U+1F1E6–U+1F1FF, A–Z).
    let letter = |at: usize| match s.as_bytes().get(at..at + 4)? {
        [0xF0, 0x9F, 0x87, b @ 0xA6..=0xBF] => Some(b'A' + (b - 0xA6)),
        _ => None,
    };
    Some(([letter(0)?, letter(4)?], s[8..].trim_start()))
}

/// The language a country's flag stands for, as a bilingual transcript uses it (`🇬🇧` and
/// `🇺🇸` English, `🇨🇳` and `🇹🇼` Chinese).
fn flag_lang(region: [u8; 2]) -> Option<Lang> {
    const LANGUAGES: &str = "USen GBen AUen CAen NZen IEen CNzh TWzh HKzh SGzh MOzh JPja KRko \
        ESes MXes FRfr DEde ITit BRpt PTpt VNvi RUru UAuk GRel ILhe INhi THth NLnl SEsv PLpl \
        TRtr IDid IRfa PKur ROro HUhu CZcs FIfi";
    let at = (LANGUAGES.as_bytes().chunks(5)).position(|entry| entry[..2] == region)?;
    Lang::from_code(&LANGUAGES[at * 5 + 2..at * 5 + 4])
}

/// A language label: `English:`, `中文翻译：`, `English original:`, `### 中文`, `**Chinese**:`,
/// `*English:*`,
/// or a label with the text after it (`English: Hello`). `marked` says the line had heading or
/// bold markup, which makes a label without a colon (`### English`) unambiguous.
fn label(s: &str, marked: bool) -> Option<(Lang, &str)> {
    // The labels nearly every file uses, matched whole before any splitting.
    match s {
        "English:" | "English：" => return Some((Lang::En, "")),
        "中文翻译:" | "中文翻译：" | "中文:" | "中文：" => {
            return Some((Lang::Zh, ""))
        }
        _ => {}
    }
    // A flag before a label (`🇺🇸 English:`) or for one (`🇨🇳 我经常…`), as chat assistants mark
    // each language's lines.
    if let Some((region, rest)) = flag(s) {
        return label(rest, marked).or_else(|| Some((flag_lang(region)?, rest)));
    }
    let first = s.chars().next()?;
    if first == '*' || first == '_' {
        // A label in emphasis (`*English:*`, `_中文_:`; bold is taken off before), its marks
        // markup as bold's are: `*English*` alone on its line is a label as `**English**` is.
        let inner = &s[1..];
        if inner.starts_with(['*', '_', ' ']) {
            return None;
        }
        return label(inner, marked || inner.ends_with(first));
    }
    if first == '[' || first == '【' {
        // `[EN]`, `【中文】`: a label in brackets, the text after it.
        let inner = &s[first.len_utf8()..];
        let (close, _) = find_either(inner, b']', '】').filter(|&(at, _)| at <= MAX_LABEL_BYTES)?;
        let lang = label_lang(trim_marks(&inner[..close]))?;
        let rest = inner[close..].trim_start_matches([']', '】', ':', '：']);
        return Some((lang, unmarked(rest)));
    }
    if !may_start_label(s) {
        return None;
    }
    let (name, rest) = match label_colon(s) {
        Some((at, colon_len)) => (&s[..at], &s[at + colon_len..]),
        None if marked && s.len() <= MAX_LABEL_BYTES => (s, ""),
        None => return None,
    };
    if name.len() > MAX_LABEL_BYTES + 4 {
        return None;
    }
    let lang = label_lang(trim_marks(name))?;
    Some((lang, unmarked(rest)))
}

/// The text after a label or a name and its colon, without the emphasis marks left over from
/// the label's (`**English:** Hello`, `*English:* Hello`, `English:** Hello`), and with its own
/// (`English: *Hello* there`): a run of marks at its start or end goes, unless a space is not on
/// its inner side and the text holds another mark to pair it with.
fn unmarked(text: &str) -> &str {
    let text = text.trim_ascii();
    let lead = text.len() - trim_start_bytes(text, is_emphasis_mark).len();
    let pairs = |run: &[u8], inner: Option<&u8>, rest: &[u8]| {
        inner.is_some_and(|b| !b.is_ascii_whitespace()) && rest.contains(&run[0])
    };
    let b = text.as_bytes();
    let text = if lead > 0 && !pairs(&b[..lead], b.get(lead), &b[lead..]) {
        text[lead..].trim_ascii()
    } else {
        text
    };
    let b = text.as_bytes();
    let trail = text.len() - trim_end_bytes(text, is_emphasis_mark).len();
    let inner = text.len() - trail;
    if trail > 0
        && !pairs(
            &b[inner..],
            inner.checked_sub(1).map(|i| &b[i]),
            &b[..inner],
        )
    {
        text[..inner].trim_ascii()
    } else {
        text
    }
}

/// Whether `s` may start with a language word (labels start with one), so most text lines are
/// ruled out by their first word: in Latin letters, by its initial and how many letters it has
/// (`The`, `So`, `I` start no label); in another script, by its first character.
/// (`label_starts_cover_every_language_word` keeps this in step.)
fn may_start_label(s: &str) -> bool {
    let bytes = s.as_bytes();
    if bytes[0].is_ascii_alphabetic() {
        let letters = ascii_letters_at_start(bytes);
        let initial = usize::from(bytes[0].to_ascii_lowercase() - b'a');
        return letters < 32 && LABEL_STARTS[initial] >> letters & 1 == 1;
    }
    matches!(
        s.chars().next(),
        Some(
            '英' | '中'
                | '原'
                | '译'
                | '譯'
                | '翻'
                | '汉'
                | '拼'
                | '简'
                | '繁'
                | '日'
                | '韩'
                | '한'
                | '西'
                | '法'
                | '德'
                | '意'
                | '葡'
                | '越'
                | 'р'
                | 'Р'
                | 'у'
                | 'У'
                | '俄'
                | '乌'
                | 'ε'
                | 'Ε'
                | '希'
                | 'ا'
                | 'ع'
                | '阿'
                | 'ע'
                | 'ह'
                | '印'
                | 'ไ'
                | 'ภ'
                | '泰'
                | '荷'
                | '瑞'
                | '波'
                | '土'
                | 'ف'
                | '罗'
                | '匈'
                | '捷'
                | '芬'
                | 'č'
                | 'Č'
        )
    )
}

/// How many ASCII letters `bytes` starts with (`español`: 4).
const fn ascii_letters_at_start(bytes: &[u8]) -> usize {
    let mut n = 0;
    while n < bytes.len() && bytes[n].is_ascii_alphabetic() {
        n += 1;
    }
    n
}

/// For each ASCII initial, a bit for each length of the run of ASCII letters a language word
/// with that initial starts with (`english` sets bit 7 of `e`'s, `español` bit 4).
const LABEL_STARTS: [u32; 26] = {
    let (words, mut starts, mut i) = (LANGUAGE_WORDS.as_bytes(), [0u32; 26], 1);
    while i < words.len() {
        // A word starts after `:` (the code before it) or `,`.
        if (words[i - 1] == b':' || words[i - 1] == b',') && words[i].is_ascii_alphabetic() {
            let (_, word) = words.split_at(i);
            let letters = ascii_letters_at_start(word);
            assert!(letters < 32);
            starts[(words[i].to_ascii_lowercase() - b'a') as usize] |= 1 << letters;
        }
        i += 1;
    }
    starts
};
/// `s` without leading or trailing ASCII whitespace and emphasis marks (`**English**:`).
fn trim_marks(s: &str) -> &str {
    trim_end_bytes(
        trim_start_bytes(s.trim_ascii(), is_emphasis_mark),
        is_emphasis_mark,
    )
    .trim_ascii()
}

/// Where the first `:` or `：` is, and its length, if it is near enough the start for a label.
/// Most lines are long text with no colon up front, so this is the reader's hottest check.
fn label_colon(s: &str) -> Option<(usize, usize)> {
    let head = &s.as_bytes()[..s.len().min(MAX_LABEL_BYTES + 4)];
    // A plain loop: on 32 bytes it beats a vectorised search's set-up.
    let at = head.iter().position(|&b| b == b':' || b == 0xEF)?;
    if head[at] == b':' {
        return Some((at, 1));
    }
    // `：` is EF BC 9A; any other character starting with EF ends the search for a label colon.
    if s.as_bytes().get(at + 1..at + 3) == Some(&[0xBC, 0x9A]) {
        return Some((at, 3));
    }
    let ascii = memchr::memchr(b':', head).filter(|&c| c > at)?;
    Some((ascii, 1))
}

/// The language a label names, allowing one extra word (`English original`, `Chinese translation`).
pub(crate) fn label_lang(name: &str) -> Option<Lang> {
    if let Some(lang) = language_word(name) {
        return Some(lang); // the usual one-word label, without splitting
    }
    // A language word, then at most one modifier: `English original`, `Chinese (translation)`.
    let separator = |c: char| c.is_whitespace() || matches!(c, '(' | ')' | '（' | '）' | '-' | '–');
    let mut words = name.split(separator).filter(|w| !w.is_empty());
    let lang = language_word(words.next()?)?;
    match (words.next(), words.next()) {
        (None, _) => Some(lang),
        (Some(modifier), None) if MODIFIERS.iter().any(|m| m.eq_ignore_ascii_case(modifier)) => {
            Some(lang)
        }
        _ => None,
    }
}

const MODIFIERS: &[&str] = &[
    "original",
    "translation",
    "translated",
    "transcript",
    "text",
    "version",
    "subtitles",
    "原文",
    "翻译",
    "译文",
];

/// The words a label names its language by, after the language's code: `code:word,word;` for
/// each, in one string rather than a table of (word, language) pairs (0.1 KB smaller, gzipped,
/// in the embed). Two-letter codes are words here only where they are no English word (`it`,
/// `de` are).
const LANGUAGE_WORDS: &str = concat!(
    "en:english,en,eng,英文,英语,英文原文,英语原文;",
    // Labels of a role, not a language (`Original:` over `Translation:`): the text's own script
    // and words say which language it is.
    "und:original,translation,原文;",
    "zh:chinese,zh,cn,中译,中譯,中文,中文翻译,中文译文,中文翻譯,中文譯文,译文,譯文,翻译,汉语,简体中文,繁體中文,繁体中文;",
    "ja:japanese,日本語,日本语,日文,日语;",
    "ko:korean,한국어,韩语,韩文;",
    "es:spanish,español,espanol,castellano,es,西班牙语,西班牙文;",
    "fr:french,français,francais,fr,法语,法文;",
    "de:german,deutsch,德语,德文;",
    "it:italian,italiano,意大利语;",
    "pt:portuguese,português,portugues,pt,葡萄牙语;",
    "vi:vietnamese,tiếng việt,越南语;",
    "ru:russian,русский,Русский,ru,俄语,俄文;",
    "uk:ukrainian,українська,Українська,乌克兰语;",
    "el:greek,ελληνικά,Ελληνικά,希腊语;",
    "ar:arabic,العربية,عربي,阿拉伯语;",
    "he:hebrew,עברית,希伯来语;",
    "hi:hindi,हिन्दी,हिंदी,印地语;",
    "th:thai,ไทย,ภาษาไทย,泰语;",
    "nl:dutch,nederlands,荷兰语;",
    "sv:swedish,svenska,瑞典语;",
    "pl:polish,polski,波兰语;",
    "tr:turkish,türkçe,turkce,土耳其语;",
    "id:indonesian,bahasa indonesia,indonesia,印尼语,印度尼西亚语;",
    "fa:persian,farsi,فارسی,波斯语;",
    "ur:urdu,اردو,乌尔都语;",
    "ro:romanian,română,romana,罗马尼亚语;",
    "hu:hungarian,magyar,匈牙利语;",
    "cs:czech,čeština,Čeština,cestina,捷克语;",
    "fi:finnish,suomi,芬兰语;",
    "zh-Latn-pinyin:pinyin,拼音,汉语拼音;",
);

/// Each language's code and its words, from [`LANGUAGE_WORDS`].
fn language_words() -> impl Iterator<Item = (&'static str, &'static str)> {
    LANGUAGE_WORDS
        .split_terminator(';')
        .filter_map(|group| group.split_once(':'))
}

fn language_word(word: &str) -> Option<Lang> {
    language_words()
        .find(|(_, words)| words.split(',').any(|w| w.eq_ignore_ascii_case(word)))
        .and_then(|(code, _)| Lang::from_code(code))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_in_a_cjk_script_are_no_name_where_punctuated_or_long() {
        for name in [
            "张三",
            "主持人张三",
            "奇普·胡延",
            "列奥纳多・迪卡普里奥",
            "张三（主持人）",
            "김민수",
            "Chip Huyen 奇普",
        ] {
            assert!(!reads_as_cjk_sentence(name), "{name}");
        }
        for said in [
            "好的，开始",
            "谢谢。",
            "今天我们聊人工智能",
            "我认为（后训练）主要分为几种",
            "はい、そうです",
            "核心思路是",
            "问题是",
            "他说",
            "我的看法是",
            "結論は",
        ] {
            assert!(reads_as_cjk_sentence(said), "{said}");
        }
    }

    /// The byte-reading helpers agree with the standard library's `char` patterns they replace,
    /// on every string of up to four characters from a set of spaces, colons, marks and
    /// characters that share their first byte (`；` starts EF BC as `：` does).
    #[test]
    fn byte_helpers_agree_with_char_patterns() {
        let alphabet = [
            'a', ' ', '\t', '\u{B}', '\u{A0}', '\u{3000}', '中', ':', '：', '；', '*', '_', '[',
            '【', '】', '（', '(',
        ];
        let mut strings = vec![String::new()];
        for _ in 0..4 {
            let longer: Vec<String> = strings
                .iter()
                .filter(|s| s.chars().count() == strings.last().unwrap().chars().count())
                .flat_map(|s| alphabet.iter().map(move |&c| format!("{s}{c}")))
                .collect();
            strings.extend(longer);
        }
        for s in &strings {
            let s = s.as_str();
            assert_eq!(
                words(s).collect::<Vec<_>>(),
                s.split_whitespace().collect::<Vec<_>>(),
                "{s:?}"
            );
            assert_eq!(
                find_colon(s).map(|(at, _)| at),
                s.find([':', '：']),
                "{s:?}"
            );
            assert_eq!(
                trim_start_bytes(s, is_emphasis_mark),
                s.trim_start_matches(['*', '_']),
                "{s:?}"
            );
            assert_eq!(
                trim_end_bytes(s, is_emphasis_mark),
                s.trim_end_matches(['*', '_']),
                "{s:?}"
            );
            assert_eq!(
                opens_bracket(s),
                s.starts_with(['[', '【', '(', '（', '`']),
                "{s:?}"
            );
            assert_eq!(trim_line(s), s.trim(), "{s:?}");
            assert_eq!(
                find_either(s, b']', '】').map(|(at, _)| at),
                s.find([']', '】']),
                "{s:?}"
            );
        }
    }

    /// The Markdown export writes each language's label; each must read back as its language.
    #[test]
    fn every_language_label_the_export_writes_is_read() {
        for lang in Lang::ALL.into_iter().filter(|&l| l != Lang::Und) {
            let written = format!("{}:", lang.label());
            assert_eq!(label(&written, false), Some((lang, "")), "{written}");
            // A heading's text (`### Español`), without a colon.
            assert_eq!(label(lang.native_name(), true), Some((lang, "")));
        }
    }

    #[test]
    fn label_starts_cover_every_language_word() {
        for word in language_words().flat_map(|(_, words)| words.split(',')) {
            assert!(may_start_label(&format!("{word}:")), "{word}");
            assert!(may_start_label(&format!("{word} original")), "{word}");
        }
        for text in ["The", "So I think", "I", "And then: this", "Englishman:"] {
            assert!(!may_start_label(text), "{text}");
        }
    }

    #[test]
    fn a_closing_credit_is_a_note_unless_it_is_said() {
        let texts = |text: &str| {
            let doc = crate::read_str(text);
            let turn = doc.turns.last().cloned().unwrap();
            let said: Vec<String> = turn.blocks[0]
                .paragraphs
                .iter()
                .map(|p| p.text.clone())
                .collect();
            let notes: Vec<String> = turn.notes.into_iter().map(|n| n.text).collect();
            (said, notes)
        };
        let otter = "Speaker 1  0:03\nBye.\n\nTranscribed by https://otter.ai\n";
        assert_eq!(
            texts(otter),
            (
                vec!["Bye.".into()],
                vec!["Transcribed by https://otter.ai".into()]
            )
        );
        // Someone's words: a sentence, or all the turn says.
        let sentence = "Speaker 1  0:03\nBye.\n\nTranscribed by a friend of mine who types faster than anyone I know.\n";
        assert_eq!(texts(sentence).1, Vec::<String>::new());
        let alone = "Speaker 1  0:03\nTranscribed by hand.\n";
        assert_eq!(texts(alone), (vec!["Transcribed by hand.".into()], vec![]));
    }

    /// A header line that reads as a turn line is the header's when no words follow it and the
    /// next turn starts before it; otherwise it stays a turn.
    #[test]
    fn a_time_in_the_header() {
        let read = |text: &str| {
            let doc = crate::read_str(text);
            let starts: Vec<u64> = doc.turns.iter().map(|t| t.start.0).collect();
            (doc.title, doc.metadata, doc.speakers, starts)
        };
        let turns = "[00:00:01] Ann\nHello.\n\n[00:00:05] Bob\nHi.\n";
        let (ann_bob, both) = (vec!["Ann".to_owned(), "Bob".to_owned()], vec![1_000, 5_000]);
        let header = |title: Option<&str>, metadata: &[&str]| {
            let metadata = metadata.iter().map(|m| m.to_string()).collect();
            (
                title.map(str::to_owned),
                metadata,
                ann_bob.clone(),
                both.clone(),
            )
        };
        let under_title = format!("Weekly sync\n10:30 Meeting\n\n{turns}");
        assert_eq!(
            read(&under_title),
            header(Some("Weekly sync"), &["10:30 Meeting"])
        );
        let alone = format!("10:30 **Meeting**\n{turns}");
        assert_eq!(read(&alone), header(Some("10:30 Meeting"), &[]));
        // Kept as turns: in order, in this layout's brackets, or with words under it.
        let in_order = format!("0:00 Intro\n{turns}");
        assert_eq!(read(&in_order).3, vec![0, 1_000, 5_000]);
        let bracketed = format!("[10:30] Meeting\n{turns}");
        assert_eq!(read(&bracketed).3, vec![630_000, 1_000, 5_000]);
        let with_words = format!("10:30 Meeting\nAgenda first.\n\n{turns}");
        assert_eq!(read(&with_words).3, vec![630_000, 1_000, 5_000]);
    }

    /// Times that transcription services put where this layout's brackets go start turns; a time
    /// in a sentence does not.
    #[test]
    fn times_outside_brackets() {
        fn turn(line: &str) -> Option<(u64, &str, &str, TimeAt)> {
            match classify(line) {
                Line::Turn {
                    start,
                    speaker,
                    text,
                    time_at,
                    ..
                } => Some((start.0, speaker, text, time_at)),
                _ => None,
            }
        }
        let (after_name, line_start) = (TimeAt::AfterName, TimeAt::LineStart);
        for (line, start, speaker, text, time_at) in [
            ("Speaker 1  0:03", 3_000, "Speaker 1", "", after_name),
            (
                "Jane Smith\t1:02:15",
                3_735_000,
                "Jane Smith",
                "",
                after_name,
            ),
            ("Lex Fridman (00:04):", 4_000, "Lex Fridman", "", after_name),
            ("Grace [00:00:07]", 7_000, "Grace", "", after_name),
            ("0:04", 4_000, "", "", line_start),
            ("00:01 Lex Fridman", 1_000, "Lex Fridman", "", line_start),
            ("00:00:05 Ann: Hello.", 5_000, "Ann", "Hello.", line_start),
            // One space before a time without hours: a turn line only beside others whose
            // names repeat (`Reader::line`).
            (
                "说话人 1 00:05",
                5_000,
                "说话人 1",
                "",
                TimeAt::AfterNameOneSpace,
            ),
            (
                "Chapter 3:16",
                196_000,
                "Chapter",
                "",
                TimeAt::AfterNameOneSpace,
            ),
            (
                "[Alice Smith] 10:02:33",
                36_153_000,
                "Alice Smith",
                "",
                TimeAt::ClockAfterBracketedName,
            ),
            // Without hours, as a name before a time without them.
            ("[Bo] 02:33", 153_000, "Bo", "", TimeAt::AfterNameOneSpace),
            ("Alice — 0:05", 5_000, "Alice", "", after_name),
            ("Speaker 1 - 00:05", 5_000, "Speaker 1", "", after_name),
            // A time in parentheses with no colon after it, as `Chapter 3:16`.
            (
                "Episode 12 (45:10)",
                2_710_000,
                "Episode 12",
                "",
                TimeAt::AfterNameOneSpace,
            ),
        ] {
            assert_eq!(turn(line), Some((start, speaker, text, time_at)), "{line}");
        }
        for text in [
            "We meet at 10:30",
            "We meet at  10:30",
            "The trailer runs (02:10)",
            "10:30 is too late",
            "10:30 AM",
            "3:1",
            "So the answer is  0:03",
            "00:00:01.000 --> 00:00:02.000",
        ] {
            assert_eq!(turn(text), None, "{text}");
        }
        // Alone, or among others each named once, such a line is text.
        for text in [
            "Chapter 3:16\nIn the beginning.",
            "Intro 00:00\nChapter 1 05:30\nOutro 55:00",
            "Episode 12 (45:10)\nEpisode 13 (50:02)\nEpisode 14 (38:45)",
        ] {
            assert!(crate::read_str(text).turns.is_empty(), "{text}");
        }
    }

    #[test]
    fn line_kinds() {
        assert_eq!(classify("  "), Line::Blank);
        assert_eq!(classify("---"), Line::Separator);
        assert_eq!(
            classify("## [00:00:33] Lenny Rachitsky"),
            Line::Turn {
                start: Millis(33_000),
                end: None,
                estimated: false,
                speaker: "Lenny Rachitsky",
                text: "",
                time_at: TimeAt::Brackets,
            }
        );
        assert_eq!(
            classify("**[01:10:45] Name**"),
            Line::Turn {
                start: Millis(4_245_000),
                end: None,
                estimated: false,
                speaker: "Name",
                text: "",
                time_at: TimeAt::Brackets,
            }
        );
        // The time first, unbracketed, with a dash before the name or in a heading.
        for line in [
            "00:00:15 – Lenny",
            "00:00:15 - Lenny",
            "## 00:00:15 Lenny",
            "### 00:00:15 — Lenny",
        ] {
            let turn = match classify(line) {
                Line::Turn { start, speaker, .. } => Some((start, speaker)),
                _ => None,
            };
            assert_eq!(turn, Some((Millis(15_000), "Lenny")), "{line}");
        }
        // A flag before a label, or for one; a region with no language here is text.
        assert_eq!(
            classify("🇺🇸 English: Hi."),
            Line::Label {
                lang: Lang::En,
                text: "Hi."
            }
        );
        assert_eq!(
            classify("🇹🇼 你好。"),
            Line::Label {
                lang: Lang::Zh,
                text: "你好。"
            }
        );
        assert_eq!(
            classify("🇬🇧"),
            Line::Label {
                lang: Lang::En,
                text: ""
            }
        );
        assert_eq!(classify("🇦🇶 Ice."), Line::Text("🇦🇶 Ice."));
        // A list's item, one deep (a line of markers was a recursion as deep: a stack overflow).
        let markers = "- ".repeat(200_000);
        assert_eq!(classify(&markers), Line::Text(markers.trim_end()));
        assert!(matches!(classify("- [00:05] Ann: Hi."), Line::Turn { .. }));
        assert_eq!(
            classify("- - [00:05] Ann: Hi."),
            Line::Text("- - [00:05] Ann: Hi.")
        );
        assert_eq!(
            classify("## 10:30 Meeting"),
            Line::Heading {
                level: 2,
                text: "10:30 Meeting"
            }
        );
        assert_eq!(
            classify("00:00:01.000 --> 00:00:02.000"),
            Line::Text("00:00:01.000 --> 00:00:02.000")
        );
        // Its digits full-width too, as a Chinese keyboard types them in its full-width mode.
        for (line, seconds) in [
            ("[００:００:１５] Lenny", 15),
            ("【００：０５：３０】 张伟", 330),
        ] {
            let start = match classify(line) {
                Line::Turn { start, .. } => Some(start),
                _ => None,
            };
            assert_eq!(start, Some(Millis(seconds * 1000)), "{line}");
        }
        assert_eq!(
            classify("【00：05：30】 张伟"),
            Line::Turn {
                start: Millis(330_000),
                end: None,
                estimated: false,
                speaker: "张伟",
                text: "",
                time_at: TimeAt::Brackets,
            }
        );
        assert_eq!(
            classify("[≈00:00:03.294] Chip"),
            Line::Turn {
                start: Millis(3_294),
                end: None,
                estimated: true,
                speaker: "Chip",
                text: "",
                time_at: TimeAt::Brackets,
            }
        );
        assert_eq!(
            classify("[05:30] 张伟：大家好"),
            Line::Turn {
                start: Millis(330_000),
                end: None,
                estimated: false,
                speaker: "张伟",
                text: "大家好",
                time_at: TimeAt::Brackets,
            }
        );
        assert_eq!(
            classify("[00:61:00] Bob"),
            Line::BadTime {
                found: "[00:61:00]"
            }
        );
        assert_eq!(classify("[laughs]"), Line::Text("[laughs]"));
        assert_eq!(classify("[笑]"), Line::Text("[笑]"));
        for (l, lang) in [
            ("English:", Lang::En),
            ("### English:", Lang::En),
            ("**中文翻译:**", Lang::Zh),
            ("**English**:", Lang::En),
            ("中文翻译：", Lang::Zh),
            ("English original:", Lang::En),
            ("中文译文:", Lang::Zh),
            ("Chinese:", Lang::Zh),
            ("译文:", Lang::Zh),
            ("## 中文", Lang::Zh),
        ] {
            assert_eq!(classify(l), Line::Label { lang, text: "" }, "{l}");
        }
        assert_eq!(
            classify("English: Hello there"),
            Line::Label {
                lang: Lang::En,
                text: "Hello there"
            }
        );
        assert_eq!(
            classify("What people think will improve AI apps: staying"),
            Line::Text("What people think will improve AI apps: staying")
        );
        assert_eq!(classify("English"), Line::Text("English"));
        assert_eq!(
            classify("# CHIP HUYEN"),
            Line::Heading {
                level: 1,
                text: "CHIP HUYEN"
            }
        );
        assert_eq!(classify("#hashtag"), Line::Text("#hashtag"));
    }
}
