//! The hint shown while files are held over the page.

use leptos::prelude::*;

/// `dragging`: whether files are being dragged over the page now.
#[component]
pub fn DropOverlay(#[prop(into)] dragging: Signal<bool>) -> impl IntoView {
    view! {
        <div class="drop-overlay" hidden=move || !dragging.get() aria-hidden="true">
            <p>"Drop a transcript, an audio file, or both"</p>
        </div>
    }
}
