//! A panic must never leave a blank page: it is shown with what happened and a way to reload.
//!
//! The panel is built in JavaScript (`panic.js`), with plain DOM calls, because after a panic
//! neither the reactive system nor the WebAssembly may be in a usable state. The release build
//! aborts at a panic at once (`-Cpanic=immediate-abort`, scripts/build-wasm): no hook runs and the
//! panel shows the trap the page sees; other builds (`trunk serve`, the component tests) keep
//! Rust's hook and the panic's message.

use wasm_bindgen::prelude::*;

#[wasm_bindgen(module = "/src/app/hooks/panic.js")]
extern "C" {
    /// Shows the error panel with `detail` as text (once: a later panic keeps the first panel).
    #[cfg(not(panic = "immediate-abort"))]
    #[wasm_bindgen(js_name = showErrorPanel)]
    pub fn show_error_panel(detail: &str);
    #[wasm_bindgen(js_name = panelOnTraps)]
    fn panel_on_traps();
}

/// For the app: from now on, any panic shows the error panel.
pub fn install_panic_panel() {
    panel_on_traps();
    #[cfg(not(panic = "immediate-abort"))]
    std::panic::set_hook(Box::new(|info| {
        let message = info.to_string();
        web_sys::console::error_1(&JsValue::from_str(&message));
        show_error_panel(&message);
    }));
}

/// For the embed's build: a panic is reported in the console under the element's name. The host
/// page is not ours to cover with a panel. (A release build has no hook: the element's script,
/// `interlinear-embed.js`, sees the trap and says in each instance that it stopped.)
pub fn report_panics_in_console() {
    #[cfg(not(panic = "immediate-abort"))]
    std::panic::set_hook(Box::new(|info| {
        web_sys::console::error_1(&JsValue::from_str(&format!(
            "<interlinear-transcript>: internal error, the transcript stopped: {info}"
        )));
    }));
}

/// For a build made to prove the panel (`trunk build --features panic-on-purpose`, which only
/// the end-to-end tests make): `?panic=start` panics as the app (or the embed's WebAssembly)
/// starts, before anything is shown; `?panic=click` panics at the first click on a turn, with a
/// transcript on screen (in the app, or inside an embed's shadow root).
#[cfg(feature = "panic-on-purpose")]
pub fn panic_on_purpose() {
    use wasm_bindgen::JsCast;
    let window = web_sys::window().expect("a window");
    let asked =
        web_sys::UrlSearchParams::new_with_str(&window.location().search().unwrap_or_default())
            .ok()
            .and_then(|query| query.get("panic"));
    match asked.as_deref() {
        Some("start") => panic!("on purpose, as the app starts (?panic=start)"),
        Some("click") => {
            let on_click = Closure::<dyn Fn(web_sys::Event)>::new(|event: web_sys::Event| {
                // The node clicked, inside a shadow root too (`target` is its host there).
                let on_turn = event
                    .composed_path()
                    .get(0)
                    .dyn_into::<web_sys::Element>()
                    .ok()
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
