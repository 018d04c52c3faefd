//! When each turn is active: effective ends, gaps, and `active_at(t)` in O(log n).
//!
//! Sources often give only start times, and excerpts jump ahead (the sample goes from 00:01:41 to
//! 00:04:40). A turn therefore ends where the next begins, unless that is far longer than its text
//! takes to say; then it ends at an estimate from its length and the time between is a gap with no
//! active turn. Overlapping cues are resolved once, up front, into a partition of the time axis:
//! at any moment the active turn is the one that started most recently among those still running,
//! and of turns that started together, the first written: the one a reader comes to first.

use std::cmp::Reverse;
use std::collections::BinaryHeap;

use super::byte_classes::ByteClasses;
use super::model::{Document, Lang, Turn};
use super::time::Millis;
use super::{without_pauses, Pause};

/// Speaking rates used to estimate how long a turn's text takes to say, in characters per second
/// (whitespace excluded). Tuned on the sample: its six turns that run straight into the next are
/// said at 15–23 English characters a second, median 17 (`tests/sample.rs` recomputes it);
/// Chinese speech runs at about 4–6 hanzi a second.
pub const CHARS_PER_SECOND_LATIN: u64 = 17;
const CHARS_PER_SECOND_CJK: u64 = 5;
/// A turn whose next turn starts more than this many times its estimated length later ends at the
/// estimate, leaving a gap: far longer than ordinary pauses, far shorter than an excerpt's jump.
const GAP_FACTOR: u64 = 3;
/// Added to every estimate so that very short turns ("Right.") are not cut off mid-word.
const MIN_TURN_MS: u64 = 2_000;

/// The effective time span of a turn.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Span {
    pub start: Millis,
    pub end: Millis,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Timeline {
    /// Effective span of each turn, in document order.
    spans: Vec<Span>,
    /// The partition of time: from each step's time until the next step's, `turn` is active.
    steps: Vec<(Millis, Option<u32>)>,
    /// Turn indices sorted by start time (stable), for previous/next-turn navigation.
    by_start: Vec<u32>,
}

impl Timeline {
    /// Builds the timeline of `doc`. `duration` is the audio's length, when known: the last turn
    /// then runs to it (unless it is far longer than the text, as in an excerpt).
    pub fn new(doc: &Document, duration: Option<Millis>) -> Timeline {
        Timeline::build(doc, duration, None, &SpeakingTimes::of(doc))
    }

    /// The timeline with the turns starting at `starts` (one per turn) instead of their written
    /// times: where listening to the audio found them to begin.
    pub fn with_starts(doc: &Document, duration: Option<Millis>, starts: &[Millis]) -> Timeline {
        Timeline::build(doc, duration, Some(starts), &SpeakingTimes::of(doc))
    }

    /// The timeline of `doc` by how long its turns take to say, worked out before: quick to
    /// build again as the audio's length or heard starts arrive. `starts`: where the turns start
    /// if not where written (one per turn).
    pub fn build(
        doc: &Document,
        duration: Option<Millis>,
        starts: Option<&[Millis]>,
        speaking: &SpeakingTimes,
    ) -> Timeline {
        let written: Vec<Millis>;
        let starts = match starts {
            Some(starts) => starts,
            None => {
                written = starts_as_written(doc, duration);
                &written
            }
        };
        debug_assert_eq!(starts.len(), doc.turns.len());
        let spoken = doc.languages.first().copied();
        let by_start = crate::order::stable_order(starts.iter().map(|s| s.0));
        let mut spans = vec![
            Span {
                start: Millis::ZERO,
                end: Millis::ZERO
            };
            doc.turns.len()
        ];
        // From the last start to the first, so that the next later start is at hand: turns that
        // start together (cues written with one time) each looked past all the others, in time
        // the square of their number.
        let mut later: Option<Millis> = None;
        for (k, &i) in by_start.iter().enumerate().rev() {
            let turn = &doc.turns[i as usize];
            let start = starts[i as usize];
            if let Some(&j) = by_start.get(k + 1) {
                if starts[j as usize] > start {
                    later = Some(starts[j as usize]);
                }
            }
            let next_start = later.or(duration.filter(|&d| d > start));
            let end = match turn.end {
                Some(end) => end.max(start),
                None => {
                    let estimate = speaking
                        .0
                        .get(i as usize)
                        .copied()
                        .unwrap_or_else(|| estimated_length(turn, spoken));
                    match next_start {
                        Some(next) if next.0 - start.0 <= estimate.0 * GAP_FACTOR => next,
                        _ => Millis(start.0 + estimate.0),
                    }
                }
            };
            spans[i as usize] = Span { start, end };
        }
        let steps = partition(&spans, &by_start);
        Timeline {
            spans,
            steps,
            by_start,
        }
    }

    pub fn len(&self) -> usize {
        self.spans.len()
    }

