//! The player bar: play/pause, skips, the seek bar, time, speed, and what drives the clock.

use leptos::prelude::*;

use crate::app::components::seek_bar::SeekBar;
use crate::app::erased::handler;
use crate::app::hooks::clock::ClockMode;
use crate::app::hooks::practice::start_loop_passes;
use crate::app::mount_later;
use crate::app::parts::part;
use crate::app::state::{use_player, LoopSpeeds, Player, Practice, SentenceTiming, SPEEDS};
use crate::core::decimal;

const SKIP_MS: i64 = 10_000;

#[component]
pub fn PlayerBar() -> impl IntoView {
    let player = use_player();
    let clock = player.clock;
    let duration = Memo::new(move |_| clock.duration().to_string());
    let on_speed = move |e| {
        if let Some(rate) = decimal::parse(&event_target_value(&e)) {
            player.set_speed(rate);
        }
    };
    view! {
        <div class="player-bar" part="player-bar" role="region" aria-label="Player">
            <div class="transport">
                <button id="skip-back" class="icon" aria-label="Back 10 seconds" title="Back 10 s (J)" on:click=handler(move |_| clock.skip(-SKIP_MS))>
                    <svg viewBox="0 0 24 24" aria-hidden="true"><path d="M12 5V1L7 6l5 5V7a6 6 0 1 1-6 6H4a8 8 0 1 0 8-8z"/></svg>
                </button>
                <button
                    id="play"
                    class="icon play"
                    aria-label=move || if clock.playing.get() { "Pause" } else { "Play" }
                    title="Play / pause (Space)"
                    on:click=handler(move |_| clock.toggle())
                >
                    {move || if clock.playing.get() {
                        view! { <svg viewBox="0 0 24 24" aria-hidden="true"><path d="M6 5h4v14H6zM14 5h4v14h-4z"/></svg> }.into_any()
                    } else {
                        view! { <svg viewBox="0 0 24 24" aria-hidden="true"><path d="M7 4.5v15l13-7.5z"/></svg> }.into_any()
                    }}
                </button>
                <button id="skip-forward" class="icon" aria-label="Forward 10 seconds" title="Forward 10 s (L)" on:click=handler(move |_| clock.skip(SKIP_MS))>
                    <svg viewBox="0 0 24 24" aria-hidden="true"><path d="M12 5V1l5 5-5 5V7a6 6 0 1 0 6 6h2a8 8 0 1 1-8-8z"/></svg>
                </button>
            </div>
            // As wide as the duration, its figures to the right: the seek bar and the speed
            // beside it stay put as the time goes from 9:59 to 10:00.
            <span id="time-current" class="time" style:min-width=move || duration.with(|d| format!("{}ch", d.len()))>{clock.shown}</span>
            <SeekBar/>
            <span id="time-duration" class="time">{duration}</span>
            <select id="speed" aria-label="Playback speed" title="Playback speed (< / >)" on:change=handler(on_speed) prop:value=move || format_rate(clock.rate.get())>
                {SPEEDS.map(|(_, s)| view! { <option value=s>{format!("{s}×")}</option> })}
            </select>
            <select
                id="practice"
                aria-label="Practice"
                title="Pause or repeat at the end of each sentence or turn"
                on:change=handler(move |e| {
                    if let Some(p) = Practice::from_name(&event_target_value(&e)) {
                        player.settings.update(|s| s.practice = p);
                    }
                })
                prop:value=move || player.settings.with(|s| s.practice.as_str())
            >
                {Practice::ALL.map(|p| view! { <option value=p.as_str()>{p.label()}</option> })}
            </select>
            <select
                id="repeats"
                aria-label="Times each is played"
                hidden=move || !matches!(player.settings.with(|s| s.practice), Practice::RepeatSentence | Practice::RepeatTurn)
                on:change=handler(move |e| {
                    if let Ok(n) = event_target_value(&e).parse::<u8>() {
                        player.settings.update(|s| s.repeats = n);
                    }
                })
                prop:value=move || player.settings.with(|s| s.repeats.to_string())
            >
                {[2u8, 3, 5].map(|n| view! { <option value=n.to_string()>{format!("×{n}")}</option> })}
            </select>
            <span class="loop-controls" hidden=move || player.settings.with(|s| s.practice) != Practice::LoopTurns>
                {loop_end_button(player, true)}
                {loop_end_button(player, false)}
                <select
                    id="loop-speeds"
                    aria-label="Speed of each pass"
                    on:change=handler(move |e| {
                        if let Some(l) = LoopSpeeds::from_name(&event_target_value(&e)) {
                            player.settings.update(|s| s.loop_speeds = l);
                            // The new speeds from their first: this pass at "0.75×" of
                            // "0.75×, then 1×", not straight on at 1×.
                            start_loop_passes(player);
                        }
                    })
                    prop:value=move || player.settings.with(|s| s.loop_speeds.as_str())
                >
                    {LoopSpeeds::ALL.map(|l| view! { <option value=l.as_str()>{l.label()}</option> })}
                </select>
            </span>
            // Said only where it tells something: no audio (the transcript on a clock of its
            // own), and the audio being listened to. Beside audio followed and sentences timed,
            // each took the seek bar's room, and the second took a row of its own mid-play.
            <span
                id="clock-mode"
                class="clock-mode"
                data-mode=move || clock.mode.get().as_str()
                hidden=move || clock.mode.get() == ClockMode::Audio
                title="No audio: the transcript runs on its own clock"
            >
                "no audio"
            </span>
            <span
                id="sentence-timing"
                class="clock-mode"
                data-state=move || player.sentence_timing.get().as_str()
                hidden=move || player.sentence_timing.get() != SentenceTiming::Listening
                title="Listening to the audio to time each sentence"
            >
                "listening…"
            </span>
        </div>
    }
}

