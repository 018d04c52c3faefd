//! Paste a transcript as text: the keyboard's way in, beside dropping and picking files.

use leptos::html::{Dialog, Textarea};
use leptos::prelude::*;

use crate::app::erased::{effect, handler};
use crate::app::hooks::loader::show_transcript;
use crate::app::mount_later;
use crate::app::parts::part;
use crate::app::state::{use_player, Player};

/// `open`: whether the dialog is shown; the toolbar's Paste button sets it.
#[component]
pub fn PasteDialog(open: RwSignal<bool>) -> impl IntoView {
    let player = use_player();
    let dialog = NodeRef::<Dialog>::new();
    let text = NodeRef::<Textarea>::new();
    effect(move || {
        let Some(d) = dialog.get() else { return };
        if open.get() && !d.open() {
            let _ = d.show_modal();
        } else if !open.get() && d.open() {
            d.close();
        }
    });
    // Why the text was not loaded, said in the dialog: the page's messages are under its backdrop.
    let failure = RwSignal::new(None::<String>);
    // The same words again (Load pressed twice on the same text) are said again: every other
    // time with a mark no voice reads, they are another text to the alert.
    let fail = move |mut why: String| {
        if failure.with_untracked(|f| f.as_deref().is_some_and(|f| !f.ends_with('\u{200b}'))) {
            why.push('\u{200b}');
        }
        failure.set(Some(why));
    };
    let load = move || {
        let Some(area) = text.get_untracked() else {
            return;
        };
        let value = area.value();
        if value.trim().is_empty() {
            fail("Nothing to load: paste a transcript's text above.".to_owned());
        } else if show_transcript(player, "Pasted text", value.as_bytes(), true) {
            failure.set(None);
            area.set_value("");
            open.set(false);
        } else if let Some(said) = player.messages.with_untracked(|m| m.last().cloned()) {
            player.withdraw(said.id);
            fail(said.text);
        }
    };
    // Ctrl+Enter (⌘+Enter) loads from the field, as a message box sends: Enter alone is a line.
    let on_key = move |e: leptos::ev::KeyboardEvent| {
        if e.key() == "Enter" && (e.ctrl_key() || e.meta_key()) {
            e.prevent_default();
            load();
        }
    };
    view! {
        <dialog id="paste-dialog" class="paste-dialog" aria-labelledby="paste-title" node_ref=dialog on:close=handler(move |_| { open.set(false); failure.set(None) })>
            <h2 id="paste-title">"Paste a transcript"</h2>
            <p class="hint">"Subtitles (WebVTT, SRT, ASS, LRC…), a transcript with times and speakers, a dialogue, or both languages under English: and "<span lang="zh">"中文:"</span>" labels."</p>
            <textarea id="paste-text" node_ref=text rows="12" aria-label="Transcript text" spellcheck="false" on:keydown=handler(on_key)></textarea>
            <p id="paste-failure" class="message error" role="alert" hidden=move || failure.with(Option::is_none)>{failure}</p>
            <div class="dialog-actions">
                <button id="paste-cancel" on:click=handler(move |_| open.set(false))>"Cancel"</button>
                <button id="paste-load" class="primary" title="Load (Ctrl+Enter)" aria-keyshortcuts="Control+Enter Meta+Enter" on:click=handler(move |_| load())>"Load"</button>
            </div>
        </dialog>
    }
}

part! {
    paste (app only):
    /// Mounts the dialog in `slot` (its code is a download of its own: `app::parts`).
    pub fn mount_paste(player: Player, slot: web_sys::HtmlElement, open: RwSignal<bool>) {
        mount_later(player, slot, move || view! { <PasteDialog open=open/> });
    }
}
