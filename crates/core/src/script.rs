//! Guessing a text's language from its script, for text that carries no label.
//!
//! Han → `zh`, Kana → `ja` (Japanese mixes Kana into Han), Hangul → `ko`, Latin → `en`, and the
//! alphabets each mostly one language writes: Cyrillic → `ru`, Greek → `el`, Arabic → `ar`
//! (`fa` or `ur` by the letters Persian and Urdu add to it), Hebrew → `he`, Devanagari → `hi`,
//! Thai → `th`. It is a guess by design: a label, where the source has one, always wins over it
//! (Ukrainian is Cyrillic).

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
            0xC0..=0x24F | 0x1E00..=0x1EFF => {
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
                    let first = c.other_lang.get_or_insert(lang);
                    if let Some(added) = arabic_script_lang(code) {
                        // Persian's letters are Urdu's too, not the other way round.
                        if *first == Lang::Ar || *first == Lang::Fa {
                            *first = added;
                        }
                    }
                    c.other += 1;
                    weight += 1;
                }
            }
            _ => {}
        }
    }
    c
}

/// Whether `text` holds one of the commonest Han characters that Chinese writes for its grammar
/// (particles, measure words, the verbs and conjunctions that join a sentence): a Chinese
/// sentence however many English terms it holds (`OpenAI 的 GPT-4`), where an English one
/// quoting a Chinese word quotes a name or a noun (`the word 蓝色`). Not the pronouns, nor `好`:
/// `你好` and `谢谢` are what an English line quotes most.
fn has_chinese_grammar(text: &str) -> bool {
    holds_any_of(
        text,
        "的了是在和就都也很这那吗呢吧们个把被给从对要会能用来到让有没还着过为但所因這嗎們個給從對會來讓沒還過為",
    )
}

/// Whether `text` writes a Han character Japanese does not: one of the commonest of Chinese's
/// simplified forms (`们`, `这`, `说`, `东`; Japanese writes `東`), of its traditional forms that
/// Japanese simplified otherwise (`們`, `這`, `說`), of its sentence particles (`吗`, `呢`), or
/// of its pronouns Japanese has no use for (`你`, `您`, `她`).
/// A line of Han characters without one (`大丈夫`, `東京大学`) may as well be Japanese.
pub(crate) fn writes_chinese_only(text: &str) -> bool {
    holds_any_of(
        text,
        "们这个说对还过为让给吗呢吧么啊时间问题东车长门开关书买卖发现实经济应该谢們這說嗎麼你您她",
    )
}

/// The commonest characters that Chinese writes in one of its two forms only, in pairs: each
/// simplified one (mainland China's, Singapore's) before its traditional one (Taiwan's, Hong
/// Kong's). Not those that the other form also writes for another word (`后` a queen, `里` a
/// mile, `台` Taiwan's own). Each three bytes of UTF-8, so a pair is six.
const FORMS: &str = "们們这這说說个個为為来來会會时時对對过過还還没沒么麼实實现現发發开開关關问問题題经經学學国國样樣话話点點长長进進动動间間觉覺应應东東从從让讓给給认認谢謝请請钱錢边邊爱愛电電语語见見讲講听聽写寫读讀书書难難";

/// Whether Chinese text is written in traditional characters, counted paragraph by paragraph:
/// more of the traditional [`FORMS`] than of the simplified among the first 64 of either, in
/// the first 100,000 Han characters (a name or a quote in the other form does not turn a
/// transcript).
#[derive(Default)]
pub(crate) struct HanForms {
    simplified: u32,
    traditional: u32,
    looked_at: u32,
}

impl HanForms {
    /// Counts `text`'s characters; false once enough are counted.
    pub(crate) fn count(&mut self, text: &str) -> bool {
        for c in text.chars() {
            if c <= '\u{3000}' {
                continue;
            }
            match FORMS.find(c) {
                Some(at) if at % 6 == 0 => self.simplified += 1,
                Some(_) => self.traditional += 1,
                None => {}
            }
            self.looked_at += 1;
            if self.simplified + self.traditional == 64 || self.looked_at == 100_000 {
                return false;
            }
        }
        true
    }

    /// Whether more traditional than simplified were counted; none where as many of each
    /// (none at all, in a few short lines).
    pub(crate) fn told(&self) -> Option<bool> {
        (self.traditional != self.simplified).then_some(self.traditional > self.simplified)
    }
}

/// The form of Chinese a label of Chinese text names (`繁體中文`, `简体中文`) or is written in
/// (`中文翻譯`, as the bilingual layout's export writes it for traditional characters, and
/// `中文翻译`); none for `中文` alone.
pub(crate) fn traditional_by_label(label: &str) -> Option<bool> {
    label.chars().find_map(|c| match c {
        '繁' | '譯' => Some(true),
        '简' | '簡' | '译' => Some(false),
        _ => None,
    })
}

/// The form of Chinese a BCP 47 code of Chinese names, by its script (`zh-Hant`, `zh-Hans`) or
/// its region (`zh-TW`, `zh_HK`, `zh-MO` traditional; `zh-CN`, `zh-SG`, `zh-MY` simplified);
/// none for `zh` alone.
pub(crate) fn traditional_by_code(code: &str) -> Option<bool> {
    code.split(['-', '_']).skip(1).find_map(|subtag| {
        let is = |names: &[&str]| names.iter().any(|n| subtag.eq_ignore_ascii_case(n));
        if is(&["Hant", "TW", "HK", "MO"]) {
            Some(true)
        } else if is(&["Hans", "CN", "SG", "MY"]) {
            Some(false)
        } else {
            None
        }
    })
}

/// Whether `text` holds one of the CJK characters of `set`. (A string searched, not a `match`:
/// a tenth of the code.)
fn holds_any_of(text: &str, set: &str) -> bool {
    text.chars().any(|c| c > '\u{3000}' && set.contains(c))
}

