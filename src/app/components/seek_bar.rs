//! The seek bar, with a tick at each turn's start and a mark where each search hit is.

use leptos::prelude::*;

use crate::app::state::use_player;
use crate::core::Millis;

/// Width of the ticks' coordinate space: ticks are drawn as one SVG path, however many turns.
const TICK_SPACE: f64 = 1000.0;

#[component]
pub fn SeekBar() -> impl IntoView {
    let player = use_player();
    let clock = player.clock;
    let ticks = Memo::new(move |_| {
        let end = clock.duration().0.max(1) as f64;
        player.timeline.with(|t| {
            let mut d = String::new();
            for span in t.as_ref().map(|t| t.spans()).unwrap_or_default() {
                let x = span.start.0 as f64 / end * TICK_SPACE;
                if x <= TICK_SPACE {
                    d.push_str(&format!("M{x:.1} 0V10"));
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
                for hit in s.hits.iter() {
                    if hit.turn != last {
                        last = hit.turn;
                        let x = t.span(hit.turn).start.0 as f64 / end * TICK_SPACE;
                        d.push_str(&format!("M{x:.1} 0V10"));
                    }
                }
                d
            })
        })
    });
    let seek = move |e| {
        if let Ok(secs) = event_target_value(&e).parse::<f64>() {
            if let Some(t) = Millis::from_secs_f64(secs) {
                clock.seek(t);
            }
        }
    };
    view! {
        <div class="seek">
            <svg class="ticks" viewBox="0 0 1000 10" preserveAspectRatio="none" aria-hidden="true">
                <path d=ticks/>
                <path class="hit-marks" d=hit_marks/>
            </svg>
            <input
                id="seek"
                type="range"
                min="0"
                step="0.1"
                aria-label="Seek"
                max=move || clock.duration().as_secs_f64()
                prop:value=move || clock.time.get().as_secs_f64()
                aria-valuetext=move || clock.time.get().to_string()
                on:input=seek
            />
        </div>
    }
}
