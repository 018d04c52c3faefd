//! Shown while a transcript is being fetched or read.

use leptos::prelude::*;

use crate::app::state::use_player;

#[component]
pub fn LoadingIndicator() -> impl IntoView {
    let player = use_player();
    view! {
        <div id="loading" class="loading" role="progressbar" aria-labelledby="loading-what" aria-busy="true" hidden=move || player.loading.with(Option::is_none)>
            // (Named by its words: a progress bar's name is not taken from what it holds.)
            <span class="loading-box" id="loading-what">
                <span class="spinner" aria-hidden="true"></span>
                {move || player.loading.get().map(|name| format!("Reading {name}…"))}
            </span>
        </div>
    }
}
