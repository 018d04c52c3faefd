//! Bytes to text: which encoding a dropped file is in, and whether it is text at all.
//!
//! UTF-8 (with or without BOM) and UTF-16 are decoded here. The legacy encodings text saved on
//! Windows (and Unix before UTF-8) is in (GB18030/GBK, Big5, Shift_JIS, EUC-JP and EUC-KR; the
//! single-byte code pages of Western and Central Europe, Cyrillic, Greek, Turkish, Hebrew,
//! Arabic and Thai, KOI8 and ISO-8859-2) are only *recognised*
//! here: decoding them needs tables, which the browser already has (`TextDecoder`) and the
//! native CLI takes from a crate. So [`decode`] answers [`Decoded::Legacy`] with the encodings
//! the bytes may be in, and the caller decodes ([`choose_legacy`] asks it to decode a sample in
//! each and keeps the one that reads as text); this keeps the tables out of the WebAssembly
//! bundle.

use std::borrow::Cow;

use super::model::{Diagnostic, DiagnosticKind};
use super::Pause;

/// The outcome of looking at a file's bytes.
#[derive(Debug)]
pub enum Decoded<'a> {
    /// Text, with notes on how it was decoded (replaced bytes, UTF-16).
    Text(Cow<'a, str>, Vec<Diagnostic>),
    /// Text in a legacy encoding, one of these (the likeliest first); the caller decodes it with a
    /// table decoder ([`choose_legacy`]).
    Legacy(&'static [LegacyEncoding]),
    /// Not text at all; the reason names what it looks like.
    NotText(String),
}

/// Legacy encodings that text saved on Windows (and subtitles from before UTF-8) is commonly in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LegacyEncoding {
    /// GB18030 (a superset of GBK and GB2312): mainland China.
    Gb18030,
    /// Big5: Taiwan and Hong Kong.
    Big5,
    /// Japanese, as Windows saves it.
    ShiftJis,
    /// Japanese, as Unix saved it.
    EucJp,
    /// Korean (as the WHATWG names Windows' code page 949, its superset).
    EucKr,
    Windows1252,
    Windows1250,
    Windows1254,
    Windows1253,
    Windows1255,
    Windows1256,
    Windows1251,
    /// Russian, as Unix and email wrote it.
    Koi8R,
    /// Ukrainian, as KOI8-R with its letters `і ї є ґ`.
    Koi8U,
    /// ISO-8859-2: Polish, Czech and their neighbours, as Unix and the web wrote them.
    Latin2,
    Windows874,
}

impl LegacyEncoding {
    /// Every one, as a reader choosing among them looks for one: the single-byte code pages from
    /// west to east, then the double-byte encodings.
    pub const ALL: [LegacyEncoding; 16] = {
        use LegacyEncoding::*;
        [
            Windows1252,
            Windows1250,
            Latin2,
            Windows1254,
            Windows1253,
            Windows1251,
            Koi8R,
            Koi8U,
            Windows1255,
            Windows1256,
            Windows874,
            Gb18030,
            Big5,
            ShiftJis,
            EucJp,
            EucKr,
        ]
    };

    /// The one whose [`name`](Self::name) is `name`, as a note names it.
    pub fn named(name: &str) -> Option<LegacyEncoding> {
        Self::ALL.into_iter().find(|e| e.name() == name)
    }

    /// The one whose [`label`](Self::label) is `label`.
    pub fn labelled(label: &str) -> Option<LegacyEncoding> {
        Self::ALL.into_iter().find(|e| e.label() == label)
    }

    /// The WHATWG encoding label, as `TextDecoder` and encoding_rs take it.
    pub fn label(self) -> &'static str {
        self.names().0
    }

    /// Its name, and the languages it is for, in messages.
    pub fn name(self) -> &'static str {
        self.names().1
    }

    fn names(self) -> (&'static str, &'static str) {
        use LegacyEncoding::*;
        match self {
            Gb18030 => ("gb18030", "GB18030 (Simplified Chinese)"),
            Big5 => ("big5", "Big5 (Traditional Chinese)"),
            ShiftJis => ("shift_jis", "Shift_JIS (Japanese)"),
            EucJp => ("euc-jp", "EUC-JP (Japanese)"),
            EucKr => ("euc-kr", "EUC-KR (Korean)"),
            Windows1252 => ("windows-1252", "Windows-1252 (Western European)"),
            Windows1250 => ("windows-1250", "Windows-1250 (Central European)"),
            Windows1254 => ("windows-1254", "Windows-1254 (Turkish)"),
            Windows1253 => ("windows-1253", "Windows-1253 (Greek)"),
            Windows1255 => ("windows-1255", "Windows-1255 (Hebrew)"),
            Windows1256 => ("windows-1256", "Windows-1256 (Arabic)"),
            Windows1251 => ("windows-1251", "Windows-1251 (Cyrillic)"),
            Koi8R => ("koi8-r", "KOI8-R (Russian)"),
            Koi8U => ("koi8-u", "KOI8-U (Ukrainian)"),
            Latin2 => ("iso-8859-2", "ISO-8859-2 (Central European)"),
            Windows874 => ("windows-874", "Windows-874 (Thai)"),
        }
    }
}

