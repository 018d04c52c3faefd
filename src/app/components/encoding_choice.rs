//! The choice of another encoding for a transcript read from a legacy one, beside the note that
//! names the one it was read in: a caption or two can be too few for the bytes to tell
//! (`Dziękuję` reads as `Dziêkujê` in the wrong one), and only the reader sees which letters
//! are right.

use leptos::prelude::*;

use crate::app::hooks::loader::read_in;
use crate::app::mount_later;
use crate::app::parts::part;
use crate::app::state::{use_player, Player};
use crate::core::LegacyEncoding;

/// A list of the legacy encodings, `shown` chosen; choosing another reads the transcript shown
/// again in it.
/// - `shown`: the encoding the transcript shown was read in.
#[component]
pub fn EncodingChoice(shown: LegacyEncoding) -> impl IntoView {
    let player = use_player();
    let options = LegacyEncoding::ALL
        .into_iter()
        .map(|encoding| view! { <option selected=encoding == shown>{encoding.name()}</option> })
        .collect_view();
    let chosen = move |ev: web_sys::Event| {
        if let Some(encoding) = LegacyEncoding::named(&event_target_value(&ev)) {
            read_in(player, encoding);
        }
        // Until the transcript read again replaces this list, it says what is shown.
        let list: web_sys::HtmlSelectElement = event_target(&ev);
        list.set_value(shown.name());
    };
    view! {
        <label class="note-choice">
            "Wrong letters? Read it as "
            <select on:change=chosen>{options}</select>
        </label>
    }
}

part! {
    encodings (app only):
    /// Mounts the choice, `shown` chosen, in `slot` (a part: it is offered only for a file read
    /// from a legacy encoding, whose reading fetched the part).
    pub fn mount_encoding_choice(player: Player, slot: web_sys::HtmlElement, shown: LegacyEncoding) {
        mount_later(player, slot, move || view! { <EncodingChoice shown/> });
    }
}
