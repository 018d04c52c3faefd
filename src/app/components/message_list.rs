//! Messages: why a file was refused, what was loaded, what happened to the audio.

use leptos::html::Div;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

use crate::app::erased::handler;
use crate::app::hooks::keys::focus_in_place;
use crate::app::state::{use_player, MessageKind};

#[component]
pub fn MessageList() -> impl IntoView {
    let player = use_player();
    let list = NodeRef::<Div>::new();
    view! {
        <div id="messages" class="messages" part="messages" role="status" aria-live="polite" node_ref=list>
            <For each=move || player.messages.get() key=|m| m.id let:message>
                {
                    let id = message.id;
                    let class = match message.kind {
                        MessageKind::Error => "message error",
                        MessageKind::Info | MessageKind::Status => "message info",
                    };
                    view! {
                        <p class=class>
                            <span>{message.text}</span>
                            <button
                                class="dismiss"
                                aria-label="Dismiss"
                                on:click=handler(move |_| {
                                    player.withdraw(id);
                                    // Gone with its message (once it is), the focus goes to
                                    // another message's button, or else to the reading place.
                                    request_animation_frame(move || {
                                        let next = list.get_untracked().and_then(|l| {
                                            l.query_selector(".dismiss").ok().flatten()
                                        });
                                        match next {
                                            Some(next) => focus_in_place(next.unchecked_ref()),
                                            None => player.rows.focus_reading_place(),
                                        }
                                    });
                                })
                            >
                                "×"
                            </button>
                        </p>
                    }
                }
            </For>
        </div>
    }
}
