//! Which single-byte code page a file is in: Windows' for Western and Central Europe, Cyrillic,
//! Greek, Turkish, Hebrew, Arabic and Thai, as subtitles and text saved on Windows before UTF-8
//! are, and Unix's KOI8 (Russian, Ukrainian) and ISO-8859-2 (Central European). Any bytes
//! decode in most of them, so the caller decodes a sample in each (the browser's `TextDecoder`,
//! encoding_rs natively: no tables here) and this judges which reads as text.
//!
//! Behind the feature `code-pages`: the app and the CLI have it; the embed, whose transcripts
//! come from podcast hosts in UTF-8 (WebVTT and JSON are UTF-8 by their specifications), does
//! not, and still reads the double-byte encodings and damaged UTF-8.

use super::decode::LegacyEncoding;

/// The single-byte code pages, in the order a tie between two goes: Western European, the most
/// common, first; Hebrew before Greek, whose decoding of Hebrew reads as Greek letters, while
/// Greek text fails to decode as Hebrew (its accented vowels are no Hebrew bytes); Cyrillic
/// after Hebrew, Greek and Arabic, whose text decoded as Cyrillic reads as letters too, while
/// Cyrillic text fails to decode in theirs (`я` is no Greek or Hebrew byte) or reads as no text
/// (`ς` inside words, a Hebrew point starting a word); Thai last, since Cyrillic decoded as Thai
/// reads as Thai letters, while Thai decoded as Cyrillic puts symbols and capitals inside
/// words. The Unix encodings each after the Windows one for the same languages, whose text they
/// read the same or as no text: ISO-8859-2 after Windows-1250 (whose `ś` `š` `ź` are control
/// characters in it); KOI8-R after Windows-1251 (each reads the other's small letters as
/// capitals); KOI8-U, which is KOI8-R with `і ї є ґ`, after it.
pub(crate) const SINGLE_BYTE: &[LegacyEncoding] = {
    use LegacyEncoding::*;
    &[
        Windows1252,
        Windows1250,
        Latin2,
        Windows1254,
        Windows1255,
        Windows1253,
        Windows1256,
        Windows1251,
        Koi8R,
        Koi8U,
        Windows874,
    ]
};

/// Whether bytes that are not all UTF-8 are mostly UTF-8, damaged (a byte lost or changed here
/// and there) rather than in a legacy encoding: more of their non-ASCII characters are UTF-8
/// than not. Text in a single-byte code page seldom has a byte from 0xC2 to 0xF4 followed by
/// the continuation bytes UTF-8 would need (`Ã` then `©`).
pub(crate) fn mostly_utf8(bytes: &[u8]) -> bool {
    let (mut valid, mut invalid) = (0usize, 0usize);
    let mut rest = bytes;
    loop {
        match std::str::from_utf8(rest) {
            Ok(text) => {
                valid += text.bytes().filter(|&b| b >= 0xC0).count();
                break;
            }
            Err(e) => {
                let (good, bad) = rest.split_at(e.valid_up_to());
                valid += good.iter().filter(|&&b| b >= 0xC0).count();
                invalid += 1;
                rest = &bad[e.error_len().unwrap_or(bad.len())..];
            }
        }
    }
    valid > invalid
}

/// How much of a text's first bytes [`choose`] decodes in each encoding to judge them.
const SAMPLE_BYTES: usize = 32 * 1024;

/// [`choose_legacy`](super::decode::choose_legacy) of several candidates: each is judged on a
/// sample, cut after a line end so that no character is cut in two (a file with none so near
/// its start is judged whole), by [`plausibility`]; the whole is then decoded in the best that
/// can decode it.
pub(crate) fn choose(
    bytes: &[u8],
    candidates: &[LegacyEncoding],
    mut decode: impl FnMut(LegacyEncoding, &[u8]) -> Option<String>,
) -> Option<(LegacyEncoding, String)> {
    let sample = match bytes.get(..SAMPLE_BYTES) {
        Some(head) => memchr::memrchr(b'\n', head).map_or(bytes, |end| &head[..=end]),
        None => bytes,
    };
    let mut judged: Vec<(i64, LegacyEncoding)> = candidates
        .iter()
        .filter_map(|&encoding| Some((plausibility(&decode(encoding, sample)?), encoding)))
        .collect();
    // Best first, the likelier of two that read as well first (a sort would cost the bundle more
    // than this loop over at most nine).
    while let Some(best) =
        (0..judged.len()).reduce(|a, b| if judged[b].0 > judged[a].0 { b } else { a })
    {
        let (_, encoding) = judged.remove(best);
        if let Some(text) = decode(encoding, bytes) {
            return Some((encoding, text));
        }
    }
    None
}

