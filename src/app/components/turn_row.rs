//! One speaker turn: its time, its speaker, and its text in each language.

use std::sync::Arc;

use leptos::prelude::*;

use crate::app::hooks::{clipboard::copy_text, deep_link::link_to_moment};
use crate::app::state::{use_player, Loaded, MessageKind};
use crate::core::{Lang, Paragraph, Style, TextBlock};

/// Distinct speaker colours (see `style/app.css`); speakers beyond them reuse them in turn.
const SPEAKER_COLOURS: usize = 8;

/// - `loaded`: the transcript the turn belongs to.
/// - `index`: which turn (document order).
/// - `columns`: the languages that get a column; a turn without one of them keeps an empty cell
///   there, so side-by-side rows stay aligned.
/// - `others`: whether the turn's blocks in other languages follow the columns (not when the
///   page chose which languages to show).
/// - `active`: whether this is the turn being said now.
#[component]
pub fn TurnRow(
    loaded: Arc<Loaded>,
    index: usize,
    columns: Vec<Lang>,
    others: bool,
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
        view! { <span class=class part="speaker">{name}</span> }
    });
    let mut blocks: Vec<AnyView> = columns
        .iter()
        .map(|&lang| match turn.block(lang) {
            Some(block) => text_block(block),
            None => view! { <div class="text missing" lang=lang.code()></div> }.into_any(),
        })
        .collect();
    if others {
        blocks.extend(
            turn.blocks
                .iter()
                .filter(|b| !columns.contains(&b.lang))
                .map(text_block),
        );
    }
    let copy_link = move |e: leptos::ev::MouseEvent| {
        e.stop_propagation();
        let link = link_to_moment(start);
        leptos::task::spawn_local(async move {
            match copy_text(&link).await {
                Ok(()) => player.say(MessageKind::Info, format!("Link to {start} copied")),
                Err(()) => player.say(MessageKind::Info, format!("Link to this moment: {link}")),
            }
        });
    };
    let notes = turn
        .notes
        .iter()
        .map(|n| view! { <p class="note">{n.text.clone()}</p> })
        .collect_view();
    view! {
        <article
            class="turn"
            part=move || if active.get() { "turn active-turn" } else { "turn" }
            data-index=index
            data-start=start.as_secs_f64()
            tabindex="0"
            aria-current=move || active.get().then_some("true")
            on:click=on_click
            on:keydown=on_key
        >
            <div class="turn-head">
                <button class="turn-time" part="time" tabindex="-1" aria-label=format!("Play from {start}")>{start.to_string()}</button>
                {speaker}
                <button class="turn-link" aria-label=format!("Copy link to {start}") title="Copy link to this moment" on:click=copy_link>
                    <svg viewBox="0 0 24 24" aria-hidden="true"><path d="M10.6 13.4a1 1 0 0 1 0-1.4l3.5-3.5a1 1 0 1 1 1.4 1.4L12 13.4a1 1 0 0 1-1.4 0zM8.5 19a4.5 4.5 0 0 1-3.2-7.7l2.1-2.1a1 1 0 0 1 1.4 1.4l-2.1 2.1a2.5 2.5 0 0 0 3.5 3.5l2.1-2.1a1 1 0 0 1 1.4 1.4l-2.1 2.1A4.5 4.5 0 0 1 8.5 19zm8.7-4.8a1 1 0 0 1-.7-1.7l2.1-2.1a2.5 2.5 0 0 0-3.5-3.5L13 9a1 1 0 0 1-1.4-1.4l2.1-2.1a4.5 4.5 0 0 1 6.4 6.4L18 14a1 1 0 0 1-.8.2z"/></svg>
                </button>
            </div>
            <div class="texts">{blocks}</div>
            {notes}
        </article>
    }
}

fn text_block(block: &TextBlock) -> AnyView {
    let paragraphs = block.paragraphs.iter().map(paragraph).collect_view();
    view! { <div class="text" part="text" lang=block.lang.code()>{paragraphs}</div> }.into_any()
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