/// The single-byte code pages a file may be in (with the feature `code-pages`).
#[cfg(feature = "code-pages")]
use super::code_pages::SINGLE_BYTE;
#[cfg(not(feature = "code-pages"))]
const SINGLE_BYTE: &[LegacyEncoding] = &[];

/// Looks at `bytes` and decodes them if that needs no tables.
pub fn decode(bytes: &[u8]) -> Decoded<'_> {
    if let Some(rest) = bytes.strip_prefix(b"\xEF\xBB\xBF") {
        return utf8(rest);
    }
    if let Some(rest) = bytes.strip_prefix(b"\xFF\xFE") {
        return utf16(rest, u16::from_le_bytes);
    }
    if let Some(rest) = bytes.strip_prefix(b"\xFE\xFF") {
        return utf16(rest, u16::from_be_bytes);
    }
    if let Some(unit) = utf16_without_bom(bytes) {
        return utf16(bytes, unit);
    }
    if let Some(kind) = binary_kind(bytes) {
        return Decoded::NotText(kind);
    }
    if has_nul_bytes_at_its_ends(bytes) {
        return without_nul_bytes(bytes);
    }
    if let Ok(text) = simdutf8::basic::from_utf8(bytes) {
        return Decoded::Text(Cow::Borrowed(text), Vec::new());
    }
    if looks_double_byte(bytes) {
        return Decoded::Legacy(guess_double_byte(bytes));
    }
    #[cfg(feature = "code-pages")]
    if !super::code_pages::mostly_utf8(bytes) {
        return Decoded::Legacy(SINGLE_BYTE);
    }
    utf8(bytes) // damaged UTF-8: its bad bytes replaced, with a note
}

/// UTF-8 is checked this many bytes at a time by [`decode_pausing`].
pub(crate) const CHECKED_AT_A_TIME: usize = 1 << 18;

/// [`decode`], checking a UTF-8 text a piece at a time and asking `pause` between pieces: a
/// 10 MB file takes the browser build some 15 ms to check, too long to hold the page for.
pub async fn decode_pausing<'a>(bytes: &'a [u8], pause: &mut Pause<'_>) -> Decoded<'a> {
    let body = match bytes.strip_prefix(b"\xEF\xBB\xBF") {
        Some(rest) => rest,
        None if bytes.starts_with(b"\xFF\xFE")
            || bytes.starts_with(b"\xFE\xFF")
            || utf16_without_bom(bytes).is_some() =>
        {
            return decode(bytes)
        }
        None if binary_kind(bytes).is_some() || has_nul_bytes_at_its_ends(bytes) => {
            return decode(bytes)
        }
        None => bytes,
    };
    let mut from = 0;
    while from < body.len() {
        let mut to = (from + CHECKED_AT_A_TIME).min(body.len());
        // Cut before a character's first byte, so that valid text is valid piece by piece.
        while to < body.len() && body[to] & 0xC0 == 0x80 && to - from < CHECKED_AT_A_TIME + 3 {
            to += 1;
        }
        if simdutf8::basic::from_utf8(&body[from..to]).is_err() {
            // Not UTF-8 (or damaged): what that is, legacy or replaced bytes, is decode's to say.
            return decode(bytes);
        }
        from = to;
        if let Some(paused) = pause() {
            paused.await;
        }
    }
    // SAFETY: each piece `body[from..to]` was checked to be valid UTF-8 above, the pieces cover
    // `body` end to end, and a concatenation of valid UTF-8 strings is valid UTF-8.
    let text = unsafe { std::str::from_utf8_unchecked(body) };
    Decoded::Text(Cow::Borrowed(text), Vec::new())
}

