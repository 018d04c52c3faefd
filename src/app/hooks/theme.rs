//! Light or dark: the chosen theme, or in automatic mode what the system prefers — followed live,
//! so switching the system to dark at dusk switches the transcript too.

use leptos::prelude::*;

use crate::app::hooks::listen::listen;
use crate::app::state::Theme;

/// `"light"` or `"dark"` for `theme`.
pub fn use_resolved_theme(theme: Signal<Theme>) -> Memo<&'static str> {
    let query = window()
        .match_media("(prefers-color-scheme: dark)")
        .ok()
        .flatten();
    let system_dark = RwSignal::new(query.as_ref().is_some_and(|q| q.matches()));
    if let Some(query) = query {
        let changed = query.clone();
        listen(&query, "change", true, move |_: web_sys::Event| {
            system_dark.set(changed.matches())
        });
    }
    Memo::new(move |_| {
        let dark = match theme.get() {
            Theme::Dark => true,
            Theme::Light => false,
            Theme::Auto => system_dark.get(),
        };
        if dark {
            "dark"
        } else {
            "light"
        }
    })
}
