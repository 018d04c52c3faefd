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

/// Two alphabetic languages (English and Spanish, Russian, Arabic): as many characters either
/// way, with Gale and Church's own variance for English, French and German.
pub const ALPHABETIC: LengthModel = LengthModel {
    ratio: 1.0,
    variance: 6.8,
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
            question: end.ends_with(['?', '？', '؟']),
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

/// −log of each kind's probability in [`KINDS`], worked out once rather than for every cell of
/// every turn's table (a test checks they are the same numbers).
const KIND_COSTS: [f64; 5] = [
    0.16251892949777494,
    2.7333680090865,
    2.7333680090865,
    4.605170185988091,
    4.605170185988091,
];

/// The cost of a length difference no likelier than this: −log(10⁻¹²).
const MAX_LENGTH_COST: f64 = 27.631021115928547;

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
    // A sentence left unmatched costs the same from every cell: worked out once per sentence
    // (a logarithm each, and these are two of the five kinds tried at every cell).
    let unmatched_left: Vec<f64> = left
        .iter()
        .map(|s| length_cost(s.length, 0, model))
        .collect();
    let unmatched_right: Vec<f64> = right
        .iter()
        .map(|s| length_cost(0, s.length, model))
        .collect();
    for i in 0..=n {
        for j in 0..=m {
            let here = cost[i * width + j];
            if !here.is_finite() {
                continue;
            }
            for ((di, dj, _), kind_cost) in KINDS.into_iter().zip(KIND_COSTS) {
                let (ni, nj) = (i + di, j + dj);
                if ni > n || nj > m {
                    continue;
                }
                let length = match (di, dj) {
                    (1, 0) => unmatched_left[i],
                    (0, 1) => unmatched_right[j],
                    _ => length_cost(
                        left_sum[ni] - left_sum[i],
                        right_sum[nj] - right_sum[j],
                        model,
                    ),
                };
                let mut total = here + kind_cost + length;
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

/// −log P(length difference | lengths): the two-sided tail of a normal distribution,
/// 2(1 − Φ(|δ|)) = 1 − erf(|δ|/√2), with erf as Abramowitz & Stegun 7.1.26 (error below
/// 1.5e-7) has it, 1 − t·poly(t)·e^(−δ²/2) — so its logarithm needs no `exp`, and no
/// cancellation in `1 − erf` where the tail is thin. Capped at a probability of 10⁻¹².
fn length_cost(l1: usize, l2: usize, model: LengthModel) -> f64 {
    let (l1, l2) = (l1 as f64, l2 as f64);
    let mean = ((l1 + l2 / model.ratio) / 2.0).max(1.0);
    let delta = ((l2 - l1 * model.ratio) / (mean * model.variance).sqrt()).abs();
    (delta * delta / 2.0 - tail_factor(delta).ln()).min(MAX_LENGTH_COST)
}

/// t·poly(t) of Abramowitz & Stegun 7.1.26 at x = `delta`/√2 (`delta` ≥ 0): the tail
/// 2(1 − Φ(`delta`)) is this times e^(−`delta`²/2).
fn tail_factor(delta: f64) -> f64 {
    let t = 1.0 / (1.0 + 0.327_591_1 * delta / std::f64::consts::SQRT_2);
    t * (0.254_829_592
        + t * (-0.284_496_736 + t * (1.421_413_741 + t * (-1.453_152_027 + t * 1.061_405_429))))
}

/// The length the aligner compares: characters that are not white space.
pub fn sentence_length(text: &str) -> usize {
    let bytes = text.as_bytes();
    let (mut length, mut at) = (0, 0);
    while at < bytes.len() {
        let lead = bytes[at];
        let width = match lead {
            0..=0x7F => 1,
            0xC0..=0xDF => 2,
            0xE0..=0xEF => 3,
            _ => 4,
        };
        // Counted from the lead byte, without decoding: white space beyond ASCII (U+0085 and
        // U+00A0, U+1680, U+2000–U+205F, U+3000) is led by C2, E1, E2 or E3 only.
        let space = match lead {
            b'\t'..=b'\r' | b' ' => true,
            0xC2 | 0xE1..=0xE3 => text[at..].chars().next().is_some_and(char::is_whitespace),
            _ => false,
        };
        length += usize::from(!space);
        at += width;
    }
    length
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sentence_length_counts_what_is_not_white_space_for_every_character() {
        let reference = |text: &str| text.chars().filter(|c| !c.is_whitespace()).count();
        let mut text = String::new();
        for c in (0..=0x10FFFF).filter_map(char::from_u32) {
            let one = format!("a{c} 中\u{3000}");
            assert_eq!(sentence_length(&one), reference(&one), "U+{:04X}", c as u32);
            text.push(c);
        }
        assert_eq!(sentence_length(&text), reference(&text));
    }

    #[test]
    fn the_costs_worked_out_once_are_the_logarithms() {
        for ((_, _, p), cost) in KINDS.into_iter().zip(KIND_COSTS) {
            assert!((cost - -p.ln()).abs() < 1e-15, "{cost} for {p}");
        }
        assert!((MAX_LENGTH_COST - -(1e-12f64).ln()).abs() < 1e-14);
    }

    /// The length cost is −log of the two-sided tail, 2(1 − Φ(|δ|)), as written the plain way.
    #[test]
    fn the_length_cost_is_the_log_of_the_tail() {
        let model = LengthModel {
            ratio: 1.5,
            variance: 6.8,
        };
        for (l1, l2) in [
            (0, 0),
            (10, 15),
            (40, 20),
            (5, 60),
            (120, 180),
            (1, 400),
            (300, 2),
        ] {
            let (a, b) = (l1 as f64, l2 as f64);
            let mean = ((a + b / model.ratio) / 2.0).max(1.0);
            let x = ((b - a * model.ratio) / (mean * model.variance).sqrt()).abs();
            let tail = (tail_factor(x) * (-(x * x) / 2.0).exp()).max(1e-12);
            let cost = length_cost(l1, l2, model);
            assert!(
                (cost - -tail.ln()).abs() < 1e-9,
                "{l1}, {l2}: {cost} vs {}",
                -tail.ln()
            );
        }
    }

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
