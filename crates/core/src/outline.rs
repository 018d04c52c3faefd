//! The outline of an episode, to find one's way in a long transcript: its headings where the
//! source has them, otherwise its turns grouped into stretches of a few minutes, each with who
//! speaks in it.

use crate::{Document, Millis, Timeline};

/// One entry: where it starts (the turn to jump to), what it is called, who speaks in it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutlineEntry {
    pub turn: usize,
    pub start: Millis,
    /// The heading, or the stretch's time range ("5:00–10:00").
    pub label: String,
    pub level: u8,
    /// Who speaks in it, in order, [`NAMED_SPEAKERS`] at most.
    pub speakers: Vec<String>,
    /// Others speak in it too, beyond those named.
    pub more_speakers: bool,
}

/// The most speakers an entry names: a stretch of a meeting or a crowd names these and says there
/// are others, rather than every name in it.
pub const NAMED_SPEAKERS: usize = 5;

/// About this many entries are aimed at when grouping by time.
const ENTRIES: u64 = 20;
/// Stretch lengths to choose from, in minutes.
const STRETCHES: [u64; 8] = [1, 2, 5, 10, 15, 20, 30, 60];

pub fn outline(doc: &Document, timeline: &Timeline) -> Vec<OutlineEntry> {
    if doc.turns.is_empty() {
        return Vec::new();
    }
    let speakers_in = |turns: std::ops::Range<usize>| {
        let mut ids: Vec<u32> = Vec::new();
        let mut more = false;
        for id in doc.turns[turns].iter().filter_map(|t| t.speaker) {
            if !ids.contains(&id) {
                if ids.len() == NAMED_SPEAKERS {
                    more = true;
                    break;
                }
                ids.push(id);
            }
        }
        let names = ids.iter().map(|&id| doc.speakers[id as usize].clone());
        (names.collect(), more)
    };
    let headed: Vec<_> = doc
        .headings
        .iter()
        .filter(|h| (h.before_turn as usize) < doc.turns.len())
        .collect();
    if !headed.is_empty() {
        let mut entries = Vec::new();
        // Turns before the first heading (a header block's headings are its metadata).
        let first = headed[0].before_turn as usize;
        if first > 0 {
            let (speakers, more_speakers) = speakers_in(0..first);
            entries.push(OutlineEntry {
                turn: 0,
                start: timeline.span(0).start,
                label: "Beginning".to_owned(),
                level: 2,
                speakers,
                more_speakers,
            });
        }
        entries.extend(headed.iter().enumerate().map(|(k, h)| {
            let turn = h.before_turn as usize;
            let next = headed
                .get(k + 1)
                .map_or(doc.turns.len(), |n| (n.before_turn as usize).max(turn + 1));
            let (speakers, more_speakers) = speakers_in(turn..next);
            OutlineEntry {
                turn,
                start: timeline.span(turn).start,
                label: h.text.clone(),
                level: h.level,
                speakers,
                more_speakers,
            }
        }));
        return entries;
    }
    let end = timeline.end().0.max(1);
    let minutes = STRETCHES
        .into_iter()
        .find(|m| end / (m * 60_000) < ENTRIES)
        .unwrap_or(60);
    let stretch = minutes * 60_000;
    let mut entries: Vec<OutlineEntry> = Vec::new();
    for turn in 0..doc.turns.len() {
        let start = timeline.span(turn).start;
        let bucket = start.0 / stretch;
        if entries.last().is_none_or(|e| e.start.0 / stretch != bucket) {
            let from = Millis(bucket * stretch);
            let to = Millis((bucket + 1) * stretch);
            entries.push(OutlineEntry {
                turn,
                start,
                label: format!("{from}–{to}"),
                level: 2,
                speakers: Vec::new(),
                more_speakers: false,
            });
        }
    }
    for k in 0..entries.len() {
        let next = entries.get(k + 1).map_or(doc.turns.len(), |e| e.turn);
        (entries[k].speakers, entries[k].more_speakers) = speakers_in(entries[k].turn..next);
    }
    entries
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::read_str;

    #[test]
    fn groups_turns_by_stretches_of_minutes() {
        let doc = read_str(include_str!(
            "../../../samples/chip-huyen-lennys-podcast.md"
        ));
        let timeline = Timeline::new(&doc, None);
        let entries = outline(&doc, &timeline);
        // The sample runs to about 17 minutes: stretches of one minute, only where turns start.
        let labels: Vec<_> = entries.iter().map(|e| e.label.as_str()).collect();
        assert_eq!(
            labels,
            [
                "0:00–1:00",
                "1:00–2:00",
                "4:00–5:00",
                "5:00–6:00",
                "7:00–8:00",
                "9:00–10:00",
                "14:00–15:00",
                "15:00–16:00"
            ]
        );
        assert_eq!(entries[0].speakers, ["Chip Huyen", "Lenny Rachitsky"]);
        assert!(!entries[0].more_speakers);
        assert_eq!(entries[0].turn, 0);
        assert_eq!(entries[2].turn, 7);
    }

    #[test]
    fn headings_win() {
        let doc = read_str("[00:00] Ann\nEnglish: Hi.\n\n[00:10] Bob\nEnglish: Hello.\n\n## Part two\n\n[00:20] Ann\nEnglish: Bye.\n");
        let timeline = Timeline::new(&doc, None);
        let labels: Vec<_> = outline(&doc, &timeline)
            .into_iter()
            .map(|e| (e.label, e.turn, e.speakers))
            .collect();
        assert_eq!(
            labels,
            [
                (
                    "Beginning".to_owned(),
                    0,
                    vec!["Ann".to_owned(), "Bob".to_owned()]
                ),
                ("Part two".to_owned(), 2, vec!["Ann".to_owned()])
            ]
        );
    }

    #[test]
    fn a_crowd_is_named_in_part() {
        let turn = |i: usize, name: &str| format!("[00:00:{i:02}] {name}\nEnglish: Hi.\n\n");
        let five: String = (0..10)
            .map(|i| turn(i, ["A", "B", "C", "D", "E"][i % 5]))
            .collect();
        let doc = read_str(&five);
        let entries = outline(&doc, &Timeline::new(&doc, None));
        assert_eq!(entries[0].speakers, ["A", "B", "C", "D", "E"]);
        assert!(!entries[0].more_speakers);
        let many: String = (0..40).map(|i| turn(i, &format!("S{}", i % 7))).collect();
        let doc = read_str(&many);
        let entries = outline(&doc, &Timeline::new(&doc, None));
        assert_eq!(entries[0].speakers, ["S0", "S1", "S2", "S3", "S4"]);
        assert!(entries[0].more_speakers);
    }
}
