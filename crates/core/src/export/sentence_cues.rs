//! A transcript cut into cues of a sentence each (with its translation), for captions over a
//! video: a turn's cue holds all its text, half a minute of it and many lines on the screen.
//! The sentences are those the player follows, aligned between the languages and timed inside
//! their turn ([`SentenceTimeline`]); the WebVTT and SRT writers then write the document as they
//! write any other.

use crate::model::{Document, Paragraph, TextBlock, Turn};
use crate::sentence_timeline::SentenceTimeline;
use crate::timeline::Timeline;

/// `doc` with a turn for each group of sentences said together, timed by `sentences` (the
/// player's, heard in the audio where it listened) or else estimated as the player estimates
/// them, each ending where its group does (so its timeline is that of the groups); the turn's speaker,
/// its notes with its first sentence, and a turn without sentences (or with a language not split
/// into them) as it was.
pub fn by_sentence(
    doc: &Document,
    timeline: &Timeline,
    sentences: Option<&SentenceTimeline>,
) -> Document {
    let estimated;
    let sentences = match sentences {
        Some(sentences) => sentences,
        None => {
            estimated = SentenceTimeline::estimate(doc, timeline);
            &estimated
        }
    };
    let mut cut = doc.clone();
    cut.turns = Vec::with_capacity(doc.turns.len() * 3);
    // Where each turn's first cue is, for the headings before it.
    let mut first_cue = Vec::with_capacity(doc.turns.len());
    for (i, turn) in doc.turns.iter().enumerate() {
        first_cue.push(cut.turns.len() as u32);
        // A turn whose every language was split (a third, Pinyin under Chinese over English, is
        // not aligned: that turn stays one cue, rather than lose a language).
        let split = sentences.turns.get(i).filter(|split| {
            let of_block = |b: usize| split.sentences.iter().any(|s| s.block == b);
            let split_whole = (turn.blocks.iter().enumerate())
                .all(|(b, block)| of_block(b) || block.plain_text().trim().is_empty());
            !split.groups.is_empty() && split_whole
        });
        let Some(split) = split else {
            let mut whole = turn.clone();
            whole.end = Some(timeline.span(i).end);
            cut.turns.push(whole);
            continue;
        };
        // Each group's sentences, in the turn's order (looked through once, not once a group).
        let mut of_group = vec![Vec::new(); split.groups.len()];
        for sentence in &split.sentences {
            if let Some(group) = of_group.get_mut(sentence.group) {
                group.push(sentence);
            }
        }
        for (g, (group, sentences)) in split.groups.iter().zip(&of_group).enumerate() {
            let mut cue = Turn::new(group.start, turn.line);
            cue.end = Some(group.end);
            cue.speaker = turn.speaker;
            // The turn's notes with its first sentence.
            if g == 0 {
                cue.estimated_start = turn.estimated_start;
                cue.notes = turn.notes.clone();
            }
            for (b, block) in turn.blocks.iter().enumerate() {
                let paragraphs = block.paragraphs.iter().enumerate();
                let paragraphs = paragraphs.filter_map(|(p, paragraph)| {
                    // The group's sentences in this paragraph, from the first's start to the
                    // last's end (they follow one another).
                    let mut ranges = (sentences.iter())
                        .filter(|s| s.block == b && s.paragraph == p)
                        .map(|s| s.range.clone());
                    let first = ranges.next()?;
                    let end = ranges.next_back().map_or(first.end, |r| r.end);
                    let mut piece = paragraph.clone();
                    piece.split_off(end as u32);
                    piece.drop_before(first.start as u32);
                    Some(piece)
                });
                let paragraphs: Vec<Paragraph> = paragraphs.collect();
                if !paragraphs.is_empty() {
                    cue.blocks.push(TextBlock {
                        lang: block.lang,
                        paragraphs,
                        timings: Vec::new(),
                    });
                }
            }
            cut.turns.push(cue);
        }
    }
    cut.move_headings(&first_cue);
    cut
}
