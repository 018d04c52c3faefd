//! What the reader had to say about the transcript, each with its line number.

use leptos::prelude::*;

use crate::app::state::{counted, use_player};

#[component]
pub fn DiagnosticsPanel() -> impl IntoView {
    let player = use_player();
    move || {
        player
            .loaded
            .get()
            .filter(|l| !l.doc.diagnostics.is_empty())
            .map(|loaded| {
                let count = loaded.doc.diagnostics.len();
                let items = loaded
                    .doc
                    .diagnostics
                    .iter()
                    .map(|d| view! { <li>{d.to_string()}</li> })
                    .collect_view();
                let summary = counted(count, "note from the reader", "notes from the reader");
                view! {
                    <details id="diagnostics" class="diagnostics">
                        <summary>{summary}</summary>
                        <ul>{items}</ul>
                    </details>
                }
            })
    }
}
