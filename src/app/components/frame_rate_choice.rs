//! The choice of another frame rate for a MicroDVD file, beside the note that names the one its
//! frames were read at: most such files do not say theirs, and one made for PAL video (25 a
//! second) read at film's (23.976) runs behind the audio, more the later its lines.

use leptos::prelude::*;

use crate::app::hooks::loader::read_at_rate;
use crate::app::mount_later;
use crate::app::parts::part;
use crate::app::state::{use_player, Player};
use crate::core::{frame_rate, FRAME_RATES};

/// A list of the usual frame rates, the one the transcript shown was read at chosen (first, if
/// it is none of them); choosing another shows it at that rate.
#[component]
pub fn FrameRateChoice() -> impl IntoView {
    let player = use_player();
    let shown = (player.loaded.get_untracked())
        .and_then(|loaded| frame_rate(&loaded.doc).map(str::to_owned))
        .unwrap_or_default();
    let other = (!FRAME_RATES.contains(&shown.as_str())).then(|| shown.clone());
    let options = (other.into_iter())
        .chain(FRAME_RATES.into_iter().map(str::to_owned))
        .map(|rate| {
            let selected = rate == shown;
            view! { <option selected=selected>{rate}</option> }
        })
        .collect_view();
    let chosen = move |ev: web_sys::Event| {
        let rate = event_target_value(&ev);
        if let Some(&rate) = FRAME_RATES.iter().find(|r| **r == rate) {
            read_at_rate(player, rate);
        }
    };
    view! {
        <label class="note-choice">
            "Out of step? Read it at "
            <select on:change=chosen>{options}</select>
            " frames a second"
        </label>
    }
}

part! {
    readers (app only):
    /// Mounts the choice in `slot` (a part: it is offered only for a MicroDVD file, whose
    /// reading fetched the part).
    pub fn mount_frame_rate_choice(player: Player, slot: web_sys::HtmlElement) {
        mount_later(player, slot, FrameRateChoice);
    }
}
