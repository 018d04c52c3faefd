//! Keyboard shortcuts (listed in the help overlay).
//!
//! Space/K play-pause, J/L −/+10 s, ←/→ −/+5 s, ↑/↓ previous/next turn (from the turn the
//! keyboard is on, where that is not the one being said), ,/. previous/next
//! sentence, E the sentence again, </> slower/faster, C back to the current turn (focused),
//! F follow, / search, R reading mode, [/]
//! the transcript's times half a second earlier/later (Shift: five), ? help.
//! Keys typed into a text field or a menu (but one chosen from with the pointer), and keys with
//! Ctrl/Alt/Meta, are left to the browser. The app
//! takes them from the whole page; an embed only while focus is inside it, so the host page's
//! own keys keep working.

use std::cell::{Cell, RefCell};
use std::rc::Rc;

use leptos::prelude::*;
use wasm_bindgen::JsCast;

use crate::app::hooks::listen::listen;
use crate::app::state::{Player, SPEEDS};
use crate::core::Millis;

/// Handles the shortcuts for key presses reaching `scope`; `with_help` (the app) adds `?` for
/// the overlay and `/` for the search box.
pub fn use_shortcuts(player: Player, scope: &web_sys::EventTarget, with_help: bool) {
    // The turn the keyboard's focus last came to, and the turn being said then: ↑/↓ step from
    // it only while that is still so (a turn gone to, not one the focus was left on as the audio
    // played on: ↓ there went back). Cells the listeners own: a `StoredValue` of a type of its
    // own cost the embed 0.4 KB.
    let focused_at = Rc::new(Cell::new(None::<(usize, Option<usize>)>));
    // A step asked the focus to follow, and it has not come yet (keys pressed in quick
    // succession, or a row still to be rendered): the next step follows too.
    let following = Rc::new(Cell::new(false));
    // A menu (a `<select>`: the speed, the practice) chosen from with the pointer keeps the
    // focus, where letters and arrows would choose again (L chose "Loop turns A–B", → a speed):
    // the player's keys work there, until the focus leaves it (to come back by the keyboard).
    let chosen_by_pointer = Rc::new(RefCell::new(None::<web_sys::Element>));
    for (event, pressed) in [("pointerdown", true), ("focusout", false)] {
        let chosen_by_pointer = chosen_by_pointer.clone();
        listen(scope, event, true, move |e: web_sys::Event| {
            let target = element_of(e.target());
            let mut chosen = chosen_by_pointer.borrow_mut();
            if pressed {
                *chosen = target.filter(|el| el.tag_name() == "SELECT");
            } else if *chosen == target {
                *chosen = None;
            }
        });
    }
    {
        let (focused_at, following) = (focused_at.clone(), following.clone());
        listen(scope, "focusin", true, move |e: web_sys::Event| {
            let turn = turn_of(e.target());
            // The list's place in the Tab order goes with the keyboard (`RowWindow::tab_stop`).
            if turn.is_some() && player.rows.keyboard_row.get_untracked() != turn {
                player.rows.keyboard_row.set(turn);
            }
            following.set(false);
            focused_at.set(turn.map(|turn| (turn, player.active.get_untracked())));
        });
    }
    listen(scope, "keydown", false, move |e: web_sys::KeyboardEvent| {
        if e.ctrl_key()
            || e.alt_key()
            || e.meta_key()
            || e.default_prevented()
            || typing_in_field(&e) && *chosen_by_pointer.borrow() != element_of(e.target())
        {
            return;
        }
        // The help is a modal dialog: the page behind it takes no keys (K played, ↓ moved on).
        if player.help_open.get_untracked() && !matches!(e.key().as_str(), "?" | "Escape") {
            return;
        }
        // A key of one character turned off outside the transcript and the player (WCAG 2.1.4).
        // (An embed's keys work only inside it, and it has no View menu to turn them off.)
        #[cfg(not(feature = "embed"))]
        if e.key().chars().nth(1).is_none()
            && !player.settings.with_untracked(|s| s.single_keys)
            && element_of(e.target())
                .and_then(|el| el.closest("#transcript, .player-bar").ok().flatten())
                .is_none()
        {
            return;
        }
        let clock = player.clock;
        let handled = match e.key().as_str() {
            " " | "k" | "K" => {
                // Space on a focused button or turn activates it; only take it elsewhere.
                if e.key() == " " && on_control(&e) {
                    return;
                }
                clock.toggle();
                true
            }
            "j" | "J" => step(player, -10_000),
            "l" | "L" => step(player, 10_000),
            "ArrowLeft" => step(player, -5_000),
            "ArrowRight" => step(player, 5_000),
            "ArrowUp" | "ArrowDown" => {
                let next = e.key() == "ArrowDown";
                let focused = turn_of(e.target());
                let active = player.active.get_untracked();
                let gone_to = focused.filter(|&turn| {
                    Some(turn) != active && focused_at.get() == Some((turn, active))
                });
                let reached = match gone_to {
                    Some(turn) => turn_beside(player, turn, next),
                    None => {
                        neighbour_turn(player, next);
                        player.active.get_untracked()
                    }
                };
                // The keyboard's focus on a turn moves with it: left behind, out of sight, Enter
                // played the old turn again. (At either end, from a turn gone to, it stays.) A
                // long transcript's row may take a few frames to be rendered as Follow scrolls
                // to it: in two, keys pressed in quick succession lost the focus.
                if focused.is_some() || following.get() {
                    if let Some(index) = reached {
                        following.set(true);
                        player.rows.focus_when_rendered(index, 8);
                    }
                }
                true
            }
            "," => neighbour_sentence(player, -1),
            "." => neighbour_sentence(player, 1),
            "e" | "E" => neighbour_sentence(player, 0),
            "<" => change_speed(player, false),
            ">" => change_speed(player, true),
            "c" | "C" => crate::app::hooks::follow::back_to_current(player),
            // Said as the speed is: an embed has no Follow button to show it, and a reader at
            // the keyboard is looking at the text.
            "f" | "F" => {
                player.toggle_follow();
                let text = match player.settings.with_untracked(|s| s.follow) {
                    true => "Follow on",
                    false => "Follow off",
                };
                player.say_instead(text);
                true
            }
            "/" if with_help => match document().get_element_by_id("search") {
                Some(search) => {
                    let _ = search.unchecked_into::<web_sys::HtmlElement>().focus();
                    true
                }
                None => false,
            },
            "r" | "R" if with_help => {
                player.settings.update(|s| s.reading = !s.reading);
                let text = match player.settings.with_untracked(|s| s.reading) {
                    true => "Reading mode on",
                    false => "Reading mode off",
                };
                player.say_instead(text);
                // The control that has the focus may be hidden in reading mode (or the focus
                // gone with it): the reader's place takes it.
                request_animation_frame(move || {
                    let focused = document().active_element();
                    let hidden = focused.as_ref().is_none_or(|f| {
                        let size = f.get_bounding_client_rect();
                        size.width() == 0.0 && size.height() == 0.0 || f.tag_name() == "BODY"
                    });
                    if hidden {
                        player.rows.focus_reading_place();
                    }
                });
                true
            }
            // Out of step with its audio, the transcript's times move half a second at a time
            // (Shift: five), and the move is said.
            #[cfg(not(feature = "embed"))]
            key @ ("[" | "]" | "{" | "}") if player.loaded.with_untracked(Option::is_some) => {
                let by = match key {
                    "[" => -500,
                    "]" => 500,
                    "{" => -5_000,
                    _ => 5_000,
                };
                leptos::task::spawn_local(async move {
                    if let Some(shift) = crate::app::hooks::loader::shift_times(player, by).await {
                        let text = format!("Lines {} ([ and ] move them)", shifted_said(shift));
                        player.say_instead(text);
                    }
                });
                true
            }
            "?" if with_help => {
                player.help_open.update(|open| *open = !*open);
                true
            }
            "Escape" if player.help_open.get_untracked() => {
                player.help_open.set(false);
                true
            }
            _ => false,
        };
        if handled {
            e.prevent_default();
        }
    });
}

