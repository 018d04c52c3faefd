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
        "not a transcript: the file holds binary data (control bytes), not text"
    );
    // A transcript with a stray NUL byte and a padding of them (a crash) reads, without them.
    let mut damaged = SAMPLE.replacen("\n", "\n\0", 1).into_bytes();
    damaged.extend([0; 512]);
    same_turns(&damaged);
    let said = core::read_with(&damaged, legacy).diagnostics[0].to_string();
    assert_eq!(
        said,
        "line 2: 513 NUL bytes (which no text has) were left out"
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
        Decoded::Legacy([LegacyEncoding::Gb18030, ..])
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
        Decoded::Legacy([LegacyEncoding::Big5, ..])
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

/// Subtitles saved in each language's legacy encoding, as subtitle sites served them before
/// UTF-8: each read as its UTF-8 original is, and the note names the encoding. The files are
/// short (three cues, as many accented letters as a short film's first minute has) and each
/// cue's English line is the same bytes in every encoding, so only the other line tells.
#[test]
fn each_language_in_its_legacy_encoding_reads_as_in_utf8() {
    use LegacyEncoding::*;
    let cases: [(&encoding_rs::Encoding, LegacyEncoding, [&str; 3]); 20] = [
        (
            encoding_rs::WINDOWS_1252,
            Windows1252,
            [
                "Ça va très bien, merci.",
                "Où est la gare ?",
                "À droite, après le café.",
            ],
        ),
        (
            encoding_rs::WINDOWS_1252,
            Windows1252,
            [
                "¿Dónde está la estación?",
                "Está muy cerca, señor.",
                "También hay un café.",
            ],
        ),
        (
            encoding_rs::WINDOWS_1252,
            Windows1252,
            [
                "Grüße aus München.",
                "Das ist schön,",
                "aber sehr teuer für uns.",
            ],
        ),
        (
            encoding_rs::WINDOWS_1252,
            Windows1252,
            [
                "Eu não sei onde você está.",
                "É muito difícil.",
                "Obrigado.",
            ],
        ),
        (
            encoding_rs::WINDOWS_1252,
            Windows1252,
            [
                "Jag vet inte vad det är.",
                "Det är så kallt här.",
                "Tack för maten.",
            ],
        ),
        (
            encoding_rs::WINDOWS_1250,
            Windows1250,
            [
                "Nie wiem, co to jest.",
                "Dziękuję bardzo, to było miłe.",
                "Już idę.",
            ],
        ),
        (
            encoding_rs::ISO_8859_2,
            Latin2,
            [
                "Wszyscy są tutaj.",
                "Świetnie, dziękuję.",
                "Źle się czuję, ale już idę.",
            ],
        ),
        (
            encoding_rs::WINDOWS_1254,
            Windows1254,
            [
                "Bunu bilmiyorum ama çok güzel.",
                "Teşekkür ederim, değil mi?",
                "Şey, evet.",
            ],
        ),
        (
            encoding_rs::WINDOWS_1251,
            Windows1251,
            ["Привет, как дела?", "Всё хорошо, спасибо.", "Я иду домой."],
        ),
        (
            encoding_rs::WINDOWS_1251,
            Windows1251,
            ["Добрий день!", "Як справи?", "Дякую, все добре."],
        ),
        (
            encoding_rs::KOI8_R,
            Koi8R,
            ["Привет, как дела?", "Всё хорошо, спасибо.", "Я иду домой."],
        ),
        (
            encoding_rs::KOI8_U,
            Koi8U,
            ["Привіт, як справи?", "Дякую, все гаразд.", "Їжак і білка."],
        ),
        (
            encoding_rs::WINDOWS_1253,
            Windows1253,
            ["Καλημέρα, τι κάνεις;", "Είμαι καλά,", "ευχαριστώ πολύ."],
        ),
        (
            encoding_rs::WINDOWS_1255,
            Windows1255,
            ["שלום, מה שלומך?", "אני בסדר,", "תודה רבה."],
        ),
        (
            encoding_rs::WINDOWS_1256,
            Windows1256,
            ["مرحبا، كيف حالك؟", "أنا بخير،", "شكرا جزيلا."],
        ),
        (
            encoding_rs::WINDOWS_874,
            Windows874,
            ["สวัสดีครับ", "คุณสบายดีไหม", "ขอบคุณมากครับ"],
        ),
        (
            encoding_rs::SHIFT_JIS,
            ShiftJis,
            [
                "こんにちは。",
                "今日はいい天気ですね。",
                "ありがとうございます。",
            ],
        ),
        (
            encoding_rs::EUC_JP,
            EucJp,
            [
                "こんにちは。",
                "今日はいい天気ですね。",
                "ありがとうございます。",
            ],
        ),
        (
            encoding_rs::EUC_KR,
            EucKr,
            ["안녕하세요.", "오늘 날씨가 좋네요.", "감사합니다."],
        ),
        (
            encoding_rs::GBK,
            Gb18030,
            ["你好。", "今天天气很好。", "谢谢你的邀请。"],
        ),
    ];
    let english = [
        "Hello, how are you?",
        "Where is it?",
        "Thank you very much.",
    ];
    for (encoding, expected, lines) in cases {
        let srt: String = (0..3)
            .map(|i| {
                format!(
                    "{}\n00:00:0{},000 --> 00:00:0{},500\n{}\n{}\n\n",
                    i + 1,
                    i * 2,
                    i * 2 + 1,
                    english[i],
                    lines[i]
                )
            })
            .collect();
        let (bytes, _, unmappable) = encoding.encode(&srt);
        assert!(!unmappable, "{srt}");
        let doc = core::read_with(&bytes, legacy);
        assert_eq!(doc.turns, core::read_str(&srt).turns, "{}", expected.name());
        assert_eq!(
            doc.diagnostics[0].to_string(),
            format!("decoded as {}", expected.name())
        );
    }
}

/// One caption alone, a few letters to judge by: the encodings' own letters, the commonest
/// words and what reads as no text still tell, for all but a few (`Да.` is one Korean syllable in
/// EUC-KR, a short Arabic or Thai line reads as Chinese in GB18030, `Dziękuję` as `Dziêkujê`,
/// `ВНИМАНИЕ!` in KOI8-R as Hebrew and ISO-8859-2's `všechno` as Windows-1250's `vąechno`:
/// with more lines they read right, above).
#[test]
fn one_line_reads_in_its_legacy_encoding() {
    use encoding_rs::*;
    let lines: [(&Encoding, &str); 44] = [
        (WINDOWS_1252, "Ça va très bien, merci."),
        (WINDOWS_1252, "Où est la gare ?"),
        (WINDOWS_1252, "À droite, après le café."),
        (WINDOWS_1252, "¿Dónde está la estación?"),
        (WINDOWS_1252, "Señor García."),
        (WINDOWS_1252, "Grüße aus München."),
        (WINDOWS_1252, "Das ist schön."),
        (WINDOWS_1252, "Eu não sei."),
        (WINDOWS_1252, "É muito difícil."),
        (WINDOWS_1252, "Det är så kallt här."),
        (WINDOWS_1252, "Ik weet het niet, één keer."),
        (WINDOWS_1252, "C´est l´été."),
        (WINDOWS_1250, "Już idę."),
        (WINDOWS_1250, "Příliš žluťoučký kůň úpěl ďábelské ódy."),
        (WINDOWS_1250, "Zażółć gęślą jaźń."),
        (ISO_8859_2, "Wszyscy są tutaj."),
        (ISO_8859_2, "Šťastný nový rok."),
        (WINDOWS_1250, "Šťastný nový rok."),
        (ISO_8859_2, "Příliš žluťoučký kůň úpěl ďábelské ódy."),
        (WINDOWS_1254, "Teşekkür ederim."),
        (WINDOWS_1254, "Şey, evet."),
        (WINDOWS_1254, "Nasılsın?"),
        (WINDOWS_1251, "Привет, как дела?"),
        (WINDOWS_1251, "Спасибо большое."),
        (WINDOWS_1251, "Дякую."),
        (WINDOWS_1251, "да, конечно."),
        (KOI8_R, "Привет, как дела?"),
        (KOI8_R, "Спасибо большое."),
        (KOI8_R, "да, конечно."),
        (KOI8_R, "я не знаю, что сказать."),
        (KOI8_U, "Їжак і білка."),
        (WINDOWS_1253, "Καλημέρα."),
        (WINDOWS_1253, "Ναι."),
        (WINDOWS_1253, "Ευχαριστώ πολύ."),
        (WINDOWS_1255, "שלום."),
        (WINDOWS_1255, "תודה רבה."),
        (WINDOWS_1256, "مرحبا بك."),
        (SHIFT_JIS, "はい。"),
        (SHIFT_JIS, "東京へ行きます。"),
        (EUC_JP, "東京へ行きます。"),
        (EUC_JP, "ありがとうございます。"),
        (EUC_KR, "감사합니다."),
        (GBK, "我们今天聊聊人工智能。"),
        (BIG5, "謝謝你。"),
    ];
    for (encoding, line) in lines {
        let srt = format!("1\n00:00:01,000 --> 00:00:02,000\n{line}\n");
        let (bytes, _, _) = encoding.encode(&srt);
        let doc = core::read_with(&bytes, legacy);
        assert_eq!(
            doc.turns[0].blocks[0].plain_text(),
            line,
            "{}",
            encoding.name()
        );
    }
}

/// Korean SAMI captions as they were shared, in EUC-KR: read as their UTF-8 original is.
#[test]
fn korean_sami_in_euc_kr() {
    let smi = include_str!("fixtures/korean-english.smi");
    let (bytes, _, unmappable) = encoding_rs::EUC_KR.encode(smi);
    assert!(!unmappable);
    let doc = core::read_with(&bytes, legacy);
    assert_eq!(doc.format, core::Format::Sami);
    assert_eq!(doc.turns, core::read_str(smi).turns);
    assert_eq!(doc.diagnostics[0].to_string(), "decoded as EUC-KR (Korean)");
}

/// UTF-8 with a byte lost here and there stays UTF-8, its bad bytes replaced and noted, rather
/// than read as a legacy encoding that would garble every character it got right.
#[test]
fn damaged_utf8_stays_utf8() {
    let mut bytes = "1\n00:00:01,000 --> 00:00:02,000\nÇa va très bien, merci.\n大家好。\n"
        .as_bytes()
        .to_vec();
    bytes.insert(40, 0xE9); // a Latin-1 `é` among UTF-8
    let doc = core::read_with(&bytes, legacy);
    let text = doc.turns[0].blocks[0].plain_text();
    assert!(text.contains("t\u{FFFD}rès bien"), "{text}");
    assert_eq!(
        doc.diagnostics[0].to_string(),
        "line 3: bytes that are not valid UTF-8 were replaced with \u{FFFD}"
    );
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

/// A file written on one line, longer than the sample the encodings are judged on: judged whole,
/// since a sample cut anywhere may cut a Shift_JIS character in two (here it would: the line
/// starts with an odd number of bytes before its two-byte characters).
#[test]
fn a_long_line_in_a_double_byte_encoding_is_judged_whole() {
    let text = format!(
        "[00:00:01] 話者 AB\n{}\n",
        "今日はいい天気ですね。".repeat(4_000)
    )
    .replace('\n', " ");
    let (bytes, _, _) = encoding_rs::SHIFT_JIS.encode(&text);
    assert!(bytes.len() > 64 * 1024);
    let doc = core::read_with(&bytes, legacy);
    assert_eq!(
        doc.diagnostics[0].to_string(),
        "decoded as Shift_JIS (Japanese)"
    );
}

/// Each encoding a reader may choose is one the platform's decoders know by its label, and is
/// found again by the name its note gives.
#[test]
fn every_encoding_is_known_by_its_label_and_its_name() {
    for encoding in LegacyEncoding::ALL {
        let found = encoding_rs::Encoding::for_label(encoding.label().as_bytes());
        assert!(found.is_some(), "{}", encoding.label());
        assert_eq!(LegacyEncoding::named(encoding.name()), Some(encoding));
        assert_eq!(LegacyEncoding::labelled(encoding.label()), Some(encoding));
    }
    let names: std::collections::HashSet<_> =
        LegacyEncoding::ALL.iter().map(|e| e.name()).collect();
    assert_eq!(names.len(), LegacyEncoding::ALL.len());
}
