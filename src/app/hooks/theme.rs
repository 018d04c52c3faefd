//! Light or dark: the chosen theme, or in automatic mode what the system prefers (the app) or
//! what the host page looks like (the embed) — followed live, so switching the system to dark at
//! dusk switches the transcript too.

use leptos::prelude::*;

use crate::app::hooks::listen::listen;
use crate::app::state::Theme;

/// Whether the system prefers dark colours, followed live. (An `RwSignal`, as the page's
/// darkness is in the embed: its code is already built for the player's other flags, where a
/// `Signal<bool>` made of either cost the embed 0.9 KB more gzipped, and a `ReadSignal` more.)
pub fn use_system_dark() -> RwSignal<bool> {
    let query = dark_query();
    let system_dark = RwSignal::new(query.as_ref().is_some_and(|q| q.matches()));
    if let Some(query) = query {
        let changed = query.clone();
        listen(&query, "change", true, move |_: web_sys::Event| {
            system_dark.set(changed.matches())
        });
    }
    system_dark
}

/// Whether the system prefers dark colours now (the theme button's next look depends on it).
pub fn system_prefers_dark() -> bool {
    dark_query().is_some_and(|q| q.matches())
}

fn dark_query() -> Option<web_sys::MediaQueryList> {
    window()
        .match_media("(prefers-color-scheme: dark)")
        .ok()
        .flatten()
}

/// `"light"` or `"dark"` for `theme`; `auto_dark` is what the automatic theme follows.
pub fn use_resolved_theme(theme: Signal<Theme>, auto_dark: RwSignal<bool>) -> Memo<&'static str> {
    Memo::new(move |_| {
        let dark = match theme.get() {
            Theme::Dark => true,
            Theme::Light => false,
            Theme::Auto => auto_dark.get(),
        };
        if dark {
            "dark"
        } else {
            "light"
        }
    })
}
