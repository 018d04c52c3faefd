//! Follow: keep the active turn in view while it changes (and, in a turn taller than the view,
//! the sentence being said), until the user scrolls away.
//!
//! Only the user's own intent pauses following — wheel, touch, scrolling keys, a press on the
//! scrollbar — never our own scrolling, so there is no guessing which `scroll` event was whose.
//! "Back to current", the C key (or clicking a turn) resumes it.

use std::rc::Rc;
use std::sync::Arc;

use leptos::html::Div;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

use crate::app::erased::effect;
use crate::app::hooks::highlight::current as current_match;
use crate::app::hooks::listen::listen;
use crate::app::state::Player;
use crate::core::Millis;

/// The active turn's top is kept within this band of the view (fractions of its height); outside
/// it, or cut off at the view's foot, the view scrolls to put it at `TARGET`. A band, not a point,
/// so short turns do not jolt it.
const BAND: (f64, f64) = (0.05, 0.7);
const TARGET: f64 = 0.25;
/// How far above the view's foot a sentence brought into view ends (CSS pixels).
const FOOT_ROOM: f64 = 8.0;
/// The first turn is in place below the header while its top is above this line of the view.
const FIRST_IN_VIEW: f64 = 0.85;

/// Keeps the active turn in view inside `container`, the transcript's scrolling element (only
/// it scrolls: an embed never moves its host page).
pub fn use_follow(player: Player, container: NodeRef<Div>) {
    // A memo: other settings changing (a layout, a text size) are no reason to act.
    let following =
        Memo::new(move |_| player.settings.with(|s| s.follow) && !player.follow_paused.get());
    // Counts the sentences brought into view: a turn's scroll still being corrected (at the end
    // of the next scroll, which may be the sentence's) stands down once one has been.
    let sentences_followed = StoredValue::new(0u32);
    // The transcript whose place has been shown: with Follow off too, a transcript opens at the
    // turn being said (a `#t=` link, the place a reload comes back to), not at its top.
    let placed_in = StoredValue::new(None::<usize>);
    effect(move || {
        let active = player.active.get();
        let following = following.get();
        // Until this turn is in place, the view stays on what the reader sees.
        player.rows.let_go();
        let Some(index) = active else { return };
        let shown = player
            .loaded
            .with_untracked(|l| l.as_ref().map(|l| Arc::as_ptr(l) as usize));
        let opening = placed_in.get_value() != shown;
        placed_in.set_value(shown);
        if !(following || opening) {
            return;
        }
        // (Opening, the place is shown whatever the setting, but a scroll of the reader's since
        // still stands.)
        let wanted = move || match opening {
            true => {
                player.follow_paused.try_get_untracked() == Some(false)
                    && player.active.try_get_untracked().flatten() == Some(index)
            }
            false => still_following(player, index),
        };
        // Next frame: a turn that became active with a transcript just loaded (a `#t=` link,
        // a remembered position) is rendered by then. Unless the reader has scrolled away
        // in between: their scroll is not undone.
        request_animation_frame(move || {
            if !wanted() {
                return;
            }
            if let Some(el) = container.try_get_untracked().flatten() {
                let before = sentences_followed.get_value();
                bring_into_view(player, &el, index, false, move || {
                    wanted() && sentences_followed.try_get_value() == Some(before)
                });
            }
        });
    });
    // A turn taller than the view (a phone held sideways, an embed 200 px high): the sentence
    // being said runs on past the view's foot, and the view moves on with it. (Not a turn's
    // first sentence: the turn itself is brought into view above.)
    effect(move || {
        let Some((turn, group)) = player.active_sentence.get() else {
            return;
        };
        if group == 0 || !following.get_untracked() {
            return;
        }
        request_animation_frame(move || {
            if still_following(player, turn) {
                if let Some(el) = container.try_get_untracked().flatten() {
                    if bring_sentence_into_view(player, &el, turn) {
                        sentences_followed.update_value(|n| *n += 1);
                    }
                }
            }
        });
    });
    effect(move || {
        if let Some(el) = container.get() {
            listen_for_user_scroll(player, &el);
        }
    });
}

