//! The keyboard shortcuts, shown with `?`.
//!
//! Opening moves the focus to its Close button, as a modal dialog should, and Tab keeps it
//! there; closing puts it back where it was. In a window too short for it the card scrolls,
//! opening at its title.

use leptos::html::Button;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

use crate::app::erased::{effect, handler};
use crate::app::hooks::keys::focus_in_place;
use crate::app::mount_later;
use crate::app::parts::part;
use crate::app::state::{use_player, Player};

const SHORTCUTS: &[(&str, &str)] = &[
    ("Space / K", "Play or pause"),
    ("J / L", "Back / forward 10 seconds"),
    ("← / →", "Back / forward 5 seconds"),
    ("↑ / ↓", "Previous / next turn"),
    (", / .", "Previous / next sentence"),
    ("E", "The current sentence again (playing it)"),
    ("< / >", "Slower / faster"),
    (
        "[ / ]",
        "Lines ½ s earlier / later, in step with the audio (Shift: 5 s)",
    ),
    ("C", "Back to the current turn (focused)"),
    ("F", "Follow the current turn on or off"),
    ("Enter", "On a focused turn: play from there"),
    ("?", "Show or hide this help"),
    ("/", "Search both languages (Enter: next match)"),
    ("R", "Reading mode: hide the player"),
    ("Media keys", "Play or pause, previous / next turn"),
];

#[component]
pub fn HelpOverlay() -> impl IntoView {
    let player = use_player();
    let close = NodeRef::<Button>::new();
    // What had the focus before the help opened, given it back as the help closes.
    let mut focused_before: Option<web_sys::HtmlElement> = None;
    effect(move || {
        if player.help_open.get() {
            focused_before = document()
                .active_element()
                .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok());
            if let Some(button) = close.get_untracked() {
                // Without scrolling to it: in a short window (a phone held sideways) the card
                // scrolls, and it opens at its title.
                focus_in_place(&button);
            }
        } else if let Some(element) = focused_before.take() {
            let _ = element.focus();
        }
    });
    let rows = SHORTCUTS
        .iter()
        .map(|(keys, what)| view! { <tr><th scope="row"><kbd>{*keys}</kbd></th><td>{*what}</td></tr> })
        .collect_view();
    view! {
        <div
            id="help"
            class="help"
            role="dialog"
            aria-modal="true"
            aria-labelledby="help-title"
            hidden=move || !player.help_open.get()
            on:click=handler(move |_| player.help_open.set(false))
            // Modal: Tab stays on the one control inside, not on the page behind the veil.
            on:keydown=handler(move |e: leptos::ev::KeyboardEvent| {
                if e.key() == "Tab" {
                    e.prevent_default();
                    if let Some(button) = close.get_untracked() {
                        let _ = button.focus();
                    }
                }
            })
        >
            <div class="help-card" on:click=handler(|e: leptos::ev::MouseEvent| e.stop_propagation())>
                <h2 id="help-title">"Keyboard shortcuts"</h2>
                <table>{rows}</table>
                <p class="help-more">"Speaking to the computer, or pressing letters by mistake? Turn off View → One-letter keys anywhere on the page: they then work only in the transcript and the player."</p>
                <p class="help-more">"Drop a transcript (.md, .txt, .vtt, .srt, .sbv, .smi, .sub, .ttml, .ass, .lrc, .csv, .tsv, .json, .html, .docx, .odt), or two at once in two languages to read them side by side, an audio file, or a transcript's text or link dragged from another page, anywhere on this one."</p>
                <button class="help-close" node_ref=close on:click=handler(move |_| player.help_open.set(false))>"Close"</button>
            </div>
        </div>
    }
}

part! {
    help (app only):
    /// Mounts the help in `slot` (its code is a download of its own: `app::parts`).
    pub fn mount_help(player: Player, slot: web_sys::HtmlElement) {
        mount_later(player, slot, HelpOverlay);
    }
}