fn utf8(bytes: &[u8]) -> Decoded<'_> {
    match simdutf8::basic::from_utf8(bytes) {
        Ok(text) => Decoded::Text(Cow::Borrowed(text), Vec::new()),
        Err(_) => {
            let first_bad = std::str::from_utf8(bytes)
                .err()
                .map_or(0, |e| e.valid_up_to());
            let line = line_of(bytes, first_bad);
            let diagnostic = Diagnostic {
                line,
                kind: DiagnosticKind::InvalidBytes { encoding: "UTF-8" },
            };
            Decoded::Text(String::from_utf8_lossy(bytes), vec![diagnostic])
        }
    }
}

fn utf16(bytes: &[u8], unit: fn([u8; 2]) -> u16) -> Decoded<'static> {
    let units = bytes
        .chunks(2)
        .map(|c| unit([c[0], *c.get(1).unwrap_or(&0)]));
    let mut text = String::with_capacity(bytes.len());
    let mut first_bad: Option<usize> = None;
    for c in char::decode_utf16(units) {
        match c {
            Ok(c) => text.push(c),
            Err(_) => {
                first_bad.get_or_insert(text.len());
                text.push(char::REPLACEMENT_CHARACTER);
            }
        }
    }
    let mut diagnostics = vec![Diagnostic {
        line: 0,
        kind: DiagnosticKind::Decoded { encoding: "UTF-16" },
    }];
    if bytes.len() % 2 == 1 || first_bad.is_some() {
        let line = first_bad.map_or(0, |at| line_of(text.as_bytes(), at));
        diagnostics.push(Diagnostic {
            line,
            kind: DiagnosticKind::InvalidBytes { encoding: "UTF-16" },
        });
    }
    Decoded::Text(Cow::Owned(text), diagnostics)
}

/// Whether a text has NUL bytes in its first or last 8 KB, too few for binary data
/// ([`binary_kind`]): a file padded with them in a crash, or damaged near its start. (Only
/// there: a look through the whole of a 10 MB file would cost a twentieth of its reading. One
/// in the middle stays, an invisible U+0000.)
fn has_nul_bytes_at_its_ends(bytes: &[u8]) -> bool {
    const ENDS: usize = 8192;
    let tail = bytes.len().saturating_sub(ENDS).max(ENDS.min(bytes.len()));
    memchr::memchr(0, &bytes[..ENDS.min(bytes.len())]).is_some()
        || memchr::memchr(0, &bytes[tail..]).is_some()
}

/// A text with NUL bytes in it ([`has_nul_bytes_at_its_ends`]). They are no text's characters,
/// so the text is read without them, all of them, and that is said at the first one's line.
/// (Decoded by the platform, a legacy encoding keeps them, as U+0000.)
fn without_nul_bytes(bytes: &[u8]) -> Decoded<'static> {
    let kept: Vec<u8> = bytes.iter().copied().filter(|&b| b != 0).collect();
    let first = memchr::memchr(0, bytes).unwrap_or_default();
    let said = Diagnostic {
        line: line_of(bytes, first),
        kind: DiagnosticKind::NulBytesLeftOut {
            count: bytes.len() - kept.len(),
        },
    };
    match decode(&kept) {
        Decoded::Text(text, mut diagnostics) => {
            diagnostics.insert(0, said);
            Decoded::Text(Cow::Owned(text.into_owned()), diagnostics)
        }
        Decoded::Legacy(told) => Decoded::Legacy(told),
        Decoded::NotText(why) => Decoded::NotText(why),
    }
}

/// `text` with its control characters but the tab and the line ends made text: a word
/// processor's line and page breaks (vertical tab and form feed, which Word's text holds, and
/// text pasted from it) line ends, a stray escape or bell, or DEL, a space. Shown they are
/// nothing, or a box; written out, an XML file cannot hold them and a captions player may stop
/// at one. One byte for one, so every offset into the text stays where it was (a line number
/// counts a line break as a line).
pub fn controls_as_text(text: &str) -> Cow<'_, str> {
    match has_controls(text.as_bytes()) {
        true => Cow::Owned(controls_replaced(text, true)),
        false => Cow::Borrowed(text),
    }
}

/// `text` with each control character a space, or (`line_breaks`) a vertical tab or form feed a
/// line end: byte for byte, each ASCII made ASCII, so the text stays UTF-8.
fn controls_replaced(text: &str, line_breaks: bool) -> String {
    let as_text = |b: u8| match b {
        0x0B | 0x0C if line_breaks => b'\n',
        b if is_control(b) => b' ',
        b => b,
    };
    String::from_utf8(text.bytes().map(as_text).collect()).unwrap_or_default()
}

