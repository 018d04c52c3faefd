//! Two transcripts of one recording, each in its own language, made one bilingual transcript.
//!
//! Subtitles come one language a file as often as two a cue: a film's English and Chinese
//! `.srt`, a video's captions and their translation downloaded apart, a podcast's transcript and
//! one made from it. A learner wants them side by side, as a cue of two lines gives them. The
//! second's turns are laid beside the first's by time: each joins the turn of the first it
//! overlaps most, if they share at least half of either's span (two subtitlers cut the same
//! speech a little apart, and one may split a cue the other keeps whole; two releases' subtitles
//! may run apart by a constant time or a frame rate, which is found and undone first: [`Fit`]).
//! What overlaps nothing
//! stays a turn of its own, at its time. Nothing of either is lost, and the first's turns,
//! speakers and header stay as they were: the second's speakers fill turns the first names no
//! one in, its header lines follow the first's, its notes from the reader are named by its file.

use crate::model::{Diagnostic, DiagnosticKind, Document, Heading, Lang, TextBlock, Turn};
use crate::time::Millis;
use crate::timeline::Timeline;

/// Why a transcript was not joined to another.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NotJoined {
    /// Both have text in this language: the second is another transcript, not a translation.
    SameLanguage(Lang),
    /// One of them gives no times (plain text, whose starts are estimated), so there is nothing
    /// to lay their turns side by side by.
    NoTimes,
}

impl std::fmt::Display for NotJoined {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            NotJoined::SameLanguage(lang) => write!(
                f,
                "both are in {}, and only transcripts in different languages are joined",
                lang.name()
            ),
            NotJoined::NoTimes => write!(
                f,
                "one of them has no times to lay their turns side by side by"
            ),
        }
    }
}

/// What stands between the names of files joined, in the name of their transcript.
pub const NAMES_JOINED: &str = " + ";

/// The name of the transcript file `second` joined to the one shown as `first` makes: both
/// ("film.en.srt + film.zh.srt"), for messages and the tab's title.
pub fn joined_name(first: &str, second: &str) -> String {
    format!("{first}{NAMES_JOINED}{second}")
}

/// The name, without an extension, to save a transcript shown as `name` under ("episode-12" for
/// "episode-12.md"). Of files joined, what their names begin with up to a separator ("film" of
/// "film.en.srt + film.zh.srt"); if nothing, each's joined by `+` ("english+chinese"). Never
/// empty: a name that is all extension gives "transcript".
pub fn file_stem(name: &str) -> String {
    let stems: Vec<&str> = name
        .split(NAMES_JOINED)
        .map(|n| n.rsplit_once('.').map_or(n, |(stem, _)| stem))
        .collect();
    let separator = |c: char| matches!(c, '.' | '-' | '_' | ' ');
    // The longest beginning all share that ends where each name ends or a separator stands.
    let first = stems[0];
    let shared = first
        .char_indices()
        .map(|(i, _)| i)
        .chain([first.len()])
        .take_while(|&i| stems.iter().all(|s| s.get(..i) == Some(&first[..i])))
        .filter(|&i| {
            stems
                .iter()
                .all(|s| s[i..].chars().next().is_none_or(separator))
        })
        .last()
        .map_or("", |i| first[..i].trim_end_matches(separator));
    let stem = match stems.len() {
        1 => first.to_owned(),
        _ if shared.is_empty() => stems.join("+"),
        _ => shared.to_owned(),
    };
    if stem.is_empty() {
        "transcript".to_owned()
    } else {
        stem
    }
}

/// Whether `second` can be joined to `first` (see [`join`]).
pub fn joinable(first: &Document, second: &Document) -> Result<(), NotJoined> {
    let untimed = |d: &Document| d.estimated_starts || d.turns.is_empty();
    if untimed(first) || untimed(second) {
        return Err(NotJoined::NoTimes);
    }
    match second
        .languages
        .iter()
        .find(|&&l| l != Lang::Und && first.languages.contains(&l))
    {
        Some(&shared) => Err(NotJoined::SameLanguage(shared)),
        None => Ok(()),
    }
}

