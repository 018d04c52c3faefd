//! Messages: why a file was refused, what was loaded, what happened to the audio.

use leptos::prelude::*;

use crate::app::erased::handler;
use crate::app::state::{use_player, MessageKind};

#[component]
pub fn MessageList() -> impl IntoView {
    let player = use_player();
    view! {
        <div id="messages" class="messages" part="messages" role="status" aria-live="polite">
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
                                on:click=handler(move |_| player.withdraw(id))
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