/// Whether `text` has a Hangul syllable straight after an ASCII letter or digit: a Korean
/// particle on an English term (`ChatGPT와`, `GPT-4는`), as only a Korean sentence writes.
fn has_korean_grammar(text: &str) -> bool {
    // A Hangul syllable's UTF-8 starts 0xEA–0xED (U+AC00–U+D7AF).
    text.as_bytes()
        .windows(2)
        .any(|w| w[0].is_ascii_alphanumeric() && (0xEA..=0xED).contains(&w[1]))
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

/// The language that the letter `code`, one Arabic does not write, adds to the Arabic script:
/// Urdu's own (`ٹ` `ڈ` `ڑ` `ں` `ھ` `ہ` `ے`), or those Persian and Urdu share (`پ` `چ` `ژ` `ک` `گ`
/// `ی`, Arabic writing `ك` and `ي`), which say Persian until an Urdu one comes.
fn arabic_script_lang(code: u32) -> Option<Lang> {
    match code {
        0x679 | 0x688 | 0x691 | 0x6BA | 0x6BE | 0x6C1 | 0x6D2 => Some(Lang::Ur),
        0x67E | 0x686 | 0x698 | 0x6A9 | 0x6AF | 0x6CC => Some(Lang::Fa),
        _ => None,
    }
}

/// The six payload bits of the continuation byte at `at` (0 past the end).
fn continuation(b: &[u8], at: usize) -> u32 {
    b.get(at).map_or(0, |&x| u32::from(x & 0x3F))
}

/// The language `text` is most likely written in. A Han character carries about as much as a
/// three-letter stretch of Latin, so `我用 Python 写代码` is Chinese and `the word 蓝色` English;
/// and a sentence that Chinese or Korean grammar holds together is in that language however many
/// English terms it has (`OpenAI 的 GPT-4`, `ChatGPT와 Python으로`).
/// Latin text is English unless its words say another language ([`latin_language`]).
pub fn guess_lang(text: &str) -> Lang {
    guess(text).0
}

/// [`guess_lang`], and whether anything told it: `false` for Latin text none of whose words say
/// which language it is (`OK.`, a name, `Sí.` — English, as a guess), and for text with no
/// letters.
pub fn guess(text: &str) -> (Lang, bool) {
    match script_lang(text) {
        Lang::En => latin_language(text).map_or((Lang::En, false), |lang| (lang, true)),
        Lang::Und => (Lang::Und, false),
        lang => (lang, true),
    }
}

/// The language `text`'s script says, Latin taken for English without reading its words: the
/// caption readers' guess for each line, which reads a line's words only where two lines in
/// Latin letters meet in a cue (reading every line's would cost them a tenth of their time).
pub fn script_lang(text: &str) -> Lang {
    let c = count(text);
    let cjk = c.han + c.kana;
    // An English sentence quoting a word or two of Chinese, Japanese or Korean (`Say 谢谢 or 你好
    // to be polite`, as a learner's podcast has them): more letters than characters, its words
    // say English, and no Chinese or Korean grammar holds it together. (Looked at only where
    // both scripts are: seldom.)
    let quoted = cjk + c.hangul;
    if quoted > 0
        && c.latin > quoted
        && latin_language(text) == Some(Lang::En)
        && !has_chinese_grammar(text)
        && !has_korean_grammar(text)
    {
        return Lang::En;
    }
    if c.kana > 0 && c.kana * 10 >= cjk && c.kana * 3 + c.han * 3 >= c.latin {
        return Lang::Ja;
    }
    // (Grammar is looked for only where Latin letters outnumber: seldom.)
    if c.hangul > 0 && c.hangul >= c.han && (c.hangul * 3 >= c.latin || has_korean_grammar(text)) {
        return Lang::Ko;
    }
    if c.han > 0 && (c.han * 3 >= c.latin || has_chinese_grammar(text)) {
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

/// Which of the Latin-script languages `text` is in, by its first words: each of the commonest
/// words of English, Spanish, French, German, Italian, Portuguese, Dutch, Swedish, Polish,
/// Turkish, Indonesian, Romanian, Hungarian, Czech and Finnish counts for the languages that use
/// it (`la`: Spanish, French, Italian and Romanian), and so does a letter or mark that only one
/// of them writes (`ñ`, `¿`, `ß`, `ã`, `œ`, `ł`, `ı`, `ș`, `ő`, `ř`), or a Vietnamese one. `None` unless one language has more than any other, and at
/// least [`EVIDENCE`]. Pinyin is told first, by its tone marks and syllables ([`is_pinyin`]).
pub fn latin_language(text: &str) -> Option<Lang> {
    if is_pinyin(text) {
        return Some(Lang::Pinyin);
    }
    let mut scores = [0u32; LATIN_LANGS.len()];
    let bytes = text.as_bytes();
    // The word being read, as `word_hash` hashes it (and whether it has begun).
    let (mut hash, mut in_word, mut words) = (WORD_HASH_START, false, 0usize);
    // Whether the word follows a `.`, `/`, `@` or `:` with no space: a piece of an address
    // (`example.com`, whose `com` is Portuguese's "with"), not a word of the sentence.
    let mut in_address = false;
    let mut at = 0;
    // By bytes, ASCII lower-cased: this runs on every caption line in Latin letters.
    loop {
        let byte = bytes.get(at).copied();
        let (letter, width) = match byte {
            Some(b) if b.is_ascii_alphabetic() => (true, 1),
            Some(b) if b >= 0x80 => {
                let c = text[at..].chars().next().unwrap_or(' ');
                let (mask, weight) = letter_evidence(c);
                add(&mut scores, mask, weight);
                (matches!(c, 'À'..='ɏ' | 'Ḁ'..='ỿ'), c.len_utf8())
            }
            _ => (false, 1),
        };
        if letter {
            for &b in &bytes[at..at + width] {
                hash = hash_byte(hash, b);
            }
            in_word = true;
        } else if in_word {
            let joined = matches!(byte, Some(b'.' | b'/' | b'@' | b':'))
                && bytes
                    .get(at + 1)
                    .is_some_and(|&b| b.is_ascii_alphanumeric() || b == b'/');
            if !(joined || in_address) {
                if let Ok(found) = WORDS.0.binary_search(&hash) {
                    add(&mut scores, WORDS.1[found], 1);
                }
            }
            in_address = joined;
            (hash, in_word) = (WORD_HASH_START, false);
            words += 1;
            let (top, second) = top_two(&scores);
            if words == WORDS_LOOKED_AT || top >= second + EVIDENCE {
                break;
            }
        }
        if byte.is_none() {
            break;
        }
        at += width;
    }
    let (top, second) = top_two(&scores);
    let best = scores.iter().position(|&s| s == top)?;
    (top >= EVIDENCE && top > second).then_some(LATIN_LANGS[best])
}

/// Whether `word` is one of the commonest words [`latin_language`] knows (`très`, `się`).
#[cfg(feature = "code-pages")]
pub(crate) fn is_common_latin_word(word: &str) -> bool {
    let hash = word.bytes().fold(WORD_HASH_START, hash_byte);
    WORDS.0.binary_search(&hash).is_ok()
}

/// Whether `text` is Hanyu Pinyin with its tones marked (`Nǐ hǎo ma?`, `Tā shì lǎoshī.`): two
/// marks at least, one for every two words, among them a third tone's (`ǎ`), or a first's with
/// another (Japanese in Latin letters marks its long vowels, `Tōkyō`, with the first's alone);
/// or a word or two with a third tone's mark but Czech's `ě` (a lesson's `Hǎo.`); no
/// letter Pinyin does not write (Czech's `ř`, Vietnamese's `ơ`), and its consonants as Pinyin's
/// syllables put them: an initial (`zh`), a final (`n`, `ng`, `r`), or a final and the next
/// syllable's initial (`Zhōngguó`), so that Czech's `která` or `věc` is none.
///
/// Or Pinyin with its tones numbered, as older courses, dictionaries and input methods write it
/// (`Ni3 hao3 ma?`, `xie4xie5`, `lv4` for `lǜ`): a digit 1–5 ending a syllable, two at least and
/// one for every two words, or a single word of an initial, a vowel and its tone (`Hao3.`);
/// digits after letters that end no syllable (`mp3`, `Web3`, `Area51`) say it is not.
fn is_pinyin(text: &str) -> bool {
    pinyin_evidence(text) == PinyinEvidence::Enough
}

/// How far a line's letters say it is Pinyin.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PinyinEvidence {
    /// Letters or consonants Pinyin does not write, or no tone at all.
    Against,
    /// Pinyin's syllables with a tone or two, too few to tell it from a European language's
    /// accents alone (`péngyou`, `Sí`): Pinyin where its place says so, under a line of characters.
    Little,
    /// Pinyin ([`is_pinyin`]).
    Enough,
}

/// What `text`'s letters say of its being Pinyin (see [`is_pinyin`]).
pub fn pinyin_evidence(text: &str) -> PinyinEvidence {
    use PinyinEvidence::*;
    if text.is_ascii() && !text.bytes().any(|b| matches!(b, b'1'..=b'5')) {
        return Against;
    }
    let (mut words, mut marks, mut tones, mut caron) = (0, 0, [false; 5], false);
    // Syllables ending in a tone's number, and whether one of them is a word alone: an initial,
    // then its vowels (`hao3`).
    let (mut numbered, mut numbered_word, mut lone_syllable) = (0, false, false);
    let mut has_initial = false;
    // The consonants since the word's last vowel (at most four: `ngzh`), and whether the word
    // has had a vowel.
    let (mut run, mut run_len, mut voweled) = ([0u8; 4], 0, false);
    for c in text.chars().chain([' ']) {
        // Numbered Pinyin writes `ü` as `v` after `l` and `n`.
        let c = match c {
            'v' if !voweled && matches!(run[..run_len], [b'l' | b'n']) => 'ü',
            c => c,
        };
        if c.is_ascii_alphabetic() && !"aeiouAEO".contains(c) {
            if run_len == run.len() {
                return Against;
            }
            run[run_len] = c.to_ascii_lowercase() as u8;
            run_len += 1;
            continue;
        }
        match PINYIN_VOWELS.chars().position(|v| v == c) {
            Some(at) => {
                if !pinyin_consonants(&run[..run_len], voweled, true) {
                    return Against;
                }
                has_initial = if voweled { has_initial } else { run_len > 0 };
                (run_len, voweled) = (0, true);
                // Each tone's nine vowels in turn, the first without a mark.
                marks += usize::from(at >= 9);
                tones[at / 9] = true;
                caron |= at / 9 == 3 && !matches!(c, 'ě' | 'Ě');
            }
            None if matches!(c, 'À'..='ɏ' | 'Ḁ'..='ỿ') => return Against,
            // A tone's number: its syllable's end, its last consonants a final. (A digit after
            // no letter is a number, and ends a word as a space does.)
            None if matches!(c, '1'..='5') && (voweled || run_len > 0) => {
                if !voweled || !pinyin_consonants(&run[..run_len], true, false) {
                    return Against;
                }
                numbered += 1;
                lone_syllable = has_initial && !numbered_word;
                (run_len, voweled, numbered_word) = (0, false, true);
            }
            None => {
                // A word's end: its last consonants a final.
                if voweled || run_len > 0 {
                    if !pinyin_consonants(&run[..run_len], voweled, false) {
                        return Against;
                    }
                    words += 1;
                    // (A syllable after a numbered one: `peng2you`.)
                    lone_syllable = false;
                } else if numbered_word {
                    // A number after a tone's (`Area51`) is none.
                    if c.is_ascii_digit() {
                        return Against;
                    }
                    words += 1;
                }
                (run_len, voweled, numbered_word) = (0, false, false);
            }
        }
    }
    let [_, first, acute, third, grave] = tones;
    if marks >= 2 && marks * 2 >= words && (third || first && (acute || grave))
        || words <= 2 && caron
        || numbered * 2 >= words && (numbered >= 2 || words == 1 && lone_syllable)
    {
        Enough
    } else if marks + numbered > 0 {
        Little
    } else {
        Against
    }
}

/// Pinyin's vowels, nine to a tone: unmarked, then the first, second, third and fourth tones'
/// marks (a syllable starting with a vowel starts with `a`, `e` or `o`, so only those capitals).
const PINYIN_VOWELS: &str = "aeiouüAEOāēīōūǖĀĒŌáéíóúǘÁÉÓǎěǐǒǔǚǍĚǑàèìòùǜÀÈÒ";

/// Whether `run`, the consonants between two vowels of a word (`after_vowel`) or at its start,
/// or after its last vowel (not `before_vowel`), is as Pinyin's syllables put them.
fn pinyin_consonants(run: &[u8], after_vowel: bool, before_vowel: bool) -> bool {
    let is_initial = |r: &[u8]| match r {
        [] => true,
        [a] => b"bpmfdtnlgkhjqxrzcsyw".contains(a),
        [a, b'h'] => b"zcs".contains(a),
        _ => false,
    };
    let finals: &[&[u8]] = match after_vowel {
        // (`r` after `n` or `ng` too: Beijing's `yìdiǎnr`.)
        true => &[b"", b"n", b"ng", b"r", b"nr", b"ngr"],
        false => &[b""],
    };
    finals.iter().any(|f| {
        run.strip_prefix(*f).is_some_and(|rest| {
            if before_vowel {
                is_initial(rest)
            } else {
                rest.is_empty()
            }
        })
    })
}

/// Adds `weight` to the score of each language in `mask`.
fn add(scores: &mut [u32; LATIN_LANGS.len()], mask: u16, weight: u32) {
    for (bit, score) in scores.iter_mut().enumerate() {
        *score += weight * u32::from(mask >> bit & 1);
    }
}

/// The highest score and the next (equal to it in a tie).
fn top_two(scores: &[u32]) -> (u32, u32) {
    scores.iter().fold((0, 0), |(top, second), &s| {
        if s > top {
            (s, top)
        } else {
            (top, second.max(s))
        }
    })
}

/// What a letter beyond ASCII says: marks only one of the languages writes say it alone (as
/// much as [`EVIDENCE`]); letters it shares with a few, a little.
fn letter_evidence(c: char) -> (u16, u32) {
    match c {
        '¿' | '¡' | 'ñ' | 'Ñ' => (ES, EVIDENCE),
        'ß' => (DE, EVIDENCE),
        'ã' | 'õ' => (PT, EVIDENCE),
        'œ' | 'Œ' => (FR, EVIDENCE),
        'ư' | 'ơ' | 'Ư' | 'Ơ' | 'Ạ'..='ỹ' => (VI, EVIDENCE),
        'ł' | 'Ł' | 'ą' | 'ę' | 'ż' | 'ś' | 'ź' | 'Ż' | 'Ś' => (PL, EVIDENCE),
        'ı' | 'İ' | 'ğ' | 'Ğ' => (TR, EVIDENCE),
        'ș' | 'ț' | 'Ș' | 'Ț' | 'ţ' | 'Ţ' => (RO, EVIDENCE),
        'ő' | 'ű' | 'Ő' | 'Ű' => (HU, EVIDENCE),
        'ě' | 'ř' | 'ů' | 'Ě' | 'Ř' | 'Ů' => (CS, EVIDENCE),
        // Romanian wrote `ş` before `ș`.
        'ş' | 'Ş' => (TR | RO, EVIDENCE),
        // Croatian writes `đ` too.
        'đ' | 'Đ' => (VI, 1),
        'ă' | 'Ă' => (RO | VI, 1),
        'î' => (RO | FR, 1),
        'č' | 'š' | 'ž' | 'Č' | 'Š' | 'Ž' | 'ý' => (CS, 1),
        'ä' | 'Ä' => (DE | SV | FI, 1),
        'ö' | 'Ö' => (DE | SV | TR | HU | FI, 1),
        'ü' | 'Ü' => (DE | TR | HU, 1),
        'å' | 'Å' => (SV, 1),
        'ç' => (FR | PT | TR, 1),
        'ì' | 'ò' => (IT, 1),
        _ => (0, 0),
    }
}

/// FNV-1a over a word's bytes, ASCII lower-cased: the words are looked up by their hashes,
/// 32 bits each, rather than kept as text (the text and a table of it took the bundle 0.7 KB
/// more, gzipped).
const WORD_HASH_START: u32 = 0x811C_9DC5;

const fn hash_byte(hash: u32, byte: u8) -> u32 {
    (hash ^ byte.to_ascii_lowercase() as u32).wrapping_mul(0x0100_0193)
}

/// [`LATIN_WORDS`] as their hashes, in order, and the languages of each: made when the
/// program is compiled, so the words themselves are not in it. It fails to compile if two
/// words share a hash.
const WORDS: ([u32; LATIN_WORDS.len()], [u16; LATIN_WORDS.len()]) = {
    let mut hashes = [0u32; LATIN_WORDS.len()];
    let mut masks = [0u16; LATIN_WORDS.len()];
    let mut i = 0;
    while i < hashes.len() {
        let word = LATIN_WORDS[i].0.as_bytes();
        let (mut hash, mut j) = (WORD_HASH_START, 0);
        while j < word.len() {
            hash = hash_byte(hash, word[j]);
            j += 1;
        }
        // In order by hash, as the binary search needs (an insertion sort).
        let mut k = i;
        while k > 0 && hashes[k - 1] > hash {
            hashes[k] = hashes[k - 1];
            masks[k] = masks[k - 1];
            k -= 1;
        }
        assert!(k == 0 || hashes[k - 1] != hash, "two words share a hash");
        hashes[k] = hash;
        masks[k] = LATIN_WORDS[i].1;
        i += 1;
    }
    (hashes, masks)
};

/// How many words or letters must say a language: one alone (`y`, Spanish's "and", in `x, y`)
/// is too often a name, a letter or a borrowing.
const EVIDENCE: u32 = 2;

/// How many words of a line [`latin_language`] reads at most: enough for a sentence's function
/// words (it stops sooner, once one language is [`EVIDENCE`] ahead).
const WORDS_LOOKED_AT: usize = 16;

/// The languages [`latin_language`] tells apart, those of [`Lang::ALL`] written in Latin
/// letters, in its order: a word's mask has a bit for each, in this order ([`bit`]).
const LATIN_LANGS: [Lang; 16] = {
    let mut latin = [Lang::Und; 16];
    let (mut i, mut n) = (0, 0);
    while i < Lang::ALL.len() {
        if Lang::ALL[i].is_latin() {
            latin[n] = Lang::ALL[i];
            n += 1;
        }
        i += 1;
    }
    assert!(
        n == latin.len(),
        "LATIN_LANGS has room for every Latin-script language"
    );
    latin
};

/// `lang`'s bit in a word's mask: its place in [`LATIN_LANGS`].
const fn bit(lang: Lang) -> u16 {
    let mut i = 0;
    while LATIN_LANGS[i] as u8 != lang as u8 {
        i += 1;
    }
    1 << i
}

const EN: u16 = bit(Lang::En);
const ES: u16 = bit(Lang::Es);
const FR: u16 = bit(Lang::Fr);
const DE: u16 = bit(Lang::De);
const IT: u16 = bit(Lang::It);
const PT: u16 = bit(Lang::Pt);
const VI: u16 = bit(Lang::Vi);
const NL: u16 = bit(Lang::Nl);
const SV: u16 = bit(Lang::Sv);
const PL: u16 = bit(Lang::Pl);
const TR: u16 = bit(Lang::Tr);
const ID: u16 = bit(Lang::Id);
const RO: u16 = bit(Lang::Ro);
const HU: u16 = bit(Lang::Hu);
const CS: u16 = bit(Lang::Cs);
const FI: u16 = bit(Lang::Fi);

/// The commonest words of each Latin-script language (in byte order, each once: a test checks
/// it), with the languages that use each; in the program only as [`WORDS`].
const LATIN_WORDS: &[(&str, u16)] = &[
    ("a", EN | ES | IT | PT | HU | CS),
    ("aber", DE),
    ("about", EN),
    ("acum", RO),
    ("ada", ID),
    ("aici", RO),
    ("akan", ID),
    ("aku", ID),
    ("al", ES),
    ("ale", PL | CS),
    ("all", EN),
    ("als", DE | NL),
    ("ama", TR),
    ("an", EN),
    ("anche", IT),
    ("and", EN),
    ("apa", ID),
    ("are", EN),
    ("as", EN | PT),
    ("asta", RO),
    ("at", EN),
    ("atau", ID),
    ("att", SV),
    ("au", FR),
    ("auch", DE),
    ("auf", DE),
    ("aux", FR),
    ("av", SV),
    ("avec", FR),
    ("az", HU),
    ("azt", HU),
    ("bardzo", PL),
    ("be", EN),
    ("been", EN),
    ("ben", TR),
    ("benim", TR),
    ("bij", NL),
    ("bin", DE),
    ("bine", RO),
    ("bir", TR),
    ("bisa", ID),
    ("bu", TR),
    ("but", EN),
    ("by", EN),
    ("być", PL),
    ("było", PL),
    ("být", CS),
    ("can", EN),
    ("ce", FR | RO),
    ("che", IT),
    ("co", PL | CS),
    ("com", PT),
    ("come", IT),
    ("comme", FR),
    ("como", ES | PT),
    ("con", ES | IT),
    ("csak", HU),
    ("cu", RO),
    ("czy", PL),
    ("cómo", ES),
    ("că", RO),
    ("da", PT),
    ("daha", TR),
    ("dan", ID),
    ("dans", FR),
    ("dar", RO),
    ("dari", ID),
    ("das", DE),
    ("dat", NL),
    ("de", ES | FR | PT | NL | RO | HU),
    ("del", ES | IT),
    ("della", IT),
    ("dem", DE),
    ("den", DE | SV),
    ("dengan", ID),
    ("der", DE),
    ("des", FR),
    ("det", SV),
    ("deze", NL),
    ("değil", TR),
    ("di", IT | ID),
    ("die", DE | NL),
    ("din", SV | RO),
    ("dit", NL),
    ("dla", PL),
    ("do", EN | PT),
    ("dobrze", PL),
    ("du", FR | DE | SV),
    ("e", IT | PT),
    ("een", NL),
    ("egy", HU),
    ("ei", FI),
    ("ein", DE),
    ("eine", DE),
    ("el", ES | HU),
    ("ella", ES),
    ("elle", FR),
    ("eller", SV),
    ("em", PT),
    ("en", ES | FR | NL | FI),
    ("er", NL),
    ("es", ES | DE),
    ("eso", ES),
    ("est", FR),
    ("este", ES | PT | RO),
    ("esto", ES),
    ("está", ES | PT),
    ("et", FR),
    ("ett", SV),
    ("että", FI),
    ("eu", PT | RO),
    ("evet", TR),
    ("ez", HU),
    ("foarte", RO),
    ("for", EN),
    ("from", EN),
    ("för", SV),
    ("für", DE),
    ("geen", NL),
    ("gibi", TR),
    ("gli", IT),
    ("had", EN),
    ("han", ES | SV),
    ("har", SV),
    ("has", EN),
    ("have", EN),
    ("hay", ES),
    ("hayır", TR),
    ("he", EN),
    ("heb", NL),
    ("hebben", NL),
    ("her", EN),
    ("het", NL),
    ("hij", NL),
    ("his", EN),
    ("ho", IT),
    ("hogy", HU),
    ("hon", SV),
    ("how", EN),
    ("hän", FI),
    ("i", EN),
    ("ich", DE),
    ("if", EN),
    ("igen", HU),
    ("ik", NL),
    ("il", FR | IT),
    ("ile", TR),
    ("im", DE),
    ("in", EN | IT | NL),
    ("ini", ID),
    ("inte", SV),
    ("is", EN | NL | HU),
    ("isso", PT),
    ("ist", DE),
    ("it", EN),
    ("itt", HU),
    ("itu", ID),
    ("için", TR),
    ("ja", DE | NL | SV | PL | FI),
    ("jag", SV),
    ("jak", PL | CS),
    ("je", FR | NL | CS),
    ("jen", CS),
    ("jest", PL),
    ("jestem", PL),
    ("jeszcze", PL),
    ("jij", NL),
    ("jos", FI),
    ("jsem", CS),
    ("jsi", CS),
    ("jste", CS),
    ("juga", ID),
    ("just", EN),
    ("już", PL),
    ("jó", HU),
    ("kadar", TR),
    ("kaikki", FI),
    ("kalau", ID),
    ("kami", ID),
    ("kamu", ID),
    ("kan", NL | SV),
    ("kanssa", FI),
    ("karena", ID),
    ("když", CS),
    ("ke", ID),
    ("kell", HU),
    ("kiitos", FI),
    ("kita", ID),
    ("know", EN),
    ("kun", FI),
    ("la", ES | FR | IT | RO),
    ("las", ES),
    ("le", ES | FR | IT),
    ("les", ES | FR),
    ("like", EN),
    ("lo", ES | IT),
    ("los", ES),
    ("ma", IT),
    ("maar", NL),
    ("mai", IT | RO),
    ("mais", FR),
    ("mas", PT),
    ("me", EN),
    ("med", SV),
    ("meg", HU),
    ("mereka", ID),
    ("mi", ES | IT | HU),
    ("miksi", FI),
    ("mikä", FI),
    ("mint", HU),
    ("minä", FI),
    ("missä", FI),
    ("mit", DE),
    ("mitä", FI),
    ("mnie", PL),
    ("molto", IT),
    ("może", PL),
    ("muito", PT),
    ("mutta", FI),
    ("muy", ES),
    ("my", EN),
    ("mycket", SV),
    ("myös", FI),
    ("mám", CS),
    ("már", HU),
    ("más", ES),
    ("még", HU),
    ("mă", RO),
    ("mı", TR),
    ("na", PT | PL | CS),
    ("naar", NL),
    ("nagyon", HU),
    ("nasıl", TR),
    ("ne", FR | TR | RO | CS),
    ("nebo", CS),
    ("neden", TR),
    ("nein", DE),
    ("nem", PT | HU),
    ("není", CS),
    ("ni", SV),
    ("nicht", DE),
    ("nie", PL),
    ("niet", NL),
    ("niin", FI),
    ("nincs", HU),
    ("no", EN | ES | PT),
    ("noch", DE),
    ("nog", NL),
    ("non", FR | IT),
    ("not", EN),
    ("nous", FR),
    ("nu", NL | SV | RO),
    ("nur", DE),
    ("nyt", FI),
    ("não", PT),
    ("när", SV),
    ("o", PT | RO),
    ("och", SV),
    ("också", SV),
    ("od", PL),
    ("of", EN),
    ("olarak", TR),
    ("olen", FI),
    ("olet", FI),
    ("oli", FI),
    ("om", NL | SV),
    ("on", EN | FI),
    ("one", EN),
    ("ook", NL),
    ("or", EN),
    ("os", PT),
    ("oui", FR),
    ("our", EN),
    ("ovat", FI),
    ("para", ES | PT),
    ("pas", FR),
    ("pe", RO),
    ("pentru", RO),
    ("per", IT),
    ("pero", ES),
    ("plus", FR),
    ("por", ES),
    ("porque", ES),
    ("pour", FR),
    ("pro", CS),
    ("proč", CS),
    ("przez", PL),
    ("på", SV),
    ("que", ES | FR | PT),
    ("questo", IT),
    ("qui", FR),
    ("qué", ES),
    ("sangat", ID),
    ("saya", ID),
    ("se", ES | PT | CS | FI),
    ("sehr", DE),
    ("sen", TR),
    ("she", EN),
    ("sie", DE),
    ("sim", PT),
    ("sind", DE),
    ("sinä", FI),
    ("sitten", FI),
    ("się", PL),
    ("ska", SV),
    ("so", EN),
    ("som", SV),
    ("son", ES),
    ("sono", IT),
    ("sonra", TR),
    ("sont", FR),
    ("su", ES),
    ("sudah", ID),
    ("sunt", RO),
    ("sur", FR),
    ("så", SV),
    ("sì", IT),
    ("sí", ES),
    ("să", RO),
    ("są", PL),
    ("tady", CS),
    ("tak", PL | CS),
    ("taky", CS),
    ("también", ES),
    ("tego", PL),
    ("that", EN),
    ("the", EN),
    ("their", EN),
    ("them", EN),
    ("there", EN),
    ("they", EN),
    ("think", EN),
    ("this", EN),
    ("ti", IT),
    ("tidak", ID),
    ("till", SV),
    ("to", EN | PL | CS),
    ("très", FR),
    ("tutaj", PL),
    ("ty", PL | CS),
    ("tylko", PL),
    ("tämä", FI),
    ("tú", ES),
    ("uit", NL),
    ("um", PT),
    ("uma", PT),
    ("un", ES | FR | IT | RO),
    ("una", ES | IT),
    ("und", DE),
    ("unde", RO),
    ("une", FR),
    ("untuk", ID),
    ("už", CS),
    ("v", CS),
    ("vad", SV),
    ("vagy", HU),
    ("vain", FI),
    ("van", NL | HU),
    ("var", SV | TR),
    ("ve", TR),
    ("vi", IT | SV),
    ("você", PT),
    ("volt", HU),
    ("von", DE),
    ("voor", NL),
    ("vous", FR),
    ("vím", CS),
    ("was", EN | DE | NL),
    ("wat", NL),
    ("we", EN | NL),
    ("wel", NL),
    ("were", EN),
    ("what", EN),
    ("who", EN),
    ("wie", DE),
    ("will", EN),
    ("wir", DE),
    ("with", EN),
    ("worden", NL),
    ("wordt", NL),
    ("would", EN),
    ("wszystko", PL),
    ("y", ES),
    ("yang", ID),
    ("yes", EN),
    ("yo", ES),
    ("yok", TR),
    ("you", EN),
    ("your", EN),
    ("ze", NL | PL),
    ("zijn", NL),
    ("zo", NL),
    ("zu", DE),
    ("à", FR),
    ("är", SV),
    ("ça", FR),
    ("çok", TR),
    ("è", IT),
    ("é", PT),
    ("él", ES),
    ("én", HU),
    ("és", HU),
    ("în", RO),
    ("şey", TR),
    ("şimdi", TR),
    ("że", PL),
    ("že", CS),
    ("și", RO),
];

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
        assert_eq!(guess_lang("OpenAI 的 GPT-4"), Lang::Zh);
        assert_eq!(guess_lang("我用 ChatGPT 写 Python 代码"), Lang::Zh);
        assert_eq!(
            guess_lang("我们用 RAG 和 fine-tuning 来改进 LLM 的表现"),
            Lang::Zh
        );
        assert_eq!(
            guess_lang("저는 ChatGPT와 Python으로 코드를 작성합니다"),
            Lang::Ko
        );
        assert_eq!(guess_lang("The word 안녕 means hi"), Lang::En);
        // English quoting a few characters, however short its words; but not Chinese with an
        // English phrase, held together by its grammar.
        assert_eq!(guess_lang("Say 谢谢 or 你好 to be polite"), Lang::En);
        assert_eq!(guess_lang("You can say ありがとう to thank them"), Lang::En);
        assert_eq!(guess_lang("Say 감사합니다 to the host"), Lang::En);
        assert_eq!(guess_lang("他说 thank you so much 然后就走了"), Lang::Zh);
        assert_eq!(guess_lang("谢谢 and 你好"), Lang::Zh);
    }

    fn writes_traditional(texts: &[&str]) -> bool {
        let mut forms = HanForms::default();
        texts.iter().all(|t| forms.count(t));
        forms.told() == Some(true)
    }

    #[test]
    fn traditional_characters_are_told_from_simplified_ones() {
        let forms: Vec<char> = FORMS.chars().collect();
        assert_eq!(forms.len() * 3, FORMS.len(), "three bytes each");
        assert_eq!(forms.len() % 2, 0, "in pairs");
        let mut unique = forms.clone();
        unique.sort_unstable();
        unique.dedup();
        assert_eq!(unique.len(), forms.len(), "each once");
        assert!(writes_traditional(&["我們這個時候說的話", "沒問題"]));
        assert!(!writes_traditional(&["我们这个时候说的话", "没问题"]));
        // A traditional name quoted in a simplified transcript, and the other way round.
        assert!(!writes_traditional(&[
            "他来自台灣國立大學，我们说过这个问题"
        ]));
        assert!(writes_traditional(&["我們說過這個問題，他来自北京"]));
        // Nothing to tell them by: untold, and as many of each.
        let mut forms = HanForms::default();
        forms.count("你好 Hello");
        assert_eq!(forms.told(), None);
        forms.count("們们");
        assert_eq!(forms.told(), None);
        assert!(!writes_traditional(&[]));
        // Only the first 64 that tell count.
        let quoted = format!("{}{}", "們".repeat(64), "们".repeat(100));
        assert!(writes_traditional(&[quoted.as_str()]));
        // A traditional line has the grammar of one, as a simplified line has.
        assert_eq!(guess_lang("他說 thank you so much 然後就走了"), Lang::Zh);
        assert_eq!(guess_lang("他們 use ChatGPT every day"), Lang::Zh);
        assert_eq!(guess_lang("他们 use ChatGPT every day"), Lang::Zh);
    }

    #[test]
    fn a_code_or_a_label_of_chinese_names_its_form() {
        for code in [
            "zh-Hant",
            "zh-TW",
            "zh_HK",
            "zh-hant-tw",
            "zh-MO",
            "cmn-Hant-TW",
        ] {
            assert_eq!(traditional_by_code(code), Some(true), "{code}");
        }
        for code in ["zh-Hans", "zh-CN", "zh_cn", "zh-SG", "zh-Hans-HK"] {
            assert_eq!(traditional_by_code(code), Some(false), "{code}");
        }
        for code in ["zh", "zh-yue", "zh-Latn-pinyin", ""] {
            assert_eq!(traditional_by_code(code), None, "{code}");
        }
        for (label, traditional) in [
            ("中文翻譯", Some(true)),
            ("**繁体中文**", Some(true)),
            ("中文翻译", Some(false)),
            ("簡體中文", Some(false)),
            ("中文", None),
            ("Chinese", None),
        ] {
            assert_eq!(traditional_by_label(label), traditional, "{label}");
        }
    }

    #[test]
    fn pinyin_is_told_by_its_tone_marks_and_syllables() {
        for pinyin in [
            "Nǐ hǎo",
            "Hǎo.",
            "Wǒ hěn hǎo, xièxie.",
            "Tā shì xuésheng.",
            "Wǒ yǒu yìdiǎnr è le.",
            "Wǒmen qù Zhōngguó ba!",
            "Xī'ān de ròujiāmó hěn hǎochī.",
            // Tones numbered, `ü` as `v`.
            "Ni3 hao3 ma?",
            "Wo3 hen3 hao3, xie4xie5.",
            "Ta1 shi4 xue2sheng",
            "peng2you5",
            "Hao3.",
            "lv4 se4",
        ] {
            assert_eq!(latin_language(pinyin), Some(Lang::Pinyin), "{pinyin}");
        }
        for other in [
            // Japanese in Latin letters, its long vowels marked; Czech without its `ř`;
            // Spanish and French accents; English quoting Pinyin.
            "Tōkyō e ikimasu.",
            "Je to věc, která je dobrá.",
            "Sí, está aquí.",
            "Sí.",
            "Děkuji.",
            "Très bien, merci.",
            "Say nǐ hǎo to greet someone you meet.",
            // Digits after letters in English.
            "Go to gate a1 for flight 5.",
            "A1.",
            "Area51",
            "I bought it on Web3 for 4 dollars.",
            "Play the mp3 file.",
            "Chapter 3",
            "Route 66 to LA2",
        ] {
            assert_ne!(latin_language(other), Some(Lang::Pinyin), "{other}");
        }
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
        assert_eq!(guess_lang("سلام، حال شما چطور است؟"), Lang::Fa);
        assert_eq!(guess_lang("من فارسی صحبت می‌کنم."), Lang::Fa);
        assert_eq!(guess_lang("آپ کیسے ہیں؟"), Lang::Ur);
        assert_eq!(guess_lang("میں ٹھیک ہوں، شکریہ۔"), Lang::Ur);
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
        assert_eq!(guess_lang("¿Cómo estás? Muy bien, gracias"), Lang::Es);
    }

    #[test]
    fn latin_languages_by_their_words() {
        for (text, lang) in [
            ("Where is the station?", Some(Lang::En)),
            ("¿Dónde está la estación?", Some(Lang::Es)),
            ("Está junto a la panadería.", Some(Lang::Es)),
            ("Je ne parle qu'un peu espagnol.", Some(Lang::Fr)),
            ("Ich spreche Deutsch und du?", Some(Lang::De)),
            ("Grüße aus München", Some(Lang::De)),
            ("Io non parlo molto bene.", Some(Lang::It)),
            ("Eu não falo muito bem.", Some(Lang::Pt)),
            ("Tôi không nói được tiếng Anh.", Some(Lang::Vi)),
            ("Ik weet het niet, maar het is goed.", Some(Lang::Nl)),
            ("Jag vet inte vad det är.", Some(Lang::Sv)),
            ("Nie wiem, co to jest.", Some(Lang::Pl)),
            ("Dziękuję bardzo, to było miłe.", Some(Lang::Pl)),
            ("Bunu bilmiyorum ama çok güzel.", Some(Lang::Tr)),
            ("Teşekkür ederim.", Some(Lang::Tr)),
            ("Saya tidak tahu apa itu.", Some(Lang::Id)),
            ("Nu știu ce să fac acum.", Some(Lang::Ro)),
            ("Nu stiu ce sa fac acum, este foarte greu.", Some(Lang::Ro)),
            ("Nem tudom, hogy mit csináljak.", Some(Lang::Hu)),
            ("Nevím, co mám dělat.", Some(Lang::Cs)),
            ("To je pro mě moc těžké.", Some(Lang::Cs)),
            ("En tiedä, mitä minä teen nyt.", Some(Lang::Fi)),
            // The nearest, for a language not told apart: Slovak as Czech, Danish as Swedish.
            ("Neviem, čo mám robiť.", Some(Lang::Cs)),
            ("Jeg ved det ikke, men det er godt.", Some(Lang::Sv)),
            // English with the words other languages share with it.
            ("We was in the van and it is late.", Some(Lang::En)),
            ("I want to go to the store, but I can not.", Some(Lang::En)),
            // Nothing tells: a name, a word every language has, a tie.
            ("OK.", None),
            ("Lady Gaga", None),
            ("No.", None),
            ("x, y", None),
            ("I love la vida", None),
        ] {
            assert_eq!(latin_language(text), lang, "{text}");
        }
        assert_eq!(guess("OK."), (Lang::En, false));
        assert_eq!(guess("The end of it."), (Lang::En, true));
        assert_eq!(guess("The end."), (Lang::En, false));
        assert_eq!(guess("中文"), (Lang::Zh, true));
    }

    #[test]
    fn latin_words_are_each_once_and_in_order_of_their_hashes() {
        assert!(LATIN_WORDS.windows(2).all(|w| w[0].0 < w[1].0));
        assert!(WORDS.0.windows(2).all(|w| w[0] < w[1]));
    }
}
