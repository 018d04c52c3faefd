//! A dialogue translated line by line, each line said in one language and then in the other,
//! its speakers named in both (`Host: Welcome.` over `主持人：欢迎。`, or `Alice:` twice), is a
//! bilingual transcript: each line and its translation are one turn, as the layout's labels or a
//! cue of two lines make them. This is how a chat assistant or a translator hands a dialogue back.
//!
//! Told apart from two people answering each other in their own languages (`Alice: How are
//! you?` over `王伟：我很好。`) by the names: in a translation each name in the one language is
//! always followed by the same name in the other, and no name is followed by two, and there are
//! two such pairs of names at least (a host and a guest), or the names are the same. A
//! conversation of two, alternating, has one pair only, and is left as it is.

use crate::model::{drop_joined, join_turn, Document, Lang};

/// The most speakers a translated dialogue is looked for among.
const MAX_PAIRS: usize = 32;

/// What one or more `Name: text` lines, or turns, in a row say of names translated.
#[derive(Default)]
pub(crate) struct NamePairs {
    /// The last line seen, not yet paired: its name (an index the caller keeps) and language.
    open: Option<(u32, Lang)>,
    /// Each pair of names seen, the first's language before the second's, once.
    pairs: Vec<(u32, u32)>,
    lines: u32,
    paired_lines: u32,
    /// A name was paired with two others, or stood first in one pair and second in another.
    broken: bool,
}

impl NamePairs {
    /// One more line, by `name` in `lang`; `follows`: it may be a translation of the line
    /// before. Says whether it is paired with that line.
    pub(crate) fn see(&mut self, name: u32, lang: Lang, follows: bool) -> bool {
        self.lines += 1;
        match self.open.take() {
            Some((first, first_lang))
                if follows
                    && lang != first_lang
                    && lang != Lang::Und
                    && first_lang != Lang::Und =>
            {
                self.paired_lines += 2;
                self.pair(first, name);
                true
            }
            _ => {
                self.open = Some((name, lang));
                false
            }
        }
    }

    /// A line that is no one's (between two dialogue lines, it keeps them apart).
    pub(crate) fn break_off(&mut self) {
        self.open = None;
    }

    fn pair(&mut self, first: u32, second: u32) {
        if self.broken {
            return;
        }
        for &(a, b) in &self.pairs {
            if (a, b) == (first, second) {
                return;
            }
            if a == first || b == second || a == second || b == first {
                self.broken = true;
            }
        }
        // A dialogue has a few speakers; a file of many names in pairs is something else, and
        // is not looked through pair by pair.
        self.broken |= self.pairs.len() == MAX_PAIRS;
        self.pairs.push((first, second));
    }

    /// Whether `name`, counted in `names` (as [`crate::read_bilingual::count_name`] counts them),
    /// is one of a pair that [`NamePairs::translated`] gives.
    pub(crate) fn pairs_name(&self, names: &[(String, u32)], name: &str) -> bool {
        let at = names
            .iter()
            .position(|(n, _)| n == name)
            .map(|at| at as u32);
        let pairs = self.translated();
        at.is_some_and(|at| pairs.iter().any(|&(a, b)| a == at || b == at))
    }

    /// The pairs of names that name one speaker each, if the lines seen are a translated
    /// dialogue: three in four of them paired at least (or all but two), and the pairs as the
    /// module says.
    pub(crate) fn translated(&self) -> &[(u32, u32)] {
        let same_names = self.pairs.iter().all(|(a, b)| a == b);
        let enough = self.pairs.len() >= 2 || same_names && self.paired_lines >= 4;
        // A few lines unpaired: a header's `Recorded: May 2024`, a line left untranslated.
        let unpaired = self.lines - self.paired_lines;
        if !self.broken && enough && unpaired <= (self.paired_lines / 3).max(2) {
            &self.pairs
        } else {
            &[]
        }
    }
}

/// A speaker named in two languages, as a reader sees it: `Host / 主持人`.
fn both_names(first: &str, second: &str) -> String {
    let mut both = first.to_owned();
    if first != second {
        both.push_str(" / ");
        both.push_str(second);
    }
    both
}

/// Joins each turn of a translated dialogue ([module docs](self)) to the turn it translates:
/// two turns in a row, each one language, by a pair of names, at the same time as the source
/// gives it or, `untimed`, none. Their speaker is named in both languages. Says, for each turn
/// before, whether it went (joined to the one before it); empty if none did.
pub(crate) fn join_translated_turns(doc: &mut Document, untimed: bool) -> Vec<bool> {
    let mut names = NamePairs::default();
    let mut gone = vec![false; doc.turns.len()];
    for (k, turn) in doc.turns.iter().enumerate() {
        match (turn.speaker, turn.blocks.as_slice()) {
            (Some(speaker), [block]) => {
                let before = k.checked_sub(1).map(|b| &doc.turns[b]);
                let follows = before.is_some_and(|b| {
                    untimed || !b.estimated_start && !turn.estimated_start && b.start == turn.start
                });
                gone[k] = names.see(speaker, block.lang, follows);
            }
            _ => names.break_off(),
        }
    }
    let pairs = names.translated();
    if pairs.is_empty() {
        return Vec::new();
    }
    // (Each turn paired is in a pair of `pairs`: they are all of them.)
    for k in (1..gone.len()).filter(|&k| gone[k]) {
        join_turn(&mut doc.turns, k - 1, k);
    }
    drop_joined(&mut doc.turns, &gone);
    let old = std::mem::take(&mut doc.speakers);
    doc.rename_speakers(
        |id| match pairs.iter().find(|&&(a, b)| a == id || b == id) {
            Some(&(a, b)) => both_names(&old[a as usize], &old[b as usize]),
            None => old[id as usize].clone(),
        },
    );
    gone
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pairs_of(lines: &[(u32, Lang)]) -> Vec<(u32, u32)> {
        let mut names = NamePairs::default();
        for &(name, lang) in lines {
            names.see(name, lang, true);
        }
        names.translated().to_vec()
    }

    #[test]
    fn names_that_pair_one_to_one_are_translated() {
        use Lang::{En, Zh};
        let (host, guest, zhuchi, jiabin) = (0, 1, 2, 3);
        let translated = [
            (host, En),
            (zhuchi, Zh),
            (guest, En),
            (jiabin, Zh),
            (host, En),
            (zhuchi, Zh),
        ];
        assert_eq!(pairs_of(&translated), [(host, zhuchi), (guest, jiabin)]);
        // Two people answering each other, each in their language: one pair only.
        let answering = [(host, En), (zhuchi, Zh), (host, En), (zhuchi, Zh)];
        assert!(pairs_of(&answering).is_empty());
        // The same names twice a line: a monologue or dialogue, translated.
        let same = [(host, En), (host, Zh), (guest, En), (guest, Zh)];
        assert_eq!(pairs_of(&same), [(host, host), (guest, guest)]);
        // One name answered by two: an interpreter, not a translation.
        let interpreter = [(host, En), (zhuchi, Zh), (guest, En), (zhuchi, Zh)];
        assert!(pairs_of(&interpreter).is_empty());
        // Lines in one language mostly, a few answered in another.
        let mostly_one = [
            (host, En),
            (guest, En),
            (host, En),
            (guest, En),
            (host, En),
            (zhuchi, Zh),
            (guest, En),
            (jiabin, Zh),
        ];
        assert!(pairs_of(&mostly_one).is_empty());
    }
}
