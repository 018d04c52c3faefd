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
    pub speakers: Vec<String>,
}

/// About this many entries are aimed at when grouping by time.
const ENTRIES: u64 = 20;
/// Stretch lengths to choose from, in minutes.
const STRETCHES: [u64; 8] = [1, 2, 5, 10, 15, 20, 30, 60];

pub fn outline(doc: &Document, timeline: &Timeline) -> Vec<OutlineEntry> {
    if doc.turns.is_empty() {
        return Vec::new();
    }
    let speakers_in = |turns: std::ops::Range<usize>| {
        let mut names: Vec<String> = Vec::new();
        for t in turns {
            if let Some(name) = doc.speaker_name(&doc.turns[t]) {
                if !names.iter().any(|n| n == name) {
                    names.push(name.to_owned());
                }
            }
        }
        names
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
            entries.push(OutlineEntry {
                turn: 0,
                start: timeline.span(0).start,
                label: "Beginning".to_owned(),
                level: 2,
                speakers: speakers_in(0..first),
            });
        }
        entries.extend(headed.iter().enumerate().map(|(k, h)| {
            let turn = h.before_turn as usize;
            let next = headed
                .get(k + 1)
                .map_or(doc.turns.len(), |n| (n.before_turn as usize).max(turn + 1));
            OutlineEntry {
                turn,
                start: timeline.span(turn).start,
                label: h.text.clone(),
                level: h.level,
                speakers: speakers_in(turn..next),
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
            });
        }
    }
    for k in 0..entries.len() {
        let next = entries.get(k + 1).map_or(doc.turns.len(), |e| e.turn);
        entries[k].speakers = speakers_in(entries[k].turn..next);
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
}