/// The button that sets the loop's start (A) or end (B) at the current turn.
fn loop_end_button(player: crate::app::state::Player, start: bool) -> impl IntoView {
    let set = move |_| {
        // Between two turns, A is the next to start and B the last to end.
        let now = player.clock.time.get_untracked();
        let turn = player.active.get_untracked().or_else(|| {
            (player.timeline).with_untracked(|t| {
                let t = t.as_ref()?;
                if start {
                    t.next_after(now)
                } else {
                    t.previous_before(now)
                }
            })
        });
        let Some(turn) = turn else { return };
        // Each end where it is set: the other, on its wrong side now, is cleared to be set
        // again (the two swapped, a loop from a turn no one chose).
        player.loop_range.update(|(a, b)| {
            if start {
                *a = Some(turn);
                *b = b.filter(|&b| b >= turn);
            } else {
                *b = Some(turn);
                *a = a.filter(|&a| a <= turn);
            }
        });
        start_loop_passes(player);
    };
    view! {
        <button
            id=if start { "loop-a" } else { "loop-b" }
            title=if start { "Start the loop at the current turn" } else { "End the loop with the current turn" }
            // Its letter said with what it is for (the title is not read by every screen reader).
            aria-label=move || {
                let what = if start { "loop start" } else { "loop end" };
                format!("{}, {what}", loop_end_label(player, start))
            }
            on:click=handler(set)
        >
            {move || loop_end_label(player, start)}
        </button>
    }
}

/// "A 0:15" once the loop's start is set (its turn's start), "B 0:33" once its end is (its
/// turn's end, where the loop goes back: its start read as where the loop ends), else "A" / "B".
fn loop_end_label(player: crate::app::state::Player, start: bool) -> String {
    let (a, b) = player.loop_range.get();
    let letter = if start { "A" } else { "B" };
    // Tracked, as the timeline's spans move when the audio's length becomes known.
    let at = (if start { a } else { b }).and_then(|turn| {
        (player.timeline).with(|t| {
            let span = t.as_ref()?.spans().get(turn)?;
            Some(if start { span.start } else { span.end })
        })
    });
    match at {
        Some(at) => format!("{letter} {at}"),
        None => letter.to_owned(),
    }
}

/// `1.0` → `"1"`, `0.75` → `"0.75"`, matching the options' values.
fn format_rate(rate: f64) -> String {
    decimal::trimmed(rate, 2)
}

part! {
    player_bar (embed only):
    /// Mounts the player bar in `slot`: in an embed, whose bar is a download of its own
    /// (`app::parts`), since most embeds follow their page's player and show none.
    pub fn mount_player_bar(player: Player, slot: web_sys::HtmlElement) {
        mount_later(player, slot, PlayerBar);
    }
}
