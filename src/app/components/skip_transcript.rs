//! "Skip the transcript": a button seen only while it has the keyboard's focus, just before the
//! transcript, which moves the focus past it. Each turn is three stops for the Tab key (the turn
//! and its quote and link buttons), so without it the player after the transcript, or the rest
//! of an episode page after an embed, is tens of presses away.

use leptos::html::Span;
use leptos::prelude::*;

use crate::app::erased::handler;

/// `past`: an element right after the transcript (focusable, out of the tab order), which takes
/// the focus; the next Tab goes on from there.
#[component]
pub fn SkipTranscript(past: NodeRef<Span>) -> impl IntoView {
    view! {
        <button
            class="skip-transcript"
            on:click=handler(move |_| {
                if let Some(past) = past.get_untracked() {
                    // In the tab order while it has the focus: from an element out of it, the
                    // next Tab in a shadow root starts the root over.
                    past.set_tab_index(0);
                    let _ = past.focus();
                    let leave = wasm_bindgen::closure::Closure::once_into_js({
                        let past = past.clone();
                        move || past.set_tab_index(-1)
                    });
                    let once = web_sys::AddEventListenerOptions::new();
                    once.set_once(true);
                    let _ = past.add_event_listener_with_callback_and_add_event_listener_options(
                        "blur",
                        wasm_bindgen::JsCast::unchecked_ref(&leave),
                        &once,
                    );
                }
            })
        >
            "Skip the transcript"
        </button>
    }
}
