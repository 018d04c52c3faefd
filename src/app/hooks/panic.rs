//! A panic must never leave a blank page: it is shown with what happened and a way to reload.
//!
//! The panel is built with plain DOM calls, because after a panic the reactive system may be in
//! any state. Its text is set as text, never as HTML.

use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

pub fn install_panic_panel() {
    std::panic::set_hook(Box::new(|info| {
        let message = info.to_string();
        web_sys::console::error_1(&JsValue::from_str(&message));
        let _ = show_panic_panel(&message);
    }));
}

/// For the embed's build: a panic is reported in the console under the element's name. The host
/// page is not ours to cover with a panel.
pub fn report_panics_in_console() {
    std::panic::set_hook(Box::new(|info| {
        web_sys::console::error_1(&JsValue::from_str(&format!(
            "<interlinear-transcript>: internal error, the transcript stopped: {info}"
        )));
    }));
}

/// Shows the error panel with `message` (once; later panics keep the first panel).
pub fn show_panic_panel(message: &str) -> Option<()> {
    let document = web_sys::window()?.document()?;
    if document.get_element_by_id("panic-panel").is_some() {
        return Some(());
    }
    let panel = document.create_element("div").ok()?;
    panel.set_id("panic-panel");
    panel.set_attribute("role", "alert").ok()?;
    let title = document.create_element("h2").ok()?;
    title.set_text_content(Some("Something went wrong"));
    let detail = document.create_element("pre").ok()?;
    detail.set_text_content(Some(message));
    let hint = document.create_element("p").ok()?;
    hint.set_text_content(Some(
        "Your transcript and settings are kept. Reloading the page usually fixes this.",
    ));
    let button = document.create_element("button").ok()?;
    button.set_text_content(Some("Reload"));
    let reload = Closure::<dyn Fn()>::new(|| {
        if let Some(w) = web_sys::window() {
            let _ = w.location().reload();
        }
    });
    button
        .add_event_listener_with_callback("click", reload.as_ref().unchecked_ref())
        .ok()?;
    reload.forget();
    for child in [&title, &hint, &detail, &button] {
        panel.append_child(child).ok()?;
    }
    document.body()?.append_child(&panel).ok()?;
    Some(())
}

/// For a build made to prove the panel (`trunk build --features panic-on-purpose`, which only
/// the end-to-end tests make): `?panic=start` panics as the app starts, before anything is
/// shown; `?panic=click` panics at the first click on a turn, with a transcript on screen.
#[cfg(feature = "panic-on-purpose")]
pub fn panic_on_purpose() {
    let window = web_sys::window().expect("a window");
    let asked =
        web_sys::UrlSearchParams::new_with_str(&window.location().search().unwrap_or_default())
            .ok()
            .and_then(|query| query.get("panic"));
    match asked.as_deref() {
        Some("start") => panic!("on purpose, as the app starts (?panic=start)"),
        Some("click") => {
            let on_click = Closure::<dyn Fn(web_sys::Event)>::new(|event: web_sys::Event| {
                let on_turn = event
                    .target()
                    .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
                    .and_then(|e| e.closest(".turn").ok().flatten())
                    .is_some();
                if on_turn {
                    panic!("on purpose, at a click on a turn (?panic=click)");
                }
            });
            let _ = window.add_event_listener_with_callback_and_bool(
                "click",
                on_click.as_ref().unchecked_ref(),
                true,
            );
            on_click.forget();
        }
        _ => {}
    }
}
