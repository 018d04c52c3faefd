//! The heights of a long list of rows, most of which have never been rendered: what windowed
//! rendering needs to place the rows it does render, size the space of those it does not, and
//! turn a scroll offset into a row.
//!
//! A row's height is what was measured when it was last on screen, or else an estimate from its
//! text's weight (how wide its text would be on one line) by a straight line fitted to the rows
//! measured so far. Offsets are prefix sums kept in a Fenwick tree, so a measurement and a lookup
//! are both O(log n) on 11,000 rows. Plain Rust, so the host's tests cover it.

use std::ops::Range;

use crate::model::{Document, Lang, TextBlock};
use crate::timeline::TURNS_AT_A_TIME;
use crate::{without_pauses, Pause};

/// Row heights (in CSS pixels, including the space after each row) with their prefix sums.
#[derive(Debug, Clone)]
pub struct RowHeights {
    /// Each row's text weight (see [`text_weight`]), the estimate's input.
    weights: Vec<f64>,
    /// Each row's height now: measured, or estimated.
    heights: Vec<f64>,
    measured: Vec<bool>,
    /// Fenwick tree over `heights` (1-based).
    tree: Vec<f64>,
    fit: Fit,
}

/// Least squares of measured height on weight: height ≈ base + per_weight × weight.
#[derive(Debug, Clone, Copy, Default)]
struct Fit {
    n: f64,
    sum_w: f64,
    sum_h: f64,
    sum_ww: f64,
    sum_wh: f64,
    /// Used until two different weights have been measured.
    guess: (f64, f64),
}

impl Fit {
    fn add(&mut self, w: f64, h: f64, sign: f64) {
        self.n += sign;
        self.sum_w += sign * w;
        self.sum_h += sign * h;
        self.sum_ww += sign * w * w;
        self.sum_wh += sign * w * h;
    }

    /// (base, per_weight) from the measurements, or the guess while they cannot tell.
    fn line(&self) -> (f64, f64) {
        let spread = self.n * self.sum_ww - self.sum_w * self.sum_w;
        if self.n < 2.0 || spread <= 1e-9 * self.n * self.sum_ww.max(1.0) {
            if self.n >= 1.0 {
                // One kind of row seen: keep the guessed slope through its mean.
                let (_, slope) = self.guess;
                let mean_w = self.sum_w / self.n;
                return ((self.sum_h / self.n - slope * mean_w).max(0.0), slope);
            }
            return self.guess;
        }
        let slope = ((self.n * self.sum_wh - self.sum_w * self.sum_h) / spread).max(0.0);
        let base = ((self.sum_h - slope * self.sum_w) / self.n).max(0.0);
        (base, slope)
    }

    fn estimate(&self, w: f64) -> f64 {
        let (base, slope) = self.line();
        base + slope * w
    }
}

impl RowHeights {
    /// Rows of the given weights, estimated as `base + per_weight × weight` until measured.
    pub fn new(weights: Vec<f64>, base: f64, per_weight: f64) -> RowHeights {
        let fit = Fit {
            guess: (base, per_weight),
            ..Fit::default()
        };
        let heights: Vec<f64> = weights.iter().map(|&w| fit.estimate(w)).collect();
        let mut rows = RowHeights {
            measured: vec![false; weights.len()],
            tree: Vec::new(),
            weights,
            heights,
            fit,
        };
        rows.rebuild();
        rows
    }

    pub fn len(&self) -> usize {
        self.heights.len()
    }

    pub fn is_empty(&self) -> bool {
        self.heights.is_empty()
    }

    /// The offset of row `index`'s top from the first row's top (`total()` for `len()`).
    pub fn top(&self, index: usize) -> f64 {
        let mut i = index.min(self.len());
        let mut sum = 0.0;
        while i > 0 {
            sum += self.tree[i];
            i &= i - 1;
        }
        sum
    }

    /// The height of all rows together.
    pub fn total(&self) -> f64 {
        self.top(self.len())
    }

    pub fn height(&self, index: usize) -> f64 {
        self.heights[index]
    }

    /// The row at offset `y` (the first row above 0, the last below the end).
    pub fn index_at(&self, y: f64) -> usize {
        if self.is_empty() {
            return 0;
        }
        // Descend the tree: the largest prefix whose sum is at most y.
        let mut at = 0;
        let mut left = y;
        let mut step = self.len().next_power_of_two();
        while step > 0 {
            let next = at + step;
            if next <= self.len() && self.tree[next] <= left {
                at = next;
                left -= self.tree[next];
            }
            step /= 2;
        }
        at.min(self.len() - 1)
    }

    /// The rows that overlap the offsets `from..to`.
    pub fn rows_between(&self, from: f64, to: f64) -> Range<usize> {
        if self.is_empty() || to < from {
            return 0..0;
        }
        self.index_at(from)..self.index_at(to) + 1
    }

