//! Giving the page its turn: long work (reading audio, splitting sentences) is done in slices
//! with the browser's input and painting between them, and the loading indicator is painted
//! before a large transcript keeps the page busy.

use std::cell::Cell;
use std::future::Future;
use std::pin::Pin;
use std::rc::Rc;

use leptos::prelude::*;
use wasm_bindgen::prelude::wasm_bindgen;
use wasm_bindgen_futures::JsFuture;

/// Work between two yields to the page, in milliseconds: well inside a frame.
const SLICE_MS: f64 = 8.0;

/// Lets the page handle input and paint before the next slice.
pub async fn yield_to_page() {
    let _ = JsFuture::from(page_turn()).await;
}

// A task of its own, queued with the page's other work: `scheduler.postTask` where the browser
// has it; else a timeout, which the browser holds back at least 4 ms once timeouts are nested
// (some 60 ms over the slices of a 10 MB read). Not `scheduler.yield()`: its continuations go
// ahead of the page's other tasks (timers, the row window filling in), which would wait for the
// whole of a long job. In JavaScript: the same through `Reflect` costs half a kilobyte more.
#[wasm_bindgen(inline_js = "
export function page_turn() {
  return globalThis.scheduler?.postTask ? scheduler.postTask(() => {}) : new Promise((go) => setTimeout(go));
}")]
extern "C" {
    fn page_turn() -> js_sys::Promise;
}

/// Resolves once the browser has painted.
pub async fn next_paint() {
    for _ in 0..2 {
        let frame = js_sys::Promise::new(&mut |resolve, _| {
            let _ = window().request_animation_frame(&resolve);
        });
        let _ = JsFuture::from(frame).await;
    }
}

/// Milliseconds since the page started, from its monotonic clock (for slicing work by time, and
/// the clock's own time when there is no audio).
pub fn now() -> f64 {
    thread_local! {
        // Asked for once: every frame of the internal clock reads it.
        static PERFORMANCE: Option<web_sys::Performance> = window().performance();
    }
    PERFORMANCE.with(|p| p.as_ref().map_or(0.0, |p| p.now()))
}

/// Pauses for long work done in slices (a `core::Pause` for reading, the sentence splitting):
/// none while the current slice lasts, then a yield to the page, and a new slice from when it
/// is back.
pub fn pauses_for_the_page() -> impl FnMut() -> Option<Pin<Box<dyn Future<Output = ()>>>> {
    let slice_began = Rc::new(Cell::new(now()));
    move || {
        if now() - slice_began.get() < SLICE_MS {
            return None;
        }
        let slice_began = slice_began.clone();
        Some(Box::pin(async move {
            yield_to_page().await;
            slice_began.set(now());
        }))
    }
}
