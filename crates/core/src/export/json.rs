//! The JSON exchange shape: what `interlinear convert --to json` prints and what the JavaScript
//! API returns. Times in seconds, text as plain text with paragraphs joined by a blank line.
//! Other tools rely on this shape: change it only with a version bump.

use serde::ser::{Serialize, SerializeMap, Serializer};

use crate::model::Document;
use crate::timeline::Timeline;

/// The document in the exchange shape, ready for serde.
#[derive(serde::Serialize)]
pub struct Exchange<'a> {
    pub title: Option<&'a str>,
    pub metadata: &'a [String],
    pub languages: Vec<&'static str>,
    pub segments: Vec<Segment<'a>>,
    pub diagnostics: Vec<ExchangeDiagnostic>,
}

#[derive(serde::Serialize)]
pub struct Segment<'a> {
    pub start: f64,
    pub end: Option<f64>,
    pub speaker: Option<&'a str>,
    pub text: TextByLanguage,
}

/// Text per language, serialised as an object whose keys follow the document's language order.
pub struct TextByLanguage(pub Vec<(&'static str, String)>);

impl Serialize for TextByLanguage {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(self.0.len()))?;
        for (lang, text) in &self.0 {
            map.serialize_entry(lang, text)?;
        }
        map.end()
    }
}

#[derive(serde::Serialize)]
pub struct ExchangeDiagnostic {
    pub line: u32,
    pub message: String,
}

impl<'a> Exchange<'a> {
    pub fn new(doc: &'a Document, timeline: &Timeline) -> Exchange<'a> {
        let segments = doc
            .turns
            .iter()
            .enumerate()
            .map(|(i, turn)| Segment {
                start: turn.start.as_secs_f64(),
                end: Some(timeline.span(i).end.as_secs_f64()),
                speaker: doc.speaker_name(turn),
                text: TextByLanguage(
                    super::blocks_in_order(turn, &doc.languages)
                        .map(|b| (b.lang.code(), b.plain_text()))
                        .collect(),
                ),
            })
            .collect();
        Exchange {
            title: doc.title.as_deref(),
            metadata: &doc.metadata,
            languages: doc.languages.iter().map(|l| l.code()).collect(),
            segments,
            diagnostics: ExchangeDiagnostic::all(doc),
        }
    }
}

impl ExchangeDiagnostic {
    /// The document's diagnostics as `{line, message}`.
    pub fn all(doc: &Document) -> Vec<ExchangeDiagnostic> {
        doc.diagnostics
            .iter()
            .map(|d| ExchangeDiagnostic {
                line: d.line,
                message: d.kind.to_string(),
            })
            .collect()
    }
}

/// The document as pretty-printed JSON in the exchange shape.
pub fn to_json(doc: &Document, timeline: &Timeline) -> String {
    super::pretty_json(&Exchange::new(doc, timeline))
}
