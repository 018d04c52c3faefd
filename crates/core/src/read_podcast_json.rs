//! Reader for Podcasting 2.0 JSON transcripts (`<podcast:transcript type="application/json">`).
//!
//! Such files are often word-level: one segment per word. Segments are merged into turns at each
//! change of speaker and after a segment whose body ends a paragraph (holds a line break), and
//! each segment's time is kept as a timed range of the turn's text, down to the word.

use super::json::{self, Reader};
use super::model::{Diagnostic, DiagnosticKind, Document, Format, Lang, Paragraph, Timing, Turn};
use super::script::{guess_lang, joins_without_space};
use super::time::Millis;
use super::translated_speakers::join_translated_turns;

/// A segment as written; any member may be missing or `null`.
#[derive(Default)]
pub(crate) struct Segment {
    /// Where it starts in the file (a byte offset), for its line.
    pub(crate) at: usize,
    pub(crate) speaker: Option<String>,
    pub(crate) start_time: Option<f64>,
    pub(crate) end_time: Option<f64>,
    /// How long it lasts, where a service writes that in place of its end.
    pub(crate) duration: Option<f64>,
    /// Its start counted from its segment's, as YouTube writes a word's (`tOffsetMs`).
    pub(crate) offset: Option<f64>,
    pub(crate) body: Option<String>,
    /// Written as Whisper writes them (`start`, `end`, `text`): a sentence or so, a turn of its
    /// own, as a subtitle cue is; Podcasting 2.0's segments are often single words.
    pub(crate) whole: bool,
    /// A Whisper segment's `words` (`--word_timestamps`, WhisperX): each a segment of its own,
    /// its text under `word`. A segment without text of its own (Rev.ai's, YouTube's) is its
    /// words' text.
    pub(crate) words: Vec<Segment>,
    /// Its members whose values were not of their kind (`"startTime": "soon"`), passed over: each
    /// one's place in the file, its name and its value as written.
    pub(crate) left_out: Vec<LeftOut>,
}

/// A member's value passed over: where it is (a byte offset), its name, its text and what was
/// wanted instead.
pub(crate) struct LeftOut {
    offset: usize,
    member: String,
    value: String,
    wanted: &'static str,
}

/// A file's segments, as which format, and where text after its JSON starts (if any does).
struct Found {
    segments: Vec<Segment>,
    format: Format,
    after: Option<usize>,
}

/// The file's segments (`None`: no list of them found), or what is wrong with it as JSON. The
/// segments may also be the whole file, an array.
fn segments(text: &str) -> Result<Option<Found>, json::Error> {
    let mut r = Reader::new(text);
    let mut found = None;
    if r.peek() == Some(b'[') {
        found = Some((segment_list(&mut r, true, 1.0)?, Format::PodcastJson));
    } else {
        #[cfg(feature = "services")]
        let mut services = super::read_service_json::Lists::default();
        r.object(|r, key| {
            if key == "segments" && !r.null()? {
                found = Some((segment_list(r, true, 1.0)?, Format::PodcastJson));
                return Ok(());
            }
            #[cfg(feature = "services")]
            return services.member(r, key);
            #[cfg(not(feature = "services"))]
            r.skip()
        })?;
        #[cfg(feature = "services")]
        if found.is_none() {
            found = services.chosen();
        }
    }
    let after = r.end().is_err().then(|| r.offset());
    Ok(found.map(|(segments, format)| Found {
        segments,
        format,
        after,
    }))
}

/// The segments of an array, their times in seconds once multiplied by `unit` (AssemblyAI
/// writes milliseconds); with `words`, also each one's `words` (one level: a word's own `words`
/// are skipped, so nesting cannot deepen the reader's recursion).
pub(crate) fn segment_list(
    r: &mut Reader,
    words: bool,
    unit: f64,
) -> Result<Vec<Segment>, json::Error> {
    let mut list = Vec::new();
    r.array(|r| {
        r.peek();
        let mut segment = Segment {
            at: r.offset(),
            ..Segment::default()
        };
        r.object(|r, key| segment.member(r, key, words, unit))?;
        list.push(segment);
        Ok(())
    })?;
    Ok(list)
}

