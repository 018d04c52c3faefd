//! Bilingual quotes: a turn, or a passage selected in it, with its translation, the speaker, the
//! time and a link back to the moment — as plain text, ready to paste anywhere.
//!
//! Copying a selection inside the transcript (Ctrl+C, or the browser's menu) gives such a quote
//! too: the selected sentences, the sentences aligned with them in the other language, and the
//! citation.

use leptos::prelude::*;
use wasm_bindgen::JsCast;

use crate::app::hooks::deep_link::link_to_moment;
use crate::app::hooks::listen::listen;
use crate::app::hooks::row_window::row_index;
use crate::app::state::Player;
use crate::core::Millis;

/// The quote of `texts` (one per language, in order) said by `speaker` at `at`.
pub fn quote(texts: &[String], speaker: Option<&str>, at: Millis, estimated: bool) -> String {
    let mut out = String::new();
    for text in texts.iter().filter(|t| !t.trim().is_empty()) {
        out.push_str(&format!("“{}”\n", text.trim()));
    }
    let at_shown = moment_shown(at, estimated);
    match speaker {
        Some(speaker) => out.push_str(&format!("— {speaker}, {at_shown}\n")),
        None => out.push_str(&format!("— {at_shown}\n")),
    }
    out.push_str(&link_to_moment(at));
    out
}

/// A moment as the reader is shown it: `≈0:38` where the transcript's times are estimates.
pub fn moment_shown(at: Millis, estimated: bool) -> String {
    if estimated {
        format!("≈{at}")
    } else {
        at.to_string()
    }
}

/// Turns a copy of a selection inside `root` (the transcript) into a bilingual quote.
pub fn use_quote_on_copy(player: Player, root: &web_sys::HtmlElement) {
    listen(root, "copy", false, move |e: web_sys::ClipboardEvent| {
        let Some(text) = selected_quote(player) else {
            return;
        };
        if let Some(data) = e.clipboard_data() {
            if data.set_data("text/plain", &text).is_ok() {
                e.prevent_default();
            }
        }
    });
}

/// The quote for the current selection, if it lies in sentences of one turn.
fn selected_quote(player: Player) -> Option<String> {
    let selection = window().get_selection().ok()??;
    if selection.is_collapsed() || selection.range_count() == 0 {
        return None;
    }
    let range = selection.get_range_at(0).ok()?;
    let element_of = |node: web_sys::Node| -> Option<web_sys::Element> {
        match node.dyn_ref::<web_sys::Element>() {
            Some(e) => Some(e.clone()),
            None => node.parent_element(),
        }
    };
    let first = element_of(range.start_container().ok()?)?;
    let last = element_of(range.end_container().ok()?)?;
    let row = first.closest("article.turn").ok()??;
    if last.closest("article.turn").ok()?.as_ref() != Some(&row) {
        return None; // across turns: a plain copy
    }
    let group_of = |e: &web_sys::Element| -> Option<usize> {
        e.closest(".sentence")
            .ok()??
            .get_attribute("data-group")?
            .parse()
            .ok()
    };
    let (from, to) = (group_of(&first)?, group_of(&last)?);
    let (from, to) = (from.min(to), from.max(to));
    let selected_block = first.closest(".text").ok()??;
    // Each language's sentences of the selected groups, the selected language first.
    let mut texts = vec![selection.to_string().as_string().unwrap_or_default()];
    for block in elements(&row, ".text:not(.missing)") {
        if block == selected_block {
            continue;
        }
        let mut text = String::new();
        for s in elements(&block, ".sentence") {
            let group: Option<usize> = s.get_attribute("data-group").and_then(|g| g.parse().ok());
            if group.is_some_and(|g| g >= from && g <= to) {
                if !text.is_empty() {
                    text.push(' ');
                }
                text.push_str(&s.text_content().unwrap_or_default());
            }
        }
        texts.push(text);
    }
    let index = row_index(&row)?;
    let at = player.sentences.with_untracked(|s| {
        s.as_ref()?
            .turns
            .get(index)?
            .groups
            .get(from)
            .map(|g| g.start)
    })?;
    let speaker = row
        .query_selector(".speaker")
        .ok()
        .flatten()
        .and_then(|s| s.text_content());
    let estimated = player.loaded.with_untracked(|l| {
        let doc = &l.as_ref()?.doc;
        Some(doc.start_is_estimated(doc.turns.get(index)?))
    });
    let estimated = estimated.unwrap_or(false);
    Some(quote(&texts, speaker.as_deref(), at, estimated))
}

/// The elements under `root` matching `selector`, in document order.
pub fn elements(root: &web_sys::Element, selector: &str) -> Vec<web_sys::Element> {
    let Ok(list) = root.query_selector_all(selector) else {
        return Vec::new();
    };
    (0..list.length())
        .filter_map(|i| list.get(i)?.dyn_into::<web_sys::Element>().ok())
        .collect()
}
