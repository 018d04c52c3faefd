//! The keyboard shortcuts, shown with `?`.
//!
//! Rendered only while open: the page starts without its fifty elements (a quarter of the app's
//! at start). Opening moves the focus to its Close button, as a modal dialog should; closing puts
//! it back where it was.

use leptos::html::Button;
use leptos::prelude::*;
use send_wrapper::SendWrapper;
use wasm_bindgen::JsCast;

use crate::app::state::use_player;

const SHORTCUTS: &[(&str, &str)] = &[
    ("Space / K", "Play or pause"),
    ("J / L", "Back / forward 10 seconds"),
    ("← / →", "Back / forward 5 seconds"),
    ("↑ / ↓", "Previous / next turn"),
    (", / .", "Previous / next sentence"),
    ("E", "The current sentence again"),
    ("F", "Follow the current turn on or off"),
    ("Enter", "On a focused turn: play from there"),
    ("?", "Show or hide this help"),
    ("/", "Search both languages (Enter: next match)"),
    ("R", "Reading mode: hide the player"),
];

#[component]
pub fn HelpOverlay() -> impl IntoView {
    let player = use_player();
    move || {
        player.help_open.get().then(|| {
            let close = NodeRef::<Button>::new();
            let focused_before = SendWrapper::new(
                document()
                    .active_element()
                    .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok()),
            );
            on_cleanup(move || {
                if let Some(element) = focused_before.take() {
                    let _ = element.focus();
                }
            });
            Effect::new(move |_| {
                if let Some(button) = close.get() {
                    let _ = button.focus();
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
                    on:click=move |_| player.help_open.set(false)
                >
                    <div class="help-card" on:click=|e| e.stop_propagation()>
                        <h2 id="help-title">"Keyboard shortcuts"</h2>
                        <table>{rows}</table>
                        <p class="help-more">"Drop a transcript (.md, .vtt, .srt, .json) or an audio file anywhere on the page."</p>
                        <button class="help-close" node_ref=close on:click=move |_| player.help_open.set(false)>"Close"</button>
                    </div>
                </div>
            }
        })
    }
}
