//! Files dropped anywhere on the page. `dragging` is true while files are held over the page,
//! for the drop overlay.

use leptos::ev;
use leptos::prelude::*;

use crate::app::hooks::loader;
use crate::app::state::Player;

pub fn use_page_drop(player: Player) -> ReadSignal<bool> {
    let (dragging, set_dragging) = signal(false);
    // dragenter/dragleave fire for every child crossed: count them to know when we truly left.
    let depth = StoredValue::new(0i32);
    let carries_files = |e: &web_sys::DragEvent| {
        e.data_transfer().is_some_and(|dt| {
            dt.types()
                .iter()
                .any(|t| t.as_string().as_deref() == Some("Files"))
        })
    };
    let handles = [
        window_event_listener(ev::dragenter, move |e| {
            if carries_files(&e) {
                e.prevent_default();
                depth.update_value(|d| *d += 1);
                set_dragging.set(true);
            }
        }),
        window_event_listener(ev::dragover, move |e| {
            if carries_files(&e) {
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
            let Some(files) = e.data_transfer().and_then(|dt| dt.files()) else {
                return;
            };
            e.prevent_default();
            let files: Vec<web_sys::File> =
                (0..files.length()).filter_map(|i| files.get(i)).collect();
            if !files.is_empty() {
                loader::open_files(player, files);
            }
        }),
    ];
    on_cleanup(move || handles.into_iter().for_each(|h| h.remove()));
    dragging
}
