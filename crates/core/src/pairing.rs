//! One moment written twice, once in each language, read as one bilingual turn.
//!
//! Bilingual subtitles are often two tracks, cue by cue in turn or one track after the other (in
//! TTML, a `<div>` a language; in LRC, a translation under the same times), and hand-written or
//! generated transcripts do the same with their turn lines (`[00:00:05] Ann` over the English,
//! `[00:00:05] Ann` again over the Chinese). A reader wants each moment's two languages side by
//! side, as a cue or a turn holding both gives them. Every reader with times shares this, so
//! that all of them pair alike.

use super::model::{DiagnosticKind, Document, Turn};
use super::order::stable_order;

/// Joins each turn in one language to one before it at the same moment in another (see
/// [`join_same_moments`]), then says which turns start before the one above them: the second
/// track's jump back in time, paired, is not out of order.
pub(crate) fn pair_by_times(doc: &mut Document) {
    join_same_moments(doc, &[]);
    warn_out_of_order(doc);
}

/// A turn with the same start and end as one before it, in none of its languages, and the same
/// speaker (or a speaker where the other names none), joins that one as its other language.
/// Turns whose start is an estimate never join or are joined: they are at no moment the source
/// gave; nor do those `kept_apart` marks (by index; the rest, past its end, may join). Headings
/// are kept before the turns they were before.
///
/// Returns, where any turn joined another, each turn's new index (the turns kept before it),
/// one more at the end (their number), for a caller that keeps indices of turns.
pub(crate) fn join_same_moments(doc: &mut Document, kept_apart: &[bool]) -> Option<Vec<u32>> {
    let turns = &mut doc.turns;
    // Only a turn starting no later than the one before it can be a pair's second.
    if turns.windows(2).all(|w| w[0].start < w[1].start) {
        return None;
    }
    let order = stable_order(turns.iter().map(|t| t.start.0));
    let mut joined = vec![false; turns.len()];
    let mut run: usize = 0;
    while run < order.len() {
        let start = turns[order[run] as usize].start;
        let run_end = run + order[run..].partition_point(|&i| turns[i as usize].start == start);
        for k in run + 1..run_end {
            let second = order[k] as usize;
            // The few turns before it at that time: a pair, seldom a crowd.
            for &first in &order[run.max(k.saturating_sub(4))..k] {
                let first = first as usize;
                let apart = |i: usize| kept_apart.get(i) == Some(&true);
                if !joined[first]
                    && !apart(first)
                    && !apart(second)
                    && same_moment_other_language(&turns[first], &turns[second])
                {
                    let joining = std::mem::replace(&mut turns[second], Turn::new(start, 0));
                    let kept = &mut turns[first];
                    kept.speaker = kept.speaker.or(joining.speaker);
                    kept.blocks.extend(joining.blocks);
                    kept.notes.extend(joining.notes);
                    joined[second] = true;
                    break;
                }
            }
        }
        run = run_end;
    }
    if !joined.contains(&true) {
        return None;
    }
    let mut kept_before = Vec::with_capacity(joined.len() + 1);
    let mut kept = 0;
    for &gone in &joined {
        kept_before.push(kept);
        kept += u32::from(!gone);
    }
    kept_before.push(kept);
    let mut index = 0;
    turns.retain(|_| {
        index += 1;
        !joined[index - 1]
    });
    for heading in &mut doc.headings {
        if let Some(&now) = kept_before.get(heading.before_turn as usize) {
            heading.before_turn = now;
        }
    }
    Some(kept_before)
}

/// Says each turn that starts before the last one above it whose start the source gave (an
/// estimated start is placed between those given, and is compared with none).
pub(crate) fn warn_out_of_order(doc: &mut Document) {
    let mut previous = None;
    for k in 0..doc.turns.len() {
        let (line, start) = (doc.turns[k].line, doc.turns[k].start);
        if let Some(previous) = previous.filter(|&previous| start < previous) {
            doc.warn(line, DiagnosticKind::OutOfOrder { start, previous });
        }
        if !doc.turns[k].estimated_start {
            previous = Some(start);
        }
    }
}

fn same_moment_other_language(first: &Turn, second: &Turn) -> bool {
    first.start == second.start
        && first.end == second.end
        && !first.estimated_start
        && !second.estimated_start
        && (first.speaker == second.speaker || first.speaker.is_none() || second.speaker.is_none())
        && !first.blocks.is_empty()
        && !second.blocks.is_empty()
        && first
            .blocks
            .iter()
            .all(|a| second.blocks.iter().all(|b| a.lang != b.lang))
}
