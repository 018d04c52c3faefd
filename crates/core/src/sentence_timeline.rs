//! When each sentence is said, in both languages at once.
//!
//! Each turn's text is split into sentences per language, the translation's sentences are aligned
//! to the spoken language's ([`align`]), and every aligned group gets a time:
//! 1. **estimated** — inside the turn's span, in proportion to the length of its spoken sentences;
//! 2. **heard** — when the audio could be analysed, turn starts and then group boundaries move to
//!    the onsets of nearby pauses, chosen by a small dynamic program ([`SentenceTimeline::heard`]);
//! 3. **given** — where the source times its words (WebVTT inline timestamps, word-level
//!    Podcasting 2.0 JSON), a group starts at its first timed word, and neither of the above
//!    moves it.

use std::ops::Range;

use crate::align::{align, LengthModel, Shape, ALPHABETIC, ENGLISH_TO_CHINESE};
use crate::order::stable_order;
use crate::pauses::Pause;
use crate::sentences::split_sentences;
use crate::timeline::starts_as_written;
use crate::{Document, Lang, Millis, Timeline, Turn};

/// One sentence of a turn's text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sentence {
    /// Index of the block (language) in the turn.
    pub block: usize,
    pub paragraph: usize,
    /// Byte range in the paragraph's text.
    pub range: Range<usize>,
    /// The aligned group it belongs to.
    pub group: usize,
}

/// Sentences said together: a spoken sentence (or two) and its translation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Group {
    pub start: Millis,
    pub end: Millis,
    /// The start comes from the source's own word timings.
    pub given: bool,
}

/// A turn's sentences (document order per block) and its groups (time order).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct TurnSentences {
    pub sentences: Vec<Sentence>,
    pub groups: Vec<Group>,
    /// Each group's weight: how long its spoken sentences take to say, relatively.
    weights: Vec<u64>,
}

#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct SentenceTimeline {
    pub turns: Vec<TurnSentences>,
}

/// How far a written turn time may be from where the turn is heard to start: written times are
/// whole seconds, cut or rounded, and a turn starts after its speaker draws breath.
const TURN_WINDOW_MS: u64 = 1_500;
/// How far a sentence boundary may move, as a share of the mean group length of its turn.
const GROUP_WINDOW: f64 = 0.45;

impl SentenceTimeline {
    /// Sentences, their alignment, and estimated (or given) times, inside `timeline`'s spans.
    pub fn estimate(doc: &Document, timeline: &Timeline) -> SentenceTimeline {
        SentenceTimeline::timed(
            SentenceTimeline::split(doc, 0..doc.turns.len()),
            doc,
            timeline,
        )
    }

    /// The sentences of the turns `turns`, split and aligned but not timed: a long transcript
    /// is split a stretch of turns at a time, between the browser's frames.
    pub fn split(doc: &Document, turns: Range<usize>) -> Vec<TurnSentences> {
        let spoken = doc.languages.first().copied();
        doc.turns
            .get(turns)
            .unwrap_or_default()
            .iter()
            .map(|t| structure(t, spoken))
            .collect()
    }

    /// Every turn's split sentences (from [`split`](Self::split), in order), timed by `timeline`.
    pub fn timed(
        turns: Vec<TurnSentences>,
        doc: &Document,
        timeline: &Timeline,
    ) -> SentenceTimeline {
        let mut sentences = SentenceTimeline { turns };
        sentences.time(doc, timeline);
        sentences
    }

    /// The same sentences timed for another `timeline` (the audio's length became known, or
    /// listening moved the turns): splitting and aligning do not depend on it, so they are kept.
    pub fn retimed(&self, doc: &Document, timeline: &Timeline) -> SentenceTimeline {
        let mut sentences = self.clone();
        sentences.time(doc, timeline);
        sentences
    }

    fn time(&mut self, doc: &Document, timeline: &Timeline) {
        for (i, (t, turn)) in self.turns.iter_mut().zip(&doc.turns).enumerate() {
            let span = timeline.span(i);
            // From scratch: earlier times (and which were given) belong to the earlier timeline.
            t.groups.iter_mut().for_each(|g| g.given = false);
            spread(t, span.start, span.end);
            apply_given_timings(t, turn);
        }
    }

