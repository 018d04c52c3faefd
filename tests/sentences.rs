//! Sentences of the reference sample, per turn and language, as a spec file
//! (`tests/sentences.expected`, hand-read; `UPDATE_EXPECT=1` rewrites it).

#![cfg(not(target_arch = "wasm32"))]

mod common;

use std::fmt::Write;

use interlinear::core::{self, sentences::split_sentences};

const SAMPLE: &str = include_str!("../samples/chip-huyen-lennys-podcast.md");

#[test]
fn sample_sentences() {
    let doc = core::read_str(SAMPLE);
    let mut out = String::new();
    for (i, turn) in doc.turns.iter().enumerate() {
        writeln!(out, "turn {i} {}", doc.speaker_name(turn).unwrap_or("-")).unwrap();
        for block in &turn.blocks {
            for (p, paragraph) in block.paragraphs.iter().enumerate() {
                for s in split_sentences(&paragraph.text, block.lang) {
                    writeln!(out, "  {} p{p}: {}", block.lang.code(), &paragraph.text[s]).unwrap();
                }
            }
        }
    }
    common::check(
        &std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/sentences.expected"),
        &out,
    );
}
