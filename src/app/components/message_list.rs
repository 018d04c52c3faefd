//! Messages: why a file was refused, what was loaded, what happened to the audio.
//!
//! A screen reader hears them from a region of their words alone: read from the list shown,
//! each would end in its button's "Dismiss".

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
    // The words of the messages posted since the region last spoke (a drop of several files
    // posts several at once); nothing once only withdrawals follow. A message posted again, its
    // words unchanged, is told again: a mark no voice reads makes them another text.
    let told = StoredValue::new(0u32);
    let news = move || {
        player.messages.with(|messages| {
            let from = told.get_value();
            let Some(last) = messages.last().filter(|m| m.id >= from) else {
                return String::new();
            };
            told.set_value(last.id + 1);
            let fresh = messages.iter().filter(|m| m.id >= from);
            let mut words = fresh.map(|m| m.text.as_str()).collect::<Vec<_>>().join(" ");
            if last.id % 2 == 1 {
                words.push('\u{200b}');
            }
            words
        })
    };
    view! {
        <div id="messages-said" class="visually-hidden" role="status" aria-live="polite">{news}</div>
        <div id="messages" class="messages" part="messages" node_ref=list>
            <For each=move || player.messages.get() key=|m| m.id let:message>
                {
                    let id = message.id;
                    let class = match message.kind {
                        MessageKind::Error => "message error",
                        MessageKind::Info | MessageKind::Status => "message info",
                    };
                    view! {
                        <p
                            class=class
                            on:focusin=handler(move |_| player.message_held.set_value(Some(id)))
                            on:focusout=handler(move |_| player.message_held.set_value(None))
                        >
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