impl Segment {
    /// Reads the member `key` into the segment, or, where its value is not of its kind (a word
    /// as a time, a number as a text), passes over it and notes it in `left_out`.
    fn member(
        &mut self,
        r: &mut Reader,
        key: &str,
        words: bool,
        unit: f64,
    ) -> Result<(), json::Error> {
        let offset = r.offset();
        let Err(error) = self.read_member(r, key, words, unit) else {
            return Ok(());
        };
        r.rewind(offset);
        r.peek();
        let offset = r.offset();
        // Not JSON at all: that error, not this one.
        r.skip()?;
        const LONGEST: usize = 60;
        let value = r.since(offset);
        let value = match value.char_indices().nth(LONGEST) {
            Some((cut, _)) => format!("{}…", &value[..cut]),
            None => value.to_owned(),
        };
        self.left_out.push(LeftOut {
            offset,
            member: key.to_owned(),
            value,
            wanted: error.message,
        });
        Ok(())
    }

    /// Reads the member `key` into the segment. The names are Podcasting 2.0's and Whisper's
    /// and, with the services' readers, theirs: one segment's members under all their names, as
    /// no two services give one name two meanings (but the unit of AssemblyAI's times).
    fn read_member(
        &mut self,
        r: &mut Reader,
        key: &str,
        words: bool,
        unit: f64,
    ) -> Result<(), json::Error> {
        if r.null()? {
            return Ok(());
        }
        match key {
            "speaker" if self.speaker.is_none() => self.speaker = Some(label(r)?),
            "startTime" | "start" => self.start_time = Some(seconds(r)? * unit),
            "endTime" | "end" => self.end_time = Some(seconds(r)? * unit),
            "body" | "word" if self.body.is_none() => self.body = Some(r.string()?),
            "words" if words => self.read_words(r, unit)?,
            "text" => {
                self.body = Some(r.string()?);
                self.whole = true;
            }
            #[cfg(feature = "services")]
            _ => return self.service_member(r, key, words, unit),
            #[cfg(not(feature = "services"))]
            _ => r.skip()?,
        }
        Ok(())
    }

    /// The members only the services write: their names for a start, an end, a speaker, the
    /// text and the words, their other units, and the alternatives they give a word (the first
    /// is the one they chose).
    #[cfg(feature = "services")]
    fn service_member(
        &mut self,
        r: &mut Reader,
        key: &str,
        words: bool,
        unit: f64,
    ) -> Result<(), json::Error> {
        match key {
            "start_time" | "ts" => self.start_time = Some(seconds(r)?),
            "end_time" | "end_ts" | "resultEndTime" => self.end_time = Some(seconds(r)?),
            // (youtube-transcript-api's segments: `text`, `start`, `duration`; not Azure's
            // `"duration": "PT2.1S"`, whose ticks are read.)
            "duration" if r.peek() != Some(b'"') => self.duration = Some(r.number()? * unit),
            // whisper.cpp's: the times in milliseconds, and again as clocks (`00:00:04,320`).
            "offsets" | "timestamps" => {
                let unit = if key == "offsets" { 1e-3 } else { 1.0 };
                r.object(|r, key| {
                    match key {
                        "from" => self.start_time = Some(seconds(r)? * unit),
                        "to" => self.end_time = Some(seconds(r)? * unit),
                        _ => r.skip()?,
                    }
                    Ok(())
                })?
            }
            "tStartMs" => self.start_time = Some(seconds(r)? / 1e3),
            "dDurationMs" => self.duration = Some(seconds(r)? / 1e3),
            "tOffsetMs" => self.offset = Some(seconds(r)? / 1e3),
            "offsetInTicks" => self.start_time = Some(seconds(r)? / 1e7),
            "durationInTicks" => self.duration = Some(seconds(r)? / 1e7),
            "speaker_label" | "speakerTag" if self.speaker.is_none() => {
                self.speaker = Some(label(r)?)
            }
            "speaker_name" => self.speaker = Some(label(r)?),
            "transcript" | "display" => {
                self.body = Some(r.string()?);
                self.whole = true;
            }
            "content" | "value" | "utf8" if self.body.is_none() => self.body = Some(r.string()?),
            // Bilibili's, in seconds.
            "from" => self.start_time = Some(seconds(r)? * unit),
            "to" => self.end_time = Some(seconds(r)? * unit),
            "punctuated_word" => self.body = Some(r.string()?),
            "elements" | "segs" | "sentences" if words => self.read_words(r, unit)?,
            "alternatives" | "nBest" => {
                r.first(|r| r.object(|r, key| self.member(r, key, words, unit)))?
            }
            _ => r.skip()?,
        }
        Ok(())
    }

