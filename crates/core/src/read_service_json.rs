//! The JSON that speech-to-text services return: AssemblyAI's, Deepgram's, Rev.ai's, Amazon
//! Transcribe's, Speechmatics', Azure Speech's batch transcription's, Google Cloud's,
//! whisper.cpp's, YouTube's captions as `json3` and Bilibili's. People drop what their service gave them, not a format they chose.
//!
//! Each file holds its text as a list of segments under a name of its own (`utterances`,
//! `monologues`, `results.items`, …), often two lists of one text (utterances and words): this
//! finds the lists and keeps the one that reads best. Their segments' members are read by the
//! Podcasting 2.0 reader (`read_podcast_json`), which knows the services' names for them, and
//! which makes the turns.

use super::json::{self, Reader};
use super::model::{Format, Service};
use super::read_podcast_json::{segment_list, Segment};
use super::script::guess_lang;

/// The lists of segments a service's file holds, the one that reads best kept.
#[derive(Default)]
pub(crate) struct Lists {
    best: Option<(Kind, Service, Vec<Segment>)>,
    /// Amazon Transcribe's older files name the speakers only here, in spans of time beside the
    /// words (`results.speaker_labels.segments`).
    speaker_spans: Vec<Segment>,
}

/// What a list's segments are, from the worst to read to the best: words are joined into a turn
/// a speaker, a paragraph is a turn, as an utterance is (a speaker's words up to a pause).
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Kind {
    Words,
    Utterances,
    Paragraphs,
}

impl Lists {
    /// Reads the member `key` of the file's object.
    pub(crate) fn member(&mut self, r: &mut Reader, key: &str) -> Result<(), json::Error> {
        if r.null()? {
            return Ok(());
        }
        // AssemblyAI writes milliseconds; YouTube and Azure say their units in their names.
        match key {
            "utterances" => self.offer(Kind::Utterances, Service::AssemblyAi, r, 1e-3),
            "paragraphs" => self.offer(Kind::Paragraphs, Service::AssemblyAi, r, 1e-3),
            "words" => self.offer(Kind::Words, Service::AssemblyAi, r, 1e-3),
            "monologues" => self.offer(Kind::Utterances, Service::RevAi, r, 1.0),
            "events" => self.offer(Kind::Utterances, Service::YouTube, r, 1.0),
            "transcription" => self.offer(Kind::Utterances, Service::WhisperCpp, r, 1.0),
            "recognizedPhrases" => self.offer(Kind::Utterances, Service::AzureSpeech, r, 1.0),
            "body" => self.offer(Kind::Utterances, Service::Bilibili, r, 1.0),
            "results" if r.peek() == Some(b'[') => self.results(r),
            "results" => r.object(|r, key| self.result(r, key)),
            _ => r.skip(),
        }
    }

    /// Reads a list of `results`: Speechmatics' words, or Google Cloud's results, a transcript
    /// each, timed by its words. Told who speaks, Google gives every word again, each with its
    /// speaker, in a last result without a transcript: those words are then the list.
    fn results(&mut self, r: &mut Reader) -> Result<(), json::Error> {
        let mut list = segment_list(r, true, 1.0)?;
        if !list.iter().any(|result| result.whole) {
            return self.keep(Kind::Words, Service::Speechmatics, list);
        }
        match list
            .pop_if(|last| last.body.is_none() && last.words.iter().any(|w| w.speaker.is_some()))
        {
            Some(mut last) => {
                // (Where its words' values passed over are said.)
                if let Some(first) = last.words.first_mut() {
                    first.left_out = last.left_out;
                }
                self.keep(Kind::Words, Service::GoogleCloud, last.words)
            }
            None => self.keep(Kind::Utterances, Service::GoogleCloud, list),
        }
    }

    /// Reads the member `key` of Deepgram's or Amazon Transcribe's `results`.
    fn result(&mut self, r: &mut Reader, key: &str) -> Result<(), json::Error> {
        if r.null()? {
            return Ok(());
        }
        match key {
            "utterances" => self.offer(Kind::Utterances, Service::Deepgram, r, 1.0),
            // The first channel's first alternative: its paragraphs, and its words.
            "channels" => {
                r.first(|r| r.member("alternatives", |r| r.first(|r| self.alternative(r))))
            }
            "audio_segments" => self.offer(Kind::Utterances, Service::AwsTranscribe, r, 1.0),
            "items" => self.offer(Kind::Words, Service::AwsTranscribe, r, 1.0),
            "speaker_labels" => r.member("segments", |r| {
                self.speaker_spans = segment_list(r, false, 1.0)?;
                Ok(())
            }),
            _ => r.skip(),
        }
    }

