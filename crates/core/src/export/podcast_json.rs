//! Podcasting 2.0 JSON for one language, ready to publish as `<podcast:transcript>`.
//! Where the source had timed ranges (word-level JSON, WebVTT inline timestamps) each becomes a
//! segment; otherwise each paragraph of a turn is one segment, the turn's time shared between
//! them by their lengths.

use super::json::seconds;
use crate::align::sentence_length;
use crate::json::Writer;
use crate::model::{Document, Lang};
use crate::time::Millis;
use crate::timeline::Timeline;

pub fn to_podcast_json(doc: &Document, timeline: &Timeline, lang: Lang) -> String {
    let mut w = Writer::pretty();
    w.begin_object();
    w.key("version").string("1.0.0");
    w.key("segments").begin_array();
    let mut segment = |speaker: Option<&str>, start: Millis, end: Millis, body: &str| {
        w.begin_object();
        if let Some(speaker) = speaker {
            w.key("speaker").string(speaker);
        }
        w.key("startTime").number(&seconds(start));
        w.key("endTime").number(&seconds(end));
        w.key("body").string(body);
        w.end_object();
    };
    for (i, turn) in doc.turns.iter().enumerate() {
        let Some(block) = turn.block(lang) else {
            continue;
        };
        let span = timeline.span(i);
        let speaker = doc.speaker_name(turn);
        let last_paragraph = block.paragraphs.len().saturating_sub(1);
        if block.timings.is_empty() {
            // Each paragraph its share of the turn's time by its length, as the turn's own time
            // is estimated: a player lights one segment at a time, not all of the turn's at once.
            let lengths: Vec<u64> = (block.paragraphs.iter())
                .map(|p| sentence_length(&p.text) as u64)
                .collect();
            let (total, length) = (
                lengths.iter().sum::<u64>().max(1),
                (span.end.saturating_sub(span.start)).0,
            );
            // (In 128 bits: a fuzzer's times and lengths overflow 64.)
            let at = |said: u64| {
                let share = u128::from(length) * u128::from(said) / u128::from(total);
                span.start.later_by(Millis(share as u64))
            };
            let mut said = 0;
            for (p, paragraph) in block.paragraphs.iter().enumerate() {
                // A line break at the end of a turn's last segment marks the turn's end for readers
                // that merge segments into paragraphs (ours does).
                let body = if p == last_paragraph {
                    format!("{}\n", paragraph.text)
                } else {
                    paragraph.text.clone()
                };
                let start = at(said);
                said += lengths[p];
                let end = match p == last_paragraph {
                    true => span.end,
                    false => at(said),
                };
                segment(speaker, start, end, &body);
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
            // The turn's first word starts with the turn (a cue whose first word's time is
            // later than the cue's), or a reader would start the turn there.
            let start = match k {
                0 => timing.start.min(span.start),
                _ => timing.start,
            };
            segment(speaker, start, end, &body);
        }
    }
    w.end_array();
    w.end_object();
    let mut out = w.finish();
    out.push('\n');
    out
}
