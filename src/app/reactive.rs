//! Leptos's effect, built once for the whole app.
//!
//! `Effect::new` is generic over the closure it runs, so each effect gets its own compiled copy
//! of Leptos's effect machinery (an async task, its polling and drop code, its stored value):
//! about 1 KB of WebAssembly an effect. Handing Leptos the closure boxed, as one type, builds
//! that machinery once; each effect's body stays a function of its own.

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
