//! "Back to current": offered while following is paused because the user scrolled away.

use leptos::html::Div;
use leptos::prelude::*;

use crate::app::erased::{effect, handler};
use crate::app::hooks::follow::{bring_into_view, still_following};
use crate::app::hooks::listen::listen;
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
        }
    };
    // Which way the current turn is: looked at as following stops, and at the end of each scroll
    // (a row rendered, by where it is in the view; one not, by which side of the rendered ones
    // it is on).
    let scrolled = Trigger::new();
    effect(move || {
        if let Some(view) = transcript.get() {
            listen(&view, "scrollend", true, move |_: web_sys::Event| {
                scrolled.notify()
            });
        }
    });
    let arrow = move || {
        scrolled.track();
        let above = player.follow_paused.get()
            && player.active.get().is_some_and(|index| {
                let Some(view) = transcript.get_untracked() else {
                    return false;
                };
                match player.rows.rendered(index) {
                    Some(row) => {
                        let row = row.get_bounding_client_rect();
                        let view = view.get_bounding_client_rect();
                        row.top() + row.bottom() < view.top() + view.bottom()
                    }
                    None => player.rows.range.with_untracked(|r| index < r.start),
                }
            });
        if above {
            "↑"
        } else {
            "↓"
        }
    };
    view! {
        <button
            id="back-to-current"
            class="back-to-current"
            hidden=move || !player.follow_paused.get()
            on:click=handler(resume)
        >
            {arrow}" Back to current"
        </button>
    }
}
