//! The media controls outside the page: a phone's lock screen and notification, a headset's
//! buttons, a keyboard's media keys. Through the Media Session API they show the transcript's
//! title and who is speaking now, and their buttons work the player as the keyboard's shortcuts
//! do: play, pause, back and forward (10 seconds unless the control says how far), seeking, and
//! previous and next track as the previous and next turn (↑/↓), a transcript's turns being what
//! its listener steps through.
//!
//! The controls show only while audio plays, so they are taken when audio first plays, by a part
//! of the app of its own (`app::parts`): a reader who never plays audio never downloads it. The
//! standalone app's only: an embedded transcript's host page owns its page's media session (its
//! player, its episode's title), and the element leaves it alone.

use js_sys::Reflect;
use leptos::prelude::*;
use wasm_bindgen::prelude::*;

use crate::app::erased::effect;
use crate::app::hooks::keys::neighbour_turn;
use crate::app::hooks::reflect::{function, property};
use crate::app::parts::part;
use crate::app::state::Player;
use crate::core::Millis;

/// How far back or forward a control that does not say skips: as J and L do.
const SKIP_SECONDS: f64 = 10.0;

/// Takes the media controls for `player` when its audio first plays, where the browser has them.
pub fn use_media_session(player: Player) {
    let clock = player.clock;
    let Some(owner) = Owner::current() else {
        return;
    };
    let mut taken = false;
    effect(move || {
        // Once taken, it reads no signal, so it never runs again.
        if taken || !clock.playing.get() || clock.source.with(Option::is_none) {
            return;
        }
        taken = true;
        let owner = owner.clone();
        // A part that cannot be fetched leaves the controls the browser's own: nothing the
        // reader needs is lost, so nothing is said.
        leptos::task::spawn_local(async move {
            let _ = take(player, owner).await;
        });
    });
}

part! {
    media_session (app only):
    /// Takes the controls (a download of its own: `app::parts`).
    fn take(player: Player, owner: Owner) {
        take_controls(player, owner);
    }
}

/// Hands the controls' presses to `player`, and shows them what plays, under `owner`. (In
/// JavaScript's terms, through `Reflect`: web-sys has the API only among its unstable ones.)
fn take_controls(player: Player, owner: Owner) {
    // No session (a page over plain http): the browser's own controls stay.
    let Some(session) = property(&window().navigator(), "mediaSession") else {
        return;
    };
    let Some(set_action_handler) = function(&session, "setActionHandler") else {
        return;
    };
    let clock = player.clock;
    let handler = Closure::<dyn Fn(JsValue)>::new(move |details: JsValue| {
        let field = |name: &str| property(&details, name).unwrap_or_default();
        let seconds = field("seekOffset").as_f64().or(field("seekTime").as_f64());
        let skip = |sign: f64| {
            let by = seconds.unwrap_or(SKIP_SECONDS);
            clock.skip((sign * by * 1000.0) as i64);
        };
        match field("action").as_string().as_deref() {
            Some("play") => clock.play(),
            Some("pause") => clock.pause(),
            Some("seekbackward") => skip(-1.0),
            Some("seekforward") => skip(1.0),
            Some("seekto") => {
                if let Some(at) = seconds.filter(|&at| at >= 0.0) {
                    clock.seek(Millis((at * 1000.0) as u64));
                }
            }
            Some(track @ ("previoustrack" | "nexttrack")) => {
                neighbour_turn(player, track == "nexttrack");
            }
            _ => {}
        }
    });
    for action in [
        "play",
        "pause",
        "seekbackward",
        "seekforward",
        "seekto",
        "previoustrack",
        "nexttrack",
    ] {
        // An action this browser does not know throws, and is left out.
        let _ = set_action_handler.call2(&session, &action.into(), handler.as_ref());
    }
    // The controls call it for as long as the page lives, as the app does.
    handler.forget();
    owner.with(|| show_what_plays(player, session));
}

/// Keeps `session` showing the transcript's title and the speaker of the turn being said.
fn show_what_plays(player: Player, session: JsValue) {
    let Some(metadata) = function(&js_sys::global(), "MediaMetadata") else {
        return;
    };
    let title = Memo::new(move |_| {
        player
            .loaded
            .with(|l| l.as_ref().map_or(String::new(), |l| l.title()))
    });
    let speaker = Memo::new(move |_| {
        let turn = player.active.get();
        player.loaded.with(|l| {
            l.as_ref()
                .and_then(|l| l.doc.speaker_name(l.doc.turns.get(turn?)?))
                .map_or(String::new(), str::to_owned)
        })
    });
    effect(move || {
        let fields = js_sys::Object::new();
        let _ = Reflect::set(&fields, &"title".into(), &title.get().into());
        let _ = Reflect::set(&fields, &"artist".into(), &speaker.get().into());
        if let Ok(shown) = Reflect::construct(&metadata, &js_sys::Array::of1(&fields)) {
            let _ = Reflect::set(&session, &"metadata".into(), &shown);
        }
    });
}
