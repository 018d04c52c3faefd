//! Sentence alignment between a turn's two languages, by length (Gale & Church, 1993).
//!
//! A translation's sentences are not one-to-one with the original's: a translator joins two short
//! sentences, splits a long one at a `；`, or drops a "Right?". Lengths still track each other — a
//! Chinese sentence has about `ratio` characters per English character — so a dynamic program
//! over the two sequences picks the most probable chain of beads (1–1, 1–2, 2–1, 1–0, 0–1),
//! each bead costing the improbability of its kind plus that of its length difference.

use std::ops::Range;

/// How one language's length relates to the other's: `right ≈ ratio × left`, with a variance of
/// `variance × left` (the spread grows with length).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct LengthModel {
    pub ratio: f64,
    pub variance: f64,
}

/// English → Chinese, in non-space characters, calibrated on the reference sample
/// (`tests/alignment.rs` recomputes both from its turns and checks these agree).
pub const ENGLISH_TO_CHINESE: LengthModel = LengthModel {
    ratio: 0.42,
    variance: 1.1,
};

/// What the aligner knows of a sentence: its length, and whether it asks a question (a question
/// is translated as a question, which lengths alone cannot tell).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Shape {
    pub length: usize,
    pub question: bool,
}

impl Shape {
    pub fn of(text: &str) -> Shape {
        let end = text.trim_end_matches(|c: char| {
            c.is_whitespace() || matches!(c, '"' | '\'' | '”' | '’' | ')' | '）' | '」' | '』')
        });
        Shape {
            length: sentence_length(text),
            question: end.ends_with(['?', '？']),
        }
    }
}

/// The cost of a bead whose last sentences disagree on being a question.
const QUESTION_MISMATCH: f64 = 2.5;

/// Aligned sentences: the left sentences `left` translate as the right sentences `right` (either
/// may be empty, for a sentence with no counterpart).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Bead {
    pub left: Range<usize>,
    pub right: Range<usize>,
}

/// The kinds of bead and their prior probabilities (Gale & Church's, with the 2–2 share moved
/// to the splits and joins a translation into Chinese makes more often; a 2–2 bead would swallow
/// two 1–1 pairs whose lengths happen to balance out).
const KINDS: [(usize, usize, f64); 5] = [
    (1, 1, 0.85),
    (1, 2, 0.065),
    (2, 1, 0.065),
    (1, 0, 0.01),
    (0, 1, 0.01),
];

/// The most probable alignment of the sentences `left` and `right`.
pub fn align(left: &[Shape], right: &[Shape], model: LengthModel) -> Vec<Bead> {
    let (n, m) = (left.len(), right.len());
    let width = m + 1;
    let mut cost = vec![f64::INFINITY; (n + 1) * width];
    let mut step = vec![(0usize, 0usize); (n + 1) * width];
    cost[0] = 0.0;
    let prefix = |shapes: &[Shape]| {
        let mut sums = vec![0usize; shapes.len() + 1];
        for (i, s) in shapes.iter().enumerate() {
            sums[i + 1] = sums[i] + s.length;
        }
        sums
    };
    let (left_sum, right_sum) = (prefix(left), prefix(right));
    for i in 0..=n {
        for j in 0..=m {
            let here = cost[i * width + j];
            if !here.is_finite() {
                continue;
            }
            for (di, dj, prior) in KINDS {
                let (ni, nj) = (i + di, j + dj);
                if ni > n || nj > m {
                    continue;
                }
                let l1 = left_sum[ni] - left_sum[i];
                let l2 = right_sum[nj] - right_sum[j];
                let mut total = here + bead_cost(l1, l2, prior, model);
                if di > 0 && dj > 0 && left[ni - 1].question != right[nj - 1].question {
                    total += QUESTION_MISMATCH;
                }
                let at = ni * width + nj;
                if total < cost[at] {
                    cost[at] = total;
                    step[at] = (di, dj);
                }
            }
        }
    }
    let mut beads = Vec::new();
    let (mut i, mut j) = (n, m);
    while i > 0 || j > 0 {
        let (di, dj) = step[i * width + j];
        beads.push(Bead {
            left: i - di..i,
            right: j - dj..j,
        });
        i -= di;
        j -= dj;
    }
    beads.reverse();
    beads
}

/// −log P(kind) − log P(length difference | lengths).
fn bead_cost(l1: usize, l2: usize, prior: f64, model: LengthModel) -> f64 {
    let (l1, l2) = (l1 as f64, l2 as f64);
    let mean = ((l1 + l2 / model.ratio) / 2.0).max(1.0);
    let delta = (l2 - l1 * model.ratio) / (mean * model.variance).sqrt();
    let p = (2.0 * (1.0 - normal_cdf(delta.abs()))).max(1e-12);
    -prior.ln() - p.ln()
}

/// Φ(x), the standard normal distribution (Abramowitz & Stegun 7.1.26, error below 1.5e-7).
fn normal_cdf(x: f64) -> f64 {
    let t = 1.0 / (1.0 + 0.327_591_1 * x.abs() / std::f64::consts::SQRT_2);
    let poly = t
        * (0.254_829_592
            + t * (-0.284_496_736
                + t * (1.421_413_741 + t * (-1.453_152_027 + t * 1.061_405_429))));
    let erf = 1.0 - poly * (-(x * x) / 2.0).exp();
    if x >= 0.0 {
        0.5 * (1.0 + erf)
    } else {
        0.5 * (1.0 - erf)
    }
}

/// The length the aligner compares: characters that are not white space.
pub fn sentence_length(text: &str) -> usize {
    text.chars().filter(|c| !c.is_whitespace()).count()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn shapes(lengths: &[usize]) -> Vec<Shape> {
        lengths
            .iter()
            .map(|&length| Shape {
                length,
                question: false,
            })
            .collect()
    }

    #[test]
    fn equal_lengths_align_one_to_one() {
        let beads = align(
            &shapes(&[100, 40, 60]),
            &shapes(&[42, 17, 25]),
            ENGLISH_TO_CHINESE,
        );
        assert_eq!(beads.len(), 3);
        assert!(beads
            .iter()
            .all(|b| b.left.len() == 1 && b.right.len() == 1));
    }

    #[test]
    fn a_joined_translation_is_two_to_one() {
        let beads = align(
            &shapes(&[50, 50, 80]),
            &shapes(&[42, 34]),
            ENGLISH_TO_CHINESE,
        );
        assert_eq!(
            beads,
            [
                Bead {
                    left: 0..2,
                    right: 0..1
                },
                Bead {
                    left: 2..3,
                    right: 1..2
                }
            ]
        );
    }

    #[test]
    fn a_question_pairs_with_a_question() {
        let en = [Shape::of("So it goes."), Shape::of("What is RAG?")];
        let zh = [
            Shape::of("就这样。"),
            Shape::of("什么是 RAG（检索增强生成）？"),
        ];
        assert_eq!(align(&en, &zh, ENGLISH_TO_CHINESE).len(), 2);
        assert!(Shape::of("I'm like, \"Why?\"").question);
    }

    #[test]
    fn empty_sides() {
        assert_eq!(align(&[], &[], ENGLISH_TO_CHINESE), []);
        assert_eq!(
            align(&shapes(&[10]), &[], ENGLISH_TO_CHINESE),
            [Bead {
                left: 0..1,
                right: 0..0
            }]
        );
    }
}
