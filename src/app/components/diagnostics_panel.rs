//! What the reader had to say about the transcript, each with its line number (and, in the
//! app, beside the note naming the legacy encoding a file was read from, the choice of another).

use leptos::prelude::*;

#[cfg(not(feature = "embed"))]
use crate::app::components::{encoding_choice::mount_encoding_choice, part_slot::PartSlot};
#[cfg(not(feature = "embed"))]
use crate::app::state::Loaded;
use crate::app::state::{counted, use_player};
#[cfg(not(feature = "embed"))]
use crate::core::{Diagnostic, DiagnosticKind, LegacyEncoding};

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
                    .map(|d| {
                        #[cfg(not(feature = "embed"))]
                        let choice = read_in_another(&loaded, d).map(|shown| {
                            let mount = move |slot| mount_encoding_choice(player, slot, shown);
                            view! { " " <PartSlot wanted=true what="The choice of encodings" mount/> }
                        });
                        #[cfg(feature = "embed")]
                        let choice = ();
                        view! { <li>{d.to_string()}{choice}</li> }
                    })
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

/// The legacy encoding `note` says the transcript shown was read from, if it can be read in
/// another: a file read alone, not joined to another since.
#[cfg(not(feature = "embed"))]
fn read_in_another(loaded: &Loaded, note: &Diagnostic) -> Option<LegacyEncoding> {
    let DiagnosticKind::Decoded { encoding } = note.kind else {
        return None;
    };
    let joined =
        (loaded.doc.diagnostics.iter()).any(|d| matches!(d.kind, DiagnosticKind::Joined { .. }));
    LegacyEncoding::named(encoding).filter(|_| !joined)
}
