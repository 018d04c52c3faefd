//! Every encoding a transcript arrives in reads to the same document as the UTF-8 original.

#![cfg(not(target_arch = "wasm32"))]

use interlinear::core::{self, Decoded, LegacyEncoding};

const SAMPLE: &str = include_str!("../samples/chip-huyen-lennys-podcast.md");

fn legacy(encoding: LegacyEncoding, bytes: &[u8]) -> Option<String> {
    let decoder = encoding_rs::Encoding::for_label(encoding.label().as_bytes())?;
    let (text, _, errors) = decoder.decode(bytes);
    (!errors).then(|| text.into_owned())
}

fn same_turns(bytes: &[u8]) {
    let expected = core::read_str(SAMPLE);
    let doc = core::read_with(bytes, legacy);
    assert_eq!(doc.turns, expected.turns);
    assert_eq!(doc.title, expected.title);
    assert_eq!(doc.metadata, expected.metadata);
}

#[test]
fn utf8_bom_and_utf16_with_bom() {
    same_turns(format!("\u{FEFF}{SAMPLE}").as_bytes());
    let le: Vec<u8> = [0xFF, 0xFE]
        .into_iter()
        .chain(SAMPLE.encode_utf16().flat_map(u16::to_le_bytes))
        .collect();
    let be: Vec<u8> = [0xFE, 0xFF]
        .into_iter()
        .chain(SAMPLE.encode_utf16().flat_map(u16::to_be_bytes))
        .collect();
    same_turns(&le);
    same_turns(&be);
}

#[test]
fn utf16_without_bom_in_either_order() {
    for unit in [u16::to_le_bytes, u16::to_be_bytes] {
        let bytes: Vec<u8> = SAMPLE.encode_utf16().flat_map(unit).collect();
        same_turns(&bytes);
    }
    // Chinese alone but for its times and line ends, as a Chinese-only transcript is.
    let chinese =
        "[00:00:01] 主持人\n大家好，欢迎收听本节目。\n\n[00:00:05] 嘉宾\n谢谢你的邀请。\n";
    let bytes: Vec<u8> = chinese.encode_utf16().flat_map(u16::to_le_bytes).collect();
    assert_eq!(core::read_with(&bytes, legacy).turns.len(), 2);
    // Binary data, NUL bytes on both sides of its pairs, is still named as such.
    let binary: Vec<u8> = (0..64u8).flat_map(|i| [i % 3, 0, 0, i]).collect();
    assert_eq!(
        core::read_with(&binary, legacy)
            .unreadable()
            .unwrap()
            .to_string(),
        "not a transcript: the file holds binary data (NUL bytes), not text"
    );
}

#[test]
fn crlf_and_cr_line_ends() {
    same_turns(SAMPLE.replace('\n', "\r\n").as_bytes());
    same_turns(SAMPLE.replace('\n', "\r").as_bytes());
}

/// GBK as Windows saves simplified Chinese; the sample's `•` and curly quotes exist in GBK too.
#[test]
fn gb18030_is_recognised_and_decoded() {
    let (bytes, _, unmappable) = encoding_rs::GB18030.encode(SAMPLE);
    assert!(!unmappable);
    assert!(matches!(
        core::decode(&bytes),
        Decoded::Legacy(LegacyEncoding::Gb18030)
    ));
    same_turns(&bytes);
}

/// Big5 as Windows saves traditional Chinese. Big5 lacks some simplified characters, so this
/// uses a traditional-character transcript.
#[test]
fn big5_is_recognised_and_decoded() {
    let text = "[00:00:00] 主持人\n\nEnglish:\n\nWelcome to the show.\n\n中文翻譯:\n\n歡迎收聽本節目，我們今天談談人工智慧產品。\n\n[00:00:05] 來賓\n\nEnglish:\n\nThanks.\n\n中文:\n\n謝謝，很高興來到這裡。\n";
    let (bytes, _, unmappable) = encoding_rs::BIG5.encode(text);
    assert!(!unmappable);
    assert!(matches!(
        core::decode(&bytes),
        Decoded::Legacy(LegacyEncoding::Big5)
    ));
    let doc = core::read_with(&bytes, legacy);
    assert_eq!(doc.turns.len(), 2);
    assert_eq!(doc.speakers, vec!["主持人", "來賓"]);
    assert!(doc.turns[1]
        .block(core::Lang::Zh)
        .unwrap()
        .plain_text()
        .starts_with("謝謝"));
}

#[test]
fn legacy_text_without_a_decoder_is_reported_not_garbled() {
    let (bytes, _, _) = encoding_rs::GB18030.encode(SAMPLE);
    let doc = core::read_with(&bytes, |_, _| None);
    assert!(doc.turns.is_empty());
    assert!(doc.unreadable().unwrap().to_string().contains("GB18030"));
}

#[test]
fn binary_files_are_named() {
    let png = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR";
    let doc = core::read_with(png, legacy);
    assert_eq!(
        doc.unreadable().unwrap().to_string(),
        "not a transcript: the file is a PNG image"
    );
    // An older Word document (OLE2): what to do about it is said.
    let doc = core::read_with(b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1\0\0\0\0", legacy);
    assert_eq!(
        doc.unreadable().unwrap().to_string(),
        "not a transcript: the file is an older Word or Office document (.doc); saved as a Word document (.docx), it reads"
    );
    // Rich Text (text, but its control words are no transcript's): what to do about it is said.
    let doc = core::read_with(b"{\\rtf1\\ansi Hello}", legacy);
    assert_eq!(
        doc.unreadable().unwrap().to_string(),
        "not a transcript: the file is an RTF document; saved as a Word document (.docx) or as plain text, it reads"
    );
    let empty = core::read_with(b"  \n\n", legacy);
    assert_eq!(empty.unreadable().unwrap().to_string(), "the file is empty");
}
