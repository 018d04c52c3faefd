//! Follow: keep the active turn in view while it changes, until the user scrolls away.
//!
//! Only the user's own intent pauses following — wheel, touch, scrolling keys, a press on the
//! scrollbar — never our own scrolling, so there is no guessing which `scroll` event was whose.
//! "Back to current" (or clicking a turn) resumes it.

use leptos::html::Main;
use leptos::prelude::*;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

use crate::app::state::Player;

/// The active turn's top is kept within this band of the view (fractions of its height); outside
/// it, the view scrolls to put it at `TARGET`. A band, not a point, so short turns do not jolt it.
const BAND: (f64, f64) = (0.05, 0.7);
const TARGET: f64 = 0.25;

pub fn use_follow(player: Player, container: NodeRef<Main>) {
    Effect::new(move |_| {
        let active = player.active.get();
        let following = player.settings.with(|s| s.follow) && !player.follow_paused.get();
        if let (Some(index), true) = (active, following) {
            if let Some(el) = container.get_untracked() {
                bring_into_view(&el, index, false);
            }
        }
    });
    Effect::new(move |_| {
        if let Some(el) = container.get() {
            listen_for_user_scroll(player, &el);
        }
    });
}

/// Scrolls `container` so that turn `index` is in the comfortable band (at once when `always`).
pub fn bring_into_view(container: &web_sys::HtmlElement, index: usize, always: bool) {
    let Ok(Some(row)) = container.query_selector(&format!("article[data-index=\"{index}\"]"))
    else {
        return;
    };
    let view = container.get_bounding_client_rect();
    let top = row.get_bounding_client_rect().top() - view.top();
    let height = view.height();
    if !always && top >= height * BAND.0 && top <= height * BAND.1 {
        return;
    }
    let options = web_sys::ScrollToOptions::new();
    options.set_top(container.scroll_top() as f64 + top - height * TARGET);
    options.set_behavior(if reduced_motion() {
        web_sys::ScrollBehavior::Instant
    } else {
        web_sys::ScrollBehavior::Smooth
    });
    container.scroll_to_with_scroll_to_options(&options);
}

fn reduced_motion() -> bool {
    window()
        .match_media("(prefers-reduced-motion: reduce)")
        .ok()
        .flatten()
        .is_some_and(|m| m.matches())
}

fn listen_for_user_scroll(player: Player, el: &web_sys::HtmlElement) {
    let pause = move || {
        if player.settings.with_untracked(|s| s.follow) && !player.follow_paused.get_untracked() {
            player.follow_paused.set(true);
        }
    };
    let on_intent = Closure::<dyn Fn()>::new(pause);
    for event in ["wheel", "touchmove"] {
        let options = web_sys::AddEventListenerOptions::new();
        options.set_passive(true);
        let _ = el.add_event_listener_with_callback_and_add_event_listener_options(
            event,
            on_intent.as_ref().unchecked_ref(),
            &options,
        );
    }
    on_intent.forget();
    let on_key =
        Closure::<dyn Fn(web_sys::KeyboardEvent)>::new(move |e: web_sys::KeyboardEvent| {
            if matches!(e.key().as_str(), "PageUp" | "PageDown" | "Home" | "End") {
                pause();
            }
        });
    let _ = el.add_event_listener_with_callback("keydown", on_key.as_ref().unchecked_ref());
    on_key.forget();
    // A press beside the content, on the scrollbar, is the start of a scrollbar drag.
    let scroller = el.clone();
    let on_press =
        Closure::<dyn Fn(web_sys::PointerEvent)>::new(move |e: web_sys::PointerEvent| {
            let on_scroller = e
                .target()
                .is_some_and(|t| t.dyn_ref::<web_sys::HtmlElement>() == Some(&scroller));
            if on_scroller && e.offset_x() >= scroller.client_width() {
                pause();
            }
        });
    let _ = el.add_event_listener_with_callback("pointerdown", on_press.as_ref().unchecked_ref());
    on_press.forget();
}
