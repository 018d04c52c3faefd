//! Links to a moment: `#t=330` (or `#t=5:30`) in the page's address starts the transcript there,
//! a `#t=` link followed on the same page seeks, and every turn can copy a link to itself.
//!
//! The address is the page's own — the app's, or the host page's for an embed — so a shared link
//! brings the reader back to the episode page, at the moment.

use leptos::prelude::*;

use crate::app::hooks::listen::listen;
use crate::app::state::{isolated, MessageKind, Player, Start};
use crate::core::{moment_for_link, moment_in_fragment, Millis};

pub fn use_deep_link(player: Player) {
    player
        .start_at
        .set_value(linked_moment(player).map_or(Start::Here, Start::Linked));
    listen(&window(), "hashchange", true, move |_: web_sys::Event| {
        go_to_linked_moment(player)
    });
    // A link to the moment already in the address changes nothing the browser tells of (no
    // `hashchange`): followed again, after listening on from there, it still seeks.
    listen(&document(), "click", true, move |e: web_sys::MouseEvent| {
        let plain =
            e.button() == 0 && !(e.ctrl_key() || e.meta_key() || e.shift_key() || e.alt_key());
        let link = e
            .target()
            .and_then(|t| wasm_bindgen::JsCast::dyn_into::<web_sys::Element>(t).ok())
            .and_then(|t| t.closest("a[href^='#']").ok().flatten())
            .and_then(|a| a.get_attribute("href"));
        if plain && link.is_some() && link == window().location().hash().ok() {
            go_to_linked_moment(player);
        }
    });
}

/// Seeks to the moment in the address, or starts the transcript to come there.
fn go_to_linked_moment(player: Player) {
    let Some(t) = linked_moment(player) else {
        return;
    };
    if player.loaded.with_untracked(Option::is_some) {
        player.follow_paused.set(false);
        player.clock.seek(within_reach(player, t));
    } else {
        player.start_at.set_value(Start::Linked(t));
    }
}

/// `t`, the moment a link points at; or, past the end of the transcript shown (and of its audio,
/// if known: a link to another episode's moment, a mistyped one), its last turn, with a message
/// saying so, rather than the end, where no turn is shown.
pub fn within_reach(player: Player, t: Millis) -> Millis {
    let end = player.clock.duration();
    if t <= end {
        return t;
    }
    player.say(
        MessageKind::Info,
        "The link points after the end of this transcript: here is its last turn.",
    );
    player
        .timeline
        .with_untracked(|tl| {
            let tl = tl.as_ref()?;
            Some(tl.span(tl.len().checked_sub(1)?).start)
        })
        .unwrap_or_default()
}

/// The moment in the address, if any; one that is no time is said (a link mistyped, or an
/// embed's `t=` written wrong), rather than ignored as though there were none.
fn linked_moment(player: Player) -> Option<Millis> {
    match moment_in_fragment(&window().location().hash().ok()?)? {
        Ok(t) => Some(t),
        Err(written) => {
            player.say(
                MessageKind::Error,
                format!(
                    "The link's time {} is not a time like 5:30 or 330, so the link was not followed.",
                    isolated(&written)
                ),
            );
            None
        }
    }
}

/// This page's address, pointing at moment `t`.
pub fn link_to_moment(t: Millis) -> String {
    let href = window().location().href().unwrap_or_default();
    let page = href.split('#').next().unwrap_or_default();
    format!("{page}#t={}", moment_for_link(t))
}
