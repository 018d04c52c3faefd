//! The seek bar, with a tick at each turn's start, a mark where each search hit is, and the
//! A–B loop's stretch shaded.

use leptos::prelude::*;

use crate::app::erased::handler;
use crate::app::state::{use_player, Practice};
use crate::core::{decimal, Millis};

/// Width of the ticks' coordinate space: ticks are drawn as one SVG path, however many turns.
const TICK_SPACE: f64 = 1000.0;
/// Positions the thumb takes over the whole audio.
const THUMB_STEPS: u64 = 4_000;

/// Where `at` falls on the bar of an audio `end` ms long, in tenths of a tick unit.
fn tenths(at: Millis, end: f64) -> u32 {
    (at.0 as f64 / end * TICK_SPACE * 10.0).round() as u32
}

/// `tenths` (of a tick unit) as an SVG path's coordinate.
fn coordinate(tenths: u32) -> String {
    format!("{}.{}", tenths / 10, tenths % 10)
}

/// Appends a vertical mark at `tenths` (of a tick unit) to the SVG path `d`.
fn push_mark(d: &mut String, tenths: u32) {
    d.push_str(&format!("M{} 0V10", coordinate(tenths)));
}

#[component]
pub fn SeekBar() -> impl IntoView {
    let player = use_player();
    let clock = player.clock;
    let ticks = Memo::new(move |_| {
        let end = clock.duration().0.max(1) as f64;
        player.timeline.with(|t| {
            let mut d = String::new();
            let spans = t.as_ref().map(|t| t.spans()).unwrap_or_default();
            // Ticks closer than two units apart would only paint the bar grey: none then.
            if spans.len() as f64 > TICK_SPACE / 2.0 {
                return d;
            }
            let mut last = None;
            for span in spans {
                let x = tenths(span.start, end);
                if f64::from(x) <= TICK_SPACE * 10.0 && last != Some(x) {
                    push_mark(&mut d, x);
                    last = Some(x);
                }
            }
            d
        })
    });
    // Where the search hits are: one mark per turn with a hit.
    let hit_marks = Memo::new(move |_| {
        let end = clock.duration().0.max(1) as f64;
        player.search.with(|s| {
            player.timeline.with(|t| {
                let Some(t) = t.as_ref() else {
                    return String::new();
                };
                let mut d = String::new();
                let mut last = usize::MAX;
                for hit in player.loaded.with(|l| s.hits_in(l)) {
                    if hit.turn != last {
                        last = hit.turn;
                        push_mark(&mut d, tenths(t.span(hit.turn).start, end));
                    }
                }
                d
            })
        })
    });
    // The A–B loop's stretch of the audio, from A's turn's start to B's turn's end, shaded while
    // the practice loops (its ends' buttons alone showed it).
    let loop_band = Memo::new(move |_| {
        let looping = player.settings.with(|s| s.practice) == Practice::LoopTurns;
        let (Some(a), Some(b)) = player.loop_range.get() else {
            return String::new();
        };
        let end = clock.duration().0.max(1) as f64;
        player.timeline.with(|t| match t.as_ref() {
            Some(t) if looping && a.max(b) < t.len() => {
                let from = coordinate(tenths(t.span(a).start, end));
                let to = coordinate(tenths(t.span(b).end, end));
                format!("M{from} 0H{to}V10H{from}Z")
            }
            _ => String::new(),
        })
    });
    // The thumb moves when it would move by a pixel's worth (4,000 steps over the audio), not on
    // every frame's tick (the spoken time is the clock's shown time, once a second).
    let thumb = Memo::new(move |_| {
        let step = (clock.duration().0 / THUMB_STEPS).max(1);
        (clock.time.get().0 + step / 2) / step * step
    });
    let seek = move |e| {
        if let Some(secs) = decimal::parse(&event_target_value(&e)) {
            if let Some(t) = Millis::from_secs_f64(secs) {
                clock.seek(t);
            }
        }
    };
    view! {
        <div class="seek">
            <svg class="ticks" viewBox="0 0 1000 10" preserveAspectRatio="none" aria-hidden="true">
                <path class="loop-band" d=loop_band/>
                <path d=ticks/>
                <path class="hit-marks" d=hit_marks/>
            </svg>
            <input
                id="seek"
                type="range"
                min="0"
                step="0.1"
                aria-label="Seek"
                max=move || clock.duration().seconds_text()
                prop:value=move || Millis(thumb.get()).as_secs_f64()
                aria-valuetext=move || format!("{} of {}", clock.shown.get(), clock.duration())
                on:input=handler(seek)
            />
        </div>
    }
}
