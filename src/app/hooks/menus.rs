//! The toolbar's menus that open in place (`<details>`: View, Outline) close as menus do: on
//! Escape, the focus going back to the menu's button, on a press anywhere outside them, and
//! when the focus leaves them (Tab past the last item or back past the button). A press outside
//! the toolbar that closes one does only that, as a tap beside a menu does on a phone: the tap
//! on a line that closed View also played the line.

use leptos::prelude::*;
use wasm_bindgen::JsCast;

use crate::app::hooks::listen::{listen, listen_first};

/// Closes an open menu on Escape, on a press outside it and on the focus moving out of it, for
/// as long as the current owner.
pub fn use_closing_menus() {
    // The press closed a menu, and was outside the toolbar (where it opens another menu, or
    // does what its button does): the click it ends in is swallowed. A key, the next press, or
    // the press turning into a scroll (`pointercancel`: no click comes) clears it.
    let swallow_click = StoredValue::new(false);
    let close = move |e: web_sys::Event| {
        let key = e.dyn_ref::<web_sys::KeyboardEvent>();
        if key.is_some() || e.type_() == "pointerdown" {
            swallow_click.set_value(false);
        }
        let Some(menu) = open_menu() else { return };
        match key {
            Some(key) if key.key() == "Escape" => {
                menu.set_open(false);
                if let Some(button) = menu.first_element_child() {
                    let _ = button.unchecked_into::<web_sys::HtmlElement>().focus();
                }
            }
            Some(_) => {}
            None => {
                let target = e
                    .target()
                    .and_then(|t| t.dyn_into::<web_sys::Element>().ok());
                if !menu.contains(target.as_ref().map(AsRef::as_ref)) {
                    menu.set_open(false);
                    let in_toolbar =
                        target.is_some_and(|t| t.closest(".toolbar").ok().flatten().is_some());
                    swallow_click.set_value(e.type_() == "pointerdown" && !in_toolbar);
                }
            }
        }
    };
    let page: web_sys::EventTarget = document().into();
    listen(&page, "keydown", false, close);
    listen(&page, "pointerdown", true, close);
    listen(&page, "focusin", false, close);
    listen(&page, "pointercancel", true, move |_: web_sys::Event| {
        swallow_click.set_value(false)
    });
    listen_first(&page, "click", move |e| {
        if swallow_click.get_value() {
            swallow_click.set_value(false);
            e.prevent_default();
            e.stop_propagation();
        }
    });
}

fn open_menu() -> Option<web_sys::HtmlDetailsElement> {
    document()
        .query_selector("details.view-menu[open]")
        .ok()
        .flatten()
        .map(JsCast::unchecked_into)
}