    /// Records rows' measured heights (`(index, height)`; indices past the end are ignored), then
    /// re-estimates the rows never measured from everything measured so far.
    pub fn measure(&mut self, measurements: &[(usize, f64)]) {
        let mut changed = false;
        for &(index, height) in measurements {
            if index >= self.len() || !height.is_finite() || height < 0.0 {
                continue;
            }
            let w = self.weights[index];
            if self.measured[index] {
                if self.heights[index] == height {
                    continue;
                }
                self.fit.add(w, self.heights[index], -1.0);
            }
            self.fit.add(w, height, 1.0);
            self.measured[index] = true;
            self.heights[index] = height;
            changed = true;
        }
        if changed {
            for (i, h) in self.heights.iter_mut().enumerate() {
                if !self.measured[i] {
                    *h = self.fit.estimate(self.weights[i]);
                }
            }
            self.rebuild();
        }
    }

    /// Forgets every measurement (the layout changed: widths, font sizes, which languages show),
    /// estimating again from `weights` and the new guess.
    pub fn relayout(&mut self, weights: Vec<f64>, base: f64, per_weight: f64) {
        *self = RowHeights::new(weights, base, per_weight);
    }

    /// Each row's text weight, as given.
    pub fn weights(&self) -> &[f64] {
        &self.weights
    }

    /// Whether row `index` has been measured since the last layout change.
    pub fn is_measured(&self, index: usize) -> bool {
        self.measured.get(index).copied().unwrap_or(false)
    }

    fn rebuild(&mut self) {
        let n = self.len();
        self.tree = vec![0.0; n + 1];
        for i in 1..=n {
            self.tree[i] += self.heights[i - 1];
            let parent = i + (i & i.wrapping_neg());
            if parent <= n {
                let carried = self.tree[i];
                self.tree[parent] += carried;
            }
        }
    }
}

/// How wide a block's text would be on one line, in ems, roughly: Latin letters are about half
/// an em, Han, Kana and Hangul a whole one (three bytes each in UTF-8), Cyrillic, Greek, Arabic
/// and Hebrew letters a little more than half (two bytes each), Devanagari and Thai half (three
/// bytes each, and their vowel signs take no width of their own). Judged from byte lengths
/// and the block's language, so 11,000 turns are weighed in no time; line breaks make a row
/// taller in proportion to this, which is all the estimate needs.
pub fn text_weight(block: &TextBlock) -> f64 {
    let bytes: usize = block.paragraphs.iter().map(|p| p.text.len()).sum();
    match block.lang {
        Lang::Zh | Lang::Ja | Lang::Ko => bytes as f64 / 3.0,
        Lang::Ru | Lang::Uk | Lang::El | Lang::Ar | Lang::He | Lang::Fa | Lang::Ur => {
            bytes as f64 / 3.5
        }
        Lang::Hi | Lang::Th => bytes as f64 / 6.0,
        _ => bytes as f64 / 2.0,
    }
}

/// Every text block's language and weight ([`text_weight`]), turn by turn: worked out once per
/// transcript, while it is read, so estimating its rows for a layout walks no text (11,000
/// turns' paragraphs take milliseconds to visit, in the task that shows them).
#[derive(Debug, Clone, PartialEq)]
pub struct BlockWeights {
    blocks: Vec<(Lang, f64)>,
    /// Where each turn's blocks begin in `blocks`, and where the last one's end.
    starts: Vec<u32>,
}

impl BlockWeights {
    pub fn of(doc: &Document) -> BlockWeights {
        without_pauses(BlockWeights::of_pausing(doc, &mut || None))
    }

    /// [`of`](Self::of), asking `pause` every few hundred turns (the browser yields to the page).
    pub async fn of_pausing(doc: &Document, pause: &mut Pause<'_>) -> BlockWeights {
        let mut weights = BlockWeights {
            blocks: Vec::with_capacity(2 * doc.turns.len()),
            starts: Vec::with_capacity(doc.turns.len() + 1),
        };
        weights.starts.push(0);
        for turns in doc.turns.chunks(TURNS_AT_A_TIME) {
            for turn in turns {
                let blocks = turn.blocks.iter().map(|b| (b.lang, text_weight(b)));
                weights.blocks.extend(blocks);
                weights.starts.push(weights.blocks.len() as u32);
            }
            if let Some(paused) = pause() {
                paused.await;
            }
        }
        weights
    }

    /// Turn `index`'s blocks, in order: (language, weight).
    pub fn of_turn(&self, index: usize) -> &[(Lang, f64)] {
        let (from, to) = (self.starts[index], self.starts[index + 1]);
        &self.blocks[from as usize..to as usize]
    }

