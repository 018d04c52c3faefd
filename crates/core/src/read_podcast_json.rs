//! Reader for Podcasting 2.0 JSON transcripts (`<podcast:transcript type="application/json">`).
//!
//! Such files are often word-level: one segment per word. Segments are merged into turns at each
//! change of speaker and after a segment whose body ends a paragraph (holds a line break), and
//! each segment's time is kept as a timed range of the turn's text, down to the word.

use super::json::{self, Reader};
use super::model::{Diagnostic, DiagnosticKind, Document, Format, Lang, Paragraph, Timing, Turn};
use super::script::{guess_lang, joins_without_space};
use super::time::Millis;

/// A segment as written; any member may be missing or `null`.
#[derive(Default)]
struct Segment {
    speaker: Option<String>,
    start_time: Option<f64>,
    end_time: Option<f64>,
    body: Option<String>,
    /// Written as Whisper writes them (`start`, `end`, `text`): a sentence or so, a turn of its
    /// own, as a subtitle cue is; Podcasting 2.0's segments are often single words.
    whole: bool,
    /// A Whisper segment's `words` (`--word_timestamps`, WhisperX): each a segment of its own,
    /// its text under `word`.
    words: Vec<Segment>,
}

/// The file's segments (`None`: no `"segments"` array), or what is wrong with it as JSON. The
/// segments may also be the whole file, an array.
fn segments(text: &str) -> Result<Option<Vec<Segment>>, json::Error> {
    let mut r = Reader::new(text);
    let mut segments = None;
    if r.peek() == Some(b'[') {
        segments = Some(segment_list(&mut r, true)?);
    } else {
        r.object(|r, key| {
            if key != "segments" || r.null()? {
                return r.skip();
            }
            segments = Some(segment_list(r, true)?);
            Ok(())
        })?;
    }
    r.end()?;
    Ok(segments)
}

/// The segments of an array; with `words`, also each one's `words` (one level: a word's own
/// `words` are skipped, so nesting cannot deepen the reader's recursion).
fn segment_list(r: &mut Reader, words: bool) -> Result<Vec<Segment>, json::Error> {
    let mut list = Vec::new();
    r.array(|r| {
        let mut segment = Segment::default();
        r.object(|r, key| {
            if r.null()? {
                return Ok(());
            }
            match key {
                "speaker" => segment.speaker = Some(r.string()?),
                "startTime" | "start" => segment.start_time = Some(seconds(r)?),
                "endTime" | "end" => segment.end_time = Some(seconds(r)?),
                "body" | "word" => segment.body = Some(r.string()?),
                "words" if words => segment.words = segment_list(r, false)?,
                "text" => {
                    segment.body = Some(r.string()?);
                    segment.whole = true;
                }
                _ => r.skip()?,
            }
            Ok(())
        })?;
        list.push(segment);
        Ok(())
    })?;
    Ok(list)
}

/// A time in seconds: a number, or a number written as a string (`"4.5"`), as some tools do.
fn seconds(r: &mut Reader) -> Result<f64, json::Error> {
    if r.peek() != Some(b'"') {
        return r.number();
    }
    let text = r.string()?;
    crate::decimal::parse(text.trim())
        .filter(|v| v.is_finite())
        .ok_or_else(|| r.error("expected a time in seconds"))
}

/// Reads `text` as Podcasting 2.0 JSON, or says why it is not (the caller then reads it as text).
pub fn read(text: &str, diagnostics: Vec<Diagnostic>) -> Result<Document, Diagnostic> {
    let segments = segments(text).map_err(|e| Diagnostic {
        line: e.line,
        kind: DiagnosticKind::BadJson {
            message: e.to_string(),
        },
    })?;
    let Some(segments) = segments else {
        return Err(Diagnostic {
            line: 0,
            kind: DiagnosticKind::BadJson {
                message: "no \"segments\" array".into(),
            },
        });
    };
    let mut doc = Document::of(Format::PodcastJson, diagnostics);
    let mut current: Option<Draft> = None;
    let mut previous_start = Millis::ZERO;
    for (index, segment) in segments.into_iter().enumerate() {
        let start = match segment.start_time.and_then(Millis::from_secs_f64) {
            Some(t) => t,
            None => {
                doc.warn(0, DiagnosticKind::MissingTime { segment: index + 1 });
                previous_start
            }
        };
        if start < previous_start {
            doc.warn(
                0,
                DiagnosticKind::OutOfOrder {
                    start,
                    previous: previous_start,
                },
            );
        }
        previous_start = start;
        let end = ends_after(segment.end_time, start);
        let speaker = segment
            .speaker
            .as_deref()
            .map(str::trim)
            .filter(|s| !s.is_empty());
        let speaker = speaker.map(|s| doc.speaker_id(s));
        let body = segment.body.unwrap_or_default();
        let breaks_after = body.contains('\n');
        let words = body.trim();
        let continues = !segment.whole
            && current
                .as_ref()
                .is_some_and(|d| !d.closed && (speaker.is_none() || d.turn.speaker == speaker));
        if !continues {
            if let Some(draft) = current.take() {
                doc.turns.push(draft.into_turn());
            }
            current = Some(Draft::new(start, speaker, index as u32 + 1));
        }
        let draft = current.as_mut().expect("set above");
        draft.push(words, start, end);
        if segment.whole {
            draft.time_words(&segment.words);
        }
        draft.closed = breaks_after;
    }
    if let Some(draft) = current {
        doc.turns.push(draft.into_turn());
    }
    if doc.turns.is_empty() {
        doc.warn(0, DiagnosticKind::NoTurns);
    }
    doc.finish();
    Ok(doc)
}

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

    /// Times the words of the segment just pushed, a turn of its own (Whisper's `words`), each
    /// where it is found in the text, in order. The timed ranges cover the text, as every
    /// reader's do (the exporters write what they cover): a word not found, or without a start
    /// (WhisperX leaves some unaligned), goes with the word before it, and text before the first
    /// with the first. Found fewer than two, the segment's own time stands.
    fn time_words(&mut self, words: &[Segment]) {
        let mut timings = Vec::with_capacity(words.len());
        let mut at = 0;
        for word in words {
            let text = word.body.as_deref().unwrap_or_default().trim();
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
                end: ends_after(word.end_time, start),
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

/// An end written in seconds, if it is a time and not before `start`.
fn ends_after(end: Option<f64>, start: Millis) -> Option<Millis> {
    end.and_then(Millis::from_secs_f64).filter(|&e| e >= start)
}

/// Word-level files give punctuation its own segment (`"body": ","`): it attaches to the word before.
fn starts_with_closing_punctuation(s: &str) -> bool {
    s.starts_with([',', '.', '!', '?', ';', ':', ')', ']', '%', '…', '\''])
}
