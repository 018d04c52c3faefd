//! The toolbar's menus that open in place (`<details>`: View, Outline) close as menus do: on
//! Escape, the focus going back to the menu's button, on a press anywhere outside them, and
//! when the focus leaves them (Tab past the last item or back past the button).

use leptos::prelude::*;
use wasm_bindgen::JsCast;

use crate::app::hooks::listen::listen;

/// Closes an open menu on Escape, on a press outside it and on the focus moving out of it, for
/// as long as the current owner.
pub fn use_closing_menus() {
    let close = |e: web_sys::Event| {
        let Some(menu) = open_menu() else { return };
        match e.dyn_ref::<web_sys::KeyboardEvent>() {
            Some(key) if key.key() == "Escape" => {
                menu.set_open(false);
                if let Some(button) = menu.first_element_child() {
                    let _ = button.unchecked_into::<web_sys::HtmlElement>().focus();
                }
            }
            Some(_) => {}
            None => {
                let target = e.target().and_then(|t| t.dyn_into::<web_sys::Node>().ok());
                if !menu.contains(target.as_ref()) {
                    menu.set_open(false);
                }
            }
        }
    };
    let page: web_sys::EventTarget = document().into();
    listen(&page, "keydown", false, close);
    listen(&page, "pointerdown", true, close);
    listen(&page, "focusin", false, close);
}

fn open_menu() -> Option<web_sys::HtmlDetailsElement> {
    document()
        .query_selector("details.view-menu[open]")
        .ok()
        .flatten()
        .map(JsCast::unchecked_into)
}
