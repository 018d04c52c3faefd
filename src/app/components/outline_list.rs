//! The Outline menu's list: the episode's headings, or its turns in stretches of a few minutes
//! with who speaks, each a button that jumps there.

use leptos::html::Details;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

use crate::app::components::outline_menu::focus_entry;
use crate::app::erased::{effect, handler};
use crate::app::hooks::follow::go_to;
use crate::app::mount_later;
use crate::app::parts::part;
use crate::app::state::{use_player, Player};
use crate::core::outline::{outline, OutlineEntry};
use crate::core::script::guess_lang;
use crate::core::Lang;

/// `open`: whether the menu is open; the entries are worked out and rendered only then (a long
/// transcript's outline is dozens of buttons nobody sees otherwise).
/// `menu`: the menu, closed once an entry is chosen.
/// `pending`: ↓ (`true`) or ↑ pressed on the menu's button before the list was there: the first
/// (or last) entry takes the focus once shown.
#[component]
pub fn OutlineList(
    #[prop(into)] open: Signal<bool>,
    menu: NodeRef<Details>,
    pending: StoredValue<Option<bool>>,
) -> impl IntoView {
    let player = use_player();
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
        let (turn, start) = (entry.turn, entry.start);
        move |_| {
            go_to(player, turn, start);
            if let Some(menu) = menu.get_untracked() {
                menu.set_open(false);
            }
            player.rows.focus_when_rendered(turn, 10);
        }
    };
    // ↑ and ↓ move between the entries, as in a menu (not between the turns, behind it).
    let on_key = move |e: leptos::ev::KeyboardEvent| {
        let forward = match e.key().as_str() {
            "ArrowDown" => true,
            "ArrowUp" => false,
            _ => return,
        };
        e.prevent_default();
        let entry = e
            .target()
            .and_then(|t| t.dyn_into::<web_sys::Element>().ok());
        let next = entry.and_then(|entry| match forward {
            true => entry.next_element_sibling(),
            false => entry.previous_element_sibling(),
        });
        if let Some(next) = next.and_then(|n| n.dyn_into::<web_sys::HtmlElement>().ok()) {
            let _ = next.focus();
        }
    };
    // (An effect runs once the entries it reads are in the page.)
    effect(move || {
        entries.track();
        let Some(menu) = menu.get_untracked().filter(|m| m.open()) else {
            return;
        };
        if let Some(forward) = pending.try_update_value(Option::take).flatten() {
            focus_entry(&menu, forward);
        }
    });
    view! {
        <nav class="view-card outline" aria-label="Outline of the episode" on:keydown=handler(on_key)>
            {move || player.loaded.with_untracked(|l| {
                let doc = &l.as_ref()?.doc;
                // Each name and heading in the language its script says: a screen reader read
                // 主持人 in the page's English voice. (A time, "5:00–10:00", in the page's.)
                let in_own_lang = |text: &String| {
                    let lang = Some(guess_lang(text)).filter(|&l| l != Lang::Und).map(|l| doc.lang_tag(l));
                    view! { <span lang=lang>{text.clone()}</span> }
                };
                // (The names' commas are the stylesheet's, read with them.)
                let entries = entries.get().iter().map(|entry| {
                    view! {
                        <button class="outline-entry" data-turn=entry.turn data-level=entry.level on:click=handler(go(entry))>
                            <span class="outline-label">{in_own_lang(&entry.label)}</span>
                            <span class="outline-speakers">
                                {entry.speakers.iter().map(in_own_lang).collect_view()}
                                {entry.more_speakers.then_some(" and others")}
                            </span>
                        </button>
                    }
                }).collect_view();
                Some(entries)
            })}
        </nav>
    }
}

part! {
    outline (app only):
    /// Mounts the list in `slot` (its code is a download of its own: `app::parts`).
    pub fn mount_outline(
        player: Player,
        slot: web_sys::HtmlElement,
        open: RwSignal<bool>,
        menu: NodeRef<Details>,
        pending: StoredValue<Option<bool>>,
    ) {
        mount_later(player, slot, move || view! { <OutlineList open=open menu=menu pending=pending/> });
    }
}
