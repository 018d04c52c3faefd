//! The aligner against the hand-checked alignment of the sample (`tests/alignment.gold`), and
//! the length model's calibration on the same sample.

#![cfg(not(target_arch = "wasm32"))]

use std::ops::Range;

use interlinear::core::align::{align, Bead, Shape, ENGLISH_TO_CHINESE};
use interlinear::core::sentences::split_sentences;
use interlinear::core::{self, Lang};

const SAMPLE: &str = include_str!("../samples/chip-huyen-lennys-podcast.md");
const GOLD: &str = include_str!("alignment.gold");

/// Each turn's sentences in English and Chinese.
fn sample_shapes() -> Vec<(Vec<Shape>, Vec<Shape>)> {
    let doc = core::read_str(SAMPLE);
    doc.turns
        .iter()
        .map(|turn| {
            let shapes = |lang: Lang| -> Vec<Shape> {
                turn.block(lang).map_or(Vec::new(), |block| {
                    block
                        .paragraphs
                        .iter()
                        .flat_map(|p| {
                            split_sentences(&p.text, lang)
                                .into_iter()
                                .map(|r| Shape::of(&p.text[r]))
                        })
                        .collect()
                })
            };
            (shapes(Lang::En), shapes(Lang::Zh))
        })
        .collect()
}

/// The gold beads, per turn ("1 2 = 1" → left 0..2, right 0..1).
fn gold() -> Vec<Vec<Bead>> {
    let mut turns: Vec<Vec<Bead>> = Vec::new();
    let range = |side: &str| -> Range<usize> {
        let numbers: Vec<usize> = side
            .split_whitespace()
            .filter(|s| *s != "-")
            .map(|s| s.parse::<usize>().unwrap() - 1)
            .collect();
        match (numbers.first(), numbers.last()) {
            (Some(&a), Some(&b)) => a..b + 1,
            _ => 0..0,
        }
    };
    for line in GOLD
        .lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
    {
        if line.starts_with("turn ") {
            turns.push(Vec::new());
        } else {
            let (left, right) = line.split_once('=').unwrap();
            turns.last_mut().unwrap().push(Bead {
                left: range(left),
                right: range(right),
            });
        }
    }
    turns
}

/// Empty sides carry their position in the gold file only as "-": compare them by kind.
fn same(a: &Bead, b: &Bead) -> bool {
    let side = |x: &Range<usize>, y: &Range<usize>| (x.is_empty() && y.is_empty()) || x == y;
    side(&a.left, &b.left) && side(&a.right, &b.right)
}

#[test]
fn aligner_agrees_with_the_gold_alignment() {
    let lengths = sample_shapes();
    let gold = gold();
    assert_eq!(gold.len(), lengths.len(), "one gold entry per turn");
    let (mut right, mut total) = (0, 0);
    for (i, ((en, zh), gold)) in lengths.iter().zip(&gold).enumerate() {
        let ends = |beads: &[Bead]| beads.last().map(|b| (b.left.end, b.right.end));
        assert_eq!(
            ends(gold),
            Some((en.len(), zh.len())),
            "turn {i}: gold covers every sentence"
        );
        let found = align(en, zh, ENGLISH_TO_CHINESE);
        total += gold.len();
        right += gold
            .iter()
            .filter(|g| found.iter().any(|f| same(f, g)))
            .count();
        if std::env::var_os("SHOW_ALIGNMENT").is_some() {
            println!("turn {i}:\n  gold  {gold:?}\n  found {found:?}");
        }
    }
    let share = right as f64 / total as f64;
    println!(
        "aligner: {right} of {total} gold pairs ({:.1}%)",
        share * 100.0
    );
    assert!(share >= 0.9, "{right} of {total} gold pairs is below 90%");
}

/// The model's constants are what the sample gives: ratio = Σ Chinese / Σ English characters over
/// the turns, variance = the mean of (zh − ratio·en)² / en.
#[test]
fn length_model_is_calibrated_on_the_sample() {
    let total = |shapes: &[Shape]| shapes.iter().map(|s| s.length).sum::<usize>() as f64;
    let turns: Vec<(f64, f64)> = sample_shapes()
        .iter()
        .map(|(en, zh)| (total(en), total(zh)))
        .collect();
    let ratio = turns.iter().map(|t| t.1).sum::<f64>() / turns.iter().map(|t| t.0).sum::<f64>();
    let variance = turns
        .iter()
        .map(|(en, zh)| (zh - ratio * en).powi(2) / en)
        .sum::<f64>()
        / turns.len() as f64;
    println!("calibrated: ratio {ratio:.3}, variance {variance:.2}");
    assert!(
        (ratio - ENGLISH_TO_CHINESE.ratio).abs() < 0.02,
        "ratio {ratio:.3}"
    );
    assert!(
        (variance - ENGLISH_TO_CHINESE.variance).abs() / variance < 0.25,
        "variance {variance:.2}"
    );
}
