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
    assert!(srt.starts_with("1\n00:00:00,000 --> 00:00:15,000\nChip Huyen: A question"));
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
fn text_with_no_turns_is_not_written_as_an_empty_srt() {
    let out = run(&["convert", "-", "--to", "srt"], b"Only a title here.\n");
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(
        err.ends_with("interlinear: nothing to write as SRT: the transcript has no turns\n"),
        "{err}"
    );
    assert!(out.stdout.is_empty());
    // WebVTT has a place for the title.
    let vtt = run(&["convert", "-", "--to", "vtt"], b"Only a title here.\n");
    assert_eq!(stdout(&vtt), "WEBVTT - Only a title here.\n\n");
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

/// What a format has no place for is said, and podcast-json names the language it wrote: a
/// podcaster publishing the file learns it before listeners do (both were silent).
#[test]
fn what_a_format_leaves_out_is_said() {
    let said = |to: &str| {
        let out = run(&["convert", SAMPLE_PATH, "--to", to], b"");
        assert!(out.status.success(), "{to}");
        String::from_utf8(out.stderr).unwrap()
    };
    let sample = "samples/chip-huyen-lennys-podcast.md";
    assert!(
        said("srt").ends_with(&format!(
            "{sample}: srt has no place for the title, 10 header lines: left out (md keeps them)\n"
        )),
        "{}",
        said("srt")
    );
    assert!(
        said("podcast-json").ends_with(&format!(
            "{sample}: wrote the `en` text (--lang zh for the other); podcast-json has no place \
             for the title, 10 header lines: left out (md keeps them)\n"
        )),
        "{}",
        said("podcast-json")
    );
    for kept in ["vtt", "md", "json"] {
        assert_eq!(said(kept), "", "{kept}");
    }
    // A heading between turns, which WebVTT keeps as a note.
    let chapters = b"[00:00] Ann\nHi.\n\n## Part 2\n\n[00:10] Ann\nBye.\n";
    let out = run(&["convert", "-", "--to", "json"], chapters);
    assert_eq!(
        String::from_utf8(out.stderr).unwrap(),
        "-: json has no place for 1 heading: left out (md keeps them)\n"
    );
    let quiet = run(&["convert", "-", "--to", "json", "--quiet"], chapters);
    assert!(quiet.stderr.is_empty());
}

/// `--lang` with WebVTT, SRT, the layout or JSON writes that language's text alone, each cue at
/// the time it had with both (it was ignored: the file held both languages).
#[test]
fn one_language_is_written_alone_when_asked() {
    let both = stdout(&run(&["convert", SAMPLE_PATH, "--to", "srt"], b""));
    let zh = stdout(&run(
        &["convert", SAMPLE_PATH, "--to", "srt", "--lang", "zh"],
        b"",
    ));
    assert!(
        zh.starts_with("1\n00:00:00,000 --> 00:00:15,000\nChip Huyen: 我经常"),
        "{zh}"
    );
    let times = |srt: &str| -> Vec<String> {
        srt.lines()
            .filter(|l| l.contains(" --> "))
            .map(str::to_owned)
            .collect()
    };
    assert_eq!(times(&zh), times(&both));
    assert!(!zh.contains("A question"), "{zh}");
    // A turn with no text in the language goes; its time is not given to the turn before it.
    let vtt = stdout(&run(
        &["convert", "-", "--to", "vtt", "--lang", "en"],
        "[00:00] Ann\nHello.\n你好。\n\n[00:05] 王伟\n你好。\n\n[00:09] Ann\nBye.\n".as_bytes(),
    ));
    assert!(
        vtt.ends_with(
            "\n1\n00:00:00.000 --> 00:00:05.000\n<v Ann>Hello.\n\n\
                       2\n00:00:09.000 --> 00:00:11.235\n<v Ann>Bye.\n\n"
        ),
        "{vtt}"
    );
}

/// `--cue sentence`: a cue for each sentence and its translation, timed inside its turn, for
/// captions over a video (a turn's cue of the sample held 33 seconds and 800 characters).
#[test]
fn a_cue_for_each_sentence_when_asked() {
    let srt = stdout(&run(
        &["convert", SAMPLE_PATH, "--to", "srt", "--cue", "sentence"],
        b"",
    ));
    assert!(
        srt.starts_with(
            "1\n00:00:00,000 --> 00:00:04,435\nChip Huyen: A question that get asked a lot and a \
             lot is, \"How do we keep up to date with the latest AI news?\"\n\
             我经常被问到一个问题：“我们该如何紧跟最新的 AI 新闻？”\n\n2\n00:00:04,435 --> "
        ),
        "{srt}"
    );
    assert_eq!(srt.matches(" --> ").count(), 55);
    let wrong = run(&["convert", SAMPLE_PATH, "--cue", "word"], b"");
    assert_eq!(wrong.status.code(), Some(2));
}

#[test]
fn help_asked_for_is_printed_as_an_answer_not_an_error() {
    for asked in [&["--help"][..], &["-h"], &["help"], &["convert", "--help"]] {
        let out = run(asked, b"");
        assert_eq!(out.status.code(), Some(0), "{asked:?}");
        let usage = String::from_utf8(out.stdout).unwrap();
        assert!(
            usage.starts_with("usage: interlinear convert FILE"),
            "{asked:?}: {usage}"
        );
        assert!(out.stderr.is_empty(), "{asked:?}");
    }
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

/// A Word or OpenDocument document reads as the text it shows (tests/documents/make.py writes
/// them): the reference transcript written in Word (headings, bold and italic runs, no `---`)
/// gives the sample's turns, their emphasis too, and written in LibreOffice the same turns; Rev's
/// transcript as a Word document the turns of its text; a transcript with notes the same notes,
/// after one saying what their line numbers count.
#[test]
fn word_and_opendocument_documents_read_as_their_text_does() {
    let at = |path: &str| concat!(env!("CARGO_MANIFEST_DIR"), "/").to_owned() + path;
    let sample = "samples/chip-huyen-lennys-podcast.md";
    for (word, text, emphasis) in [
        ("tests/documents/sample.docx", sample, true),
        ("tests/documents/sample.odt", sample, false),
        ("tests/documents/rev.docx", "tests/fixtures/rev.txt", true),
        (
            "tests/documents/forgotten-time.docx",
            "tests/fixtures/forgotten-time.md",
            true,
        ),
    ] {
        let json = |path: &str| {
            let out = run(&["convert", &at(path)], b"");
            assert!(
                out.status.success(),
                "{path}: {}",
                String::from_utf8_lossy(&out.stderr)
            );
            serde_json::from_str::<serde_json::Value>(&stdout(&out)).unwrap()
        };
        let (from_word, from_text) = (json(word), json(text));
        for field in ["title", "metadata", "languages", "segments"] {
            assert_eq!(from_word[field], from_text[field], "{word}: {field}");
        }
        // Written back in the layout, which keeps emphasis: Word's bold and italic runs are the
        // text's `**` and `*`.
        let md = |path: &str| stdout(&run(&["convert", &at(path), "--to", "md"], b""));
        if emphasis {
            assert_eq!(md(word), md(text), "{word}");
        }
        assert!(from_word["segments"].as_array().unwrap().len() >= 3);
        let mut notes = from_word["diagnostics"].as_array().unwrap().clone();
        if !from_text["diagnostics"].as_array().unwrap().is_empty() {
            let first = notes.remove(0);
            assert_eq!(first["line"], 0);
            assert_eq!(
                first["message"],
                "read from a word processor's document, each paragraph a line and a blank line after it (the line numbers count them)"
            );
        }
        assert_eq!(
            notes,
            *from_text["diagnostics"].as_array().unwrap(),
            "{word}"
        );
    }
}

/// A ZIP archive that holds no Word document, or a Word document cut short, is said to be what
/// it is, in one line, and nothing is written.
#[test]
fn archives_without_a_word_document_exit_non_zero_saying_what_they_are() {
    let word = std::fs::read(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/documents/rev.docx"
    ))
    .unwrap();
    // The body's name changed wherever the archive gives it: a ZIP archive of other files.
    let renamed = String::from_utf8_lossy(&word).contains("word/document.xml");
    assert!(renamed, "the body's name is in the archive");
    let mut other = word.clone();
    for at in 0..other.len() - 17 {
        if &other[at..at + 17] == b"word/document.xml" {
            other[at..at + 17].copy_from_slice(b"word/documenz.xml");
        }
    }
    for (bytes, reason) in [
        (
            other,
            "a ZIP archive, not a Word or OpenDocument text document",
        ),
        (word[..word.len() - 30].to_vec(), "a damaged ZIP archive"),
    ] {
        let out = run(&["convert", "-"], &bytes);
        assert_eq!(out.status.code(), Some(1));
        assert!(out.stdout.is_empty());
        assert_eq!(
            String::from_utf8_lossy(&out.stderr),
            format!("interlinear: -: not a transcript: {reason}\n")
        );
    }
}

/// Two subtitle files of one film, one a language (`tests/joined/`: their cues cut a little
/// apart, one Chinese cue split in two, music only the Chinese marks), join into one bilingual
/// transcript; a second file in the same language is refused with the reason.
#[test]
fn two_files_in_two_languages_join_into_one_transcript() {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/joined");
    let (english, chinese) = (format!("{dir}/english.srt"), format!("{dir}/chinese.srt"));
    let out = run(&["convert", &english, &chinese, "--to", "srt"], b"");
    assert!(out.status.success());
    let expected = std::fs::read_to_string(format!("{dir}/joined.srt.expected")).unwrap();
    assert_eq!(stdout(&out), expected);
    assert_eq!(
        String::from_utf8(out.stderr).unwrap(),
        format!(
            "{english}: {chinese} joined as the Chinese text: 5 of its turns beside turns of \
             this one, 1 at times of their own\n"
        )
    );
    let refused = run(
        &["convert", &english, "-"],
        b"1\n00:00:01,000 --> 00:00:02,000\nHi.\n",
    );
    assert_eq!(refused.status.code(), Some(1));
    assert_eq!(
        String::from_utf8(refused.stderr).unwrap(),
        format!(
            "interlinear: -: not joined to {english}: both are in English, and only \
             transcripts in different languages are joined\n"
        )
    );
    // Dutch, in Latin letters as English is, is told by its words: joined, not refused.
    let dutch = run(
        &["convert", &english, "-", "--to", "srt"],
        b"1\n00:00:01,100 --> 00:00:03,100\nWelkom terug bij de show.\n\n\
          2\n00:00:12,000 --> 00:00:14,000\nLaten we beginnen.\n",
    );
    assert!(dutch.status.success());
    assert_eq!(
        String::from_utf8_lossy(&dutch.stderr),
        format!(
            "{english}: - joined as the Dutch text: 2 of its turns beside turns of this one, 0 \
             at times of their own\n"
        )
    );
    assert!(stdout(&dutch).starts_with(
        "1\n00:00:01,000 --> 00:00:03,200\nWelcome back to the show.\nWelkom terug bij de show.\n"
    ));
    // And Romanian, Hungarian, Czech and Finnish (here Romanian), by their words and letters.
    let romanian = run(
        &["convert", &english, "-", "--to", "srt"],
        "1\n00:00:01,100 --> 00:00:03,100\nBine ați revenit la emisiune.\n\n\
          2\n00:00:12,000 --> 00:00:14,000\nSă începem acum.\n"
            .as_bytes(),
    );
    assert_eq!(
        String::from_utf8_lossy(&romanian.stderr),
        format!(
            "{english}: - joined as the Romanian text: 2 of its turns beside turns of this one, \
             0 at times of their own\n"
        )
    );
    assert_eq!(run(&["convert", "-", "-"], b"").status.code(), Some(2));
    // The second's own warnings as it is read, then the join's note.
    let warned = run(
        &["convert", &english, "-"],
        "1\n00:00:12,000 --> 00:00:11,000\n我们开始吧。\n".as_bytes(),
    );
    assert_eq!(
        String::from_utf8(warned.stderr).unwrap(),
        format!(
            "-: line 2: cue ends before it starts; its end was ignored\n{english}: - joined as \
             the Chinese text: 1 of its turns beside turns of this one, 0 at times of their own\n"
        )
    );
}

/// `--encoding` names the encoding of a file too short for its bytes to tell (one Polish line in
/// Windows-1250 reads as Western European), and leaves UTF-8 as it is.
#[test]
fn an_encoding_named_reads_what_the_bytes_cannot_tell() {
    let polish = b"1\n00:00:01,000 --> 00:00:02,000\nDzi\xeakuj\xea bardzo.\n";
    let told = run(&["convert", "-", "--to", "srt"], polish);
    assert!(stdout(&told).contains("Dziêkujê bardzo."));
    let named = run(
        &["convert", "-", "--to", "srt", "--encoding", "windows-1250"],
        polish,
    );
    assert!(
        stdout(&named).contains("Dziękuję bardzo."),
        "{}",
        stdout(&named)
    );
    assert_eq!(
        String::from_utf8(named.stderr).unwrap(),
        "-: decoded as windows-1250\n"
    );
    let utf8 = "1\n00:00:01,000 --> 00:00:02,000\nDziękuję.\n";
    let kept = run(
        &["convert", "-", "--to", "srt", "--encoding", "windows-1250"],
        utf8.as_bytes(),
    );
    assert_eq!(stdout(&kept), format!("{utf8}\n"));
    assert!(kept.stderr.is_empty());
    let unknown = run(&["convert", "-", "--encoding", "klingon"], b"");
    assert_eq!(unknown.status.code(), Some(2));
    assert!(String::from_utf8(unknown.stderr)
        .unwrap()
        .starts_with("interlinear: unknown encoding `klingon`"));
}
