//! One speaker turn: its time, its speaker, and its text in each language.

use std::sync::Arc;

use leptos::prelude::*;

use crate::app::state::{use_player, Loaded};
use crate::core::{Lang, Paragraph, Style, TextBlock};

/// Distinct speaker colours (see `style/app.css`); speakers beyond them reuse them in turn.
const SPEAKER_COLOURS: usize = 8;

/// - `loaded`: the transcript the turn belongs to.
/// - `index`: which turn (document order).
/// - `columns`: the languages that get a column; a turn without one of them keeps an empty cell
///   there, so side-by-side rows stay aligned.
/// - `active`: whether this is the turn being said now.
#[component]
pub fn TurnRow(
    loaded: Arc<Loaded>,
    index: usize,
    columns: Vec<Lang>,
    #[prop(into)] active: Signal<bool>,
) -> impl IntoView {
    let player = use_player();
    let doc = &loaded.doc;
    let turn = &doc.turns[index];
    let start = turn.start;
    let play_here = move || {
        player.follow_paused.set(false);
        player.clock.seek(start);
        player.clock.play();
    };
    let on_click = move |_| {
        // Selecting text is not a request to seek.
        let selecting = window()
            .get_selection()
            .ok()
            .flatten()
            .is_some_and(|s| !s.is_collapsed());
        if !selecting {
            play_here();
        }
    };
    let on_key = move |e: leptos::ev::KeyboardEvent| {
        if e.key() == "Enter" {
            e.prevent_default();
            play_here();
        }
    };
    let speaker = turn.speaker.map(|s| {
        let name = doc.speakers[s as usize].clone();
        let class = format!("speaker speaker-{}", s as usize % SPEAKER_COLOURS);
        view! { <span class=class>{name}</span> }
    });
    let mut blocks: Vec<AnyView> = columns
        .iter()
        .map(|&lang| match turn.block(lang) {
            Some(block) => text_block(block),
            None => view! { <div class="text missing" lang=lang.code()></div> }.into_any(),
        })
        .collect();
    blocks.extend(
        turn.blocks
            .iter()
            .filter(|b| !columns.contains(&b.lang))
            .map(text_block),
    );
    let notes = turn
        .notes
        .iter()
        .map(|n| view! { <p class="note">{n.text.clone()}</p> })
        .collect_view();
    view! {
        <article
            class="turn"
            class:active=move || active.get()
            data-index=index
            data-start=start.as_secs_f64()
            tabindex="0"
            aria-current=move || active.get().then_some("true")
            on:click=on_click
            on:keydown=on_key
        >
            <div class="turn-head">
                <button class="turn-time" tabindex="-1" aria-label=format!("Play from {start}")>{start.to_string()}</button>
                {speaker}
            </div>
            <div class="texts">{blocks}</div>
            {notes}
        </article>
    }
}

fn text_block(block: &TextBlock) -> AnyView {
    let paragraphs = block.paragraphs.iter().map(paragraph).collect_view();
    view! { <div class="text" lang=block.lang.code()>{paragraphs}</div> }.into_any()
}

/// A paragraph as text nodes and `<em>`/`<strong>`: transcript text is never parsed as HTML.
fn paragraph(p: &Paragraph) -> impl IntoView {
    let runs = p
        .runs()
        .map(|(text, style)| {
            let text = text.to_owned();
            match style {
                Style::Plain => text.into_any(),
                Style::Emphasis => view! { <em>{text}</em> }.into_any(),
                Style::Strong => view! { <strong>{text}</strong> }.into_any(),
                Style::StrongEmphasis => view! { <strong><em>{text}</em></strong> }.into_any(),
            }
        })
        .collect_view();
    view! { <p>{runs}</p> }
}
