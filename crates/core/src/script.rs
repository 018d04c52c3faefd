//! Guessing a text's language from its script, for text that carries no label.
//!
//! Han → `zh`, Kana → `ja` (Japanese mixes Kana into Han), Hangul → `ko`, Latin → `en`, and the
//! alphabets each mostly one language writes: Cyrillic → `ru`, Greek → `el`, Arabic → `ar`,
//! Hebrew → `he`, Devanagari → `hi`, Thai → `th`. It is a guess by design: a label, where the
//! source has one, always wins over it (Ukrainian is Cyrillic, Persian Arabic).

use super::model::Lang;

/// Counts of letters by script.
#[derive(Debug, Default, Clone, Copy)]
struct Counts {
    latin: usize,
    han: usize,
    kana: usize,
    hangul: usize,
    /// Letters of the other alphabets, by the language each stands for.
    other: usize,
    other_lang: Option<Lang>,
}

/// Enough to judge a text by: 24 Latin letters or 8 CJK characters (a few words). Lines and
/// paragraphs are nearly always in one script from their start, and this keeps guessing cheap:
/// it runs on every line of a subtitle file.
const SAMPLE_WEIGHT: usize = 24;

fn count(text: &str) -> Counts {
    let mut c = Counts::default();
    let b = text.as_bytes();
    let mut i = 0;
    // latin + 3 × CJK, kept as it grows rather than recomputed for every byte.
    let mut weight = 0;
    while i < b.len() && weight < SAMPLE_WEIGHT {
        let lead = b[i];
        if lead < 0x80 {
            let letter = usize::from(lead.is_ascii_alphabetic());
            c.latin += letter;
            weight += letter;
            i += 1;
            continue;
        }
        // Decoded by hand from the lead byte: this runs on every unlabelled line.
        let (code, len) = match lead {
            0xC0..=0xDF => (u32::from(lead & 0x1F) << 6 | continuation(b, i + 1), 2),
            0xE0..=0xEF => (
                u32::from(lead & 0x0F) << 12 | continuation(b, i + 1) << 6 | continuation(b, i + 2),
                3,
            ),
            // Four-byte forms from U+20000 are CJK extensions, counted as Han; below it they
            // are emoji and symbols (F0 9F …), which are no letters.
            0xF0 if b.get(i + 1).is_some_and(|&x| x < 0xA0) => (0x10000, 4),
            0xF0.. => (0x20000, 4),
            _ => (0, 1), // a stray continuation byte
        };
        i += len;
        match code {
            0xC0..=0x24F => {
                c.latin += 1;
                weight += 1;
            }
            0x3040..=0x30FF | 0x31F0..=0x31FF | 0xFF66..=0xFF9D => {
                c.kana += 1;
                weight += 3;
            }
            0xAC00..=0xD7AF | 0x1100..=0x11FF | 0x3130..=0x318F => {
                c.hangul += 1;
                weight += 3;
            }
            0x4E00..=0x9FFF | 0x3400..=0x4DBF | 0xF900..=0xFAFF | 0x20000.. => {
                c.han += 1;
                weight += 3;
            }
            // (A range first: punctuation, `“”` and `。`, is most of what else comes here.)
            0x370..=0xE7F => {
                if let Some(lang) = alphabet(code) {
                    // The first alphabet met names the text; a second seldom comes in a line.
                    c.other_lang.get_or_insert(lang);
                    c.other += 1;
                    weight += 1;
                }
            }
            _ => {}
        }
    }
    c
}

/// The language the letter `code` is most likely written for, in an alphabet other than Latin
/// and the CJK scripts.
fn alphabet(code: u32) -> Option<Lang> {
    Some(match code {
        0x370..=0x3FF => Lang::El,
        0x400..=0x52F => Lang::Ru,
        0x590..=0x5FF => Lang::He,
        0x600..=0x6FF | 0x750..=0x77F => Lang::Ar,
        0x900..=0x97F => Lang::Hi,
        0xE00..=0xE7F => Lang::Th,
        _ => return None,
    })
}

