//! The transcript's title and header lines (show, credits), as the source gives them.

use leptos::prelude::*;

use crate::app::state::use_player;

#[component]
pub fn DocHeader() -> impl IntoView {
    let player = use_player();
    move || {
        player.loaded.get().map(|loaded| {
            let doc = &loaded.doc;
            let title = doc.title.clone().unwrap_or_else(|| loaded.name.clone());
            let meta = doc
                .header_items()
                .into_iter()
                .map(|m| view! { <p class="doc-meta">{m}</p> })
                .collect_view();
            view! {
                <div class="doc-header">
                    <h1 class="doc-title">{title}</h1>
                    <div class="doc-meta-list">{meta}</div>
                </div>
            }
        })
    }
}
