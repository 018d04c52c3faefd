//! Whether the page around an embedded transcript is dark, which its automatic theme follows: a
//! transcript on a light page stays light when the system prefers dark, and one on a page with a
//! dark mode of its own switches with the page's switch, not only the system's.
//!
//! Read from the colours the page computes around the element: the background behind it (the
//! element's own, or its nearest ancestor's), else the text colour around it (a page without
//! backgrounds, the iframe page among them, whose default text colour follows its colour
//! scheme), else, for a colour written in a space we do not read (`oklch()`), the system's
//! preference. Read again when the page's root or body changes an attribute (dark-mode switches
//! set a class), when a transition ends (a background that fades to the new mode), when the page
//! has loaded, and when the system's preference changes.

use leptos::prelude::*;
use send_wrapper::SendWrapper;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

use crate::app::erased::effect;
use crate::app::hooks::listen::listen;
use crate::app::hooks::theme::use_system_dark;

/// Whether the page behind `host` is dark, followed until the current owner is cleaned up.
pub fn use_page_dark(host: web_sys::Element) -> RwSignal<bool> {
    let system_dark = use_system_dark();
    let dark = RwSignal::new(false);
    let document = host.owner_document();
    // A signal set when the page may have changed, rather than a memo reading the page: 0.2 KB
    // less in the embed.
    let read = move |system: bool| dark.set(page_is_dark(&host).unwrap_or(system));
    // Now, so that the first paint has the page's theme (the effect runs in a task to come).
    read(system_dark.get_untracked());
    if let Some(document) = document {
        let read = read.clone();
        watch_page(&document, move || read(system_dark.get_untracked()));
    }
    effect(move || read(system_dark.get()));
    dark
}

/// Calls `changed` when the page may have switched its colours.
fn watch_page(document: &web_sys::Document, changed: impl Fn() + Clone + 'static) {
    // A transition's end (a background fading to the new mode), and the page's load (a
    // stylesheet that came after the element mounted).
    let on_transition = changed.clone();
    listen(document, "transitionend", true, move |_: web_sys::Event| {
        on_transition()
    });
    let on_load = changed.clone();
    listen(&window(), "load", true, move |_: web_sys::Event| on_load());
    let on_change = Closure::<dyn Fn()>::new(changed);
    let Ok(observer) = web_sys::MutationObserver::new(on_change.as_ref().unchecked_ref()) else {
        return;
    };
    let options = web_sys::MutationObserverInit::new();
    options.set_attributes(true);
    for element in [document.document_element(), document.body().map(Into::into)]
        .into_iter()
        .flatten()
    {
        let _ = observer.observe_with_options(&element, &options);
    }
    let watching = SendWrapper::new((observer, on_change));
    on_cleanup(move || {
        let (observer, _on_change) = watching.take();
        observer.disconnect();
    });
}

/// Dark or light by the page's colours around `host`; `None` when they cannot be read.
fn page_is_dark(host: &web_sys::Element) -> Option<bool> {
    let window = window();
    let style = |element: &web_sys::Element| window.get_computed_style(element).ok().flatten();
    let mut at = Some(host.clone());
    while let Some(element) = at {
        let background = style(&element)?
            .get_property_value("background-color")
            .ok()?;
        match read_rgba(&background) {
            // Transparent: what shows through is further out.
            Some((_, true)) => {}
            Some((rgb, false)) => return Some(is_dark(rgb)),
            None => break,
        }
        at = around(&element);
    }
    // The text colour around the element: its own is reset (`:host { all: initial }`).
    let text = style(&around(host)?)?.get_property_value("color").ok()?;
    // Light text is written on a dark page.
    read_rgba(&text).map(|(rgb, _)| !is_dark(rgb))
}

/// The element around `element`: its parent, or out of a shadow root, the element holding it.
fn around(element: &web_sys::Element) -> Option<web_sys::Element> {
    element.parent_element().or_else(|| {
        let root = element
            .parent_node()?
            .dyn_into::<web_sys::ShadowRoot>()
            .ok()?;
        Some(root.host())
    })
}

/// `rgb(r, g, b)` or `rgba(r, g, b, a)`, as browsers give computed colours in sRGB: the three
/// channels, and whether the colour is fully transparent.
fn read_rgba(color: &str) -> Option<([u32; 3], bool)> {
    let inside = color.strip_prefix("rgb")?.strip_suffix(')')?;
    let mut parts = inside.trim_start_matches(['a', '(']).split(", ");
    let mut rgb = [0; 3];
    for channel in &mut rgb {
        *channel = parts.next()?.parse().ok()?;
    }
    Some((rgb, parts.next() == Some("0")))
}

/// Darker than mid-grey, by the channels' weights in luma (Rec. 709).
fn is_dark([r, g, b]: [u32; 3]) -> bool {
    2126 * r + 7152 * g + 722 * b < 128 * 10_000
}
