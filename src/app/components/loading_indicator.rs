//! Shown while a transcript is being fetched or read.

use leptos::prelude::*;

use crate::app::state::use_player;

#[component]
pub fn LoadingIndicator() -> impl IntoView {
    let player = use_player();
    view! {
        <div id="loading" class="loading" role="progressbar" aria-busy="true" hidden=move || player.loading.with(Option::is_none)>
            <span class="loading-box">
                <span class="spinner" aria-hidden="true"></span>
                {move || player.loading.get().map(|name| format!("Reading {name}…"))}
            </span>
        </div>
    }
}