    /// Reads a Deepgram channel's alternative: its paragraphs, and its words.
    fn alternative(&mut self, r: &mut Reader) -> Result<(), json::Error> {
        r.object(|r, key| match key {
            "paragraphs" => r.member("paragraphs", |r| {
                self.offer(Kind::Paragraphs, Service::Deepgram, r, 1.0)
            }),
            "words" => self.offer(Kind::Words, Service::Deepgram, r, 1.0),
            _ => r.skip(),
        })
    }

    /// Reads a list of segments of `kind` and keeps it if it reads better than the one kept.
    fn offer(
        &mut self,
        kind: Kind,
        service: Service,
        r: &mut Reader,
        unit: f64,
    ) -> Result<(), json::Error> {
        let list = segment_list(r, kind != Kind::Words, unit)?;
        self.keep(kind, service, list)
    }

    /// Keeps `list`, of `kind`, if it reads better than the one kept.
    fn keep(
        &mut self,
        kind: Kind,
        service: Service,
        mut list: Vec<Segment>,
    ) -> Result<(), json::Error> {
        if kind == Kind::Words {
            // A word's `text` (AssemblyAI's) is no turn of its own.
            list.iter_mut().for_each(|word| word.whole = false);
        }
        if !list.is_empty() && self.best.as_ref().is_none_or(|(best, ..)| *best < kind) {
            self.best = Some((kind, service, list));
        }
        Ok(())
    }

    /// The list that reads best, its speakers named, and the format it is in; `None` when the
    /// file holds no list a service writes.
    pub(crate) fn chosen(self) -> Option<(Vec<Segment>, Format)> {
        let (_, service, mut list) = self.best?;
        let spans = self.speaker_spans;
        for segment in &mut list {
            if let (None, Some(start)) = (&segment.speaker, segment.start_time) {
                let at = spans.partition_point(|s| s.start_time.is_some_and(|t| t <= start));
                segment.speaker = at.checked_sub(1).and_then(|i| spans[i].speaker.clone());
            }
            segment.speaker = segment.speaker.take().map(speaker_name);
        }
        match service {
            Service::YouTube => said_until_the_next(&mut list),
            Service::Bilibili => list = lines_apart(list),
            _ => {}
        }
        Some((list, Format::ServiceJson(service)))
    }
}

/// Bilibili's captions, each a turn, as a cue is (not a word of one). A caption of a line in
/// each language (`大家好` over `Hello everyone`, as bilingual captions are made there) is two
/// segments at its time, which the reader pairs into one turn as a translator's file's.
fn lines_apart(captions: Vec<Segment>) -> Vec<Segment> {
    let mut segments = Vec::with_capacity(captions.len());
    for mut caption in captions {
        caption.whole = true;
        let text = caption.text();
        let first_lang = guess_lang(text.lines().next().unwrap_or_default());
        let other = text.match_indices('\n').map(|(at, _)| at).find(|&at| {
            let line = text[at + 1..].lines().next().unwrap_or_default();
            guess_lang(line) != first_lang
        });
        let translation = other.map(|at| Segment {
            at: caption.at,
            speaker: caption.speaker.clone(),
            start_time: caption.start_time,
            end_time: caption.end_time,
            body: Some(text[at + 1..].to_owned()),
            whole: true,
            ..Segment::default()
        });
        if let Some(at) = other {
            caption.body = Some(caption.text()[..at].to_owned());
        }
        segments.push(caption);
        segments.extend(translation);
    }
    segments
}

/// A service's label for a speaker as people say it: AssemblyAI's `A`, Amazon's `spk_0` and
/// Speechmatics' `S1` are `Speaker A`, `Speaker 0`, `Speaker 1`; Speechmatics' `UU` is an
/// unknown speaker, a speaker of its own, so that the words are not taken for the speaker's
/// before them. A name stays as it is.
fn speaker_name(label: String) -> String {
    let number = label
        .strip_prefix("spk_")
        .or_else(|| label.strip_prefix('S'))
        .filter(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()));
    match (number, label.as_bytes()) {
        (Some(number), _) => format!("Speaker {number}"),
        (None, b"UU") => "Unknown Speaker".into(),
        (None, [b'A'..=b'Z']) => format!("Speaker {label}"),
        _ => label,
    }
}

/// YouTube's automatic captions roll: a line stays on the screen while the next is said. Each is
/// said until the next starts, so its duration ends there.
fn said_until_the_next(events: &mut [Segment]) {
    let mut next_start = None;
    for event in events.iter_mut().rev() {
        if event.words.iter().all(|w| w.text().is_empty()) {
            continue; // a window's settings, a line break
        }
        if let (Some(start), Some(next), Some(duration)) =
            (event.start_time, next_start, event.duration)
        {
            event.duration = Some(f64::min(duration, next - start));
        }
        next_start = event.start_time;
    }
}
