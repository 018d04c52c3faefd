//! "View": the learner's settings (how each language is shown, text sizes, reading mode), in a
//! card that opens under the toolbar (`view_card`).

use leptos::html::Details;
use leptos::prelude::*;

use crate::app::components::{part_slot::PartSlot, view_card::mount_view_card};
use crate::app::erased::handler;
use crate::app::state::use_player;

#[component]
pub fn ViewMenu() -> impl IntoView {
    let player = use_player();
    let menu = NodeRef::<Details>::new();
    let open = RwSignal::new(false);
    view! {
        <details
            class="view-menu"
            node_ref=menu
            on:toggle=handler(move |_| open.set(menu.get_untracked().is_some_and(|m| m.open())))
        >
            <summary id="view-open">"View"</summary>
            <PartSlot wanted=open what="The View menu" mount=move |slot| mount_view_card(player, slot)/>
        </details>
    }
}
