//! One speaker turn: its time, its speaker, and its text in each language.

use std::sync::Arc;

use leptos::html::Article;
use leptos::prelude::*;
use leptos::reactive::computed::Selector;
use wasm_bindgen::JsCast;

use crate::app::components::language_text::{on_link, selecting, LanguageText, SentenceSpan};
use crate::app::erased::{effect, handler};
use crate::app::hooks::{
    clipboard::copy_text,
    deep_link::link_to_moment,
    quote::{elements, moment_shown, quote},
};
use crate::app::state::{use_player, Loaded, MessageKind};
use crate::core::script::guess_lang;
use crate::core::{decimal, Lang, Millis};

/// Distinct speaker colours (see `style/app.css`); speakers beyond them reuse them in turn.
const SPEAKER_COLOURS: usize = 8;

/// - `loaded`: the transcript the turn belongs to.
/// - `index`: which turn (document order).
/// - `columns`: the languages that get a column; a turn without one of them keeps an empty cell
///   there, so side-by-side rows stay aligned.
/// - `others`: whether the turn's blocks in other languages follow the columns (not when the
///   page chose which languages to show).
/// - `active`: whether this is the turn being said now.
/// - `sentences`: the turn's sentences as (block, paragraph, bytes, group).
/// - `current_word`: the timed word being said, as (turn, block, timing).
#[component]
pub fn TurnRow(
    loaded: Arc<Loaded>,
    index: usize,
    columns: Vec<Lang>,
    others: bool,
    #[prop(into)] active: Signal<bool>,
    sentences: Vec<(usize, SentenceSpan)>,
    current_word: Selector<Option<(usize, usize, usize)>>,
) -> impl IntoView {
    let player = use_player();
    let doc = &loaded.doc;
    let turn = &doc.turns[index];
    let start = turn.start;
    // Where the turn starts now: listening may have heard it start a little after its written time.
    let play_here = move || {
        player.follow_paused.set(false);
        player.seek_to_turn(index);
        player.clock.play();
    };
    let row = NodeRef::<Article>::new();
    // One listener for the whole row: a word plays from itself, a sentence from its group's start,
    // anything else (the time, the speaker) from the turn's start.
    let on_click = move |e: leptos::ev::MouseEvent| {
        if selecting() || on_link(&e) {
            return;
        }
        let target = e
            .target()
            .and_then(|t| t.dyn_into::<web_sys::Element>().ok());
        let closest = |selector: &str| {
            target
                .as_ref()
                .and_then(|t| t.closest(selector).ok().flatten())
        };
        let seconds = |el: &web_sys::Element, name: &str| {
            el.get_attribute(name)
                .and_then(|v| decimal::parse(&v))
                .and_then(Millis::from_secs_f64)
        };
        let at = if let Some(word) = closest(".word") {
            seconds(&word, "data-word-start")
        } else if let Some(sentence) = closest(".sentence") {
            seconds(&sentence, "data-sentence-start")
        } else {
            None
        };
        match at {
            Some(at) => {
                player.follow_paused.set(false);
                player.seek_in_turn(index, at);
                player.clock.play();
            }
            None => play_here(),
        }
    };
    // Measured while rendered: the rows around it are placed by its height.
    effect(move || {
        if let Some(element) = row.get() {
            player.rows.observe(&element);
            let element = send_wrapper::SendWrapper::new(element);
            on_cleanup(move || player.rows.unobserve(&element));
        }
    });
    let group_starts = Memo::new(move |_| {
        player.sentences.with(|s| {
            s.as_ref()
                .and_then(|s| s.turns.get(index))
                .map(|t| t.groups.iter().map(|g| g.start).collect::<Vec<_>>())
                .unwrap_or_default()
        })
    });
    // Listening moved the times: the spans follow (the first run is what was rendered).
    let mut first_run = true;
    effect(move || {
        let starts = group_starts.get();
        if !std::mem::replace(&mut first_run, false) {
            if let Some(row) = row.get_untracked() {
                for (group, start) in starts.iter().enumerate() {
                    let value = start.seconds_text();
                    for_each_sentence(&row, group, |s| {
                        let _ = s.set_attribute("data-sentence-start", &value);
                    });
                }
            }
        }
    });
    // The current sentence group of this turn: only the active row reads the sentence clock, so
    // only it re-runs as sentences change, and it touches only the spans whose state changed.
    let mut marked: Option<usize> = None;
    effect(move || {
        let now = if active.get() {
            player
                .active_sentence
                .get()
                .filter(|(turn, _)| *turn == index)
                .map(|(_, group)| group)
        } else {
            None
        };
        if marked != now {
            if let Some(row) = row.get_untracked() {
                if let Some(group) = marked {
                    for_each_sentence(&row, group, |s| {
                        let _ = s.remove_attribute("aria-current");
                    });
                }
                if let Some(group) = now {
                    for_each_sentence(&row, group, |s| {
                        let _ = s.set_attribute("aria-current", "true");
                    });
                }
            }
            marked = now;
        }
    });
    let initial_starts = group_starts.get_untracked();
    let text_block = |block: usize| {
        let spans: Vec<SentenceSpan> = sentences
            .iter()
            .filter(|(b, _)| *b == block)
            .map(|(_, span)| span.clone())
            .collect();
        view! {
            <LanguageText
                loaded=loaded.clone()
                turn=index
                block=block
                sentences=spans
                group_starts=initial_starts.clone()
                current_word=current_word.clone()
            />
        }
        .into_any()
    };
    // Enter on the row itself: on its buttons or a link in its text, theirs.
    let on_key = move |e: leptos::ev::KeyboardEvent| {
        if e.key() == "Enter" && e.target() == e.current_target() {
            e.prevent_default();
            play_here();
        }
    };
    // In the language its script says: a screen reader read 主持人 in the page's English voice.
    let speaker = turn.speaker.map(|s| {
        let name = doc.speakers[s as usize].clone();
        let class = format!("speaker speaker-{}", s as usize % SPEAKER_COLOURS);
        let lang = doc.lang_tag(guess_lang(&name));
        view! { <span class=class part="speaker" lang=lang dir="auto">{name}</span> }
    });
    let block_of = |lang: Lang| turn.blocks.iter().position(|b| b.lang == lang);
    // A third language's text takes the place of a column's language the turn lacks (Hebrew
    // beside English in a transcript whose columns are English and Arabic), then follows.
    let mut other_blocks =
        (0..turn.blocks.len()).filter(|&b| others && !columns.contains(&turn.blocks[b].lang));
    let mut blocks: Vec<AnyView> = columns
        .iter()
        .map(
            |&lang| match block_of(lang).or_else(|| other_blocks.next()) {
                Some(block) => text_block(block),
                None => {
                    view! { <div class="text missing" lang=doc.lang_tag(lang)></div> }.into_any()
                }
            },
        )
        .collect();
    blocks.extend(other_blocks.map(text_block));
    let start_now = move || player.turn_start(index).unwrap_or(start);
    let estimated = doc.start_is_estimated(turn);
    // The quote's text is gathered when asked for, not for every row rendered.
    let quoted = loaded.clone();
    let copy_quote = move |e: leptos::ev::MouseEvent| {
        e.stop_propagation();
        let at = start_now();
        let turn = &quoted.doc.turns[index];
        let texts: Vec<String> = turn.blocks.iter().map(|b| b.plain_text()).collect();
        let speaker = turn
            .speaker
            .map(|s| quoted.doc.speakers[s as usize].as_str());
        let text = quote(&texts, speaker, at, estimated);
        let at = moment_shown(at, estimated);
        leptos::task::spawn_local(async move {
            match copy_text(&text).await {
                Ok(()) => player.say(MessageKind::Info, format!("Quote from {at} copied")),
                Err(()) => player.say(MessageKind::Info, text),
            }
        });
    };
    let copy_link = move |e: leptos::ev::MouseEvent| {
        e.stop_propagation();
        let at = start_now();
        let link = link_to_moment(at);
        let at = moment_shown(at, estimated);
        leptos::task::spawn_local(async move {
            match copy_text(&link).await {
                Ok(()) => player.say(MessageKind::Info, format!("Link to {at} copied")),
                Err(()) => player.say(MessageKind::Info, format!("Link to this moment: {link}")),
            }
        });
    };
    // Where the row is skipped by the browser until near the view (a transcript rendered
    // whole), the space it stands in: its estimate until it has been laid out once.
    let intrinsic_size = format!("auto {}px", player.rows.height_of(index) as u32);
    let tab_index = match player.rows.tab_stop_now.get_value() == Some(index) {
        true => "0",
        false => "-1",
    };
    // An estimated start is shown as one (the reader should not take it for the source's word),
    // where the timeline puts it now; a written one as written.
    let shown_start = move || {
        if !estimated {
            return start;
        }
        // Tracked: the audio's length, once known, moves every estimate.
        player.timeline.track();
        start_now()
    };
    let time_text = move || moment_shown(shown_start(), estimated);
    let about = if estimated { "about " } else { "" };
    let time_label = move || format!("Play from {about}{}", shown_start());
    let notes = turn
        .notes
        .iter()
        .map(|n| view! { <p class="note">{n.text.clone()}</p> })
        .collect_view();
    view! {
        <article
            node_ref=row
            class="turn"
            part=move || if active.get() { "turn active-turn" } else { "turn" }
            data-index=index
            data-start=start.seconds_text()
            style:contain-intrinsic-size=intrinsic_size
            // (The list's place in the Tab order, 0, is moved by `TranscriptView`.)
            tabindex=tab_index
            aria-current=move || active.get().then_some("true")
            on:click=handler(on_click)
            on:keydown=handler(on_key)
        >
            <div class="turn-head">
                <button class="turn-time" part="time" tabindex="-1" aria-label=time_label>{time_text}</button>
                {speaker}
                <button class="turn-quote" tabindex=tab_index aria-label=move || format!("Copy the turn at {about}{} as a quote", shown_start()) title="Copy as a bilingual quote" on:click=handler(copy_quote)>
                    <svg viewBox="0 0 24 24" aria-hidden="true"><path d="M7 7h4v4c0 3-1.5 5-4 6l-.8-1.2C7.7 14.9 8.4 13.6 8.5 12H7zm8 0h4v4c0 3-1.5 5-4 6l-.8-1.2c1.5-.9 2.2-2.2 2.3-3.8H15z"/></svg>
                </button>
                <button class="turn-link" tabindex=tab_index aria-label=move || format!("Copy link to {about}{}", shown_start()) title="Copy link to this moment" on:click=handler(copy_link)>
                    <svg viewBox="0 0 24 24" aria-hidden="true"><path d="M10.6 13.4a1 1 0 0 1 0-1.4l3.5-3.5a1 1 0 1 1 1.4 1.4L12 13.4a1 1 0 0 1-1.4 0zM8.5 19a4.5 4.5 0 0 1-3.2-7.7l2.1-2.1a1 1 0 0 1 1.4 1.4l-2.1 2.1a2.5 2.5 0 0 0 3.5 3.5l2.1-2.1a1 1 0 0 1 1.4 1.4l-2.1 2.1A4.5 4.5 0 0 1 8.5 19zm8.7-4.8a1 1 0 0 1-.7-1.7l2.1-2.1a2.5 2.5 0 0 0-3.5-3.5L13 9a1 1 0 0 1-1.4-1.4l2.1-2.1a4.5 4.5 0 0 1 6.4 6.4L18 14a1 1 0 0 1-.8.2z"/></svg>
                </button>
            </div>
            <div class="texts">{blocks}</div>
            {notes}
        </article>
    }
}

/// Calls `f` on the sentence spans of `group` in `row` (both languages).
fn for_each_sentence(row: &web_sys::HtmlElement, group: usize, f: impl Fn(&web_sys::Element)) {
    for sentence in elements(row, &format!(".sentence[data-group=\"{group}\"]")) {
        f(&sentence);
    }
}
