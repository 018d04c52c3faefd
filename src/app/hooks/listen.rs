//! Event listeners that live exactly as long as the reactive owner that added them.
//!
//! The app lives as long as its page, but an embedded transcript can be taken off its host page
//! at any moment. Every listener on something we do not own (the host's audio element, the
//! window) has to go with it, or the host's element would keep calling into a disposed player.

use leptos::prelude::*;
use send_wrapper::SendWrapper;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

/// Calls `handler` for each `event` on `target` until the current owner is cleaned up.
/// `passive` listeners promise not to cancel the event (scrolling stays smooth).
pub fn listen<E: JsCast + 'static>(
    target: &web_sys::EventTarget,
    event: &'static str,
    passive: bool,
    handler: impl Fn(E) + 'static,
) {
    listen_boxed(
        target,
        event,
        passive,
        false,
        Box::new(move |e: web_sys::Event| handler(e.unchecked_into::<E>())),
    );
}

/// [`listen`], in the capture phase (before any listener on the event's way down) and able to
/// cancel the event.
pub fn listen_first(
    target: &web_sys::EventTarget,
    event: &'static str,
    handler: impl Fn(web_sys::Event) + 'static,
) {
    listen_boxed(target, event, false, true, Box::new(handler));
}

/// The one copy of the registration code: callers differ only in the boxed handler, so the
/// WebAssembly holds this once rather than once per listener.
fn listen_boxed(
    target: &web_sys::EventTarget,
    event: &'static str,
    passive: bool,
    capture: bool,
    handler: Box<dyn Fn(web_sys::Event)>,
) {
    let closure = Closure::wrap(handler);
    let options = web_sys::AddEventListenerOptions::new();
    options.set_passive(passive);
    options.set_capture(capture);
    let _ = target.add_event_listener_with_callback_and_add_event_listener_options(
        event,
        closure.as_ref().unchecked_ref(),
        &options,
    );
    let registration = SendWrapper::new((target.clone(), closure));
    on_cleanup(move || {
        let (target, closure) = registration.take();
        let _ = target.remove_event_listener_with_callback_and_bool(
            event,
            closure.as_ref().unchecked_ref(),
            capture,
        );
    });
}