    /// Its words, a list of segments; the values they pass over are the segment's, in the file's
    /// order among its own.
    fn read_words(&mut self, r: &mut Reader, unit: f64) -> Result<(), json::Error> {
        self.words = segment_list(r, false, unit)?;
        for word in &mut self.words {
            self.left_out.append(&mut word.left_out);
        }
        Ok(())
    }

    /// Its text, trimmed.
    pub(crate) fn text(&self) -> &str {
        self.body.as_deref().unwrap_or_default().trim()
    }

    /// Its end, written as one or as a duration, if that is a time and not before `start`.
    fn end_after(&self, start: Millis) -> Option<Millis> {
        let end = self.end_time.or_else(|| match cfg!(feature = "services") {
            true => Some(self.start_time? + self.duration?),
            false => None,
        });
        end.and_then(Millis::from_secs_f64).filter(|&e| e >= start)
    }
}

/// A speaker as written: a name, or, from a service, a number (`"speaker": 0`), which is said
/// as `Speaker 0`.
fn label(r: &mut Reader) -> Result<String, json::Error> {
    if !cfg!(feature = "services") || r.peek() == Some(b'"') {
        return r.string();
    }
    Ok(format!("Speaker {}", r.number()? as i64))
}

/// A time in seconds: a number, or written as a string, a number (`"4.5"`, Google's `"4.5s"`)
/// or a clock (`"1:05"`), as some tools and people do.
fn seconds(r: &mut Reader) -> Result<f64, json::Error> {
    let seconds = match r.peek() {
        Some(b'"') => {
            let text = r.string()?;
            let text = text.trim();
            crate::decimal::parse(text.strip_suffix('s').unwrap_or(text))
                .filter(|v| v.is_finite())
                .or_else(|| crate::time::parse_clock(text).map(|t| t.as_secs_f64()))
        }
        _ => Some(r.number()?),
    };
    // (A time before the recording's start is no time: a start of -1, as some tools write for
    // "unknown", is then said and given the previous segment's.)
    seconds
        .filter(|&v| v >= 0.0)
        .ok_or_else(|| r.error("expected a time in seconds"))
}