/// Joins `second`, read from the file `name`, to `first` as its other language(s), or says why
/// not and leaves `first` as it was. The turns of `second` keep their own line numbers (its
/// notes from the reader say which file they count in).
pub fn join(first: &mut Document, mut second: Document, name: &str) -> Result<(), NotJoined> {
    joinable(first, &second)?;
    let first_timeline = Timeline::new(first, None);
    let (fit, mut partners) = best_fit(&first_timeline, &mut second);
    let folded_into = fold_split_turns(first, &first_timeline, &second, &mut partners);
    let language = second.languages.iter().copied().find(|&l| l != Lang::Und);
    let Document {
        title,
        metadata,
        speakers,
        turns,
        headings,
        diagnostics,
        traditional_chinese,
        ..
    } = second;
    first.traditional_chinese |= traditional_chinese;
    let (mut paired, mut alone) = (0u32, 0u32);
    // The turns of the second with a partner go into it; the others come after the `anchor`th
    // turn of the first (the last that started by their start), in order.
    let mut alone_turns: Vec<(usize, usize, Turn)> = Vec::new();
    for (j, (mut turn, partner)) in turns.into_iter().zip(&partners).enumerate() {
        // Named in the first's list of speakers only where it names a turn.
        let speaker = turn.speaker.take().and_then(|s| speakers.get(s as usize));
        match *partner {
            Some(i) => {
                paired += 1;
                if first.turns[i].speaker.is_none() {
                    first.turns[i].speaker = speaker.map(|name| first.speaker_id(name));
                }
                lay_beside(&mut first.turns[i], turn);
            }
            None => {
                alone += 1;
                turn.speaker = speaker.map(|name| first.speaker_id(name));
                let anchor = first_timeline
                    .previous_before(Millis(turn.start.0.saturating_add(1)))
                    .map_or(0, |i| i + 1);
                alone_turns.push((anchor, j, turn));
            }
        }
    }
    // Where each turn of the first, and each of the second left alone, now stands.
    let mut moved_first = Vec::with_capacity(first.turns.len());
    let mut moved_second = vec![usize::MAX; partners.len()];
    let mut joined = Vec::with_capacity(first.turns.len() + alone as usize);
    let mut old = std::mem::take(&mut first.turns).into_iter();
    let order = crate::order::stable_order(alone_turns.iter().map(|&(anchor, ..)| anchor as u64));
    let mut slots: Vec<Option<(usize, usize, Turn)>> = alone_turns.into_iter().map(Some).collect();
    let mut placed = 0;
    // The next turn of the first, unless it was folded into one before it (then where that one
    // stands is where it went).
    let mut next_of_first = |moved_first: &mut Vec<usize>, joined: &mut Vec<Turn>| {
        let k = moved_first.len();
        let turn = old.next()?;
        match folded_into[k] {
            kept if kept == k => {
                moved_first.push(joined.len());
                joined.push(turn);
            }
            kept => moved_first.push(moved_first[kept]),
        }
        Some(())
    };
    for (anchor, j, turn) in order.into_iter().filter_map(|at| slots[at as usize].take()) {
        while placed < anchor {
            next_of_first(&mut moved_first, &mut joined);
            placed += 1;
        }
        moved_second[j] = joined.len();
        joined.push(turn);
    }
    while next_of_first(&mut moved_first, &mut joined).is_some() {}
    let total = joined.len();
    first.turns = joined;
    let new_place = |old: u32, moved: &[usize]| moved.get(old as usize).map_or(total, |&at| at);
    for heading in &mut first.headings {
        heading.before_turn = new_place(heading.before_turn, &moved_first) as u32;
    }
    for heading in headings {
        let j = heading.before_turn as usize;
        let at = match partners.get(j) {
            Some(Some(i)) => moved_first[*i],
            Some(None) => moved_second[j],
            None => total,
        };
        first.headings.push(Heading {
            before_turn: at as u32,
            ..heading
        });
    }
    crate::order::sort_stably_by_key(&mut first.headings, |h| u64::from(h.before_turn));
    // The header: the second's title, if it is not the first's, is one of its lines.
    let mut header = title.into_iter().chain(metadata);
    if first.title.is_none() {
        first.title = header.next();
    }
    for line in header {
        if first.title.as_ref() != Some(&line) && !first.metadata.contains(&line) {
            first.metadata.push(line);
        }
    }
    first.collect_languages();
    first.warn(
        0,
        DiagnosticKind::Joined {
            file: name.to_owned(),
            language: language.unwrap_or(Lang::Und),
            paired,
            alone,
            folded: (folded_into.iter().enumerate())
                .filter(|&(k, &kept)| k != kept)
                .count() as u32,
            times: fit.said(),
        },
    );
    let in_second = diagnostics
        .into_iter()
        .map(|Diagnostic { line, kind }| Diagnostic {
            line: 0,
            kind: DiagnosticKind::InJoinedFile {
                file: name.to_owned(),
                line,
                said: kind.to_string(),
            },
        });
    first.diagnostics.extend(in_second);
    // Notes about the whole (line 0) first, as a reader leaves them.
    crate::order::sort_stably_by_key(&mut first.diagnostics, |d| u64::from(d.line));
    Ok(())
}

/// How `second`'s times were made to match the first's: scaled by `rate` (the second's frame
/// rate to the first's, as `(from, to)` in thousandths of a frame a second), then moved by
/// `shift` ms.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Fit {
    rate: (u64, u64),
    shift: i64,
}

impl Fit {
    const NONE: Fit = Fit {
        rate: (1, 1),
        shift: 0,
    };

    fn time(self, t: Millis) -> Millis {
        // A frame's time at `from` frames a second, at `to`.
        let scaled = u128::from(t.0) * u128::from(self.rate.0) / u128::from(self.rate.1);
        let moved = (scaled.min(u128::from(Millis::LATEST.0)) as i64 + self.shift).max(0);
        Millis(moved as u64).min(Millis::LATEST)
    }

