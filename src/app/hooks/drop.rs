//! Files dropped anywhere on the page, and text or a link dragged in from another page (a
//! transcript selected on a web page, a link to one or to its audio), but text dropped into a
//! field (the search box, the paste dialog's), which goes in it. `dragging` is true while such a
//! drag is held over the page, for the drop overlay.

use leptos::ev;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

use crate::app::hooks::loader;
use crate::app::state::Player;

pub fn use_page_drop(player: Player) -> ReadSignal<bool> {
    let (dragging, set_dragging) = signal(false);
    // dragenter/dragleave fire for every child crossed: count them to know when we truly left.
    let depth = StoredValue::new(0i32);
    // Text dragged from the page itself (its own, selected) is not something to open. (Files
    // never come from the page; and the drop ends the drag in any case, since a row the drag
    // started in may have left the page, and its `dragend` with it.)
    let from_the_page = StoredValue::new(false);
    let carries_something = move |e: &web_sys::DragEvent| {
        e.data_transfer().is_some_and(|dt| {
            dt.types().iter().any(|t| match t.as_string().as_deref() {
                Some("Files") => true,
                Some("text/plain") => !from_the_page.get_value() && !over_a_field(e),
                _ => false,
            })
        })
    };
    let handles = [
        window_event_listener(ev::dragstart, move |_| from_the_page.set_value(true)),
        window_event_listener(ev::dragend, move |_| from_the_page.set_value(false)),
        window_event_listener(ev::dragenter, move |e| {
            if carries_something(&e) {
                e.prevent_default();
                depth.update_value(|d| *d += 1);
                set_dragging.set(true);
            }
        }),
        window_event_listener(ev::dragover, move |e| {
            if carries_something(&e) {
                e.prevent_default();
            }
        }),
        window_event_listener(ev::dragleave, move |_| {
            depth.update_value(|d| *d -= 1);
            if depth.get_value() <= 0 {
                depth.set_value(0);
                set_dragging.set(false);
            }
        }),
        window_event_listener(ev::drop, move |e| {
            depth.set_value(0);
            set_dragging.set(false);
            let opens = carries_something(&e);
            from_the_page.set_value(false);
            if !opens {
                return;
            }
            let Some(transfer) = e.data_transfer() else {
                return;
            };
            e.prevent_default();
            // Opened another way, the transcript the paste dialog waited for: it closes.
            if let Some(dialog) = document()
                .query_selector("dialog[open]")
                .ok()
                .flatten()
                .and_then(|d| d.dyn_into::<web_sys::HtmlDialogElement>().ok())
            {
                dialog.close();
            }
            let files: Vec<web_sys::File> = transfer
                .files()
                .map(|files| (0..files.length()).filter_map(|i| files.get(i)).collect())
                .unwrap_or_default();
            if !files.is_empty() {
                return loader::open_files(player, files);
            }
            if let Ok(text) = transfer.get_data("text/plain") {
                open_dragged_text(player, text.trim());
            }
        }),
    ];
    on_cleanup(move || handles.into_iter().for_each(|h| h.remove()));
    dragging
}

/// Whether the drag is over a field that takes text (which the browser puts in it).
fn over_a_field(e: &web_sys::DragEvent) -> bool {
    e.target()
        .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
        .is_some_and(|t| t.closest("input, textarea").ok().flatten().is_some())
}

/// A link is opened as what it points to (audio, by its extension, or a transcript); other
/// text is read as a transcript.
fn open_dragged_text(player: Player, text: &str) {
    let is_link = ["http://", "https://"].iter().any(|s| text.starts_with(s))
        && !text.contains(char::is_whitespace);
    if !is_link {
        loader::open_text(player, "Dragged text", text.to_owned());
    } else if loader::is_audio_name(loader::name_in(text)) {
        loader::play_along(player, text);
    } else {
        let url = text.to_owned();
        leptos::task::spawn_local(async move {
            loader::fetch_transcript(player, url).await;
        });
    }
}
