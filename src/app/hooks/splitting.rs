//! Splitting each transcript into sentences (and aligning them across languages) once, a stretch
//! of turns at a time: a 10 MB transcript holds some 200,000 sentences, and splitting them in
//! one go would freeze the page for most of a second. The rows show their sentences when it is
//! done; until then they show whole turns, and follow turn by turn.

use std::sync::Arc;

use leptos::prelude::*;

use crate::app::erased::effect;
use crate::app::hooks::pace::{pauses_for_the_page, yield_to_page};
use crate::app::state::{Player, Split};
use crate::core::sentence_timeline::SentenceTimeline;
use crate::core::Document;

/// Transcripts this short are split as they are read (a few milliseconds), so their rows are
/// rendered once, with their sentences, rather than twice.
const AT_ONCE_UP_TO: usize = 300;
/// Turns split between two looks at the clock (a look costs far less than a turn).
const STRETCH: usize = 8;

/// Splits a short transcript at once, before it is shown; a long one is left to
/// [`use_sentence_splitting`].
pub fn split_if_short(player: Player, doc: &Document, key: u64) {
    if doc.turns.len() <= AT_ONCE_UP_TO {
        let turns = SentenceTimeline::split(doc, 0..doc.turns.len());
        player.split.set(Some(Arc::new(Split {
            key,
            sentences: Arc::new(SentenceTimeline { turns }),
            timed_for: None,
        })));
    }
}

pub fn use_sentence_splitting(player: Player) {
    effect(move || {
        let Some(loaded) = player.loaded.get() else {
            return;
        };
        let key = loaded.key;
        if player.split.with_untracked(|s| s.as_ref().map(|s| s.key)) == Some(key) {
            return;
        }
        leptos::task::spawn_local(async move {
            // Another transcript may have been loaded meanwhile: then this split is not needed.
            let still_shown = move || {
                player
                    .loaded
                    .try_with_untracked(|l| l.as_ref().map(|l| l.key) == Some(key))
                    == Some(true)
            };
            // Not in the task that shows the transcript: that one is long enough.
            yield_to_page().await;
            if !still_shown() {
                return;
            }
            let n = loaded.doc.turns.len();
            let mut turns = Vec::with_capacity(n);
            let mut pause = pauses_for_the_page();
            while turns.len() < n {
                let from = turns.len();
                turns.extend(SentenceTimeline::split(
                    &loaded.doc,
                    from..(from + STRETCH).min(n),
                ));
                if let Some(paused) = pause() {
                    paused.await;
                    if !still_shown() {
                        return;
                    }
                }
            }
            // Timed here, by the timeline of the moment, so the first use needs no copy; timing
            // every sentence and showing them are each a task of their own.
            yield_to_page().await;
            if !still_shown() {
                return;
            }
            let timeline = player.timeline.get_untracked();
            let sentences = match &timeline {
                Some(timeline) => SentenceTimeline::timed(turns, &loaded.doc, timeline),
                None => SentenceTimeline { turns },
            };
            yield_to_page().await;
            if !still_shown() {
                return;
            }
            player.split.set(Some(Arc::new(Split {
                key,
                sentences: Arc::new(sentences),
                timed_for: timeline,
            })));
        });
    });
}
