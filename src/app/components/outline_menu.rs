//! "Outline": the episode's headings, or its turns in stretches of a few minutes with who speaks,
//! to jump around a long transcript.

use leptos::html::Details;
use leptos::prelude::*;

use crate::app::state::use_player;
use crate::core::outline::{outline, OutlineEntry};

#[component]
pub fn OutlineMenu() -> impl IntoView {
    let player = use_player();
    let menu = NodeRef::<Details>::new();
    // Entries are worked out and rendered only while the menu is open: a long transcript's
    // outline is dozens of buttons nobody sees otherwise, built in the task that shows it.
    let open = RwSignal::new(false);
    let entries = Memo::new(move |_| {
        if !open.get() {
            return Vec::new();
        }
        let timeline = player.timeline.get();
        player.loaded.with(|l| match (l, timeline) {
            (Some(l), Some(t)) => outline(&l.doc, &t),
            _ => Vec::new(),
        })
    });
    let go = move |entry: &OutlineEntry| {
        let turn = entry.turn;
        move |_| {
            player.follow_paused.set(false);
            player.seek_to_turn(turn);
            if let Some(menu) = menu.get_untracked() {
                menu.set_open(false);
            }
        }
    };
    view! {
        <details
            class="view-menu outline-menu"
            node_ref=menu
            on:toggle=move |_| open.set(menu.get_untracked().is_some_and(|m| m.open()))
        >
            // Before the menu opens (the toggle event comes a task later, maybe after a paint),
            // so it never shows empty.
            <summary id="outline-open" on:click=move |_| open.set(true)>
                "Outline"
            </summary>
            <nav class="view-card outline" aria-label="Outline of the episode">
                {move || entries.get().iter().map(|entry| {
                    let speakers = entry.speakers.join(", ");
                    view! {
                        <button class="outline-entry" data-turn=entry.turn data-level=entry.level on:click=go(entry)>
                            <span class="outline-label">{entry.label.clone()}</span>
                            <span class="outline-speakers">{speakers}</span>
                        </button>
                    }
                }).collect_view()}
            </nav>
        </details>
    }
}
