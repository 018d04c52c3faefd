//! Practice: pause at the end of each sentence or turn, play each one several times, or loop a
//! range of turns (A–B) at a speed per pass.
//!
//! It watches the clock while it plays: when the sentence (or turn) being said changes because the
//! audio ran past its end — not because the user sought — it pauses there, or goes back to its
//! start until it has been played enough times. The audio running out (the last turn's end)
//! counts as running past it: a loop or a repeat of the last turn goes round and plays on.

use leptos::prelude::*;

use crate::app::erased::effect;
use crate::app::state::{Player, Practice};
use crate::core::Millis;

/// A crossing counts as the audio running on (not a seek) when the clock moved less than this.
const RUNNING_ON_MS: u64 = 600;

/// The clock stopped this close to its end: it ran out (an element's `ended` lands on its
/// duration, or a frame short of it).
const AT_END_MS: u64 = 50;

/// The unit being practised: which one (turn, group) and its span.
#[derive(Clone, Copy, PartialEq)]
struct Unit {
    key: (usize, Option<usize>),
    start: Millis,
    end: Millis,
}

pub fn use_practice(player: Player) {
    let last_unit: StoredValue<Option<Unit>> = StoredValue::new(None);
    let last_time = StoredValue::new(Millis::ZERO);
    let plays = StoredValue::new(1u8);
    // The unit paused after: playing on from its end goes on to the next, rather than running
    // past its end once more and pausing there for ever. Any other move forgets it.
    let paused_after: StoredValue<Option<(usize, Option<usize>)>> = StoredValue::new(None);
    let was_playing = StoredValue::new(false);
    let mut loop_speeds = false;
    effect(move || {
        // Playing on watches only the settings: the clock's ticks cost this effect nothing then.
        let (mode, speeds) = player
            .settings
            .with(|s| (s.practice, s.loop_speeds.passes().is_some()));
        // A loop's speeds are the loop's: once it no longer sets them (another practice, the
        // same speed every pass), the reader's own speed is back. Only then: an embed's page
        // player keeps the speed it was given.
        let looping = mode == Practice::LoopTurns && speeds;
        if std::mem::replace(&mut loop_speeds, looping) && !looping {
            player
                .clock
                .set_rate(player.settings.with_untracked(|s| s.rate));
        }
        // Woken when it stops too: the audio's end may change nothing else it watches.
        let playing = player.clock.playing.get();
        let ran_out = !playing
            && was_playing.get_value()
            && player.clock.time.get_untracked().0 + AT_END_MS
                >= untrack(|| player.clock.duration()).0;
        was_playing.set_value(playing);
        if mode == Practice::PlayOn {
            last_unit.set_value(None);
            plays.set_value(1);
            return;
        }
        let now = player.clock.time.get();
        let repeats = player.settings.with_untracked(|s| s.repeats.max(1));
        let unit = current_unit(player, mode);
        let (previous, before) = (last_unit.get_value(), last_time.get_value());
        last_unit.set_value(unit);
        last_time.set_value(now);
        if now < before || now.0 - before.0 >= RUNNING_ON_MS {
            paused_after.set_value(None);
        }
        if !playing && !ran_out {
            // Paused, the count starts again; not on the way to playing on from the start
            // after the audio ran out (the element plays before it says so, and the seek back
            // comes first).
            if !player.clock.is_playing_asked() {
                plays.set_value(1);
            }
            return;
        }
        let Some(previous) = previous else { return };
        let ran_past = ran_out
            || unit.map(|u| u.key) != Some(previous.key)
                && before <= previous.end
                && now >= previous.end
                && now.0 - before.0 < RUNNING_ON_MS;
        if !ran_past || paused_after.try_update_value(Option::take).flatten() == Some(previous.key)
        {
            return;
        }
        match mode {
            Practice::PauseAfterSentence | Practice::PauseAfterTurn => {
                player.clock.pause();
                // Stay on the unit just heard: the next play goes on from its end.
                let stay = previous.end.saturating_sub(Millis(30));
                player.seek_in_turn(previous.key.0, stay);
                last_unit.set_value(Some(previous));
                last_time.set_value(stay);
                paused_after.set_value(Some(previous.key));
            }
            Practice::RepeatSentence | Practice::RepeatTurn => {
                if plays.get_value() < repeats {
                    plays.set_value(plays.get_value() + 1);
                    player.seek_in_turn(previous.key.0, previous.start);
                    last_unit.set_value(Some(previous));
                    last_time.set_value(previous.start);
                    // Playing on: at the audio's end it has stopped (or is about to).
                    player.clock.play();
                } else {
                    plays.set_value(1);
                }
            }
            Practice::LoopTurns => {
                let (a, b) = player.loop_range.get_untracked();
                let (Some(a), Some(b)) = (a, b) else { return };
                let (first, last) = (a.min(b), a.max(b));
                if previous.key.0 != last {
                    return;
                }
                let pass = player.loop_pass.get_untracked() + 1;
                player.loop_pass.set(pass);
                set_pass_speed(player, pass);
                if let Some(start) = player.turn_start(first) {
                    player.seek_in_turn(first, start);
                    last_unit.set_value(None);
                    last_time.set_value(start);
                    player.clock.play();
                }
            }
            Practice::PlayOn => {}
        }
    });
}

/// The sentence group (or turn) being said now, with its span.
fn current_unit(player: Player, mode: Practice) -> Option<Unit> {
    match mode {
        Practice::PauseAfterSentence | Practice::RepeatSentence => {
            let (turn, group) = player.active_sentence.get_untracked()?;
            player.sentences.with_untracked(|s| {
                let g = s.as_ref()?.turns.get(turn)?.groups.get(group)?;
                Some(Unit {
                    key: (turn, Some(group)),
                    start: g.start,
                    end: g.end,
                })
            })
        }
        _ => {
            let turn = player.active.get_untracked()?;
            let span = player
                .timeline
                .with_untracked(|t| t.as_ref().map(|t| t.span(turn)))?;
            Some(Unit {
                key: (turn, None),
                start: span.start,
                end: span.end,
            })
        }
    }
}

/// The A–B loop's passes from the first again (its ends set anew, or its speeds), at the first
/// pass's speed while looping.
pub fn start_loop_passes(player: Player) {
    player.loop_pass.set(0);
    if player.settings.with_untracked(|s| s.practice) == Practice::LoopTurns {
        set_pass_speed(player, 0);
    }
}

/// Sets the speed of pass `pass` (0 for the first) of an A–B loop, if its speeds say one: the
/// clock's alone, as the loop's, not the reader's speed (see [`use_practice`]).
fn set_pass_speed(player: Player, pass: usize) {
    let speeds = player.settings.with_untracked(|s| s.loop_speeds.passes());
    if let Some(speeds) = speeds {
        player.clock.set_rate(speeds[pass.min(speeds.len() - 1)]);
    }
}