    /// Moves every time of `doc` by this fit.
    fn apply(self, doc: &mut Document) {
        for turn in &mut doc.turns {
            turn.start = self.time(turn.start);
            turn.end = turn.end.map(|t| self.time(t));
            for timing in turn.blocks.iter_mut().flat_map(|b| &mut b.timings) {
                timing.start = self.time(timing.start);
                timing.end = timing.end.map(|t| self.time(t));
            }
        }
    }

    /// What was done, said (`its times moved 2.5 s earlier to match`), or nothing.
    fn said(self) -> String {
        let mut said = String::new();
        if self.rate != (1, 1) {
            let fps = |thousandths: u64| crate::decimal::trimmed(thousandths as f64 / 1000.0, 3);
            said += &format!(
                "; its times scaled from {} to {} frames a second",
                fps(self.rate.0),
                fps(self.rate.1)
            );
        }
        if self.shift != 0 {
            let by = crate::decimal::trimmed(self.shift.unsigned_abs() as f64 / 1000.0, 1);
            let way = if self.shift > 0 { "later" } else { "earlier" };
            said += &format!(
                "{} {by} s {way}",
                if said.is_empty() {
                    "; its times moved"
                } else {
                    " and moved"
                }
            );
        }
        if !said.is_empty() {
            said += " to match";
        }
        said
    }
}

/// The frame rates subtitles are timed for (film's 23.976 and 24, PAL's 25 and NTSC's 29.97 a
/// second), in thousandths: a release at one, its subtitles read beside another's, drifts
/// further out every minute (PAL runs a film 4% fast).
const FRAME_RATES: [u64; 4] = [23_976, 24_000, 25_000, 29_970];

/// Subtitles of one film from two releases often run a constant time apart (another intro,
/// another cut of the opening credits), or drift apart (one timed for PAL's 25 frames a second,
/// the other for film's 23.976): the fit (see [`Fit`], applied to `second`) under which its
/// turns share clearly more time with their partners than as they stand (a fifth more, no
/// fewer partners, and half its turns paired, five at least), and the partners then
/// ([`partners`]). Tried: each pair of frame rates, and for each the three differences between
/// a turn's start and the starts of the first's turns within a minute of it that come up most,
/// to a tenth of a second. (Counting partners alone would not do: 2.5 s apart, cues 3 s apart
/// each half overlap the wrong one.)
fn best_fit(first_timeline: &Timeline, second: &mut Document) -> (Fit, Vec<Option<usize>>) {
    let fit = best_fit_of(first_timeline, &sampled(second));
    if fit != Fit::NONE {
        fit.apply(second);
    }
    (fit, partners(first_timeline, second).0)
}

/// At most this many of the second's turns, spread through it, are what a fit is judged by: the
/// ways tried are some fifty, each a pass over what is judged (a film's 3,000 cues whole took
/// 0.15 s).
const FITTED_TURNS: usize = 300;

/// `doc`'s turns, or [`FITTED_TURNS`] of them spread through it.
fn sampled(doc: &Document) -> Document {
    let step = doc.turns.len().div_ceil(FITTED_TURNS).max(1);
    Document {
        turns: doc.turns.iter().step_by(step).cloned().collect(),
        // The spoken language's, by which turns without an end are timed.
        languages: doc.languages.clone(),
        ..Document::default()
    }
}

/// [`best_fit`]'s fit, judged on `second`.
fn best_fit_of(first_timeline: &Timeline, second: &Document) -> Fit {
    let (as_they_stand, shared) = partners(first_timeline, second);
    let spoken: u64 = Timeline::new(second, None)
        .spans()
        .iter()
        .map(|s| s.end.0.saturating_sub(s.start.0))
        .sum();
    if shared * 10 >= spoken * 9 {
        return Fit::NONE;
    }
    let count = |partners: &[Option<usize>]| partners.iter().filter(|p| p.is_some()).count();
    let rates = FRAME_RATES
        .iter()
        .flat_map(|&from| FRAME_RATES.iter().map(move |&to| (from, to)))
        .filter(|(from, to)| from != to)
        .chain([(1, 1)]);
    // No fewer paired, and enough of them to tell a fit from a chance one.
    let at_least = count(&as_they_stand)
        .max(MIN_FITTED)
        .max(second.turns.len() / 2);
    let mut best = (Fit::NONE, shared);
    for rate in rates {
        let mut scaled = second.clone();
        Fit { rate, shift: 0 }.apply(&mut scaled);
        for shift in likely_shifts(first_timeline, &scaled) {
            let fit = Fit { rate, shift };
            let mut moved = second.clone();
            fit.apply(&mut moved);
            let (partners, shared) = partners(first_timeline, &moved);
            if shared > best.1 && count(&partners) >= at_least {
                best = (fit, shared);
            }
        }
    }
    match best.1 * 5 >= shared * 6 {
        true => best.0,
        false => Fit::NONE,
    }
}