    /// Listens: moves turn starts to the speech onsets found near them, re-estimates each turn's
    /// groups inside its heard span, then moves group boundaries to nearby onsets. Returns the
    /// heard turn starts (for [`Timeline::with_starts`]) and the sentence timeline.
    /// `pauses` are in time order (as `find_pauses` gives them).
    pub fn heard(
        &self,
        doc: &Document,
        duration: Option<Millis>,
        pauses: &[Pause],
    ) -> (Vec<Millis>, SentenceTimeline) {
        let written = starts_as_written(doc, duration);
        let windows: Vec<u64> = vec![TURN_WINDOW_MS; written.len()];
        let starts = snap(&written, &windows, pauses);
        let timeline = Timeline::with_starts(doc, duration, &starts);
        let mut sentences = self.retimed(doc, &timeline);
        for (i, t) in sentences.turns.iter_mut().enumerate() {
            if t.groups.len() < 2 || t.groups.iter().any(|g| g.given) {
                continue;
            }
            let span = timeline.span(i);
            // Speech in the turn ends where the pause before the next turn begins.
            let speech_end = pauses
                .binary_search_by_key(&span.end, |p| p.end)
                .ok()
                .map(|k| pauses[k])
                .filter(|p| p.start > span.start)
                .map_or(span.end, |p| p.start);
            spread(t, span.start, speech_end);
            let boundaries: Vec<Millis> = t.groups[1..].iter().map(|g| g.start).collect();
            let mean = (speech_end.0 - span.start.0) as f64 / t.groups.len() as f64;
            let window = ((mean * GROUP_WINDOW) as u64).max(300);
            let from = pauses.partition_point(|p| p.end <= span.start);
            let to = pauses.partition_point(|p| p.end < speech_end).max(from);
            let inside = &pauses[from..to];
            let snapped = snap(&boundaries, &vec![window; boundaries.len()], inside);
            for (k, start) in snapped.into_iter().enumerate() {
                t.groups[k + 1].start = start;
                t.groups[k].end = start;
            }
            if let Some(last) = t.groups.last_mut() {
                last.end = span.end;
            }
        }
        (starts, sentences)
    }

    /// The group being said at `t` in turn `turn`: the last one started by then (the first one
    /// before it starts, so an active turn always shows a sentence).
    pub fn active_group(&self, turn: usize, t: Millis) -> Option<usize> {
        let groups = &self.turns.get(turn)?.groups;
        if groups.is_empty() {
            return None;
        }
        Some(groups.partition_point(|g| g.start <= t).saturating_sub(1))
    }

    /// The first time after `t` at which [`SentenceTimeline::active_group`] of `turn` may answer
    /// otherwise (`None`: not within the turn). Its answer can change only at a group's start,
    /// so this is the nearest start ahead — found by looking at them all, since starts taken
    /// from a source's word timings need not be in order.
    pub fn group_steady_until(&self, turn: usize, t: Millis) -> Option<Millis> {
        self.turns
            .get(turn)?
            .groups
            .iter()
            .map(|g| g.start)
            .filter(|&start| start > t)
            .min()
    }
}

