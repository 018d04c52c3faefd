//! Giving the page its turn: long work (reading audio, splitting sentences) is done in slices
//! with the browser's input and painting between them, and the loading indicator is painted
//! before a large transcript keeps the page busy.

use leptos::prelude::*;
use wasm_bindgen_futures::JsFuture;

/// Lets the page handle input and paint before the next slice.
pub async fn yield_to_page() {
    let tick = js_sys::Promise::new(&mut |resolve, _| {
        let _ = window().set_timeout_with_callback(&resolve);
    });
    let _ = JsFuture::from(tick).await;
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

/// Milliseconds on the page's clock (for slicing work by time).
pub fn now() -> f64 {
    window().performance().map_or(0.0, |p| p.now())
}