/// The six payload bits of the continuation byte at `at` (0 past the end).
fn continuation(b: &[u8], at: usize) -> u32 {
    b.get(at).map_or(0, |&x| u32::from(x & 0x3F))
}

/// The language `text` is most likely written in. A Han character carries about as much as a
/// three-letter stretch of Latin, so `我用 Python 写代码` is Chinese and `the word 蓝色` English.
pub fn guess_lang(text: &str) -> Lang {
    let c = count(text);
    let cjk = c.han + c.kana;
    if c.kana > 0 && c.kana * 10 >= cjk && c.kana * 3 + c.han * 3 >= c.latin {
        return Lang::Ja;
    }
    if c.hangul > 0 && c.hangul * 3 >= c.latin && c.hangul >= c.han {
        return Lang::Ko;
    }
    if c.han > 0 && c.han * 3 >= c.latin {
        return Lang::Zh;
    }
    if let Some(lang) = c.other_lang.filter(|_| c.other >= c.latin) {
        return lang;
    }
    if c.latin > 0 {
        return Lang::En;
    }
    Lang::Und
}

/// Whether a line break between `a` and `b` needs no space when joined (CJK text has none).
pub fn joins_without_space(a: char, b: char) -> bool {
    is_cjk(a) && is_cjk(b)
}

/// Han, Kana, and CJK punctuation (including full-width forms).
pub fn is_cjk(c: char) -> bool {
    matches!(c, '\u{3000}'..='\u{30FF}' | '\u{3400}'..='\u{4DBF}' | '\u{4E00}'..='\u{9FFF}'
        | '\u{F900}'..='\u{FAFF}' | '\u{FF00}'..='\u{FFEF}' | '\u{20000}'..='\u{2FA1F}')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scripts() {
        assert_eq!(guess_lang("A question that get asked a lot"), Lang::En);
        assert_eq!(guess_lang("我经常被问到一个问题"), Lang::Zh);
        assert_eq!(guess_lang("我用 Python 写代码"), Lang::Zh);
        assert_eq!(guess_lang("The word 蓝色 means blue"), Lang::En);
        assert_eq!(guess_lang("私はAIの本を読みました"), Lang::Ja);
        assert_eq!(guess_lang("안녕하세요 여러분"), Lang::Ko);
        assert_eq!(guess_lang("[笑]"), Lang::Zh);
        assert_eq!(guess_lang("123 ..."), Lang::Und);
        // Emoji are no letters; a CJK extension character (U+20BB7) is Han.
        assert_eq!(guess_lang("LOL 😂😂😂😂"), Lang::En);
        assert_eq!(guess_lang("🔥🔥🔥"), Lang::Und);
        assert_eq!(guess_lang("𠮷野家"), Lang::Zh);
        assert_eq!(guess_lang("Как дела у тебя сегодня?"), Lang::Ru);
        assert_eq!(guess_lang("Γεια σου, τι κάνεις;"), Lang::El);
        assert_eq!(guess_lang("مرحبا، كيف حالك؟"), Lang::Ar);
        assert_eq!(guess_lang("שלום, מה שלומך?"), Lang::He);
        assert_eq!(guess_lang("नमस्ते, आप कैसे हैं?"), Lang::Hi);
        assert_eq!(guess_lang("สวัสดีครับ คุณสบายดีไหม"), Lang::Th);
        // A Cyrillic name in an English sentence, and an English one in a Russian sentence.
        assert_eq!(
            guess_lang("I met Дмитрий at the station yesterday"),
            Lang::En
        );
        assert_eq!(guess_lang("Я встретил John на вокзале"), Lang::Ru);
        // Latin with diacritics is still taken for English: only a label says otherwise.
        assert_eq!(guess_lang("¿Cómo estás? Muy bien, gracias"), Lang::En);
    }
}
