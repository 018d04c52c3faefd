//! "Back to current": offered while following is paused because the user scrolled away.

use leptos::prelude::*;

use crate::app::erased::handler;
use crate::app::hooks::follow::back_to_current;
use crate::app::state::use_player;

#[component]
pub fn BackToCurrent() -> impl IntoView {
    let player = use_player();
    // The button goes: the keyboard goes on from the turn it brought back.
    let resume = move |_| {
        back_to_current(player);
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
