//! "Back to current": offered while following is paused because the user scrolled away.

use leptos::html::Div;
use leptos::prelude::*;

use crate::app::erased::handler;
use crate::app::hooks::follow::{bring_into_view, still_following};
use crate::app::state::use_player;

/// `transcript`: the scrolling container the active turn is brought back into.
#[component]
pub fn BackToCurrent(transcript: NodeRef<Div>) -> impl IntoView {
    let player = use_player();
    let resume = move |_| {
        player.follow_paused.set(false);
        if let (Some(el), Some(index)) = (transcript.get_untracked(), player.active.get_untracked())
        {
            bring_into_view(player, &el, index, true, move || {
                still_following(player, index)
            });
            // The button goes: the keyboard goes on from the turn it brought back.
            player.rows.focus_when_rendered(index, 10);
        }
    };
    // The place, a box of no height, stands on the player bar: the button hangs over it however
    // high the bar is (two rows on a phone, more with the loop's controls).
    view! {
        <div class="back-to-current-place" hidden=move || !player.follow_paused.get()>
            <button id="back-to-current" class="back-to-current" on:click=handler(resume)>
                "Back to current"
            </button>
        </div>
    }
}
