//! The messages and the loading indicator together: they float over the transcript (the
//! stylesheet's `.notices`: over its foot in the app, its top in an embed), so that one coming
//! or going never moves the text being read, nor an embed's host page.

use leptos::prelude::*;

use crate::app::components::{loading_indicator::LoadingIndicator, message_list::MessageList};

#[component]
pub fn Notices() -> impl IntoView {
    view! {
        <div class="notices">
            <MessageList/>
            <LoadingIndicator/>
        </div>
    }
}
