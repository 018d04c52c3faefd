//! "Export": the loaded transcript as a file, in any format the reader reads — with the same
//! writers the command-line tool uses.

use leptos::prelude::*;

use crate::app::erased::handler;
use crate::app::hooks::download::download;
use crate::app::parts::{part, say_missing};
use crate::app::state::{isolated, use_player, MessageKind, Player};
use crate::core::{export, join, Lang, Timeline};

/// The formats offered, as (value, label); Podcasting 2.0 JSON once per language.
fn formats(languages: &[Lang]) -> Vec<(String, String)> {
    let mut out = vec![
        ("vtt".to_owned(), "WebVTT (.vtt)".to_owned()),
        ("srt".to_owned(), "SRT (.srt)".to_owned()),
        // Captions for a video: a turn's cue is too long to read over the picture.
        (
            "vtt-sentences".to_owned(),
            "WebVTT, a cue a sentence (.vtt)".to_owned(),
        ),
        (
            "srt-sentences".to_owned(),
            "SRT, a cue a sentence (.srt)".to_owned(),
        ),
        ("md".to_owned(), "Bilingual text (.md)".to_owned()),
    ];
    out.extend(languages.iter().map(|l| {
        (
            format!("json-{}", l.code()),
            // In the menu's language, English: a screen reader read 中文 in the English voice
            // (an option holds text, no element to mark with its language).
            format!("Podcasting 2.0 JSON, {} (.json)", l.name()),
        )
    }));
    out
}

#[component]
pub fn ExportMenu() -> impl IntoView {
    let player = use_player();
    let languages = Memo::new(move |_| {
        player.loaded.with(|l| {
            l.as_ref()
                .map(|l| l.doc.languages.clone())
                .unwrap_or_default()
        })
    });
    let on_change = move |e: leptos::ev::Event| {
        let choice = event_target_value(&e);
        if let Some(select) = e
            .target()
            .and_then(|t| wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlSelectElement>(t).ok())
        {
            select.set_value(""); // a menu, not a setting: back to its title
        }
        leptos::task::spawn_local(async move {
            if save_as(player, choice).await.is_err() {
                say_missing(player, "Export");
            }
        });
    };
    // A key that would step a closed choice to the next format (an arrow, a letter) opens its
    // list instead: stepped, it would download each format passed over.
    let on_key = move |e: leptos::ev::KeyboardEvent| {
        let key = e.key();
        let steps = key.chars().nth(1).is_none() && key != " "
            || matches!(
                key.as_str(),
                "ArrowUp" | "ArrowDown" | "Home" | "End" | "PageUp" | "PageDown"
            );
        if !steps || e.alt_key() || e.ctrl_key() || e.meta_key() {
            return;
        }
        let Some(select) = e.current_target() else {
            return;
        };
        let open = js_sys::Reflect::get(&select, &"showPicker".into())
            .ok()
            .and_then(|f| wasm_bindgen::JsCast::dyn_into::<js_sys::Function>(f).ok());
        if let Some(open) = open {
            e.prevent_default();
            let _ = open.call0(&select);
        }
    };
    view! {
        <label class="layout-choice">
            <span class="visually-hidden">"Export"</span>
            <select id="export" on:change=handler(on_change) on:keydown=handler(on_key) prop:value="" disabled=move || languages.with(Vec::is_empty)>
                <option value="" disabled selected>"Export…"</option>
                {move || formats(&languages.get()).into_iter().map(|(value, label)| view! {
                    <option value=value>{label}</option>
                }).collect_view()}
            </select>
        </label>
    }
}

part! {
    export (app only):
    /// Writes the loaded transcript as `choice` (a value of [`formats`]) and hands it to the
    /// browser to save (the writers are a download of their own: `app::parts`).
    fn save_as(player: Player, choice: String) {
        let timeline = player.timeline.get_untracked();
        let sentences = player.sentences.get_untracked();
        let written = player.loaded.with_untracked(|l| {
            let (l, timeline) = (l.as_ref()?, timeline.as_ref()?);
            let stem = join::file_stem(&l.name);
            // A cue a sentence, timed as the player times them (by the audio's pauses where it
            // has listened; estimated while a long transcript is still being split).
            let by_sentence = || {
                let cut = export::by_sentence(&l.doc, timeline, sentences.as_deref());
                let timeline = Timeline::new(&cut, None);
                (cut, timeline)
            };
            let (text, name, mime) = match choice.as_str() {
                "vtt" => (
                    export::to_vtt(&l.doc, timeline),
                    format!("{stem}.vtt"),
                    "text/vtt",
                ),
                "srt" => (
                    export::to_srt(&l.doc, timeline),
                    format!("{stem}.srt"),
                    "application/x-subrip",
                ),
                "vtt-sentences" => {
                    let (cut, timeline) = by_sentence();
                    let text = export::to_vtt(&cut, &timeline);
                    (text, format!("{stem}.sentences.vtt"), "text/vtt")
                }
                "srt-sentences" => {
                    let (cut, timeline) = by_sentence();
                    let text = export::to_srt(&cut, &timeline);
                    (text, format!("{stem}.sentences.srt"), "application/x-subrip")
                }
                "md" => (
                    export::to_bilingual(&l.doc, timeline),
                    format!("{stem}.md"),
                    "text/markdown",
                ),
                other => {
                    let lang = Lang::from_code(other.strip_prefix("json-")?)?;
                    let name = format!("{stem}.{}.json", lang.code());
                    (
                        export::to_podcast_json(&l.doc, timeline, lang),
                        name,
                        "application/json",
                    )
                }
            };
            Some((text, name, mime))
        });
        if let Some((text, name, mime)) = written {
            if download(&name, &format!("{mime};charset=utf-8"), &text) {
                player.say(MessageKind::Info, format!("Saved {}", isolated(&name)));
            } else {
                player.say(
                    MessageKind::Error,
                    format!("{} could not be saved", isolated(&name)),
                );
            }
        }
    }
}