/// The shifts (ms) that would bring most of `second`'s turns to start with one of the first's:
/// the three differences between a turn's start and the starts of the first's turns within a
/// minute of it that come up most, to a tenth of a second, and no shift.
fn likely_shifts(first_timeline: &Timeline, second: &Document) -> Vec<i64> {
    let mut differences: Vec<i64> = Vec::new();
    for turn in &second.turns {
        let start = turn.start.0 as i64;
        let near = Millis(turn.start.0.saturating_sub(WITHIN_MS));
        let mut next = first_timeline.next_after(near);
        while let Some(i) = next {
            let theirs = first_timeline.span(i).start.0 as i64;
            if theirs > start + WITHIN_MS as i64 {
                break;
            }
            differences.push((theirs - start) / 100);
            next = first_timeline.next_turn(i);
        }
    }
    // The differences in order, then in runs of one difference, the longest runs first.
    let keys: Vec<u64> = differences
        .iter()
        .map(|&d| (d + (1 << 40)) as u64)
        .collect();
    let sorted = crate::order::stable_order(keys.iter().copied());
    let mut runs: Vec<(usize, i64)> = Vec::new();
    let mut k = 0;
    while k < sorted.len() {
        let key = keys[sorted[k] as usize];
        let length = sorted[k..].partition_point(|&at| keys[at as usize] == key);
        runs.push((length, differences[sorted[k] as usize]));
        k += length;
    }
    crate::order::sort_stably_by_key(&mut runs, |&(length, _)| u64::MAX - length as u64);
    let shifts = runs.iter().take(3).map(|&(_, tenths)| tenths * 100);
    shifts.filter(|&s| s != 0).chain([0]).collect()
}

/// The fewest turns a fit must pair: a few turns fit many shifts.
const MIN_FITTED: usize = 5;

/// How far from a turn's start the first's starts are tried as where it should be.
const WITHIN_MS: u64 = 60_000;

/// For each turn of `second`, the turn of the first (whose timeline is `first_timeline`) it
/// joins, if any: the one it overlaps most in time, if they share half of either's span; a turn
/// of no length joins the turn running at its start. And how long, in all, the partners share.
fn partners(first_timeline: &Timeline, second: &Document) -> (Vec<Option<usize>>, u64) {
    let second_timeline = Timeline::new(second, None);
    let mut shared: Vec<(usize, u64)> = Vec::new();
    let mut in_common = 0;
    let partners = second_timeline
        .spans()
        .iter()
        .map(|span| {
            if span.end <= span.start {
                return first_timeline.active_at(span.start);
            }
            // The first's turns running during the span, and for how long each.
            shared.clear();
            let mut t = span.start;
            while t < span.end {
                let until = first_timeline
                    .steady_until(t)
                    .map_or(span.end, |u| u.min(span.end));
                if let Some(i) = first_timeline.active_at(t) {
                    match shared.iter_mut().find(|(turn, _)| *turn == i) {
                        Some((_, length)) => *length += until.0 - t.0,
                        None => shared.push((i, until.0 - t.0)),
                    }
                }
                t = until;
            }
            // The longest shared, the earlier turn of two as long.
            let (i, length) =
                shared
                    .iter()
                    .copied()
                    .reduce(|best, next| if next.1 > best.1 { next } else { best })?;
            let theirs = first_timeline.span(i);
            let half_of_either = 2 * length >= (span.end.0 - span.start.0)
                || 2 * length >= theirs.end.0.saturating_sub(theirs.start.0);
            in_common += if half_of_either { length } else { 0 };
            half_of_either.then_some(i)
        })
        .collect();
    (partners, in_common)
}