/// The control characters of a document read from JSON, which writes them escaped (`\f`,
/// `\u000b`, past [`controls_as_text`]), each a space: in its text, its notes, its speakers'
/// names and its title. (Its reader gives back every string as written: a JSON file of ours
/// is read back as it was written.)
pub(crate) fn escaped_controls_as_spaces(doc: &mut crate::Document) {
    let as_spaces = |text: &mut String| {
        if has_controls(text.as_bytes()) {
            *text = controls_replaced(text, false);
        }
    };
    for turn in &mut doc.turns {
        let paragraphs = turn.blocks.iter_mut().flat_map(|b| &mut b.paragraphs);
        paragraphs.for_each(|p| as_spaces(&mut p.text));
        turn.notes.iter_mut().for_each(|n| as_spaces(&mut n.text));
    }
    let names = doc.title.iter_mut().chain(&mut doc.metadata);
    names.chain(&mut doc.speakers).for_each(as_spaces);
    // Found by their names as they were: placed again when next looked for.
    doc.speaker_index = Default::default();
}

/// What a character escaped in HTML or XML (`&#11;`) reads as: a control character
/// ([`controls_as_text`]) a space (in a line, where a line end would be its end), any other
/// itself.
pub(crate) fn control_as_space(c: char) -> char {
    match u8::try_from(c) {
        Ok(b) if is_control(b) => ' ',
        _ => c,
    }
}

/// A control character other than the tab and the line ends, which are a text's.
fn is_control(b: u8) -> bool {
    (b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r')) || b == 0x7F
}

/// Whether any of `bytes` [`is_control`]: asked of every text read, which nearly never has one,
/// so sixteen bytes are asked at a time, with the SIMD of the machine (the compiler's own
/// vectorising of the byte-at-a-time test took a fifth of the time of reading a file of
/// captions, a twentieth of it this way).
#[inline(never)] // (Its loop, once in the WebAssembly, not in each caller.)
fn has_controls(bytes: &[u8]) -> bool {
    let (blocks, rest) = bytes.as_chunks::<16>();
    rest.iter().any(|&b| is_control(b)) || blocks_have_controls(blocks)
}

#[cfg(target_arch = "x86_64")]
fn blocks_have_controls(blocks: &[[u8; 16]]) -> bool {
    use core::arch::x86_64::*;
    // SAFETY: SSE2 is part of x86-64, every processor of it has it; each load is of a block's
    // sixteen readable bytes, and an unaligned load needs no alignment. (Bytes compare as
    // signed: "below 0x20" is "the lesser of it and 0x1F is it", unsigned.)
    unsafe {
        let mut seen = _mm_setzero_si128();
        for block in blocks {
            let b = _mm_loadu_si128(block.as_ptr().cast());
            let below = _mm_cmpeq_epi8(_mm_min_epu8(b, _mm_set1_epi8(0x1F)), b);
            let line = _mm_or_si128(
                _mm_or_si128(
                    _mm_cmpeq_epi8(b, _mm_set1_epi8(b'\t' as i8)),
                    _mm_cmpeq_epi8(b, _mm_set1_epi8(b'\n' as i8)),
                ),
                _mm_cmpeq_epi8(b, _mm_set1_epi8(b'\r' as i8)),
            );
            let del = _mm_cmpeq_epi8(b, _mm_set1_epi8(0x7F));
            seen = _mm_or_si128(seen, _mm_or_si128(_mm_andnot_si128(line, below), del));
        }
        _mm_movemask_epi8(seen) != 0
    }
}

#[cfg(all(target_arch = "wasm32", target_feature = "simd128"))]
fn blocks_have_controls(blocks: &[[u8; 16]]) -> bool {
    use core::arch::wasm32::*;
    let mut seen = u8x16_splat(0);
    for block in blocks {
        // SAFETY: `block` is sixteen readable bytes; v128_load needs no alignment.
        let b = unsafe { v128_load(block.as_ptr().cast()) };
        let below = u8x16_lt(b, u8x16_splat(0x20));
        let line = v128_or(
            v128_or(
                u8x16_eq(b, u8x16_splat(b'\t')),
                u8x16_eq(b, u8x16_splat(b'\n')),
            ),
            u8x16_eq(b, u8x16_splat(b'\r')),
        );
        let del = u8x16_eq(b, u8x16_splat(0x7F));
        seen = v128_or(seen, v128_or(v128_andnot(below, line), del));
    }
    v128_any_true(seen)
}

#[cfg(not(any(
    target_arch = "x86_64",
    all(target_arch = "wasm32", target_feature = "simd128")
)))]
fn blocks_have_controls(blocks: &[[u8; 16]]) -> bool {
    blocks.as_flattened().iter().any(|&b| is_control(b))
}