/// Reads `text` as Podcasting 2.0 JSON, or says why it is not (the caller then reads it as text).
pub fn read(text: &str, diagnostics: Vec<Diagnostic>) -> Result<Document, Diagnostic> {
    let found = segments(text).map_err(|e| Diagnostic {
        line: e.line,
        kind: DiagnosticKind::BadJson {
            message: e.to_string(),
        },
    })?;
    let Some(Found {
        segments,
        format,
        after,
    }) = found
    else {
        return Err(Diagnostic {
            line: 0,
            kind: DiagnosticKind::BadJson {
                message: NO_SEGMENTS.into(),
            },
        });
    };
    let mut doc = Document::of(format, diagnostics);
    let mut lines = LineCount::new(text);
    let mut current: Option<Draft> = None;
    let mut previous_start = Millis::ZERO;
    for (index, segment) in segments.into_iter().enumerate() {
        let line = lines.to(segment.at);
        for left in &segment.left_out {
            let kind = DiagnosticKind::LeftOutValue {
                member: left.member.clone(),
                value: left.value.clone(),
                wanted: left.wanted,
            };
            doc.warn(lines.to(left.offset), kind);
        }
        let body = segment.body.as_deref().unwrap_or_default();
        let words = body.trim();
        // A segment made of its words (Rev.ai's monologues, YouTube's events), or of nothing (a
        // YouTube window's settings, its line breaks).
        let of_words = cfg!(feature = "services") && segment.body.is_none();
        if of_words && segment.words.iter().all(|w| w.text().is_empty()) {
            continue;
        }
        let speaker = segment
            .speaker
            .as_deref()
            .map(str::trim)
            .filter(|s| !s.is_empty());
        let speaker = speaker.map(|s| doc.speaker_id(s));
        let breaks_after = body.contains('\n');
        // A segment and its translation at one moment (a translator's file of both): a turn
        // each, the translation's closed, which `pair_by_times` joins below.
        let translation = current.as_ref().is_some_and(|d| {
            let at = segment.start_time.and_then(Millis::from_secs_f64);
            d.timings.last().is_some_and(|last| {
                Some(last.start) == at
                    && guess_lang(words)
                        != guess_lang(&d.text[last.from as usize..last.to as usize])
            })
        });
        let continues = !segment.whole
            && !of_words
            && !translation
            && current
                .as_ref()
                .is_some_and(|d| !d.closed && (speaker.is_none() || d.turn.speaker == speaker));
        // A mark in a list of words (Amazon Transcribe's punctuation, which has no time, and
        // Speechmatics', timed where the word before it ends) is said with that word.
        if let (true, Some(draft)) = (continues, current.as_mut()) {
            if starts_with_closing_punctuation(words) {
                draft.attach(words);
                draft.closed = draft.ends_after(words, breaks_after);
                continue;
            }
        }
        // A segment without a time of its own (Rev.ai's, Google's) starts at its first word.
        let start_time = segment
            .start_time
            .or_else(|| match cfg!(feature = "services") {
                true => segment.words.iter().find_map(|w| w.start_time),
                false => None,
            });
        let start = match start_time.and_then(Millis::from_secs_f64) {
            Some(t) => t,
            None => {
                doc.warn(line, DiagnosticKind::MissingTime { segment: index + 1 });
                previous_start
            }
        };
        previous_start = start;
        let end = segment.end_after(start);
        if end.is_none() && (segment.end_time.is_some() || segment.duration.is_some()) {
            let segment = index + 1;
            doc.warn(line, DiagnosticKind::SegmentEndsBeforeStart { segment });
        }
        if !continues {
            if let Some(draft) = current.take() {
                doc.turns.push(draft.into_turn());
            }
            current = Some(Draft::new(start, speaker, line));
        }
        let draft = current.as_mut().expect("set above");
        draft.push(words, start, end); // (a segment of words has no text: its end is noted)
        if of_words {
            draft.push_words(&segment.words, start);
        }
        if segment.whole {
            draft.time_words(&segment.words);
        }
        draft.closed = translation || draft.ends_after(words, breaks_after);
    }
    if let Some(draft) = current {
        doc.turns.push(draft.into_turn());
    }
    if doc.turns.is_empty() {
        doc.warn(0, DiagnosticKind::NoTurns);
    }
    if let Some(after) = after {
        let line = crate::decode::line_of(text.as_bytes(), after);
        super::read_cues::keep_aside(&mut doc, line, text[after..].trim().to_owned(), true);
    }
    // A segment and its translation at one time (a translator's file of both) are one turn, as
    // a caption file's cues are; then turns out of order are said.
    super::read_cues::pair_by_times(&mut doc);
    doc.finish();
    join_translated_turns(&mut doc, false);
    Ok(doc)
}

/// The line of each offset asked for, counted from the one asked before: asked in the file's
/// order (a segment, then the values passed over in it, its words' among them:
/// [`Segment::read_words`]), one pass over the file counts them all.
struct LineCount<'a> {
    text: &'a [u8],
    line: u32,
    counted: usize,
}

impl LineCount<'_> {
    fn new(text: &str) -> LineCount<'_> {
        LineCount {
            text: text.as_bytes(),
            line: 1,
            counted: 0,
        }
    }

    fn to(&mut self, offset: usize) -> u32 {
        let offset = offset.min(self.text.len());
        let (from, to) = (self.counted.min(offset), self.counted.max(offset));
        let between = memchr::memchr_iter(b'\n', &self.text[from..to]).count() as u32;
        match offset < self.counted {
            true => self.line -= between,
            false => self.line += between,
        }
        self.counted = offset;
        self.line
    }
}

/// How long words without a speaker run on in one turn before a sentence's end closes it.
const UNBROKEN: Millis = Millis(20_000);

/// What a file without a list of segments is said to lack.
#[cfg(not(feature = "services"))]
const NO_SEGMENTS: &str = "no \"segments\" array";
#[cfg(feature = "services")]
const NO_SEGMENTS: &str = "no segments, utterances or words in it";

/// A turn being gathered from segments.
struct Draft {
    turn: Turn,
    text: String,
    timings: Vec<Timing>,
    end: Option<Millis>,
    closed: bool,
}

impl Draft {
    fn new(start: Millis, speaker: Option<u32>, segment: u32) -> Draft {
        let mut turn = Turn::new(start, segment);
        turn.speaker = speaker;
        Draft {
            turn,
            text: String::new(),
            timings: Vec::new(),
            end: None,
            closed: false,
        }
    }