    pub fn is_empty(&self) -> bool {
        self.spans.is_empty()
    }

    /// The effective span of turn `index` (document order).
    pub fn span(&self, index: usize) -> Span {
        self.spans[index]
    }

    pub fn spans(&self) -> &[Span] {
        &self.spans
    }

    /// The turn active at `t`, or `None` in a gap, before the first turn or after the last.
    pub fn active_at(&self, t: Millis) -> Option<usize> {
        let after = self.steps.partition_point(|&(at, _)| at <= t);
        after
            .checked_sub(1)
            .and_then(|i| self.steps[i].1)
            .map(|turn| turn as usize)
    }

    /// The first time after `t` at which [`Timeline::active_at`] may answer otherwise (`None`:
    /// never again). Until then a clock need tell no one that time passes.
    pub fn steady_until(&self, t: Millis) -> Option<Millis> {
        let after = self.steps.partition_point(|&(at, _)| at <= t);
        self.steps.get(after).map(|&(at, _)| at)
    }

    /// [`active_at`](Self::active_at), where the listener went to turn `chosen`: that turn
    /// while it runs, if it started with the one `active_at` names. Turns written at one time
    /// (two voices' cues) run together; the one clicked is the one followed.
    pub fn active_at_choosing(&self, t: Millis, chosen: Option<usize>) -> Option<usize> {
        let active = self.active_at(t)?;
        let chosen_runs = chosen
            .and_then(|c| Some((c, self.spans.get(c)?)))
            .filter(|&(_, span)| span.start == self.spans[active].start && t < span.end);
        Some(chosen_runs.map_or(active, |(c, _)| c))
    }

    /// [`steady_until`](Self::steady_until) for
    /// [`active_at_choosing`](Self::active_at_choosing): the chosen turn's end is a change too.
    pub fn steady_until_choosing(&self, t: Millis, chosen: Option<usize>) -> Option<Millis> {
        let chosen_end = chosen
            .and_then(|c| self.spans.get(c))
            .map(|span| span.end)
            .filter(|&end| end > t);
        self.steady_until(t).into_iter().chain(chosen_end).min()
    }

    /// The turn after `turn` in time (for "next turn" navigation): of turns starting together,
    /// the next written, so that each is reached.
    pub fn next_turn(&self, turn: usize) -> Option<usize> {
        let place = self.place(turn)?;
        self.by_start.get(place + 1).map(|&i| i as usize)
    }

    /// The turn before `turn` in time, as [`next_turn`](Self::next_turn) steps forward.
    pub fn previous_turn(&self, turn: usize) -> Option<usize> {
        let place = self.place(turn)?;
        place.checked_sub(1).map(|k| self.by_start[k] as usize)
    }

    /// Where `turn` stands in `by_start`: among the turns with its start, which `by_start` keeps
    /// in written order, found by its index.
    fn place(&self, turn: usize) -> Option<usize> {
        let start = self.spans.get(turn)?.start;
        let from = self
            .by_start
            .partition_point(|&i| self.spans[i as usize].start < start);
        let together =
            self.by_start[from..].partition_point(|&i| self.spans[i as usize].start == start);
        let within = self.by_start[from..from + together]
            .binary_search(&(turn as u32))
            .ok()?;
        Some(from + within)
    }

    /// The turn that starts next after `t` (for "next turn" navigation).
    pub fn next_after(&self, t: Millis) -> Option<usize> {
        let k = self
            .by_start
            .partition_point(|&i| self.spans[i as usize].start <= t);
        self.by_start.get(k).map(|&i| i as usize)
    }

    /// The last turn that starts before `t` (for "previous turn" navigation).
    pub fn previous_before(&self, t: Millis) -> Option<usize> {
        let k = self
            .by_start
            .partition_point(|&i| self.spans[i as usize].start < t);
        k.checked_sub(1).map(|k| self.by_start[k] as usize)
    }

    /// Where the last turn ends: the transcript's length when no audio says otherwise.
    pub fn end(&self) -> Millis {
        self.spans
            .iter()
            .map(|s| s.end)
            .max()
            .unwrap_or(Millis::ZERO)
    }
}

/// How long each turn of a document takes to say (document order), estimated from the length
/// of its text in the spoken language (the document's first). Reading all of the text, it is
/// most of building a timeline: worked out once per document and kept, it makes building one
/// again quick. Only turns the source gives no end are estimated (a timeline asks no other's
/// length): a caption file's cues all have ends, and reading their text was a quarter of reading
/// the file; the others are zero.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct SpeakingTimes(Vec<Millis>);

/// Turns estimated (or weighed) between two calls of a [`Pause`] by [`SpeakingTimes::of_pausing`]
/// (and [`BlockWeights::of_pausing`](crate::row_heights::BlockWeights::of_pausing)).
pub(crate) const TURNS_AT_A_TIME: usize = 256;

