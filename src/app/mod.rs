//! The browser app: Leptos components over the core's document and timeline.
//!
//! `state` is the one shared context; `hooks` wrap the browser APIs (audio, storage, keys,
//! scrolling, drag and drop, fetching); `components` render. Only this module and `js_api`
//! touch web crates. `embed` (feature `embed`) is the transcript as host pages embed it; the
//! app and the embed are built into WebAssembly of their own, each without the other's code.

pub mod components;
#[cfg(feature = "embed")]
pub mod embed;
pub mod erased;
pub mod hooks;
pub mod parts;
pub mod state;

/// Mounts the app on the page's `<body>`.
pub fn start() {
    hooks::panic::install_panic_panel();
    #[cfg(feature = "panic-on-purpose")]
    hooks::panic::panic_on_purpose();
    // Mounting is a task of its own, after the one that compiled and started the WebAssembly:
    // each is a few hundred milliseconds on a slow phone, and the page can paint and answer
    // input between the two.
    wasm_bindgen_futures::spawn_local(async {
        hooks::pace::yield_to_page().await;
        // index.html's loading frame, taken away in the task that mounts the app (no frame shows
        // both or neither), and before it, so a panic while mounting shows its panel alone.
        if let Ok(Some(boot)) = leptos::prelude::document().query_selector("body > .boot") {
            boot.remove();
        }
        leptos::mount::mount_to_body(components::app::App);
    });
}

/// Mounts `view` in `parent`, in place of what it holds, in a task to come, as a root of its own
/// that sees `player` as its context: a part of the page built after the rest, so that no one
/// task of the start is long (see `App`).
pub fn mount_later<V: leptos::prelude::IntoView + 'static>(
    player: state::Player,
    parent: web_sys::HtmlElement,
    view: impl FnOnce() -> V + 'static,
) {
    wasm_bindgen_futures::spawn_local(async move {
        hooks::pace::yield_to_page().await;
        parent.set_text_content(None);
        leptos::mount::mount_to(parent, move || {
            leptos::prelude::provide_context(player);
            view()
        })
        .forget();
    });
}