/// Where the first splits what the second keeps whole (a turn of the second over two or more
/// of the first's, each at least half inside it, none the partner of another, all of one
/// speaker): those turns of the first become one, the earliest, so that the second's turn is
/// beside all of them — as it is when the files come the other way round, the second's split
/// turns each joining the first's whole one. `partners` are made to point at the turns kept.
/// Returns, for each turn of the first, the turn it is folded into (itself, if none).
fn fold_split_turns(
    first: &mut Document,
    first_timeline: &Timeline,
    second: &Document,
    partners: &mut [Option<usize>],
) -> Vec<usize> {
    let count = first.turns.len();
    let mut folded_into: Vec<usize> = (0..count).collect();
    let mut partnered = vec![false; count];
    for &i in partners.iter().flatten() {
        partnered[i] = true;
    }
    // Each turn is made one with others once at most: one made one twice would be emptied into
    // a turn itself emptied into another, and its text lost (the join property found it).
    let mut grouped = vec![false; count];
    let second_timeline = Timeline::new(second, None);
    for (span, partner) in second_timeline.spans().iter().zip(partners.iter()) {
        let Some(i) = partner.filter(|&i| !grouped[i]) else {
            continue;
        };
        let speaker = first.turns[i].speaker;
        let inside = |k: usize| {
            let theirs = first_timeline.span(k);
            let length =
                (theirs.end.min(span.end).0).saturating_sub(theirs.start.max(span.start).0);
            theirs.end > theirs.start && 2 * length >= theirs.end.0 - theirs.start.0
        };
        let folds = |k: usize| {
            !partnered[k] && !grouped[k] && first.turns[k].speaker == speaker && inside(k)
        };
        let mut from = i;
        while from > 0 && folds(from - 1) {
            from -= 1;
        }
        let mut to = i;
        while to + 1 < count && folds(to + 1) {
            to += 1;
        }
        if to > from {
            folded_into[from..=to].fill(from);
            grouped[from..=to].fill(true);
        }
    }
    for (k, &kept) in folded_into.iter().enumerate() {
        if kept != k {
            let turn = std::mem::replace(&mut first.turns[k], Turn::new(Millis::ZERO, 0));
            let into = &mut first.turns[kept];
            into.start = into.start.min(turn.start);
            into.end = into.end.zip(turn.end).map(|(a, b)| a.max(b));
            lay_beside(into, turn);
        }
    }
    for partner in partners.iter_mut().flatten() {
        *partner = folded_into[*partner];
    }
    folded_into
}

/// Lays `turn` (the second's, its speaker dealt with) beside `kept` (the first's): its blocks
/// become the kept turn's, in their languages; a block the kept turn has already (another turn
/// of the second joined it before) goes on where it ended, as the next line of a cue does.
fn lay_beside(kept: &mut Turn, turn: Turn) {
    kept.notes.extend(turn.notes);
    for block in turn.blocks {
        match kept.blocks.iter_mut().find(|b| b.lang == block.lang) {
            Some(existing) => continue_block(existing, block),
            None => kept.blocks.push(block),
        }
    }
}