/// 1-based line holding byte `at` (counted on asking: for diagnostics, not per line read).
pub(crate) fn line_of(bytes: &[u8], at: usize) -> u32 {
    let before = &bytes[..at.min(bytes.len())];
    (memchr::memchr_iter(b'\n', before).count() + 1) as u32
}

/// UTF-16 saved without its byte order mark, as some Windows tools do, and in which order:
/// every letter, digit, space and line end of the Latin script has a NUL byte beside it, on the
/// same side of each pair (on the other side, only a rare CJK character ending in one). A
/// transcript has many of those, whatever its languages: its times, its line ends. Binary data
/// has NUL bytes on both sides.
fn utf16_without_bom(bytes: &[u8]) -> Option<fn([u8; 2]) -> u16> {
    let head = &bytes[..bytes.len().min(8192) & !1];
    let pairs = head.len() / 2;
    if pairs < 8 {
        return None;
    }
    let (mut first, mut second) = (0, 0);
    for pair in head.chunks_exact(2) {
        match pair {
            [0, b] if *b != 0 => first += 1,
            [a, 0] if *a != 0 => second += 1,
            _ => {}
        }
    }
    let one_sided = |nul: usize, other: usize| nul * 4 >= pairs && other * 32 <= pairs;
    if one_sided(second, first) {
        Some(u16::from_le_bytes)
    } else if one_sided(first, second) {
        Some(u16::from_be_bytes)
    } else {
        None
    }
}

/// Names binary content: well-known file signatures, or control bytes that no text has, NUL
/// among them, more than a damaged text would hold.
fn binary_kind(bytes: &[u8]) -> Option<String> {
    const SIGNATURES: &[(&[u8], &str)] = &[
        (b"\x89PNG", "a PNG image"),
        (b"GIF8", "a GIF image"),
        (b"\xFF\xD8\xFF", "a JPEG image"),
        (b"%PDF", "a PDF document"),
        (
            b"{\\rtf",
            "an RTF document; saved as a Word document (.docx) or as plain text, it reads",
        ),
        (b"PK\x03\x04", "a ZIP archive (or an Office document)"),
        (
            b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1",
            "an older Word or Office document (.doc); saved as a Word document (.docx), it reads",
        ),
        (b"ID3", "an MP3 audio file"),
        (b"OggS", "an Ogg audio file"),
        (b"fLaC", "a FLAC audio file"),
        (b"RIFF", "a RIFF file (WAV audio or WebP image)"),
        (b"\x1F\x8B", "a gzip archive"),
        (b"\x00asm", "a WebAssembly module"),
    ];
    for (magic, name) in SIGNATURES {
        if bytes.starts_with(magic) {
            return Some(format!("the file is {name}"));
        }
    }
    if bytes.len() >= 12 && &bytes[4..8] == b"ftyp" {
        return Some("the file is an MP4/M4A media file".into());
    }
    // Counted in the head, where a run of NULs (a file padded in a crash) counts once: binary
    // data has them throughout; a text damaged in a place or two reads ([`without_nul_bytes`]).
    // (Tab, the line ends, form feed and escape, which logs' colours use, are a text's.)
    let head = &bytes[..bytes.len().min(8192)];
    let controls = head
        .iter()
        .zip(std::iter::once(&1).chain(head))
        .filter(|&(&b, &before)| {
            matches!(b, 1..=8 | 0x0E..=0x1A | 0x1C..=0x1F) || (b == 0 && before != 0)
        })
        .count();
    (controls > CONTROLS_IN_A_DAMAGED_TEXT)
        .then(|| "the file holds binary data (control bytes), not text".into())
}

/// How many control bytes (see [`binary_kind`]) a text's first 8 KB may hold.
const CONTROLS_IN_A_DAMAGED_TEXT: usize = 8;