    fn push(&mut self, words: &str, start: Millis, end: Option<Millis>) {
        self.end = self.end.max(end); // `None` is below any time: the latest stated end wins
        if words.is_empty() {
            return;
        }
        if let (Some(a), Some(b)) = (self.text.chars().next_back(), words.chars().next()) {
            if !joins_without_space(a, b) && !starts_with_closing_punctuation(words) {
                self.text.push(' ');
            }
        }
        let from = self.text.len() as u32;
        self.text.push_str(words);
        let to = self.text.len() as u32;
        self.timings.push(Timing {
            start,
            end,
            paragraph: 0,
            from,
            to,
        });
    }

    /// Whether the turn ends after `words`, just added: where a paragraph ends (`breaks`), and,
    /// for words without a speaker (a service's not told who speaks), which would be one turn an
    /// hour long, at the first sentence's end past its twentieth second.
    fn ends_after(&self, words: &str, breaks: bool) -> bool {
        let said = self
            .timings
            .last()
            .map_or(Millis::ZERO, |t| t.start.saturating_sub(self.turn.start));
        breaks
            || (self.turn.speaker.is_none()
                && said >= UNBROKEN
                && words.ends_with(['.', '?', '!', '。', '？', '！']))
    }

    /// Adds a mark that has no time of its own: it ends the timed range before it.
    fn attach(&mut self, mark: &str) {
        self.text.push_str(mark);
        if let Some(last) = self.timings.last_mut() {
            last.to = self.text.len() as u32;
        }
    }

    /// Adds the words of a segment made of them, each at its own time: its start, its offset
    /// from the segment's `start`, or else the time of the word before it.
    fn push_words(&mut self, words: &[Segment], start: Millis) {
        let mut at = start;
        for word in words {
            let text = word.text();
            let own = word
                .start_time
                .or(word.offset.map(|o| start.as_secs_f64() + o));
            let own = own.and_then(Millis::from_secs_f64);
            if own.is_none() && !self.text.is_empty() && starts_with_closing_punctuation(text) {
                self.attach(text);
                continue;
            }
            at = own.unwrap_or(at);
            let end = word.end_after(at);
            match text.contains('\n') {
                true => self.push(&text.replace('\n', " "), at, end),
                false => self.push(text, at, end),
            }
        }
    }

    /// Times the words of the segment just pushed, a turn of its own (Whisper's `words`), each
    /// where it is found in the text, in order. The timed ranges cover the text, as every
    /// reader's do (the exporters write what they cover): a word not found, or without a start
    /// (WhisperX leaves some unaligned), goes with the word before it, and text before the first
    /// with the first. Found fewer than two, the segment's own time stands.
    fn time_words(&mut self, words: &[Segment]) {
        let mut timings = Vec::with_capacity(words.len());
        let mut at = 0;
        for word in words {
            let text = word.text();
            let start = word.start_time.and_then(Millis::from_secs_f64);
            let (Some(start), false) = (start, text.is_empty()) else {
                continue;
            };
            // Looked for just past the word before (what lies between is spaces and marks):
            // a word not there costs a few comparisons, not a scan of a long segment.
            let window = &self.text.as_bytes()[at..(at + text.len() + 64).min(self.text.len())];
            let found = window
                .windows(text.len())
                .position(|w| w == text.as_bytes());
            let Some(found) = found else {
                continue;
            };
            let from = at + found;
            at = from + text.len();
            timings.push(Timing {
                start,
                end: word.end_after(start),
                paragraph: 0,
                from: from as u32,
                to: at as u32,
            });
        }
        if timings.len() < 2 {
            return;
        }
        let mut next_from = self.text.len() as u32;
        for timing in timings.iter_mut().rev() {
            timing.to = next_from;
            next_from = timing.from;
        }
        timings[0].from = 0;
        self.timings = timings;
    }

    fn into_turn(mut self) -> Turn {
        self.turn.end = self.end;
        if !self.text.is_empty() {
            let lang = match guess_lang(&self.text) {
                Lang::Und => Lang::En,
                lang => lang,
            };
            let block = self.turn.block_mut(lang);
            block.paragraphs.push(Paragraph::plain(self.text));
            // One segment's time is the turn's own: nothing finer to keep.
            if self.timings.len() > 1 {
                block.timings = self.timings;
            }
        }
        self.turn
    }
}

/// Word-level files give punctuation its own segment (`"body": ","`): it attaches to the word before.
fn starts_with_closing_punctuation(s: &str) -> bool {
    s.starts_with([',', '.', '!', '?', ';', ':', ')', ']', '%', '…', '\''])
}
