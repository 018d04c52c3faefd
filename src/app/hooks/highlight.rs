//! Marking search hits in the text without touching the DOM: the CSS Custom Highlight API paints
//! ranges (`::highlight(search-hit)`), so thousands of hits cost no elements and no re-render.
//! Where the API is missing, hits are still counted, listed and jumped to — only not painted.

use std::cell::RefCell;
use std::ops::Range;

use wasm_bindgen::JsValue;

use crate::app::hooks::reflect::{function, property};
use crate::app::hooks::row_window::rendered_row;
use crate::core::search::Hit;
use crate::core::source_offsets::utf16_len;
use crate::core::Document;

/// At most this many hits are painted (each is a DOM Range).
const MAX_PAINTED: usize = 2_000;

/// Paints those of `hits` that are in rendered rows (`rows`) of `root` (the transcript),
/// `current` apart. Called again when other rows are rendered.
pub fn paint(
    root: &web_sys::Element,
    doc: &Document,
    hits: &[Hit],
    current: Option<usize>,
    rows: Range<usize>,
) {
    let Some(registry) = registry() else { return };
    // Hits are in document order: those in rendered rows are one stretch of them.
    let from = hits.partition_point(|h| h.turn < rows.start);
    let to = hits.partition_point(|h| h.turn < rows.end);
    let mut all = Vec::new();
    let mut now = Vec::new();
    let mut row: Option<(usize, web_sys::Element)> = None;
    for (i, hit) in hits.iter().enumerate().take(to).skip(from) {
        if all.len() >= MAX_PAINTED && Some(i) != current {
            continue;
        }
        if row.as_ref().map(|r| r.0) != Some(hit.turn) {
            row = rendered_row(root, hit.turn).map(|r| (hit.turn, r));
        }
        let Some((_, element)) = &row else { continue };
        if let Some(range) = dom_range(element, doc, hit) {
            if Some(i) == current {
                now.push(range);
            } else {
                all.push(range);
            }
        }
    }
    set(&registry, "search-hit", &all);
    set(&registry, "search-current", &now);
    CURRENT.with(|c| *c.borrow_mut() = now.pop());
}

thread_local! {
    /// The current hit's range as last painted (kept here rather than read back from the
    /// registry: iterating a `Highlight` from WebAssembly cost the app 0.25 KB more).
    static CURRENT: RefCell<Option<web_sys::Range>> = const { RefCell::new(None) };
}

/// The current hit as painted, if any.
pub fn current() -> Option<web_sys::Range> {
    // (The embed has no search: none of this need ship in it.)
    if cfg!(feature = "embed") {
        return None;
    }
    CURRENT.with(|c| c.borrow().clone())
}

fn registry() -> Option<JsValue> {
    property(&property(&js_sys::global(), "CSS")?, "highlights")
}

fn set(registry: &JsValue, name: &str, ranges: &[web_sys::Range]) {
    let (Some(constructor), Some(set)) = (
        function(&js_sys::global(), "Highlight"),
        function(registry, "set"),
    ) else {
        return;
    };
    let args: js_sys::Array = ranges.iter().collect();
    if let Ok(highlight) = js_sys::Reflect::construct(&constructor, &args) {
        let _ = set.call2(registry, &JsValue::from_str(name), &highlight);
    }
}

/// The DOM range of a hit in its rendered `row`: its paragraph element, then its text nodes, in
/// UTF-16 offsets.
fn dom_range(row: &web_sys::Element, doc: &Document, hit: &Hit) -> Option<web_sys::Range> {
    let text = &doc
        .turns
        .get(hit.turn)?
        .blocks
        .get(hit.block)?
        .paragraphs
        .get(hit.paragraph)?
        .text;
    let selector = format!(
        ".text[data-block=\"{}\"] > p:nth-of-type({})",
        hit.block,
        hit.paragraph + 1
    );
    let paragraph = row.query_selector(&selector).ok()??;
    let utf16 = |byte: usize| text.get(..byte).map(|s| utf16_len(s) as usize);
    let (from, to) = (utf16(hit.range.start)?, utf16(hit.range.end)?);
    let document = paragraph.owner_document()?;
    let walker = document
        .create_tree_walker_with_what_to_show(&paragraph, 4)
        .ok()?; // text nodes
    let range = document.create_range().ok()?;
    let (mut seen, mut started) = (0usize, false);
    while let Ok(Some(node)) = walker.next_node() {
        let length = node.node_value().map_or(0, |v| utf16_len(&v) as usize);
        if !started && from < seen + length {
            range.set_start(&node, (from - seen) as u32).ok()?;
            started = true;
        }
        if started && to <= seen + length {
            range.set_end(&node, (to - seen) as u32).ok()?;
            return Some(range);
        }
        seen += length;
    }
    None
}