/// Scrolls `container` so that the sentence being said in turn `index` (in every language
/// shown), if it runs past the view's foot, stands from `TARGET`; says whether it did. A
/// sentence taller than the view (in two languages, one over the other, on a phone held
/// sideways) stands from its top, unless it holds the search's current match: then the match.
fn bring_sentence_into_view(
    player: Player,
    container: &web_sys::HtmlElement,
    index: usize,
) -> bool {
    let Some(said) = player
        .rows
        .rendered(index)
        .and_then(|row| row.query_selector_all(".sentence[aria-current]").ok())
    else {
        return false;
    };
    let (Some(first), Some(last)) = (said.get(0), said.get(said.length().wrapping_sub(1))) else {
        return false;
    };
    let rect = |node: web_sys::Node| {
        node.unchecked_into::<web_sys::Element>()
            .get_bounding_client_rect()
    };
    let (mut top, mut bottom) = (rect(first).top(), rect(last).bottom());
    let view = container.get_bounding_client_rect();
    if bottom - top > view.height() - FOOT_ROOM {
        // (Within the sentence's height, it is in this row.)
        if let Some(m) = current_match().map(|m| m.get_bounding_client_rect()) {
            if m.top() >= top && m.bottom() <= bottom {
                (top, bottom) = (m.top(), m.bottom());
            }
        }
    }
    if bottom <= view.bottom() {
        return false;
    }
    // From `TARGET`, or higher where it would still run past the foot, but never above the
    // view's top.
    let at_target = top - view.top() - view.height() * TARGET;
    let whole = bottom - view.bottom() + FOOT_ROOM;
    let by = at_target.max(whole).min(top - view.top());
    let to = container.scroll_top() as f64 + by;
    scroll_to(container, to, reduced_motion());
    player.rows.let_go();
    true
}

/// Turn `index` is in place: in a turn taller than the view, the sentence being said comes into
/// view too (a search's match near the foot of a long answer, the turn gone back to, a `#t=`
/// link into it), else the view stays on the turn while rows change size (`RowWindow::hold`).
/// (Not the turn's first sentence, which the turn's own place shows: on the smallest phone the
/// first turn stays under the transcript's title.)
fn in_place(player: Player, container: &web_sys::HtmlElement, index: usize) {
    let later_sentence = player
        .active_sentence
        .get_untracked()
        .is_some_and(|(turn, group)| turn == index && group != 0);
    if !(later_sentence && bring_sentence_into_view(player, container, index)) {
        player.rows.hold(index);
    }
}

/// Scrolls `container` to `to` (CSS pixels from its top), at once or smoothly.
fn scroll_to(container: &web_sys::HtmlElement, to: f64, instant: bool) {
    let options = web_sys::ScrollToOptions::new();
    options.set_top(to);
    options.set_behavior(if instant {
        web_sys::ScrollBehavior::Instant
    } else {
        web_sys::ScrollBehavior::Smooth
    });
    container.scroll_to_with_scroll_to_options(&options);
}

/// Scrolls `container` so that turn `index` is in the comfortable band (at once when `always`).
/// `wanted` says, when a correction is due, whether the row is still the one to show (following
/// may have been paused, or another turn become current, since).
pub fn bring_into_view(
    player: Player,
    container: &web_sys::HtmlElement,
    index: usize,
    always: bool,
    wanted: impl Fn() -> bool + 'static,
) {
    scroll_towards(
        player,
        container,
        index,
        always,
        CORRECTIONS,
        Rc::new(wanted),
    );
}

/// A row that is not rendered is placed by the estimated heights of the rows before it, so the
/// first scroll can land off: once it ends, the row (rendered and measured by then) is checked
/// again and the scroll corrected, a few times at most.
const CORRECTIONS: u8 = 3;

