//! "Outline": the episode's headings, or its turns in stretches of a few minutes with who speaks,
//! to jump around a long transcript (the list: `outline_list`).

use leptos::html::Details;
use leptos::prelude::*;

use crate::app::components::{outline_list::mount_outline, part_slot::PartSlot};
use crate::app::erased::handler;
use crate::app::state::use_player;

#[component]
pub fn OutlineMenu() -> impl IntoView {
    let player = use_player();
    let menu = NodeRef::<Details>::new();
    let open = RwSignal::new(false);
    view! {
        <details
            class="view-menu outline-menu"
            node_ref=menu
            on:toggle=handler(move |_| open.set(menu.get_untracked().is_some_and(|m| m.open())))
        >
            // Before the menu opens (the toggle event comes a task later, maybe after a paint),
            // so that the list is under way as soon as can be.
            <summary id="outline-open" on:click=handler(move |_| open.set(true))>
                "Outline"
            </summary>
            <PartSlot
                wanted=open
                what="The outline"
                mount=move |slot| mount_outline(player, slot, open, menu)
            />
        </details>
    }
}
