//! "Outline": the episode's headings, or its turns in stretches of a few minutes with who speaks,
//! to jump around a long transcript (the list: `outline_list`).

use leptos::html::Details;
use leptos::prelude::*;

use crate::app::components::{outline_list::mount_outline, part_slot::PartSlot};
use crate::app::erased::handler;
use crate::app::state::use_player;

/// ↓ (or ↑) on the open menu's button goes into its list, to the first (or last) entry, as in a
/// menu, rather than to the next turn behind it. A list still on its way (its part downloading)
/// is gone into once it shows: `pending` keeps the way.
fn into_list(
    e: leptos::ev::KeyboardEvent,
    menu: NodeRef<Details>,
    pending: StoredValue<Option<bool>>,
) {
    let forward = match e.key().as_str() {
        "ArrowDown" => true,
        "ArrowUp" => false,
        _ => return,
    };
    let Some(menu) = menu.get_untracked().filter(|m| m.open()) else {
        return;
    };
    e.prevent_default();
    if !focus_entry(&menu, forward) {
        pending.set_value(Some(forward));
    }
}

/// Focuses the first (or, not `forward`, the last) entry in `menu`; whether there was one.
pub fn focus_entry(menu: &web_sys::Element, forward: bool) -> bool {
    let selector = match forward {
        true => ".outline-entry",
        false => ".outline-entry:last-child",
    };
    let entry = menu.query_selector(selector).ok().flatten();
    if let Some(entry) = &entry {
        let _ = wasm_bindgen::JsCast::unchecked_ref::<web_sys::HtmlElement>(entry).focus();
    }
    entry.is_some()
}

#[component]
pub fn OutlineMenu() -> impl IntoView {
    let player = use_player();
    let menu = NodeRef::<Details>::new();
    let open = RwSignal::new(false);
    let pending = StoredValue::new(None::<bool>);
    view! {
        <details
            class="view-menu outline-menu"
            node_ref=menu
            on:toggle=handler(move |_| {
                let is_open = menu.get_untracked().is_some_and(|m| m.open());
                open.set(is_open);
                if !is_open {
                    pending.set_value(None);
                }
            })
        >
            // Before the menu opens (the toggle event comes a task later, maybe after a paint),
            // so that the list is under way as soon as can be.
            <summary id="outline-open" on:click=handler(move |_| open.set(true)) on:keydown=handler(move |e| into_list(e, menu, pending))>
                "Outline"
            </summary>
            <PartSlot
                wanted=open
                what="The outline"
                mount=move |slot| mount_outline(player, slot, open, menu, pending)
            />
        </details>
    }
}