/// Whether every non-ASCII byte pairs up as a double-byte (or GB18030 four-byte) character.
fn looks_double_byte(bytes: &[u8]) -> bool {
    let mut i = 0;
    let mut pairs = 0usize;
    while i < bytes.len() {
        let b = bytes[i];
        if b < 0x80 {
            i += 1;
            continue;
        }
        if !(0x81..=0xFE).contains(&b) {
            return false;
        }
        let Some(&t) = bytes.get(i + 1) else {
            return false;
        };
        if (0x30..=0x39).contains(&t) {
            // GB18030 four-byte sequence.
            match (bytes.get(i + 2), bytes.get(i + 3)) {
                (Some(0x81..=0xFE), Some(0x30..=0x39)) => i += 4,
                _ => return false,
            }
        } else if (0x40..=0xFE).contains(&t) && t != 0x7F {
            i += 2;
        } else {
            return false;
        }
        pairs += 1;
    }
    pairs > 0
}

/// Which double-byte encoding, from byte statistics. GB18030's four-byte forms settle it
/// outright. Shift_JIS writes kana, most of Japanese, with lead bytes 0x82 and 0x83, where GBK
/// has only rare characters and Big5 none. Common GB2312 hanzi and punctuation have both bytes
/// in 0xA1..=0xFE, while about a third of Big5's common characters (and its `，` `。`) have a
/// trail byte in 0x40..=0x7E. EUC-JP writes kana with lead bytes 0xA4 and 0xA5 and a trail from
/// 0xA1, where GB2312 has the same kana, which Chinese does not write, and EUC-KR Hangul's
/// loose letters and Roman numerals, seldom written (`ㅋㅋ` is: a fifth of the characters
/// tells, as Japanese has kana in most sentences; Big5's common hanzi there are told by the
/// trail bytes before). EUC-KR's Hangul syllables have lead bytes 0xB0..=0xC8 alone
/// (above are the Hanja, seldom written), where half of Chinese text's hanzi lie above.
/// Western European text passes for double-byte wherever each accented letter is followed by a
/// letter (`für`), and a short Cyrillic or Greek line may too, so the single-byte encodings are
/// judged with it by what they decode to: after it, where most pairs have a lead byte of the
/// common characters (0xA1..=0xD7: punctuation, GB2312's first level, Hangul, Big5's common
/// hanzi), or kana's; before it otherwise (Cyrillic's and Greek's small letters are 0xE0 and
/// above).
fn guess_double_byte(bytes: &[u8]) -> &'static [LegacyEncoding] {
    let (mut pairs, mut kana_leads, mut low_trails, mut high_leads) = (0usize, 0, 0, 0);
    let (mut common_leads, mut euc_kana) = (0, 0);
    let mut i = 0;
    while i + 1 < bytes.len() {
        let lead = bytes[i];
        if lead < 0x80 {
            i += 1;
            continue;
        }
        let t = bytes[i + 1];
        if (0x30..=0x39).contains(&t) {
            return &GB18030_FIRST;
        }
        pairs += 1;
        kana_leads += usize::from(lead <= 0x9F);
        low_trails += usize::from((0x40..=0x7E).contains(&t));
        high_leads += usize::from(lead >= 0xC9);
        common_leads += usize::from((0xA1..=0xD7).contains(&lead));
        euc_kana += usize::from(matches!(lead, 0xA4 | 0xA5) && t >= 0xA1);
        i += 2;
    }
    let common = common_leads * 2 > pairs;
    if kana_leads * 4 > pairs {
        &SHIFT_JIS_FIRST
    } else if low_trails * 8 > pairs {
        if common {
            &BIG5_FIRST
        } else {
            &BIG5_LAST
        }
    } else if euc_kana * 5 > pairs {
        if common {
            &EUC_JP_FIRST
        } else {
            &EUC_JP_LAST
        }
    } else if high_leads * 10 < pairs {
        if common {
            &EUC_KR_FIRST
        } else {
            &EUC_KR_LAST
        }
    } else if common {
        &GB18030_FIRST
    } else {
        &GB18030_LAST
    }
}

/// How many encodings a double-byte file may be in: its own, and the single-byte ones.
const CANDIDATES: usize = SINGLE_BYTE.len() + 1;

/// A double-byte encoding and [`SINGLE_BYTE`], it first or last.
const fn with_single_byte(double: LegacyEncoding, first: bool) -> [LegacyEncoding; CANDIDATES] {
    let mut all = [double; CANDIDATES];
    let (mut i, from) = (0, first as usize);
    while i < SINGLE_BYTE.len() {
        all[i + from] = SINGLE_BYTE[i];
        i += 1;
    }
    all
}

