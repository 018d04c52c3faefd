//! The transcript's title and header lines (show, credits), as the source gives them: each in
//! its own language and direction (an Arabic title read as Arabic, set right to left).

use leptos::prelude::*;

use crate::app::state::use_player;
use crate::core::script::guess_lang;

#[component]
pub fn DocHeader() -> impl IntoView {
    let player = use_player();
    move || {
        player.loaded.get().map(|loaded| {
            let doc = &loaded.doc;
            let title = loaded.title();
            let title_lang = doc.lang_tag(guess_lang(&title));
            let meta = doc
                .header_items()
                .into_iter()
                .map(|m| {
                    let lang = doc.lang_tag(guess_lang(&m));
                    view! { <p class="doc-meta" lang=lang dir="auto">{m}</p> }
                })
                .collect_view();
            view! {
                <div class="doc-header">
                    <h1 class="doc-title" lang=title_lang dir="auto">{title}</h1>
                    <div class="doc-meta-list">{meta}</div>
                </div>
            }
        })
    }
}
