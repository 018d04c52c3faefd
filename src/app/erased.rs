//! Closures handed to Leptos boxed, so that Leptos's code for them is built once.
//!
//! Leptos is generic over the closures it is given: each effect gets its own compiled copy of the
//! effect machinery (an async task, its polling and drop code, its stored value: about 1 KB of
//! WebAssembly an effect), and each `on:` handler its own copy of the listener's wrapper and of
//! the attribute's build and drop code. Handed over boxed, as one type per kind (per event type
//! for handlers), that code is built once; each closure's body stays a function of its own.

use leptos::prelude::Effect;

/// Runs `body` now (in a task to come, as `Effect::new` does) and again whenever a signal it read
/// changes. What an effect needs from one run to the next (the previous `Effect::new` value) it
/// keeps in its own captured variables.
pub fn effect(body: impl FnMut() + 'static) {
    let body: Box<dyn FnMut()> = Box::new(body);
    // The one call clippy.toml allows: everything else comes here.
    #[allow(clippy::disallowed_methods)]
    Effect::new(body);
}

/// An event handler for an `on:` attribute (`on:click=handler(move |e| …)`).
pub fn handler<E: 'static>(body: impl FnMut(E) + 'static) -> Box<dyn FnMut(E)> {
    Box::new(body)
}