const GB18030_FIRST: [LegacyEncoding; CANDIDATES] = with_single_byte(LegacyEncoding::Gb18030, true);
const GB18030_LAST: [LegacyEncoding; CANDIDATES] = with_single_byte(LegacyEncoding::Gb18030, false);
const BIG5_FIRST: [LegacyEncoding; CANDIDATES] = with_single_byte(LegacyEncoding::Big5, true);
const BIG5_LAST: [LegacyEncoding; CANDIDATES] = with_single_byte(LegacyEncoding::Big5, false);
const SHIFT_JIS_FIRST: [LegacyEncoding; CANDIDATES] =
    with_single_byte(LegacyEncoding::ShiftJis, true);
const EUC_JP_FIRST: [LegacyEncoding; CANDIDATES] = with_single_byte(LegacyEncoding::EucJp, true);
const EUC_JP_LAST: [LegacyEncoding; CANDIDATES] = with_single_byte(LegacyEncoding::EucJp, false);
const EUC_KR_FIRST: [LegacyEncoding; CANDIDATES] = with_single_byte(LegacyEncoding::EucKr, true);
const EUC_KR_LAST: [LegacyEncoding; CANDIDATES] = with_single_byte(LegacyEncoding::EucKr, false);

/// The text `bytes` hold in whichever of `candidates` reads as text, the likeliest first where
/// two read as well; `decode` decodes bytes in an encoding (`None` where it cannot, as a decoder
/// that rejects bytes its encoding does not define does). One candidate is only decoded; of
/// several, each is judged on a sample ([`code_pages`](super::code_pages)).
pub fn choose_legacy(
    bytes: &[u8],
    candidates: &[LegacyEncoding],
    mut decode: impl FnMut(LegacyEncoding, &[u8]) -> Option<String>,
) -> Option<(LegacyEncoding, String)> {
    if let [only] = candidates {
        return decode(*only, bytes).map(|text| (*only, text));
    }
    #[cfg(feature = "code-pages")]
    return super::code_pages::choose(bytes, candidates, decode);
    #[cfg(not(feature = "code-pages"))]
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(d: Decoded<'_>) -> String {
        match d {
            Decoded::Text(t, _) => t.into_owned(),
            other => panic!("expected text, got {other:?}"),
        }
    }

    #[test]
    fn controls_are_found_at_every_place_in_a_block_and_after_the_blocks() {
        let every_byte = (0..=0x7Fu8).chain([0xC2, 0xE4, 0xFF]);
        for b in every_byte {
            for length in [1, 15, 16, 17, 40] {
                for at in 0..length {
                    let mut bytes = vec![b'a'; length];
                    bytes[at] = b;
                    assert_eq!(
                        has_controls(&bytes),
                        is_control(b),
                        "{b:#x} at {at} of {length}"
                    );
                }
            }
        }
    }

    #[test]
    fn a_word_processors_line_and_page_breaks_are_line_breaks_other_controls_spaces() {
        let typed = "[00:01] Ann\nEnglish:\nHello\x0Bthere\x0Cnow\x1B[0m.\x7F\n\t中文\r\n";
        let read = controls_as_text(typed);
        assert_eq!(
            read,
            "[00:01] Ann\nEnglish:\nHello\nthere\nnow [0m. \n\t中文\r\n"
        );
        assert_eq!(read.len(), typed.len());
        // A text without them is the text itself, not a copy; one long enough to be looked
        // through block by block, its control in the last.
        assert!(matches!(
            controls_as_text("Hello,\tthere.\r\n"),
            Cow::Borrowed(_)
        ));
        let long = format!("{}\x07", "句子。".repeat(200));
        assert_eq!(
            controls_as_text(&long),
            format!("{} ", "句子。".repeat(200))
        );
        // A line break in a caption's line, or a Chinese paragraph's, as the line ends are.
        let doc = crate::read_str("1\n00:00:01,000 --> 00:00:02,000\nOne\x0Btwo\n你好\x0B。\n");
        let texts: Vec<_> = doc.turns[0]
            .blocks
            .iter()
            .map(|b| b.paragraphs[0].text.as_str())
            .collect();
        assert_eq!(texts, ["One two", "你好。"]);
        // Escaped in JSON or as an HTML character reference, a space.
        let json = r#"{"version":"1.0.0","segments":[{"startTime":1,"endTime":2,"body":"One\u000btwo\fthree"}]}"#;
        let vtt = "WEBVTT\n\n00:01.000 --> 00:02.000\nOne&#11;two&#x1B;three\n";
        for (doc, format) in [
            (crate::read_str(json), "JSON"),
            (crate::read_str(vtt), "WebVTT"),
        ] {
            let paragraph = &doc.turns[0].blocks[0].paragraphs[0];
            assert_eq!(paragraph.text, "One two three", "{format}");
        }
        // A JSON document's speakers, as its text; and found by their names as they are now.
        let json = r#"{"version":"1.0.0","segments":[{"startTime":1,"endTime":2,"speaker":"Ann\u000bLee","body":"Hi"}]}"#;
        let mut doc = crate::read_str(json);
        assert_eq!(doc.speakers, ["Ann Lee"]);
        assert_eq!(doc.speaker_id("Ann Lee"), 0);
        assert_eq!(doc.speakers.len(), 1);
    }

    #[test]
    fn utf8_with_and_without_bom() {
        assert_eq!(text(decode("中文".as_bytes())), "中文");
        assert_eq!(text(decode("\u{FEFF}中文".as_bytes())), "中文");
    }

    #[test]
    fn utf16_both_orders() {
        let le: Vec<u8> = [0xFF, 0xFE]
            .into_iter()
            .chain("A中".encode_utf16().flat_map(u16::to_le_bytes))
            .collect();
        let be: Vec<u8> = [0xFE, 0xFF]
            .into_iter()
            .chain("A中".encode_utf16().flat_map(u16::to_be_bytes))
            .collect();
        assert_eq!(text(decode(&le)), "A中");
        assert_eq!(text(decode(&be)), "A中");
    }

    /// A reader choosing an encoding may choose any the bytes are told to be in.
    #[test]
    fn every_encoding_told_may_be_chosen() {
        for told in [
            GB18030_FIRST,
            BIG5_FIRST,
            SHIFT_JIS_FIRST,
            EUC_JP_FIRST,
            EUC_KR_FIRST,
        ] {
            for encoding in told {
                assert!(LegacyEncoding::ALL.contains(&encoding), "{encoding:?}");
            }
        }
    }

    #[test]
    fn binary_is_named() {
        let Decoded::NotText(why) = decode(b"\x89PNG\r\n\x1a\n\0\0\0") else {
            panic!()
        };
        assert!(why.contains("PNG"), "{why}");
        let binary: Vec<u8> = (0..64u8).flat_map(|i| [i % 3, 0, 0, i]).collect();
        assert!(matches!(decode(&binary), Decoded::NotText(_)));
    }

    #[test]
    fn a_few_nul_bytes_are_left_out_and_said() {
        let padded = [&b"one\ntwo \xC3\xA9\n\0\0"[..], &[0; 4000], b"\nthree\0"].concat();
        let Decoded::Text(text, said) = decode(&padded) else {
            panic!()
        };
        assert_eq!(text, "one\ntwo \u{e9}\n\nthree");
        assert_eq!(said[0].line, 3);
        assert_eq!(
            said[0].to_string(),
            "line 3: 4003 NUL bytes (which no text has) were left out"
        );
        // Read a piece at a time, the same.
        let Decoded::Text(paused, _) = crate::without_pauses(decode_pausing(&padded, &mut || None))
        else {
            panic!()
        };
        assert_eq!(paused, text);
        // Looked for at the ends only: one in the middle of a long text stays, as U+0000.
        let long = [
            "a line\n".repeat(2048),
            "\0".into(),
            "a line\n".repeat(2048),
        ]
        .concat();
        let Decoded::Text(text, said) = decode(long.as_bytes()) else {
            panic!()
        };
        assert_eq!((text.len(), said.len()), (long.len(), 0));
    }

    #[test]
    fn mostly_utf8_has_its_bad_bytes_replaced_and_their_line_noted() {
        let Decoded::Text(t, d) = decode(b"ok \xC3\xA9 \xC3\xBC\nbad \xC3 here") else {
            panic!()
        };
        assert_eq!(t, "ok é ü\nbad \u{FFFD} here");
        assert_eq!(d[0].line, 2);
        // No UTF-8 at all around it: a single-byte code page's `Ã`.
        #[cfg(feature = "code-pages")]
        assert!(matches!(
            decode(b"ok\nbad \xC3 here"),
            Decoded::Legacy(SINGLE_BYTE)
        ));
    }
}
