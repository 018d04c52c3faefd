//! The list of turns. It is built once per transcript; a clock tick reaches only the rows whose
//! active state changed, through a selector keyed by turn index.

use leptos::prelude::*;
use leptos::reactive::computed::Selector;

use crate::app::components::turn_row::TurnRow;
use crate::app::state::use_player;

#[component]
pub fn TranscriptView() -> impl IntoView {
    let player = use_player();
    let selector = Selector::new(move || player.active.get());
    let current_word = Selector::new(move || player.active_word.get());
    move || {
        player.loaded.get().map(|loaded| {
            // The languages the page chose, in its order; else the transcript's first two, one
            // column each in the side-by-side layout.
            let chosen = player.languages.get();
            let others = chosen.is_none();
            let mut columns: Vec<_> = chosen
                .unwrap_or_default()
                .into_iter()
                .filter(|l| loaded.doc.languages.contains(l))
                .collect();
            if columns.is_empty() {
                columns = loaded.doc.languages.iter().copied().take(2).collect();
            }
            // The sentences' structure (not their times) is fixed for a transcript: read once.
            let structure = player.sentences.get_untracked();
            let rows = (0..loaded.doc.turns.len())
                .map(|index| {
                    let selector = selector.clone();
                    let active = Signal::derive(move || selector.selected(&Some(index)));
                    let sentences = structure
                        .as_ref()
                        .and_then(|s| s.turns.get(index))
                        .map(|t| {
                            t.sentences
                                .iter()
                                .map(|s| (s.block, (s.paragraph, s.range.clone(), s.group)))
                                .collect()
                        })
                        .unwrap_or_default();
                    view! {
                        <TurnRow
                            loaded=loaded.clone()
                            index=index
                            columns=columns.clone()
                            others=others
                            active=active
                            sentences=sentences
                            current_word=current_word.clone()
                        />
                    }
                })
                .collect_view();
            view! { <div class="turns">{rows}</div> }
        })
    }
}
