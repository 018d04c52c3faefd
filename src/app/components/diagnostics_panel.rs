//! What the reader had to say about the transcript, each with its line number (and, in the
//! app, beside the note naming the legacy encoding a file was read from or a MicroDVD file's
//! frame rate, the choice of another).

use leptos::prelude::*;

#[cfg(not(feature = "embed"))]
use std::{future::Future, pin::Pin};

#[cfg(not(feature = "embed"))]
use crate::app::components::{
    encoding_choice::mount_encoding_choice, frame_rate_choice::mount_frame_rate_choice,
    part_slot::PartSlot,
};
#[cfg(not(feature = "embed"))]
use crate::app::parts::PartMissing;
use crate::app::state::{counted, use_player};
#[cfg(not(feature = "embed"))]
use crate::app::state::{Loaded, Player};
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
                #[cfg(not(feature = "embed"))]
                let read_alone = !is_joined(&loaded);
                let items = loaded
                    .doc
                    .diagnostics
                    .iter()
                    .map(|d| {
                        #[cfg(not(feature = "embed"))]
                        let choice = choice_beside(d).filter(|_| read_alone).map(|choice| {
                            let (what, mount) =
                                (choice.what(), move |slot| choice.mount(player, slot));
                            view! { " " <PartSlot wanted=true what mount/> }
                        });
                        #[cfg(feature = "embed")]
                        let choice = ();
                        view! { <li>{d.to_string()}{choice}</li> }
                    })
                    .collect_view();
                let summary = counted(
                    count,
                    "note on reading the file",
                    "notes on reading the file",
                );
                view! {
                    <details id="diagnostics" class="diagnostics">
                        <summary>{summary}</summary>
                        <ul>{items}</ul>
                    </details>
                }
            })
    }
}

/// A choice of how the transcript shown is read, offered beside the note saying how it was.
#[cfg(not(feature = "embed"))]
#[derive(Clone, Copy)]
enum Choice {
    /// Another legacy encoding than this, the one a file was read from.
    Encoding(LegacyEncoding),
    /// Another frame rate for a MicroDVD file.
    FrameRate,
}

#[cfg(not(feature = "embed"))]
impl Choice {
    /// What a message says could not be fetched, if it could not.
    fn what(self) -> &'static str {
        match self {
            Choice::Encoding(_) => "The choice of encodings",
            Choice::FrameRate => "The choice of frame rates",
        }
    }

    /// Mounts the list of this choice (a part's) in `slot`.
    fn mount(self, player: Player, slot: web_sys::HtmlElement) -> Mounting {
        match self {
            Choice::Encoding(shown) => Box::pin(mount_encoding_choice(player, slot, shown)),
            Choice::FrameRate => Box::pin(mount_frame_rate_choice(player, slot)),
        }
    }
}

/// A part being fetched and mounted (boxed: one type for either choice's).
#[cfg(not(feature = "embed"))]
type Mounting = Pin<Box<dyn Future<Output = Result<(), PartMissing>>>>;

/// The choice `note` is about, if the transcript shown can be read another way: its legacy
/// encoding, or a MicroDVD file's frame rate.
#[cfg(not(feature = "embed"))]
fn choice_beside(note: &Diagnostic) -> Option<Choice> {
    match note.kind {
        DiagnosticKind::Decoded { encoding } => {
            LegacyEncoding::named(encoding).map(Choice::Encoding)
        }
        DiagnosticKind::FrameRate { .. } => Some(Choice::FrameRate),
        _ => None,
    }
}

/// Whether the transcript shown was joined to another since it was read: read again another
/// way, it would lose the join, so no choice is offered. (Asked once for the whole list: a
/// transcript may have a note for each of its 200,000 cues.)
#[cfg(not(feature = "embed"))]
fn is_joined(loaded: &Loaded) -> bool {
    (loaded.doc.diagnostics.iter()).any(|d| matches!(d.kind, DiagnosticKind::Joined { .. }))
}
