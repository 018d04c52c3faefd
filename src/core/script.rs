//! Guessing a text's language from its script, for text that carries no label.
//!
//! Han → `zh`, Kana → `ja` (Japanese mixes Kana into Han), Hangul → `ko`, Latin → `en`. It is a
//! guess by design: a label, where the source has one, always wins over it.

use super::model::Lang;

/// Counts of letters by script.
#[derive(Debug, Default, Clone, Copy)]
struct Counts {
    latin: usize,
    han: usize,
    kana: usize,
    hangul: usize,
}

/// Enough letters to judge a text by: a subtitle line or a paragraph's first sentence or two.
const SAMPLE_LETTERS: usize = 160;

fn count(text: &str) -> Counts {
    let mut c = Counts::default();
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < bytes.len() && c.latin + 3 * (c.han + c.kana + c.hangul) < SAMPLE_LETTERS {
        let b = bytes[i];
        if b < 0x80 {
            c.latin += usize::from(b.is_ascii_alphabetic());
            i += 1;
            continue;
        }
        let ch = text[i..].chars().next().expect("char boundary");
        i += ch.len_utf8();
        match ch {
            '\u{C0}'..='\u{24F}' => c.latin += 1,
            '\u{3040}'..='\u{30FF}' | '\u{31F0}'..='\u{31FF}' | '\u{FF66}'..='\u{FF9D}' => c.kana += 1,
            '\u{AC00}'..='\u{D7AF}' | '\u{1100}'..='\u{11FF}' | '\u{3130}'..='\u{318F}' => c.hangul += 1,
            '\u{4E00}'..='\u{9FFF}' | '\u{3400}'..='\u{4DBF}' | '\u{F900}'..='\u{FAFF}' | '\u{20000}'..='\u{2FA1F}' => {
                c.han += 1
            }
            _ => {}
        }
    }
    c
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
    }
}