impl SpeakingTimes {
    pub fn of(doc: &Document) -> SpeakingTimes {
        without_pauses(SpeakingTimes::of_pausing(doc, &mut || None))
    }

    /// [`of`](Self::of), asking `pause` every few hundred turns (the browser yields to the page).
    pub async fn of_pausing(doc: &Document, pause: &mut Pause<'_>) -> SpeakingTimes {
        let spoken = doc.languages.first().copied();
        let mut times = Vec::with_capacity(doc.turns.len());
        for turns in doc.turns.chunks(TURNS_AT_A_TIME) {
            times.extend(turns.iter().map(|turn| match turn.end {
                Some(_) => Millis::ZERO,
                None => estimated_length(turn, spoken),
            }));
            if let Some(paused) = pause() {
                paused.await;
            }
        }
        SpeakingTimes(times)
    }
}

/// Where the turns start as the source has it. A source without times has estimated starts
/// (`Document::estimated_starts`): with the audio's length known they are stretched or shrunk
/// to end with it, so a reader who speaks faster or slower than the estimate is followed
/// throughout, not only at the start.
pub fn starts_as_written(doc: &Document, duration: Option<Millis>) -> Vec<Millis> {
    let written = doc.turns.iter().map(|t| t.start);
    // Only then is the last turn's text read for its length.
    let estimated_end = || {
        let last = doc.turns.last()?;
        let end = last.start.0 + estimated_length(last, doc.languages.first().copied()).0;
        (end > 0).then_some(end)
    };
    let stretch = duration
        .filter(|_| doc.estimated_starts)
        .and_then(|audio| Some((audio, estimated_end()?)));
    match stretch {
        Some((audio, end)) => written
            .map(|s| Millis(s.0.saturating_mul(audio.0) / end))
            .collect(),
        None => written.collect(),
    }
}

/// Starts for the turns a source gives no time (`left_out`: their indices, in order). Each starts
/// when the turn before it, said at the estimated pace, ends, or halfway to the next time given
/// if that comes sooner, so that the turns stay in order; a first turn starts at zero.
///
/// With `spread`, for times that are only marks every few minutes over a dialogue (Google
/// Meet's), the turns between two times share the time between them by their lengths instead:
/// a pace slower or faster than the estimate is followed through the stretch, with no gap before
/// the next time and no turns bunched up against it.
pub(crate) fn estimate_starts(
    turns: &mut [Turn],
    left_out: &[u32],
    spoken: Option<Lang>,
    spread: bool,
) {
    // The next turn with a time given, found once for each run of turns left out (a file with
    // no times at all is one run), not once for each turn.
    let mut next_given = 0usize;
    // A run spread between two times: its first time, the time to the next, how long the run
    // (with the turn that has the first time) takes to say, and how much of that is said before
    // the turn at hand.
    let mut stretch: Option<(u64, u64, u64)> = None;
    let mut said = 0u64;
    for (n, &i) in left_out.iter().enumerate() {
        let i = i as usize;
        if next_given <= i {
            next_given = i + 1;
            while left_out.get(n + next_given - i) == Some(&(next_given as u32)) {
                next_given += 1;
            }
            said = 0;
            stretch = turns
                .get(next_given)
                .filter(|_| spread && i > 0)
                .filter(|next| next.start >= turns[i - 1].start)
                .map(|next| {
                    let run = &turns[i - 1..next_given];
                    let length = run.iter().map(|t| estimated_length(t, spoken).0).sum();
                    let from = turns[i - 1].start.0;
                    (from, next.start.0 - from, length)
                });
        }
        if i == 0 {
            turns[0].start = Millis::ZERO;
            continue;
        }
        let before = &turns[i - 1];
        let (from, length) = (before.start, estimated_length(before, spoken).0);
        if let Some((first, span, run_length)) = stretch {
            said += length;
            // In floating point: 128-bit integer division made the app 0.6 KB larger, gzipped.
            let share = span as f64 * said as f64 / run_length.max(1) as f64;
            turns[i].start = Millis(first + share as u64);
            continue;
        }
        let estimate = Millis(from.0 + length);
        turns[i].start = match turns.get(next_given).map(|t| t.start) {
            Some(next) if next <= estimate && next >= from => {
                Millis(from.0 + (next.0 - from.0) / 2)
            }
            _ => estimate,
        };
    }
}

/// How long `turn` takes to say, from the length of its text in the spoken language.
pub fn estimated_length(turn: &Turn, spoken: Option<Lang>) -> Millis {
    let block = spoken
        .and_then(|l| turn.block(l))
        .or_else(|| turn.blocks.first());
    let (mut latin, mut cjk) = (0u64, 0u64);
    for p in block.into_iter().flat_map(|b| &b.paragraphs) {
        let (l, c) = spoken_characters(&p.text);
        latin += l;
        cjk += c;
    }
    Millis(MIN_TURN_MS + latin * 1000 / CHARS_PER_SECOND_LATIN + cjk * 1000 / CHARS_PER_SECOND_CJK)
}

