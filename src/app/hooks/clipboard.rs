//! Copying text for the user. The Clipboard API exists only on secure pages (https, localhost);
//! elsewhere, and when the browser refuses, the caller gets the text back to show instead.

use wasm_bindgen_futures::JsFuture;

use crate::app::hooks::reflect::property;

/// Copies `text`; `Err` means it could not be, and the text should be offered to copy by hand.
pub async fn copy_text(text: &str) -> Result<(), ()> {
    let navigator = leptos::prelude::window().navigator();
    if property(&navigator, "clipboard").is_none() {
        return Err(());
    }
    JsFuture::from(navigator.clipboard().write_text(text))
        .await
        .map(|_| ())
        .map_err(|_| ())
}
