//! The browser app: Leptos components over the core's document and timeline.
//!
//! `state` is the one shared context; `hooks` wrap the browser APIs (audio, storage, keys,
//! scrolling, drag and drop, fetching); `components` render. Only this module and `js_api`
//! touch web crates.

pub mod components;
pub mod hooks;
pub mod state;

/// Mounts the app on the page's `<body>`.
pub fn start() {
    hooks::panic::install_panic_panel();
    leptos::mount::mount_to_body(components::app::App);
}