fn scroll_towards(
    player: Player,
    container: &web_sys::HtmlElement,
    index: usize,
    always: bool,
    corrections: u8,
    // (Not generic: a copy of this function for each caller's closure cost the app 0.3 KB each.)
    wanted: Rc<dyn Fn() -> bool>,
) {
    let view = container.get_bounding_client_rect();
    let (top, bottom) = match player.rows.rendered(index) {
        Some(row) => {
            let rect = row.get_bounding_client_rect();
            (rect.top() - view.top(), Some(rect.bottom() - view.top()))
        }
        None => match player.rows.scroll_offset_of(index) {
            Some(offset) => (offset - container.scroll_top() as f64, None),
            None => return,
        },
    };
    let height = view.height();
    // A turn running past the view's foot is not in place while raising it to the target would
    // show more of it (the last turn, placed by estimated heights, could stop there).
    let cut_off = bottom.is_some_and(|b| b > height) && top > height * TARGET;
    // The first turn, the view at its top and the turn's head in it: above it is only the
    // document's title and credits, which raising the turn would hide (on a phone, as the
    // transcript opens).
    let under_header = index == 0 && container.scroll_top() == 0 && top < height * FIRST_IN_VIEW;
    let in_band = top >= height * BAND.0 && top <= height * BAND.1 && !cut_off;
    if !always && (in_band || under_header) {
        in_place(player, container, index);
        return;
    }
    // Where the view can go: the first turns cannot be brought down to the target, nor the last
    // ones up. With nowhere to go no scroll happens, and none must be waited for: the next
    // scroll to end would be someone else's (a script's, a focus's), and would be undone.
    let from = container.scroll_top() as f64;
    let furthest = f64::from((container.scroll_height() - container.client_height()).max(0));
    // (Not `clamp`: its assertion formats floats, which would ship the standard library's code.)
    let to = (from + top - height * TARGET).min(furthest).max(0.0);
    if (to - from).abs() < 1.0 {
        in_place(player, container, index);
        return;
    }
    // Far away, a smooth scroll would only sweep past rows nobody can read.
    let instant = reduced_motion() || top.abs() > 3.0 * height;
    scroll_to(container, to, instant);
    // The view stays on what it shows from here (this turn once it is in place): taken after
    // the scroll, not before, or the scroll itself would count as the row moving, and be undone.
    player.rows.let_go();
    if corrections == 0 {
        return;
    }
    let again = container.clone();
    let check = move || {
        if wanted() {
            scroll_towards(player, &again, index, false, corrections - 1, wanted);
        }
    };
    if instant {
        // The scroll has happened; give the rows it revealed two frames to lay out (the browser
        // decides which skipped rows are near the view after one layout, and lays them out in
        // the next).
        request_animation_frame(move || request_animation_frame(check));
        return;
    }
    let options = web_sys::AddEventListenerOptions::new();
    options.set_once(true);
    let on_end = wasm_bindgen::closure::Closure::once_into_js(check);
    let _ = container.add_event_listener_with_callback_and_add_event_listener_options(
        "scrollend",
        on_end.unchecked_ref(),
        &options,
    );
}

/// Back to the turn being said, for "Back to current" and the C key: following resumes, the
/// turn comes into view (where it is not in place already, or following was paused) and the
/// keyboard's focus goes to it, so that the keyboard goes on from there. Whether there is one.
pub fn back_to_current(player: Player) -> bool {
    let paused = player.follow_paused.get_untracked();
    player.follow_paused.set(false);
    let (Some(scroller), Some(index)) = (player.rows.scroller(), player.active.get_untracked())
    else {
        return false;
    };
    // (Still wanted with Follow off: a press of C brings the turn once.)
    let wanted = move || {
        player.follow_paused.try_get_untracked() == Some(false)
            && player.active.try_get_untracked().flatten() == Some(index)
    };
    bring_into_view(player, &scroller, index, paused, wanted);
    player.rows.focus_when_rendered(index, 10);
    true
}

/// Seeks to `at` in turn `index` where the reader asked to go there (a search's match, an
/// outline's entry), and shows it: following resumes, and the turn is brought into view where
/// following would not bring it, with Follow off or the turn already the one being said (it acts
/// on a change of turn). Without this, the audio went there and the view stayed.
pub fn go_to(player: Player, index: usize, at: Millis) {
    let followed = player.settings.with_untracked(|s| s.follow)
        && player.active.get_untracked() != Some(index);
    player.follow_paused.set(false);
    player.seek_in_turn(index, at);
    let Some(scroller) = player.rows.scroller().filter(|_| !followed) else {
        return;
    };
    let wanted = move || player.active.try_get_untracked().flatten() == Some(index);
    // Next frame, as following's: the view's last scroll has been laid out by then.
    request_animation_frame(move || {
        if wanted() {
            bring_into_view(player, &scroller, index, false, wanted);
        }
    });
}

/// Whether turn `index` is still the one to keep in view.
pub fn still_following(player: Player, index: usize) -> bool {
    player.settings.try_with_untracked(|s| s.follow) == Some(true)
        && player.follow_paused.try_get_untracked() == Some(false)
        && player.active.try_get_untracked().flatten() == Some(index)
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
    for event in ["wheel", "touchmove"] {
        listen(el, event, true, move |_: web_sys::Event| pause());
    }
    listen(el, "keydown", true, move |e: web_sys::KeyboardEvent| {
        if matches!(e.key().as_str(), "PageUp" | "PageDown" | "Home" | "End") {
            pause();
        }
    });
    // A press beside the content, on the scrollbar, is the start of a scrollbar drag.
    let scroller = el.clone();
    listen(el, "pointerdown", true, move |e: web_sys::PointerEvent| {
        let on_scroller = e
            .target()
            .is_some_and(|t| t.dyn_ref::<web_sys::HtmlElement>() == Some(&scroller));
        if on_scroller && e.offset_x() >= scroller.client_width() {
            pause();
        }
    });
}