/// `block`'s text after `existing`'s: its first paragraph goes on from the last one (unless it
/// opens another speaker's line, `- Yes.`, or one of the two has timed words and the other not),
/// the rest are paragraphs of their own; its timed words move with their text. (A paragraph's
/// timed words cover all of it, or none of it: the exporters write what they cover.)
fn continue_block(existing: &mut TextBlock, block: TextBlock) {
    let TextBlock {
        paragraphs,
        timings,
        ..
    } = block;
    let last = existing.paragraphs.len().saturating_sub(1) as u32;
    let timed = |timings: &[crate::model::Timing], p: u32| timings.iter().any(|t| t.paragraph == p);
    let mut paragraphs = paragraphs.into_iter();
    let goes_on = paragraphs.as_slice().first().filter(|p| {
        !crate::read_cues::opens_a_line(&p.text)
            && !existing.paragraphs.is_empty()
            && timed(&existing.timings, last) == timed(&timings, 0)
    });
    let offset = goes_on.is_some().then(|| {
        let first = paragraphs.next().expect("a first paragraph");
        existing.paragraphs[last as usize].continue_with(first)
    });
    // The second's paragraphs from here on come after the existing ones.
    let next = existing.paragraphs.len() as u32;
    existing.paragraphs.extend(paragraphs);
    existing
        .timings
        .extend(timings.into_iter().map(|mut timing| {
            match offset {
                Some(offset) if timing.paragraph == 0 => {
                    timing.paragraph = last;
                    timing.from += offset;
                    timing.to += offset;
                }
                Some(_) => timing.paragraph += next - 1,
                None => timing.paragraph += next,
            }
            timing
        }));
    crate::order::sort_stably_by_key(&mut existing.timings, |t| t.start.0);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::read_str;

    fn texts(doc: &Document) -> Vec<String> {
        doc.turns
            .iter()
            .map(|t| {
                t.blocks
                    .iter()
                    .map(|b| format!("{}: {}", b.lang.code(), b.plain_text()))
                    .collect::<Vec<_>>()
                    .join(" | ")
            })
            .collect()
    }

    #[test]
    fn a_file_is_saved_under_its_name_without_the_extension() {
        assert_eq!(file_stem("episode-12.md"), "episode-12");
        assert_eq!(file_stem("notes"), "notes");
        assert_eq!(file_stem("talk.final.vtt"), "talk.final");
        assert_eq!(file_stem(".srt"), "transcript");
    }

    #[test]
    fn files_joined_are_saved_under_what_their_names_share() {
        let stem = |a: &str, b: &str| file_stem(&joined_name(a, b));
        assert_eq!(stem("film.en.srt", "film.zh.srt"), "film");
        assert_eq!(stem("Episode 12 EN.srt", "Episode 12 ZH.srt"), "Episode 12");
        assert_eq!(
            stem("interview_en.vtt", "interview_zh-Hans.vtt"),
            "interview"
        );
        assert_eq!(stem("talk.srt", "talk.zh.srt"), "talk");
        assert_eq!(stem("第一集.英文.srt", "第一集.中文.srt"), "第一集");
        // Only whole words are shared: not "ab" of "abc" and "abd", nor "ep12" of "ep12en".
        assert_eq!(stem("abc.srt", "abd.srt"), "abc+abd");
        assert_eq!(stem("ep12en.srt", "ep12zh.srt"), "ep12en+ep12zh");
        assert_eq!(stem("english.srt", "chinese.srt"), "english+chinese");
    }

    #[test]
    fn cues_a_little_apart_are_laid_side_by_side() {
        let mut english = read_str(
            "1\n00:00:01,000 --> 00:00:03,000\nHello there.\n\n\
             2\n00:00:03,500 --> 00:00:06,000\nHow are you?\n",
        );
        let chinese = read_str(
            "1\n00:00:01,200 --> 00:00:03,100\n你好。\n\n\
             2\n00:00:03,400 --> 00:00:06,300\n你好吗？\n",
        );
        join(&mut english, chinese, "zh.srt").unwrap();
        assert_eq!(
            texts(&english),
            [
                "en: Hello there. | zh: 你好。",
                "en: How are you? | zh: 你好吗？"
            ]
        );
        assert_eq!(english.languages, [Lang::En, Lang::Zh]);
        assert_eq!(
            english.diagnostics[0].to_string(),
            "zh.srt joined as the Chinese text: 2 of its turns beside turns of this one, 0 at times of their own"
        );
    }

    #[test]
    fn chinese_joined_in_traditional_characters_is_tagged_so() {
        let mut english = read_str("1\n00:00:01,000 --> 00:00:03,000\nThank you all.\n");
        assert_eq!(english.lang_tag(Lang::Zh), "zh");
        let chinese = read_str("1\n00:00:01,200 --> 00:00:03,100\n謝謝你們。\n");
        join(&mut english, chinese, "zh-TW.srt").unwrap();
        assert_eq!(english.lang_tag(Lang::Zh), "zh-Hant");
        assert_eq!(english.lang_tag(Lang::En), "en");
    }

    #[test]
    fn a_cue_split_in_two_goes_on_where_it_ended() {
        let mut chinese = read_str("1\n00:00:01,000 --> 00:00:05,000\n我们应该走了，他说。\n");
        let english = read_str(
            "WEBVTT\n\n00:00:01.000 --> 00:00:03.000\nWe should <00:00:02.000>go,\n\n\
             00:00:03.000 --> 00:00:05.000\n<i>he</i> <00:00:04.000>said.\n",
        );
        join(&mut chinese, english, "en.vtt").unwrap();
        assert_eq!(
            texts(&chinese),
            ["zh: 我们应该走了，他说。 | en: We should go, he said."]
        );
        let block = chinese.turns[0].block(Lang::En).unwrap();
        let p = &block.paragraphs[0];
        assert_eq!(
            &p.text[p.styles[0].start as usize..p.styles[0].end as usize],
            "he"
        );
        let words: Vec<_> = block
            .timings
            .iter()
            .map(|t| {
                (
                    t.start.0,
                    t.paragraph,
                    &p.text[t.from as usize..t.to as usize],
                )
            })
            .collect();
        assert_eq!(
            words,
            [
                (1000, 0, "We should "),
                (2000, 0, "go,"),
                (3000, 0, "he "),
                (4000, 0, "said.")
            ]
        );
    }

    #[test]
    fn another_speakers_line_stays_a_paragraph() {
        let mut english = read_str("1\n00:00:01,000 --> 00:00:05,000\n- Are you OK?\n- Yes.\n");
        let chinese = read_str(
            "1\n00:00:01,000 --> 00:00:03,000\n- 你还好吗？\n\n\
             2\n00:00:03,000 --> 00:00:05,000\n- 好。<i>真的</i>\n",
        );
        join(&mut english, chinese, "zh.srt").unwrap();
        let block = english.turns[0].block(Lang::Zh).unwrap();
        let paragraphs: Vec<_> = block.paragraphs.iter().map(|p| p.text.as_str()).collect();
        assert_eq!(paragraphs, ["- 你还好吗？", "- 好。真的"]);
        assert_eq!(block.paragraphs[1].styles[0].start, "- 好。".len() as u32);
    }

    #[test]
    fn a_line_one_file_splits_and_the_other_keeps_whole_joins_whichever_comes_first() {
        let english = "1\n00:00:03,500 --> 00:00:06,000\nToday we talk about AI\nand whether it takes our jobs.\n\n\
                       2\n00:00:06,500 --> 00:00:08,000\nLet us begin.\n";
        let chinese = "1\n00:00:03,480 --> 00:00:04,700\n今天我们聊人工智能\n\n\
                       2\n00:00:04,700 --> 00:00:06,000\n以及它会不会抢走我们的工作。\n\n\
                       3\n00:00:06,500 --> 00:00:08,000\n我们开始吧。\n";
        let joined = |a: &str, b: &str| {
            let mut doc = read_str(a);
            join(&mut doc, read_str(b), "b.srt").unwrap();
            let turns: Vec<_> = (doc.turns.iter())
                .map(|t| {
                    let mut blocks: Vec<_> = (t.blocks.iter())
                        .map(|b| {
                            (
                                b.lang,
                                b.paragraphs
                                    .iter()
                                    .map(|p| p.text.clone())
                                    .collect::<Vec<_>>(),
                            )
                        })
                        .collect();
                    blocks.sort_by_key(|(lang, _)| lang.code());
                    (t.end, blocks)
                })
                .collect();
            turns
        };
        let english_first = joined(english, chinese);
        assert_eq!(english_first.len(), 2, "{english_first:?}");
        // The Chinese first: its two cues over the English one become one turn beside it (the
        // English stood beside the second alone, and the first had none).
        assert_eq!(joined(chinese, english), english_first);
    }

    #[test]
    fn turns_made_one_lose_nothing_where_groups_of_them_would_meet() {
        // (Found by the join property: the later of two groups took the earlier's first turn,
        // into which the rest of it had gone; 说字2文 was lost.)
        let english = "1\n00:00:29,000 --> 00:00:30,000\nSaid w0x.\n\n2\n00:00:29,000 --> 00:00:31,000\nSaid w1x.\n\n\
                       3\n00:00:30,000 --> 00:00:31,000\nSaid w2x.\n\n4\n00:00:12,000 --> 00:00:12,000\nSaid w3x.\n\n\
                       5\n00:00:34,000 --> 00:00:35,000\nSaid w4x.\n";
        let chinese = "1\n00:00:15,000 --> 00:00:14,000\n说字0文。\n\n2\n00:00:15,000 --> 00:00:15,000\n说字1文。\n\n\
                       3\n00:00:16,000 --> 00:00:18,000\n说字2文。\n\n4\n00:00:21,000 --> 00:00:21,000\n说字3文。\n\n\
                       5\n00:00:15,000 --> 00:00:17,000\n说字4文。\n";
        let mut doc = read_str(english);
        join(&mut doc, read_str(chinese), "zh.srt").unwrap();
        let all: String = texts(&doc).concat();
        for word in [
            "w0x",
            "w1x",
            "w2x",
            "w3x",
            "w4x",
            "说字0文",
            "说字1文",
            "说字2文",
            "说字3文",
            "说字4文",
        ] {
            assert!(all.contains(word), "{word} lost: {all}");
        }
    }

    #[test]
    fn timed_words_and_untimed_text_stay_apart() {
        let mut english = read_str("1\n00:00:01,000 --> 00:00:05,000\nSo we begin.\n");
        let chinese = read_str(
            "WEBVTT\n\n00:00:01.000 --> 00:00:03.000\n那我们\n\n\
             00:00:03.000 --> 00:00:05.000\n<00:00:03.000>开始<00:00:04.000>吧。\n",
        );
        join(&mut english, chinese, "zh.vtt").unwrap();
        let block = english.turns[0].block(Lang::Zh).unwrap();
        let paragraphs: Vec<_> = block.paragraphs.iter().map(|p| p.text.as_str()).collect();
        assert_eq!(paragraphs, ["那我们", "开始吧。"]);
        assert!(block.timings.iter().all(|t| t.paragraph == 1));
    }

    /// An SRT of `lines`, a cue each, 1.5 to 2.5 s long, 2 to 5 s apart (as speech comes: evenly
    /// spaced cues would fit a shift by any whole number of gaps), each time `t` written as
    /// `at(t)` ms.
    fn srt(lines: &[String], at: impl Fn(f64) -> f64) -> String {
        let stamp = |ms: f64| {
            let ms = ms.round() as u64;
            let (s, ms) = (ms / 1000, ms % 1000);
            format!("{:02}:{:02}:{:02},{ms:03}", s / 3600, s / 60 % 60, s % 60)
        };
        let mut start = 1_000.0;
        let mut out = String::new();
        for (i, line) in lines.iter().enumerate() {
            let length = 1_500.0 + (i * 7_919 % 1_000) as f64;
            let (from, to) = (stamp(at(start)), stamp(at(start + length)));
            out += &format!("{}\n{from} --> {to}\n{line}\n\n", i + 1);
            start += 2_000.0 + (i * 104_729 % 3_000) as f64;
        }
        out
    }

    fn lines(count: usize, line: impl Fn(usize) -> String) -> Vec<String> {
        (0..count).map(line).collect()
    }

    /// English lines as timed, joined by Chinese ones each timed `at(t)`.
    fn joined_at(english: &[String], chinese: &[String], at: impl Fn(f64) -> f64) -> Document {
        let mut joined = read_str(&srt(english, |t| t));
        join(&mut joined, read_str(&srt(chinese, at)), "zh.srt").unwrap();
        joined
    }

    #[test]
    fn subtitles_a_constant_time_apart_are_moved_to_match() {
        let english = lines(40, |i| format!("Line w{i}x."));
        let chinese = lines(40, |i| format!("第{i}句。"));
        let both_in_each = |doc: &Document| doc.turns.iter().all(|t| t.blocks.len() == 2);
        // The Chinese 2.5 s later throughout (another release's intro).
        let joined = joined_at(&english, &chinese, |t| t + 2_500.0);
        assert!(
            both_in_each(&joined) && joined.turns.len() == 40,
            "{:?}",
            texts(&joined)
        );
        assert_eq!(
            joined.diagnostics[0].to_string(),
            "zh.srt joined as the Chinese text: 40 of its turns beside turns of this one, 0 at \
             times of their own; its times moved 2.5 s earlier to match"
        );
        // A little apart, as two subtitlers cut: left as they are.
        let joined = joined_at(&english, &chinese, |t| t + 200.0);
        assert!(both_in_each(&joined) && joined.turns.len() == 40);
        assert!(!joined.diagnostics[0].to_string().contains("moved"));
    }

    #[test]
    fn subtitles_for_another_frame_rate_are_scaled_to_match() {
        // The English timed for film (23.976 frames a second), the Chinese for PAL (25), and
        // 1.2 s late: 4% earlier, so 9 s out by the fourth minute.
        let english = lines(60, |i| format!("Line w{i}x."));
        let chinese = lines(60, |i| format!("第{i}句。"));
        let joined = joined_at(&english, &chinese, |t| (t + 1_200.0) * 23.976 / 25.0);
        let both = joined.turns.iter().filter(|t| t.blocks.len() == 2).count();
        assert_eq!((both, joined.turns.len()), (60, 60));
        assert_eq!(
            joined.diagnostics[0].to_string(),
            "zh.srt joined as the Chinese text: 60 of its turns beside turns of this one, 0 at \
             times of their own; its times scaled from 25 to 23.976 frames a second and moved \
             1.2 s earlier to match"
        );
    }

    #[test]
    fn what_overlaps_nothing_stays_at_its_time() {
        let mut english = read_str(
            "00:00:01.000 --> 00:00:02.000\nOne.\n\n00:00:10.000 --> 00:00:11.000\nTwo.\n",
        );
        let chinese = read_str(
            "WEBVTT\n\nNOTE a note\n\n00:00:05.000 --> 00:00:06.000\n<v 旁白>中间。\n\n\
             00:00:10.000 --> 00:00:11.000\n二。\n\n00:00:20.000 --> 00:00:21.000\n三。\n\n\
             00:00:30.000 --> 00:00:29.000\n四。\n",
        );
        join(&mut english, chinese, "zh.vtt").unwrap();
        assert_eq!(
            texts(&english),
            [
                "en: One.",
                "zh: 中间。",
                "en: Two. | zh: 二。",
                "zh: 三。",
                "zh: 四。"
            ]
        );
        assert_eq!(english.speaker_name(&english.turns[1]), Some("旁白"));
        let said: Vec<String> = english.diagnostics.iter().map(|d| d.to_string()).collect();
        assert_eq!(
            said,
            [
                "zh.vtt joined as the Chinese text: 1 of its turns beside turns of this one, 3 at times of their own",
                "zh.vtt, line 14: cue ends before it starts; its end was ignored",
            ]
        );
    }

    #[test]
    fn a_transcript_in_the_same_language_or_without_times_is_not_joined() {
        let mut english = read_str("00:00:01.000 --> 00:00:02.000\nOne.\n");
        let before = english.clone();
        let also_english = read_str("00:00:01.000 --> 00:00:02.000\nUno, in English.\n");
        assert_eq!(
            join(&mut english, also_english, "b.srt"),
            Err(NotJoined::SameLanguage(Lang::En))
        );
        let untimed = read_str("中文：一段没有时间的文字。\n");
        assert_eq!(join(&mut english, untimed, "c.md"), Err(NotJoined::NoTimes));
        assert_eq!(english, before);
    }

    #[test]
    fn speakers_and_headings_follow_their_turns() {
        let mut english =
            read_str("[00:00:00] Ann\n\nHello.\n\n## Part two\n\n[00:00:10] Bo\n\nGoodbye.\n");
        let chinese = read_str(
            "WEBVTT\n\n00:00:00.500 --> 00:00:05.000\n<v 安>你好。\n\n\
             00:00:10.000 --> 00:00:14.000\n<v 波>再见。\n",
        );
        join(&mut english, chinese, "zh.vtt").unwrap();
        assert_eq!(
            texts(&english),
            ["en: Hello. | zh: 你好。", "en: Goodbye. | zh: 再见。"]
        );
        assert_eq!(english.speaker_name(&english.turns[0]), Some("Ann"));
        assert_eq!(english.headings[0].before_turn, 1);
        assert_eq!(english.speakers, ["Ann", "Bo"]);
    }
}