fn step(player: Player, delta_ms: i64) -> bool {
    player.clock.skip(delta_ms);
    true
}

/// Plays at the next speed offered above the one now (`faster`) or below it, and says which
/// (at either end, the one now): the choice in the bar shows it too, but a reader at the
/// keyboard is looking at the text, and a screen reader says nothing of a choice that changes.
fn change_speed(player: Player, faster: bool) -> bool {
    let now = player.clock.rate.get_untracked();
    let next = if faster {
        SPEEDS.iter().find(|s| s.0 > now)
    } else {
        SPEEDS.iter().rev().find(|s| s.0 < now)
    };
    // At an end, a speed the page's own player set (3×, say) is not one to name.
    let Some(&(rate, written)) = next.or_else(|| SPEEDS.iter().find(|s| s.0 == now)) else {
        return true;
    };
    player.set_speed(rate);
    player.say_instead(format!("Speed {written}×"));
    true
}

/// Where a transcript's lines are, moved `shift` ms: "30.5 s later than the file's times", or
/// "earlier", or "at the file's times".
#[cfg(not(feature = "embed"))]
pub fn shifted_said(shift: i64) -> String {
    let seconds = shift_seconds(shift);
    match shift {
        0 => "at the file's times".to_owned(),
        ..0 => format!("{seconds} s earlier than the file's times"),
        _ => format!("{seconds} s later than the file's times"),
    }
}

