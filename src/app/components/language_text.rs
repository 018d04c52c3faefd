//! One language's text of a turn, sentence by sentence: each sentence is a span that is
//! highlighted (with its aligned translation in the other language) while it is said, and seeks
//! to its start when clicked. Where the source times its words, each timed word is a span too,
//! marked while it is said and seeking to itself when clicked.

use std::ops::Range;
use std::sync::Arc;

use leptos::prelude::*;
use leptos::reactive::computed::Selector;

use crate::app::state::{use_player, Loaded};
use crate::core::{Millis, Paragraph, Style, TextBlock, Timing};

/// A sentence of this block: its paragraph, its bytes there, and its aligned group.
pub type SentenceSpan = (usize, Range<usize>, usize);

/// - `loaded`, `turn`, `block`: which text (turn index, block index in the turn).
/// - `sentences`: the block's sentences in order (from the sentence timeline's structure).
/// - `group_starts`: the turn's group start times, which listening may move.
/// - `current`: the sentence group being said, as (turn, group), to test a key against.
/// - `current_word`: the timed word being said, as (turn, block, timing).
#[component]
pub fn LanguageText(
    loaded: Arc<Loaded>,
    turn: usize,
    block: usize,
    sentences: Vec<SentenceSpan>,
    #[prop(into)] group_starts: Signal<Vec<Millis>>,
    current: Selector<Option<(usize, usize)>>,
    current_word: Selector<Option<(usize, usize, usize)>>,
) -> impl IntoView {
    let player = use_player();
    let text = &loaded.doc.turns[turn].blocks[block];
    let words = Words {
        turn,
        block,
        current: current_word,
        player,
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
                let current = current.clone();
                let start = move || group_starts.with(|g| g.get(group).copied().unwrap_or_default());
                let on_click = move |e: leptos::ev::MouseEvent| {
                    if selecting() {
                        return;
                    }
                    e.stop_propagation();
                    player.follow_paused.set(false);
                    player.clock.seek(start());
                    player.clock.play();
                };
                pieces.push(
                    view! {
                        <span
                            class="sentence"
                            data-sentence-start=move || start().as_secs_f64()
                            aria-current=move || current.selected(&Some((turn, group))).then_some("true")
                            on:click=on_click
                        >
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
    view! { <div class="text" part="text" lang=text.lang.code()>{paragraphs}</div> }
}

/// Renders text with its timed words (if the source timed them) as spans.
#[derive(Clone)]
struct Words {
    turn: usize,
    block: usize,
    current: Selector<Option<(usize, usize, usize)>>,
    player: crate::app::state::Player,
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
            let player = self.player;
            let on_click = move |e: leptos::ev::MouseEvent| {
                if selecting() {
                    return;
                }
                e.stop_propagation();
                player.follow_paused.set(false);
                player.clock.seek(start);
                player.clock.play();
            };
            pieces.push(
                view! {
                    <span
                        class="word"
                        class:current-word=move || current.selected(&Some((turn, block, index)))
                        data-word-start=start.as_secs_f64()
                        on:click=on_click
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

/// Part of a paragraph as text nodes and `<em>`/`<strong>`: transcript text is never HTML.
fn styled(p: &Paragraph, range: Range<usize>) -> impl IntoView {
    p.runs_in(range)
        .map(|(text, style)| {
            let text = text.to_owned();
            match style {
                Style::Plain => text.into_any(),
                Style::Emphasis => view! { <em>{text}</em> }.into_any(),
                Style::Strong => view! { <strong>{text}</strong> }.into_any(),
                Style::StrongEmphasis => view! { <strong><em>{text}</em></strong> }.into_any(),
            }
        })
        .collect_view()
}
