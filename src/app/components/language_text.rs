//! One language's text of a turn, sentence by sentence: each sentence is a span carrying its
//! aligned group (`data-group`) and start (`data-sentence-start`). The spans are plain: the turn
//! row marks the current group and handles clicks for all of them (one effect and one listener
//! per row, not per sentence — a 10 MB transcript has 200,000 sentences). Where the source times
//! its words, each timed word is a span too, marked while it is said.

use std::ops::Range;
use std::sync::Arc;

use leptos::prelude::*;
use leptos::reactive::computed::Selector;
use leptos::wasm_bindgen::JsCast;

use crate::app::state::{Loaded, VeilRole};
use crate::core::{Millis, Paragraph, Style, TextBlock, Timing};

/// A sentence of this block: its paragraph, its bytes there, and its aligned group.
pub type SentenceSpan = (usize, Range<usize>, usize);

/// - `loaded`, `turn`, `block`: which text (turn index, block index in the turn).
/// - `sentences`: the block's sentences in order (from the sentence timeline's structure).
/// - `group_starts`: the turn's group start times now (the row updates them if listening moves
///   them).
/// - `current_word`: the timed word being said, as (turn, block, timing).
#[component]
pub fn LanguageText(
    loaded: Arc<Loaded>,
    turn: usize,
    block: usize,
    sentences: Vec<SentenceSpan>,
    group_starts: Vec<Millis>,
    current_word: Selector<Option<(usize, usize, usize)>>,
) -> impl IntoView {
    let text = &loaded.doc.turns[turn].blocks[block];
    let words = Words {
        turn,
        block,
        current: current_word,
    };
    let paragraphs = text
        .paragraphs
        .iter()
        .enumerate()
        .map(|(p, paragraph)| {
            let mut pieces: Vec<AnyView> = Vec::new();
            let mut at = 0;
            for (_, range, group) in sentences.iter().filter(|s| s.0 == p) {
                if range.start > at {
                    pieces.push(words.render(text, p, at..range.start));
                }
                let group = *group;
                let start = group_starts.get(group).copied().unwrap_or_default();
                pieces.push(
                    view! {
                        <span class="sentence" data-group=group data-sentence-start=start.seconds_text()>
                            {words.render(text, p, range.clone())}
                        </span>
                    }
                    .into_any(),
                );
                at = range.end;
            }
            if at < paragraph.text.len() {
                pieces.push(words.render(text, p, at..paragraph.text.len()));
            }
            view! { <p>{pieces}</p> }
        })
        .collect_view();
    // The learner's veils apply by role.
    let role = VeilRole::of(text.lang, loaded.doc.languages.first().copied()).as_str();
    let direction = text.lang.is_right_to_left().then_some("rtl");
    view! { <div class="text" part="text" lang=loaded.doc.lang_tag(text.lang) dir=direction data-block=block data-role=role>{paragraphs}</div> }
}

/// Renders text with its timed words (if the source timed them) as spans.
#[derive(Clone)]
struct Words {
    turn: usize,
    block: usize,
    current: Selector<Option<(usize, usize, usize)>>,
}

impl Words {
    /// The bytes `range` of paragraph `p` of `text`.
    fn render(&self, text: &TextBlock, p: usize, range: Range<usize>) -> AnyView {
        let paragraph = &text.paragraphs[p];
        // Each timed word's bytes without the spaces its timing may carry.
        let timed: Vec<(usize, &Timing, Range<usize>)> = text
            .timings
            .iter()
            .enumerate()
            .filter(|(_, w)| w.paragraph as usize == p)
            .filter_map(|(i, w)| {
                let bytes = paragraph.text.get(w.from as usize..w.to as usize)?;
                let from = w.from as usize + (bytes.len() - bytes.trim_start().len());
                let to = w.to as usize - (bytes.len() - bytes.trim_end().len());
                (from < to && from >= range.start && to <= range.end).then_some((i, w, from..to))
            })
            .collect();
        if timed.is_empty() {
            return styled(paragraph, range).into_any();
        }
        let mut pieces: Vec<AnyView> = Vec::new();
        let mut at = range.start;
        for (index, word, bytes) in timed {
            let (from, to) = (bytes.start, bytes.end);
            if from < at {
                continue; // overlapping timings: the first one keeps the text
            }
            if from > at {
                pieces.push(styled(paragraph, at..from).into_any());
            }
            let (turn, block, start) = (self.turn, self.block, word.start);
            let current = self.current.clone();
            pieces.push(
                view! {
                    <span
                        class="word"
                        class:current-word=move || current.selected(&Some((turn, block, index)))
                        data-word-start=start.seconds_text()
                    >
                        {styled(paragraph, from..to)}
                    </span>
                }
                .into_any(),
            );
            at = to;
        }
        if at < range.end {
            pieces.push(styled(paragraph, at..range.end).into_any());
        }
        pieces.into_any()
    }
}

/// Whether the user is selecting text (a click that ends a selection is not a request to seek).
pub fn selecting() -> bool {
    window()
        .get_selection()
        .ok()
        .flatten()
        .is_some_and(|s| !s.is_collapsed())
}

/// Whether `e` happened on a link in the text: the link's to follow, not the turn's to play.
pub fn on_link(e: &web_sys::Event) -> bool {
    e.target()
        .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
        .is_some_and(|t| t.closest("a[href]").ok().flatten().is_some())
}

/// Part of a paragraph as text nodes, `<em>`, `<strong>`, `<code>` and links: transcript text is
/// never HTML. A link opens in a new tab, so that what plays here goes on; the core links only
/// to web and mail addresses.
fn styled(p: &Paragraph, range: Range<usize>) -> impl IntoView {
    p.runs_in(range)
        .map(|run| {
            let text = run.text.to_owned();
            let styled = match run.style {
                Style::Plain => text.into_any(),
                Style::Emphasis => view! { <em>{text}</em> }.into_any(),
                Style::Strong => view! { <strong>{text}</strong> }.into_any(),
                Style::StrongEmphasis => view! { <strong><em>{text}</em></strong> }.into_any(),
                Style::Code => view! { <code>{text}</code> }.into_any(),
            };
            match run.link {
                Some(link) => {
                    let link = &p.links[link];
                    // Its text is its address (`<https://…>`): printed once, not twice.
                    let bare = p.shows_address(link);
                    let href = link.url.clone();
                    view! {
                        <a href=href class:bare=bare target="_blank" rel="noopener noreferrer">
                            {styled}
                        </a>
                    }
                    .into_any()
                }
                None => styled,
            }
        })
        .collect_view()
}