/// Splits the turn's spoken block and its first other block into sentences and aligns them. A
/// third language (rare) is left out: its text shows, without sentence highlights.
fn structure(turn: &Turn, spoken: Option<Lang>) -> TurnSentences {
    let primary = turn
        .blocks
        .iter()
        .position(|b| Some(b.lang) == spoken)
        .unwrap_or(0);
    let secondary = (0..turn.blocks.len()).find(|&b| b != primary);
    let split = |b: usize| -> Vec<(usize, Range<usize>, Shape)> {
        let block = &turn.blocks[b];
        block
            .paragraphs
            .iter()
            .enumerate()
            .flat_map(|(p, paragraph)| {
                split_sentences(&paragraph.text, block.lang)
                    .into_iter()
                    .map(move |r| (p, r.clone(), Shape::of(&paragraph.text[r])))
            })
            .collect()
    };
    if turn.blocks.is_empty() {
        return TurnSentences::default();
    }
    let first = split(primary);
    let second = secondary.map(split).unwrap_or_default();
    let model = secondary.map_or(ENGLISH_TO_CHINESE, |s| {
        model_for(turn.blocks[primary].lang, turn.blocks[s].lang)
    });
    let left: Vec<Shape> = first.iter().map(|s| s.2).collect();
    let right: Vec<Shape> = second.iter().map(|s| s.2).collect();
    let beads = align(&left, &right, model);
    let mut out = TurnSentences::default();
    let mut group_of_first = vec![0; first.len()];
    let mut group_of_second = vec![0; second.len()];
    for (g, bead) in beads.iter().enumerate() {
        let weight = if bead.left.is_empty() {
            bead.right
                .clone()
                .map(|k| right[k].length as f64 / model.ratio)
                .sum::<f64>() as u64
        } else {
            bead.left.clone().map(|k| left[k].length as u64).sum()
        };
        out.weights.push(weight.max(1));
        out.groups.push(Group {
            start: Millis::ZERO,
            end: Millis::ZERO,
            given: false,
        });
        bead.left.clone().for_each(|k| group_of_first[k] = g);
        bead.right.clone().for_each(|k| group_of_second[k] = g);
    }
    let mut push =
        |block: usize, sentences: Vec<(usize, Range<usize>, Shape)>, groups: &[usize]| {
            for ((paragraph, range, _), &group) in sentences.into_iter().zip(groups) {
                out.sentences.push(Sentence {
                    block,
                    paragraph,
                    range,
                    group,
                });
            }
        };
    push(primary, first, &group_of_first);
    if let Some(s) = secondary {
        push(s, second, &group_of_second);
    }
    out
}

/// English ↔ Chinese either way round; two alphabetic languages (English and Spanish, Russian
/// and English) as many letters either way; other pairs by Chinese's ratio (better than none).
fn model_for(spoken: Lang, translation: Lang) -> LengthModel {
    let alphabetic = |l: Lang| !matches!(l, Lang::Zh | Lang::Ja | Lang::Ko | Lang::Und);
    match (spoken, translation) {
        (Lang::Zh | Lang::Ja, _) => LengthModel {
            ratio: 1.0 / ENGLISH_TO_CHINESE.ratio,
            variance: ENGLISH_TO_CHINESE.variance / ENGLISH_TO_CHINESE.ratio,
        },
        (a, b) if alphabetic(a) && alphabetic(b) => ALPHABETIC,
        _ => ENGLISH_TO_CHINESE,
    }
}

/// Gives the groups consecutive times from `start` to `end` in proportion to their weights.
fn spread(t: &mut TurnSentences, start: Millis, end: Millis) {
    let total: u64 = t.weights.iter().sum();
    let length = end.0.saturating_sub(start.0);
    let mut done = 0;
    for (group, &weight) in t.groups.iter_mut().zip(&t.weights) {
        group.start = Millis(start.0 + length * done / total.max(1));
        done += weight;
        group.end = Millis(start.0 + length * done / total.max(1));
    }
}

/// A group whose first spoken sentence holds a timed word starts at that word.
fn apply_given_timings(t: &mut TurnSentences, turn: &Turn) {
    // Most turns hold no timed words: they cost nothing here, on every retiming.
    if turn.blocks.iter().all(|b| b.timings.is_empty()) {
        return;
    }
    // Each block's timed words in order of paragraph and place: a sentence's first is found by a
    // binary search, not by a look at every word (a cue of many timed lines, each a sentence,
    // took time in the square of their number).
    let in_order: Vec<Vec<u32>> = turn
        .blocks
        .iter()
        .map(|b| {
            stable_order(
                b.timings
                    .iter()
                    .map(|w| u64::from(w.paragraph) << 32 | u64::from(w.from)),
            )
        })
        .collect();
    for sentence in &t.sentences {
        let block = &turn.blocks[sentence.block];
        let order = &in_order[sentence.block];
        let (paragraph, range) = (sentence.paragraph, &sentence.range);
        // The first word of the sentence's paragraph that ends after the sentence starts.
        let at = order.partition_point(|&i| {
            let w = &block.timings[i as usize];
            (w.paragraph as usize, w.to as usize) <= (paragraph, range.start)
        });
        let Some(timing) = order
            .get(at)
            .map(|&i| &block.timings[i as usize])
            .filter(|w| w.paragraph as usize == paragraph && (w.from as usize) < range.end)
        else {
            continue;
        };
        let group = &mut t.groups[sentence.group];
        if !group.given || timing.start < group.start {
            group.start = timing.start;
            group.given = true;
        }
    }
    for k in 1..t.groups.len() {
        if t.groups[k].given || t.groups[k - 1].given {
            t.groups[k - 1].end = t.groups[k].start.max(t.groups[k - 1].start);
        }
    }
}

