//! Podcasting 2.0 JSON for one language, ready to publish as `<podcast:transcript>`.
//! Where the source had timed ranges (word-level JSON, WebVTT inline timestamps) each becomes a
//! segment; otherwise each paragraph of a turn is one segment spanning the turn.

use serde::Serialize;

use crate::model::{Document, Lang};
use crate::timeline::Timeline;

#[derive(Serialize)]
struct File<'a> {
    version: &'static str,
    segments: Vec<Segment<'a>>,
}

#[derive(Serialize)]
struct Segment<'a> {
    #[serde(skip_serializing_if = "Option::is_none")]
    speaker: Option<&'a str>,
    #[serde(rename = "startTime")]
    start_time: f64,
    #[serde(rename = "endTime")]
    end_time: f64,
    body: String,
}

pub fn to_podcast_json(doc: &Document, timeline: &Timeline, lang: Lang) -> String {
    let mut segments = Vec::new();
    for (i, turn) in doc.turns.iter().enumerate() {
        let Some(block) = turn.block(lang) else {
            continue;
        };
        let span = timeline.span(i);
        let speaker = doc.speaker_name(turn);
        let last_paragraph = block.paragraphs.len().saturating_sub(1);
        if block.timings.is_empty() {
            for (p, paragraph) in block.paragraphs.iter().enumerate() {
                // A line break at the end of a turn's last segment marks the turn's end for readers
                // that merge segments into paragraphs (ours does).
                let body = if p == last_paragraph {
                    format!("{}\n", paragraph.text)
                } else {
                    paragraph.text.clone()
                };
                segments.push(Segment {
                    speaker,
                    start_time: span.start.as_secs_f64(),
                    end_time: span.end.as_secs_f64(),
                    body,
                });
            }
            continue;
        }
        for (k, timing) in block.timings.iter().enumerate() {
            let Some(text) = block
                .paragraphs
                .get(timing.paragraph as usize)
                .map(|p| &p.text)
            else {
                continue;
            };
            let Some(piece) = text.get(timing.from as usize..timing.to as usize) else {
                continue;
            };
            let end = timing.end.unwrap_or(span.end).max(timing.start);
            let mut body = piece.trim().to_owned();
            if k + 1 == block.timings.len() {
                body.push('\n');
            }
            segments.push(Segment {
                speaker,
                start_time: timing.start.as_secs_f64(),
                end_time: end.as_secs_f64(),
                body,
            });
        }
    }
    super::pretty_json(&File {
        version: "1.0.0",
        segments,
    })
}