/// How far `shift` ms moves the lines, in seconds to a tenth, without its sign: "30.5".
#[cfg(not(feature = "embed"))]
pub fn shift_seconds(shift: i64) -> String {
    crate::core::decimal::trimmed(shift.unsigned_abs() as f64 / 1000.0, 1)
}

/// How long after a turn starts "previous turn" still goes to the one before it, not back to its
/// own start.
const JUST_BEGUN: Millis = Millis(1_500);

/// Seeks to the next turn's start, or the previous one's (from within a turn: its own start first,
/// as a player's "previous track" does, unless the turn has only just begun). Turn by turn in
/// time, so that of turns starting together each is reached.
pub fn neighbour_turn(player: Player, next: bool) -> bool {
    let now = player.clock.time.get_untracked();
    let current = player.active.get_untracked();
    let target = player.timeline.with_untracked(|t| {
        let t = t.as_ref()?;
        let just_begun = |turn: usize| now.saturating_sub(t.span(turn).start) <= JUST_BEGUN;
        match current {
            Some(turn) if next => t.next_turn(turn),
            Some(turn) if just_begun(turn) => t.previous_turn(turn),
            Some(turn) => Some(turn),
            // In a gap between turns.
            None if next => t.next_after(now),
            None => t.previous_before(now.saturating_sub(JUST_BEGUN)),
        }
    });
    if let Some(index) = target {
        player.seek_to_turn(index);
    }
    true
}

/// Seeks to the turn after `turn` in time (`next`), or the one before it; which, if any.
fn turn_beside(player: Player, turn: usize, next: bool) -> Option<usize> {
    let target = player.timeline.with_untracked(|t| {
        let t = t.as_ref()?;
        match next {
            true => t.next_turn(turn),
            false => t.previous_turn(turn),
        }
    })?;
    player.seek_to_turn(target);
    Some(target)
}

/// The turn an event's target is in (its row's place in the transcript), if any.
fn turn_of(target: Option<web_sys::EventTarget>) -> Option<usize> {
    let element = element_of(target)?;
    crate::app::hooks::row_window::row_index(&element.closest("article.turn").ok()??)
}

/// Seeks to the sentence `by` groups away from the current one (0: its start again), across turns.
fn neighbour_sentence(player: Player, by: isize) -> bool {
    let Some((turn, group)) = player.active_sentence.get_untracked() else {
        return neighbour_turn(player, by > 0);
    };
    let target = player.sentences.with_untracked(|s| {
        let s = s.as_ref()?;
        // All groups in time order: turn by turn, group by group.
        let mut at = (turn, group as isize + by);
        loop {
            let groups = &s.turns.get(at.0)?.groups;
            if at.1 < 0 {
                at = (at.0.checked_sub(1)?, 0);
                at.1 = s.turns.get(at.0)?.groups.len() as isize - 1;
            } else if at.1 as usize >= groups.len() {
                at = (at.0 + 1, 0);
            } else {
                return Some(groups[at.1 as usize].start);
            }
        }
    });
    if let Some(t) = target {
        player.follow_paused.set(false);
        player.clock.seek(t);
        // "Again" is to hear it: paused after it (practice pausing at each sentence), it plays.
        if by == 0 {
            player.clock.play();
        }
    }
    true
}

/// Whether the key goes to a field that takes it. Not the seek bar: there the player's keys
/// work as everywhere (← and → 5 s, as a slider's own 0.1 s steps would not be heard).
fn typing_in_field(e: &web_sys::KeyboardEvent) -> bool {
    let Some(target) = element_of(e.target()) else {
        return false;
    };
    (matches!(target.tag_name().as_str(), "INPUT" | "TEXTAREA" | "SELECT") && target.id() != "seek")
        || target.closest("[contenteditable]").ok().flatten().is_some()
}

/// The element an event went to, if it went to one.
fn element_of(target: Option<web_sys::EventTarget>) -> Option<web_sys::Element> {
    target.and_then(|t| t.dyn_into().ok())
}

/// Whether the key went to a control that Space activates (the event's target is the focused
/// element, also inside a shadow root, where `document.activeElement` would be the host).
fn on_control(e: &web_sys::KeyboardEvent) -> bool {
    element_of(e.target())
        .is_some_and(|el| matches!(el.tag_name().as_str(), "BUTTON" | "SUMMARY" | "A"))
}

/// Gives `element` the keyboard's focus where it is, without scrolling it into view (the view
/// is where the reader, or Follow, put it).
pub fn focus_in_place(element: &web_sys::HtmlElement) {
    let options = web_sys::FocusOptions::new();
    options.set_prevent_scroll(true);
    let _ = element.focus_with_options(&options);
}