/// How much `text` reads as text rather than as bytes decoded in the wrong encoding, which
/// gives words of letters from two scripts (`trиs`), words mostly of accented letters
/// (`Ïðèâåò`, Russian read as Western European), a capital after a small letter inside a word
/// (Greek read as Cyrillic), `ς` inside a word, symbols between letters (`ró¿nica`) or a sign
/// starting a word (`©»astný`), control characters. Words its encoding's letters make and
/// [`crate::script`] knows (`très`, `się`, `değil`), or the commonest Cyrillic words (`что`), count
/// for it. Zero or less for most text; only the comparison means anything.
fn plausibility(text: &str) -> i64 {
    let mut score = 0i64;
    let mut word = Word::default();
    // A symbol, or symbols, after a letter (`ró¿nica`) or a code page's sign before one (`©»astný`).
    let mut stray_symbol = false;
    for (at, c) in text.char_indices().chain([(text.len(), ' ')]) {
        let Some(script) = letter_script(c) else {
            score += word.end(&text[word.start..at]);
            let odd = oddity(c);
            score -= odd;
            stray_symbol = odd == 0
                && !c.is_ascii()
                && (stray_symbol || word.letters > 0 && !joins_word(c) || is_sign(c));
            word = Word {
                start: at + c.len_utf8(),
                ..Word::default()
            };
            continue;
        };
        if stray_symbol {
            score -= 3;
            stray_symbol = false;
        }
        if word.letters == 0 {
            word.script = script;
            if is_mark(c) {
                score -= 3; // a vowel sign or a point sits on a letter; none starts a word
            }
        } else if script != word.script && !(is_japanese(script) && is_japanese(word.script)) {
            word.mixed = true;
        }
        if word.small && crate::case::is_capital(c) {
            score -= 2;
        }
        if word.final_sigma {
            score -= 3;
        }
        word.small = crate::case::is_small(c);
        word.final_sigma = c == 'ς';
        word.letters += 1;
        word.accented += usize::from(script == Script::Latin && !c.is_ascii());
        score += letter_weight(c);
    }
    score
}

/// What a letter says of the encoding that made it: Turkish's own (`ı` `ğ` `ş`), only Turkish's
/// code page writes, a little for it; letters the languages of the other code pages hardly write
/// (`ð` `þ`; `ŕ` `ĺ` `ľ` `ţ`; `ΐ` `ΰ`), which Western European, Polish, Turkish and Russian text
/// decoded in the wrong one is full of (`à` as `ŕ`, `ş` as `ţ`, `а` as `ΰ`), a little against it.
fn letter_weight(c: char) -> i64 {
    match c {
        'ı' | 'ğ' | 'ş' | 'İ' | 'Ğ' | 'Ş' => 1,
        'ð' | 'þ' | 'Ð' | 'Þ' | 'ŕ' | 'Ŕ' | 'ĺ' | 'Ĺ' | 'ľ' | 'Ľ' | 'ţ' | 'Ţ' | 'ΐ' | 'ΰ' => {
            -1
        }
        _ => 0,
    }
}

/// A word being read by [`plausibility`].
#[derive(Default)]
struct Word {
    start: usize,
    letters: usize,
    /// Latin letters beyond ASCII.
    accented: usize,
    script: Script,
    mixed: bool,
    /// Whether its last letter is a small one, or `ς`.
    small: bool,
    final_sigma: bool,
}

impl Word {
    /// What the word, now ended, says of the encoding.
    fn end(&self, text: &str) -> i64 {
        if self.mixed {
            return -5;
        }
        if self.accented >= 2 && self.accented * 3 > self.letters * 2 {
            return -3;
        }
        let common = match self.script {
            Script::Latin => self.accented > 0 && crate::script::is_common_latin_word(text),
            Script::Cyrillic => self.letters >= 2 && COMMON_CYRILLIC.split(' ').any(|w| w == text),
            _ => false,
        };
        if common {
            3
        } else {
            0
        }
    }
}

