//! The list of turns, windowed: only the rows near the view are rendered (see
//! `hooks::row_window`), so an 11,000-turn transcript costs what a short one does. A clock tick
//! reaches only the rows whose active state changed, through a selector keyed by turn index.

use leptos::html::Div;
use leptos::prelude::*;
use leptos::reactive::computed::Selector;

use crate::app::components::turn_row::TurnRow;
use crate::app::erased::effect;
use crate::app::hooks::quote::elements;
use crate::app::hooks::row_window::renders_whole;
use crate::app::state::{use_player, Layout, Loaded, Settings};
use crate::core::decimal;

/// - `scroller`: the element whose box scrolls the rows (what is in view is judged by it).
#[component]
pub fn TranscriptView(scroller: NodeRef<Div>) -> impl IntoView {
    let player = use_player();
    let rows = player.rows;
    let selector = Selector::new(move || player.active.get());
    // The row the list's place in the Tab order is at, and its two buttons: tabindex 0 there,
    // -1 on every other (as rendered). Set here, once for the list, rather than through a signal
    // in every row: 0.7 KB less of the embed, 0.9 KB of the app.
    let stop_now = rows.tab_stop_now;
    effect(move || {
        // (Another transcript's rows may stand in the same range as the last one's.)
        player.loaded.track();
        let stop = rows.tab_stop(player.active.get());
        let mark = move |row: Option<usize>, tabindex: &str| {
            let Some(row) = row.and_then(|index| rows.rendered(index)) else {
                return;
            };
            let mut stops = elements(&row, ".turn-quote, .turn-link");
            stops.push(row);
            // (Only where it changes: a turn change touches only the rows whose state changed.)
            for element in stops {
                if element.get_attribute("tabindex").as_deref() != Some(tabindex) {
                    let _ = element.set_attribute("tabindex", tabindex);
                }
            }
        };
        if stop_now.get_value() != stop {
            mark(stop_now.get_value(), "-1");
        }
        // Again when the rows change: the row may have been rendered anew. And a frame later,
        // as the list's own update of its rows may come after this (on a busy machine the row
        // was rendered anew with the view's -1 after it, and no row was in the Tab order).
        mark(stop, "0");
        stop_now.set_value(stop);
        request_animation_frame(move || {
            if stop_now.get_value() == stop {
                mark(stop, "0");
            }
        });
    });
    let current_word = Selector::new(move || player.active_word.get());
    let list = NodeRef::<Div>::new();
    effect(move || {
        if let (Some(scroller), Some(list)) = (scroller.get(), list.get()) {
            rows.attach(&scroller, &list);
        }
    });
    // Another layout, veil, text size or reading mode: the rows' heights are estimated and
    // measured afresh (not for the theme, the speed or anything else that moves no row).
    let shape = Memo::new(move |_| {
        player.settings.with(|s| {
            (
                s.layout,
                s.veil_first,
                s.veil_second,
                s.veil_pinyin,
                s.size_latin,
                s.size_cjk,
                s.reading,
            )
        })
    });
    let mut first_run = true;
    effect(move || {
        shape.get();
        player.languages.track();
        let settings = player.settings.get_untracked();
        if !std::mem::replace(&mut first_run, false) {
            rows.layout_changing();
            request_animation_frame(move || {
                player.loaded.with_untracked(|l| {
                    if let Some(l) = l {
                        rows.relayout(row_weights(l, &settings));
                    }
                })
            });
        }
    });
    // The rows show their sentences once the transcript has been split (a long one takes a
    // moment, done between frames).
    let split_done = Memo::new(move |_| {
        let key = player.loaded.with(|l| l.as_ref().map(|l| l.key));
        key.is_some() && player.split.with(|s| s.as_ref().map(|s| s.key)) == key
    });
    // The transcript last rendered: rendered again in other languages, it keeps the reader's place.
    let rendered_before = StoredValue::new(0usize);
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
            let this = std::sync::Arc::as_ptr(&loaded) as usize;
            let same = rendered_before.try_update_value(|r| std::mem::replace(r, this)) == Some(this);
            rows.reset(player.settings.with_untracked(|s| row_weights(&loaded, s)), same);
            let whole = renders_whole(loaded.doc.turns.len());
            let selector = selector.clone();
            let current_word = current_word.clone();
            let rendered = move || {
                // Read, not only tracked: a memo nobody reads is never computed, so never changes.
                let _ = split_done.get();
                let (loaded, columns, selector, current_word) = (
                    loaded.clone(),
                    columns.clone(),
                    selector.clone(),
                    current_word.clone(),
                );
                let row = move |index: usize| {
                    let selector = selector.clone();
                    let active = Signal::derive(move || selector.selected(&Some(index)));
                    let sentences = player
                        .split
                        .with_untracked(|s| {
                            // The split of the transcript shown, not of the one before it.
                            let split = s.as_ref().filter(|s| s.key == loaded.key)?;
                            let turn = split.sentences.turns.get(index)?;
                            Some(
                                turn.sentences
                                    .iter()
                                    .map(|s| (s.block, (s.paragraph, s.range.clone(), s.group)))
                                    .collect(),
                            )
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
                };
                view! { <For each=move || rows.range.get() key=|index| *index children=row/> }
            };
            view! {
                <div class="turns" class:whole=whole node_ref=list>
                    <div class="rows-above" aria-hidden="true" style:height=move || format!("{}px", decimal::fixed(rows.above.get(), 1))></div>
                    {rendered}
                    <div class="rows-below" aria-hidden="true" style:height=move || format!("{}px", decimal::fixed(rows.below.get(), 1))></div>
                </div>
            }
        })
    }
}

/// How wide each row's shown text would be on one line, in ems: what its height is estimated
/// from until it is measured. Side by side, each language has half the width.
fn row_weights(loaded: &Loaded, settings: &Settings) -> Vec<f64> {
    let first = loaded.doc.languages.first().copied();
    let layout = settings.layout.shown_for(&loaded.doc.languages);
    let weights = &loaded.weights;
    (0..weights.len())
        .map(|turn| {
            let shown = (weights.of_turn(turn).iter())
                .filter(|&&(lang, _)| settings.shows(layout, lang, first));
            let weights = shown.map(|&(_, weight)| weight);
            match layout {
                Layout::Side => 2.0 * weights.fold(0.0, f64::max),
                _ => weights.sum(),
            }
        })
        .collect()
}
