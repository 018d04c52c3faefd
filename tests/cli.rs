//! The `interlinear` binary, run as a user runs it.

#![cfg(not(target_arch = "wasm32"))]

use std::io::Write;
use std::process::{Command, Output, Stdio};

const SAMPLE_PATH: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/samples/chip-huyen-lennys-podcast.md"
);

fn run(args: &[&str], stdin: &[u8]) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_interlinear"))
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child.stdin.take().unwrap().write_all(stdin).unwrap();
    child.wait_with_output().unwrap()
}

fn stdout(o: &Output) -> String {
    String::from_utf8(o.stdout.clone()).unwrap()
}

#[test]
fn converts_to_json_by_default() {
    let out = run(&["convert", SAMPLE_PATH], b"");
    assert!(out.status.success());
    let json: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
    assert_eq!(json["segments"].as_array().unwrap().len(), 13);
    assert!(out.stderr.is_empty(), "no warnings for the sample");
}

#[test]
fn converts_from_stdin_to_every_format() {
    let sample = std::fs::read(SAMPLE_PATH).unwrap();
    let vtt = stdout(&run(&["convert", "-", "--to", "vtt"], &sample));
    assert!(vtt.starts_with("WEBVTT - CHIP HUYEN\n"));
    assert!(vtt.contains("00:00:15.000 --> 00:00:19.000\n<v Lenny Rachitsky>A lot of companies"));
    let srt = stdout(&run(&["convert", "-", "--to", "srt"], &sample));
    assert!(srt.starts_with("1\n00:00:00,000 --> 00:00:15,000\nA question"));
    let md = stdout(&run(&["convert", "-", "--to", "md"], &sample));
    assert!(md.starts_with("# CHIP HUYEN\n"));
    assert!(md.contains("[00:05:30] Chip Huyen\n\nEnglish:\n\n"));
    let zh = stdout(&run(
        &["convert", "-", "--to", "podcast-json", "--lang", "zh"],
        &sample,
    ));
    let json: serde_json::Value = serde_json::from_str(&zh).unwrap();
    assert_eq!(json["version"], "1.0.0");
    assert!(json["segments"][0]["body"]
        .as_str()
        .unwrap()
        .starts_with("我经常"));
    assert_eq!(json["segments"][1]["startTime"], 15.0);
}

#[test]
fn non_text_input_exits_non_zero_with_one_line() {
    let out = run(&["convert", "-"], b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR");
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8(out.stderr).unwrap();
    assert_eq!(
        err,
        "interlinear: -: not a transcript: the file is a PNG image\n"
    );
    assert!(out.stdout.is_empty());
}

#[test]
fn warnings_go_to_stderr_with_line_numbers() {
    let out = run(
        &["convert", "-", "--to", "json"],
        b"[00:00:00] A\n\nhi\n\n[00:61:00] B\n",
    );
    assert!(out.status.success());
    assert_eq!(
        String::from_utf8(out.stderr).unwrap(),
        "-: line 5: `[00:61:00]` is not a valid time; kept as text\n"
    );
}

#[test]
fn usage_errors_exit_2() {
    assert_eq!(
        run(&["convert", SAMPLE_PATH, "--to", "docx"], b"")
            .status
            .code(),
        Some(2)
    );
    assert_eq!(run(&["frobnicate"], b"").status.code(), Some(2));
    assert_eq!(run(&["convert"], b"").status.code(), Some(2));
    let missing = run(&["convert", "/nonexistent/file.md"], b"");
    assert_eq!(missing.status.code(), Some(1));
    let out = run(
        &[
            "convert",
            SAMPLE_PATH,
            "--to",
            "podcast-json",
            "--lang",
            "ja",
        ],
        b"",
    );
    assert_eq!(
        String::from_utf8(out.stderr).unwrap(),
        "interlinear: no `ja` text in the transcript (it has: en, zh)\n"
    );
}
