//! Spec-file tests: every `tests/fixtures/NAME.{md,vtt,srt,sbv,ttml,dfxp,xml,ass,lrc,json,html,txt}` is read, and the dump of the
//! document must equal `NAME.expected`. Each fixture is one variant people write; the expected
//! files are read by hand (regenerate with `UPDATE_EXPECT=1 cargo test --test fixtures`).

#![cfg(not(target_arch = "wasm32"))]

mod common;

use std::path::Path;

#[test]
fn every_fixture_reads_as_expected() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    let mut inputs: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e != "expected"))
        .collect();
    inputs.sort();
    assert!(inputs.len() >= 10, "fixtures missing: {inputs:?}");
    for input in inputs {
        let bytes = std::fs::read(&input).unwrap();
        let doc = interlinear::core::read(&bytes).expect("fixtures are UTF-8");
        common::check(&input.with_extension("expected"), &common::dump(&doc));
    }
}