/// The commonest words of two letters or more of Russian, Ukrainian, Bulgarian and Serbian,
/// which lowercase text decoded in the right Cyrillic code page is full of, and decoded in the
/// wrong one (KOI8 for Windows', capitals for small letters) has none of; nor does Hebrew or
/// Arabic read from the same bytes.
const COMMON_CYRILLIC: &str = "не на что он как это по но да нет ты мы вы так же все всё его она \
они мне меня бы был было уже ну вот если только там тут очень що це як та від він вона але \
для до из за се че је";

#[derive(Default, Clone, Copy, PartialEq)]
enum Script {
    #[default]
    Latin,
    Greek,
    Cyrillic,
    Hebrew,
    Arabic,
    Thai,
    Kana,
    Han,
    Hangul,
}

fn is_japanese(script: Script) -> bool {
    matches!(script, Script::Kana | Script::Han)
}

/// The script of `c`, if it is a letter of one (a Hebrew point or a Thai vowel sign counts as
/// its script's: they sit inside words).
fn letter_script(c: char) -> Option<Script> {
    Some(match c {
        'a'..='z' | 'A'..='Z' => Script::Latin,
        '\u{C0}'..='\u{24F}' if c != '×' && c != '÷' => Script::Latin,
        '\u{370}'..='\u{3FF}' if c != ';' && c != '·' => Script::Greek,
        '\u{400}'..='\u{4FF}' => Script::Cyrillic,
        '\u{591}'..='\u{5F4}' => Script::Hebrew,
        '\u{600}'..='\u{6FF}' if !matches!(c, '،' | '؛' | '؟' | '٪' | '٫' | '٬') => {
            Script::Arabic
        }
        '\u{E01}'..='\u{E5B}' => Script::Thai,
        '\u{3041}'..='\u{30FF}' => Script::Kana,
        '\u{3400}'..='\u{4DBF}' | '\u{4E00}'..='\u{9FFF}' | '\u{F900}'..='\u{FAFF}' => Script::Han,
        '\u{AC00}'..='\u{D7AF}' | '\u{1100}'..='\u{11FF}' | '\u{3131}'..='\u{318F}' => {
            Script::Hangul
        }
        _ => return None,
    })
}

/// Hebrew's points, Arabic's vowel signs and Thai's vowel and tone marks: each written on the
/// letter before it.
fn is_mark(c: char) -> bool {
    matches!(c, '\u{591}'..='\u{5C7}' | '\u{64B}'..='\u{65F}' | '\u{670}' | '\u{E31}'
        | '\u{E34}'..='\u{E3A}' | '\u{E47}'..='\u{E4E}')
}

/// What a character no text holds costs: control characters (but tab and line ends) and
/// replaced bytes most, private-use characters, half-width katakana (Shift_JIS's single bytes,
/// read where none were meant) and the code pages' symbols nobody types (`¤`, which kana's lead
/// byte in EUC-JP and GB2312 is, `¦` `¨` `¬` `¯` `¸`) a little.
fn oddity(c: char) -> i64 {
    match c {
        '\t' | '\n' | '\r' => 0,
        '\0'..='\u{1F}' | '\u{7F}'..='\u{9F}' | '\u{FFFD}' => 20,
        '\u{E000}'..='\u{F8FF}' => 10,
        '\u{FF61}'..='\u{FF9F}' => 3,
        '¤' | '¦' | '¨' | '¬' | '¯' | '¸' => 2,
        _ => 0,
    }
}

/// Latin-1's signs, but those that open a word (`¿` `¡` `«` `»`) or stand before a letter in text
/// (`°C`, `µg`): no word starts with one.
fn is_sign(c: char) -> bool {
    matches!(c, '\u{A1}'..='\u{BF}') && !matches!(c, '¡' | '«' | '»' | '¿' | '°' | 'µ')
}

/// Characters beyond ASCII that stand inside words: apostrophes (`´` typed for one: `l´été`),
/// hyphens, middle dots.
fn joins_word(c: char) -> bool {
    matches!(
        c,
        '’' | '‘' | '´' | '\u{2010}'..='\u{2014}' | '·' | '・' | '\u{AD}'
    )
}
