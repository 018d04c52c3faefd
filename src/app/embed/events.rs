//! What the element tells its host page: DOM events on the element (`ready`, `turnchange`,
//! `timeupdate`, `error`), and one console warning per error. Details are plain objects.

use std::sync::Arc;

use leptos::prelude::*;
use wasm_bindgen::JsValue;

use crate::app::erased::effect;
use crate::app::state::{Layout, MessageKind, Player};
use crate::core::{Lang, Millis};

/// `timeupdate` is sent at most this often while playing (the host needs a clock, not a frame
/// counter), and whenever playback starts or stops.
const TIME_STEP_MS: u64 = 250;

/// Sends the element's events from `host` for as long as the player lives.
pub fn announce(player: Player, host: web_sys::HtmlElement) {
    let target = host.clone();
    // One effect for both, so a transcript's `ready` always comes before its first
    // `turnchange`. The transcript (its address) and turn announced last: none before the first
    // run, so a turn active from the start is announced too, and so is a new transcript's
    // current turn at the same index as the last one's.
    let mut announced: (usize, Option<usize>) = (0, None);
    effect(move || {
        let Some((shown, turns, title)) = player.loaded.with(|l| {
            l.as_ref().map(|l| {
                let shown = Arc::as_ptr(l) as usize;
                (shown, l.doc.turns.len(), l.doc.title.clone())
            })
        }) else {
            return;
        };
        let active = player.active.get();
        let new_transcript = shown != announced.0;
        if new_transcript {
            let detail = object(&[
                ("turns", JsValue::from_f64(turns as f64)),
                (
                    "title",
                    title.map_or(JsValue::NULL, |t| JsValue::from_str(&t)),
                ),
            ]);
            dispatch(&target, "ready", &detail);
        }
        if active != announced.1 || new_transcript && active.is_some() {
            dispatch(&target, "turnchange", &turn_detail(player, active, false));
        }
        announced = (shown, active);
    });
    // A language the page chose that the transcript lacks (mistyped, or another episode's): the
    // page's author is told, as of an attribute not understood. So of a layout of one language
    // it lacks (`layout="spanish"`), shown interleaved.
    effect(move || {
        player.loaded.with(|l| {
            let Some(l) = l else { return };
            let has = |lang: &Lang| l.doc.languages.contains(lang);
            player.languages.with(|chosen| {
                for lang in chosen.iter().flatten().filter(|&lang| !has(lang)) {
                    super::warn(&format!(
                        "languages: this transcript has no {}",
                        lang.name()
                    ));
                }
            });
            if let Layout::Only(lang) = player.settings.with(|s| s.layout) {
                if !has(&lang) {
                    super::warn(&format!(
                        "layout: this transcript has no {}, so it is shown interleaved",
                        lang.name()
                    ));
                }
            }
        })
    });
    let target = host.clone();
    let step = Memo::new(move |_| player.clock.time.get().0 / TIME_STEP_MS);
    effect(move || {
        // Read, not just tracked: a memo nobody has read has not subscribed to the time yet.
        let _ = step.get();
        let playing = player.clock.playing.get();
        let detail = object(&[
            (
                "currentTime",
                JsValue::from_f64(player.clock.time.get_untracked().as_secs_f64()),
            ),
            (
                "duration",
                JsValue::from_f64(untrack(|| player.clock.duration()).as_secs_f64()),
            ),
            ("paused", JsValue::from_bool(!playing)),
        ]);
        dispatch(&target, "timeupdate", &detail);
    });
    let seen = StoredValue::new(0u32);
    effect(move || {
        player.messages.with(|messages| {
            for m in messages.iter().filter(|m| m.id >= seen.get_value()) {
                if m.kind == MessageKind::Error {
                    // Without the marks that isolate a name on the page: a script matching or
                    // logging the reason gets its words alone.
                    let reason = m.text.replace(['\u{2068}', '\u{2069}'], "");
                    super::warn(&reason);
                    dispatch(
                        &host,
                        "error",
                        &object(&[("reason", JsValue::from_str(&reason))]),
                    );
                }
            }
            if let Some(last) = messages.last() {
                seen.set_value(seen.get_value().max(last.id + 1));
            }
        })
    });
}

/// `{index, start, end, speaker}` for turn `index` (all `null` in a gap), with `text` (each
/// language's plain text) when `with_text`.
pub fn turn_detail(player: Player, index: Option<usize>, with_text: bool) -> JsValue {
    let found = index.and_then(|index| {
        let span = player
            .timeline
            .with_untracked(|t| t.as_ref().map(|t| t.span(index)))?;
        player.loaded.with_untracked(|l| {
            let doc = &l.as_ref()?.doc;
            let turn = doc.turns.get(index)?;
            let speaker = turn.speaker.map(|s| doc.speakers[s as usize].clone());
            let text = with_text.then(|| {
                let pairs: Vec<(&str, JsValue)> = turn
                    .blocks
                    .iter()
                    .map(|b| (b.lang.code(), JsValue::from_str(&b.plain_text())))
                    .collect();
                object(&pairs)
            });
            Some((span.start, span.end, speaker, text))
        })
    });
    let seconds = |t: Millis| JsValue::from_f64(t.as_secs_f64());
    let fields = match (index, found) {
        (Some(index), Some((start, end, speaker, text))) => {
            let mut fields = vec![
                ("index", JsValue::from_f64(index as f64)),
                ("start", seconds(start)),
                ("end", seconds(end)),
                (
                    "speaker",
                    speaker.map_or(JsValue::NULL, |s| JsValue::from_str(&s)),
                ),
            ];
            fields.extend(text.map(|t| ("text", t)));
            fields
        }
        _ => ["index", "start", "end", "speaker"]
            .map(|k| (k, JsValue::NULL))
            .to_vec(),
    };
    object(&fields)
}

fn object(fields: &[(&str, JsValue)]) -> JsValue {
    let object = js_sys::Object::new();
    for (key, value) in fields {
        let _ = js_sys::Reflect::set(&object, &JsValue::from_str(key), value);
    }
    object.into()
}

fn dispatch(target: &web_sys::HtmlElement, name: &str, detail: &JsValue) {
    let init = web_sys::CustomEventInit::new();
    init.set_detail(detail);
    init.set_bubbles(true);
    if let Ok(event) = web_sys::CustomEvent::new_with_event_init_dict(name, &init) {
        let _ = target.dispatch_event(&event);
    }
}