    /// How many turns.
    pub fn len(&self) -> usize {
        self.starts.len() - 1
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sum(rows: &RowHeights, to: usize) -> f64 {
        (0..to).map(|i| rows.height(i)).sum()
    }

    #[test]
    fn block_weights_are_each_turns_blocks_weighed_in_order() {
        let doc = crate::read_str(
            "[00:00:01] A\nEnglish: Hello there.\n中文翻译: 你好。\n\n\
             [00:00:05] B\nOnly English, two paragraphs.\n\nThe second.\n\n\
             [00:00:09] A\n",
        );
        let weights = BlockWeights::of(&doc);
        assert_eq!(weights.len(), doc.turns.len());
        for (i, turn) in doc.turns.iter().enumerate() {
            let expected: Vec<(Lang, f64)> = turn
                .blocks
                .iter()
                .map(|b| (b.lang, text_weight(b)))
                .collect();
            assert_eq!(weights.of_turn(i), expected, "turn {i}");
        }
        assert_eq!(weights.of_turn(0), [(Lang::En, 6.0), (Lang::Zh, 3.0)]);
        assert!(weights.of_turn(2).is_empty());
    }

    #[test]
    fn offsets_are_prefix_sums_of_estimates() {
        let rows = RowHeights::new(vec![0.0, 10.0, 20.0, 5.0], 50.0, 2.0);
        assert_eq!(rows.height(1), 70.0);
        assert_eq!(rows.top(0), 0.0);
        assert_eq!(rows.top(3), 50.0 + 70.0 + 90.0);
        assert_eq!(rows.total(), 50.0 + 70.0 + 90.0 + 60.0);
    }

    #[test]
    fn a_measurement_moves_the_rows_after_it() {
        let mut rows = RowHeights::new(vec![0.0; 5], 100.0, 1.0);
        rows.measure(&[(1, 140.0)]);
        // Row 0 was never measured: rows of its weight are now estimated like row 1.
        assert_eq!(rows.top(2), 140.0 + 140.0);
        assert_eq!(rows.top(5), 5.0 * 140.0);
        assert!(rows.is_measured(1) && !rows.is_measured(0));
    }

    #[test]
    fn unmeasured_rows_follow_the_fitted_line() {
        let mut rows = RowHeights::new(vec![0.0, 10.0, 20.0, 30.0], 1.0, 1.0);
        rows.measure(&[(0, 60.0), (1, 80.0)]);
        // height = 60 + 2 × weight
        assert!((rows.height(2) - 100.0).abs() < 1e-9);
        assert!((rows.height(3) - 120.0).abs() < 1e-9);
        // Measuring again replaces the old measurement in the fit.
        rows.measure(&[(1, 70.0)]);
        assert!((rows.height(3) - 90.0).abs() < 1e-9);
    }

    #[test]
    fn index_at_finds_the_row_under_an_offset() {
        let rows = RowHeights::new(vec![0.0, 10.0, 20.0, 5.0], 50.0, 2.0);
        assert_eq!(rows.index_at(-5.0), 0);
        assert_eq!(rows.index_at(0.0), 0);
        assert_eq!(rows.index_at(49.9), 0);
        assert_eq!(rows.index_at(50.0), 1);
        assert_eq!(rows.index_at(209.0), 2);
        assert_eq!(rows.index_at(210.0), 3);
        assert_eq!(rows.index_at(1e9), 3);
        assert_eq!(rows.rows_between(60.0, 130.0), 1..3);
    }

    #[test]
    fn relayout_forgets_measurements() {
        let mut rows = RowHeights::new(vec![1.0; 3], 10.0, 0.0);
        rows.measure(&[(0, 99.0)]);
        rows.relayout(vec![1.0; 3], 20.0, 0.0);
        assert!(!rows.is_measured(0));
        assert_eq!(rows.total(), 60.0);
    }

    #[test]
    fn prefix_sums_agree_with_a_plain_sum_after_many_measurements() {
        let weights: Vec<f64> = (0..1000).map(|i| (i * 37 % 101) as f64).collect();
        let mut rows = RowHeights::new(weights, 40.0, 1.5);
        let measurements: Vec<(usize, f64)> = (0..1000)
            .step_by(7)
            .map(|i| (i, 30.0 + (i % 13) as f64 * 9.0))
            .collect();
        rows.measure(&measurements);
        for to in [0, 1, 2, 500, 999, 1000] {
            assert!((rows.top(to) - sum(&rows, to)).abs() < 1e-6 * rows.total());
        }
        for y in [0.0, 1234.5, rows.total() / 2.0, rows.total() - 1.0] {
            let i = rows.index_at(y);
            assert!(rows.top(i) <= y + 1e-6 && y < rows.top(i + 1) + 1e-6);
        }
    }

    #[test]
    fn an_empty_list_has_no_rows_anywhere() {
        let rows = RowHeights::new(Vec::new(), 10.0, 1.0);
        assert_eq!(rows.total(), 0.0);
        assert_eq!(rows.rows_between(0.0, 100.0), 0..0);
    }
}