/// (Latin-like characters, CJK characters) of `text`, counted by their first bytes: white space
/// and controls not at all, three-byte characters as CJK for every script this estimate cares
/// about.
pub(crate) fn spoken_characters(text: &str) -> (u64, u64) {
    let classes = ByteClasses::of(text);
    let cjk = classes.three_byte_lead;
    (
        (classes.chars() - classes.below_0x21 - cjk) as u64,
        cjk as u64,
    )
}

/// Sweeps the spans in start order, keeping the running turns in a heap keyed by start, so each
/// moment's active turn is the most recently started one that has not ended; among those that
/// started together, the first in the document (`by_start` is stable), where a reader's eye
/// goes first. Cues all written at 0:00 open at the first, not the last.
fn partition(spans: &[Span], by_start: &[u32]) -> Vec<(Millis, Option<u32>)> {
    let points = crate::order::sorted_unique(spans.iter().flat_map(|s| [s.start.0, s.end.0]));
    let mut steps: Vec<(Millis, Option<u32>)> = Vec::with_capacity(points.len());
    // (start, earlier in start order, end, turn index): a max-heap, the latest start on top.
    type Running = (Millis, Reverse<usize>, Reverse<Millis>, u32);
    let mut running: BinaryHeap<Running> = BinaryHeap::new();
    let mut next = 0usize;
    for point in points.into_iter().map(Millis) {
        while next < by_start.len() && spans[by_start[next] as usize].start <= point {
            let i = by_start[next];
            let span = spans[i as usize];
            running.push((span.start, Reverse(next), Reverse(span.end), i));
            next += 1;
        }
        let active = loop {
            match running.peek() {
                Some(&(_, _, Reverse(end), _)) if end <= point => {
                    running.pop();
                }
                Some(&(_, _, _, i)) => break Some(i),
                None => break None,
            }
        };
        if steps.last().map(|s| s.1) != Some(active) {
            steps.push((point, active));
        }
    }
    steps
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Cues of two voices written at 0:10, the first longer, and one of a third from 0:12.
    fn voices_together() -> Timeline {
        let doc = crate::read_str(
            "WEBVTT\n\n00:10.000 --> 00:20.000\n<v Ann>One\n\n00:10.000 --> 00:14.000\n<v Bob>Two\n\n\
             00:12.000 --> 00:13.000\n<v Cy>Three\n\n00:30.000 --> 00:31.000\n<v Ann>Four\n",
        );
        Timeline::new(&doc, None)
    }

    #[test]
    fn the_chosen_of_turns_starting_together_is_active_while_it_runs() {
        let timeline = voices_together();
        let at = |ms: u64, chosen| timeline.active_at_choosing(Millis(ms), chosen);
        // Ann's, the first written, unless Bob's was chosen, until it ends; Cy's starts later.
        let bob_chosen = [11_000, 12_000, 13_000, 14_000].map(|ms| at(ms, Some(1)));
        assert_eq!(bob_chosen, [Some(1), Some(2), Some(1), Some(0)]);
        assert_eq!([at(11_000, None), at(13_000, None)], [Some(0), Some(0)]);
        // A turn chosen that started at another time, or of no such index, changes nothing.
        let others = [
            at(11_000, Some(3)),
            at(11_000, Some(9)),
            at(25_000, Some(1)),
        ];
        assert_eq!(others, [Some(0), Some(0), None]);
        // The chosen turn's end is when the answer changes back.
        let steady = |ms: u64, chosen| timeline.steady_until_choosing(Millis(ms), chosen);
        assert_eq!(steady(13_500, None), Some(Millis(20_000)));
        assert_eq!(steady(13_500, Some(1)), Some(Millis(14_000)));
    }

    #[test]
    fn turns_starting_together_are_each_stepped_to() {
        let timeline = voices_together();
        let mut order = vec![0];
        while let Some(next) = timeline.next_turn(*order.last().unwrap()) {
            order.push(next);
        }
        assert_eq!(order, [0, 1, 2, 3]);
        let back: Vec<_> = (0..5).map(|i| timeline.previous_turn(i)).collect();
        assert_eq!(back, [None, Some(0), Some(1), Some(2), None]);
    }

    #[test]
    fn spoken_characters_leave_out_white_space_and_count_three_byte_ones_as_cjk() {
        // Latin: "Hi," "é" "!" and the emoji (four bytes, one character); CJK: "中文" "。" "ｱ".
        assert_eq!(spoken_characters("Hi, é\t中文。\n ｱ! 😀\u{0}"), (6, 4));
        assert_eq!(spoken_characters(""), (0, 0));
    }
}