/// Moves each estimated boundary to the onset (end) of a pause within its window, or leaves it:
/// the dynamic program picks, in order and using each pause at most once, the assignment with the
/// best total score, where a pause scores more the longer it is and less the farther it lies.
fn snap(estimates: &[Millis], windows: &[u64], pauses: &[Pause]) -> Vec<Millis> {
    let score = |i: usize, p: &Pause| -> Option<f64> {
        let distance = p.end.0.abs_diff(estimates[i].0) as f64;
        let window = windows[i] as f64;
        (distance <= window).then(|| {
            let strength = (p.length().0 as f64 / 400.0).min(2.0);
            strength + 1.0 - (distance / window).powi(2)
        })
    };
    let (n, m) = (estimates.len(), pauses.len());
    // best[i][j]: the best score for the first i boundaries using only the first j pauses.
    let width = m + 1;
    let mut best = vec![0.0f64; (n + 1) * width];
    let mut took = vec![false; (n + 1) * width];
    for i in 1..=n {
        for j in 0..=m {
            let skip_boundary = best[(i - 1) * width + j];
            let skip_pause = if j > 0 {
                best[i * width + j - 1]
            } else {
                f64::MIN
            };
            let take = match j {
                0 => None,
                _ => score(i - 1, &pauses[j - 1]).map(|s| best[(i - 1) * width + j - 1] + s),
            };
            let (value, taken) = [(skip_boundary, false), (skip_pause, false)]
                .into_iter()
                .chain(take.map(|t| (t, true)))
                .fold((f64::MIN, false), |a, b| if b.0 > a.0 { b } else { a });
            best[i * width + j] = value;
            took[i * width + j] = taken;
        }
    }
    let mut snapped = estimates.to_vec();
    let (mut i, mut j) = (n, m);
    while i > 0 {
        if j > 0 && took[i * width + j] {
            snapped[i - 1] = pauses[j - 1].end;
            i -= 1;
            j -= 1;
        } else if j > 0 && best[i * width + j] == best[i * width + j - 1] {
            j -= 1;
        } else {
            i -= 1;
        }
    }
    snapped
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pause(start: u64, end: u64) -> Pause {
        Pause {
            start: Millis(start),
            end: Millis(end),
        }
    }

    #[test]
    fn two_alphabetic_languages_align_sentence_for_sentence() {
        let shapes = |lengths: &[usize]| {
            lengths
                .iter()
                .map(|&length| Shape {
                    length,
                    question: false,
                })
                .collect::<Vec<_>>()
        };
        // Sentences of some length, a tenth longer in Spanish (short ones pair 1–1 by any ratio).
        let (en, es) = (shapes(&[90, 90, 60]), shapes(&[99, 99, 66]));
        let one_to_one = |beads: Vec<crate::align::Bead>| {
            beads
                .iter()
                .all(|b| b.left.len() == 1 && b.right.len() == 1)
        };
        assert!(one_to_one(align(&en, &es, model_for(Lang::En, Lang::Es))));
        assert!(one_to_one(align(&es, &en, model_for(Lang::Ru, Lang::En))));
        // By Chinese's ratio the Spanish reads as far too long for its English.
        assert!(!one_to_one(align(&en, &es, ENGLISH_TO_CHINESE)));
    }

    #[test]
    fn snapping_takes_near_pauses_in_order() {
        let snapped = snap(
            &[Millis(1000), Millis(5000), Millis(9000)],
            &[800, 800, 800],
            &[
                pause(500, 1300),
                pause(4000, 4300),
                pause(6500, 7000),
                pause(8600, 8900),
            ],
        );
        // 1000 → 1300; 5000 has nothing within 800 ms (4300 is 700 away: taken); 9000 → 8900.
        assert_eq!(snapped, [Millis(1300), Millis(4300), Millis(8900)]);
        let alone = snap(&[Millis(1000)], &[300], &[pause(5000, 6000)]);
        assert_eq!(alone, [Millis(1000)], "nothing near: the estimate stays");
    }

    #[test]
    fn splitting_by_stretches_gives_the_whole_split() {
        let sample = include_str!("../../../samples/chip-huyen-lennys-podcast.md");
        let doc = crate::read_str(sample);
        let timeline = Timeline::new(&doc, None);
        let n = doc.turns.len();
        let mut stretches = Vec::new();
        for from in (0..n).step_by(4) {
            stretches.extend(SentenceTimeline::split(&doc, from..(from + 4).min(n)));
        }
        assert_eq!(
            SentenceTimeline::timed(stretches, &doc, &timeline),
            SentenceTimeline::estimate(&doc, &timeline)
        );
        assert!(SentenceTimeline::split(&doc, n..n + 3).is_empty());
    }

    #[test]
    fn estimate_shares_a_turn_by_spoken_length() {
        let doc = crate::read_str(
            "[00:00:10] Ann\nEnglish: Short one here. This second sentence is three times longer, yes.\n\
             中文翻译: 短句。第二句话长得多。\n\n[00:00:30] Bob\nEnglish: Next.\n",
        );
        let timeline = Timeline::new(&doc, None);
        let plan = SentenceTimeline::estimate(&doc, &timeline);
        let turn = &plan.turns[0];
        assert_eq!(turn.groups.len(), 2);
        assert_eq!(
            turn.sentences.len(),
            4,
            "two English and two Chinese sentences"
        );
        assert_eq!(
            turn.sentences.iter().map(|s| s.group).collect::<Vec<_>>(),
            [0, 1, 0, 1]
        );
        // 13 of 54 non-space English characters: the first group takes 13/54 of the turn's span.
        let span = timeline.span(0);
        let length = span.end.0 - span.start.0;
        assert_eq!(turn.groups[0].start, Millis(10_000));
        assert_eq!(turn.groups[1].start, Millis(10_000 + length * 13 / 54));
        assert_eq!(turn.groups[1].end, span.end);
        assert_eq!(plan.active_group(0, Millis(9_000)), Some(0));
        assert_eq!(plan.active_group(0, Millis(20_000)), Some(1));
    }

    #[test]
    fn word_timings_from_the_source_win() {
        let doc = crate::read_str(
            "WEBVTT\n\n00:00:00.000 --> 00:00:10.000\n\
             <00:00:00.500>First sentence. <00:00:07.000>Second one.\n",
        );
        let timeline = Timeline::new(&doc, None);
        let plan = SentenceTimeline::estimate(&doc, &timeline);
        let starts: Vec<_> = plan.turns[0]
            .groups
            .iter()
            .map(|g| (g.start, g.given))
            .collect();
        assert_eq!(starts, [(Millis(500), true), (Millis(7_000), true)]);
        // Listening does not move what the source timed.
        let pauses = [Pause {
            start: Millis(5_000),
            end: Millis(6_000),
        }];
        let (_, heard) = plan.heard(&doc, None, &pauses);
        assert_eq!(heard.turns[0].groups[1].start, Millis(7_000));
    }

    #[test]
    fn one_pause_serves_one_boundary() {
        let snapped = snap(
            &[Millis(1000), Millis(1200)],
            &[500, 500],
            &[pause(900, 1100)],
        );
        assert_eq!(snapped.iter().filter(|&&t| t == Millis(1100)).count(), 1);
    }
}
