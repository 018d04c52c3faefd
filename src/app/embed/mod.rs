//! `<interlinear-transcript>`: the transcript embedded in a host page, following the page's own
//! audio player.
//!
//! The custom element itself is a few lines of JavaScript (`embed/interlinear-embed.js`): it
//! attaches a shadow root and calls [`mount_transcript`], and forwards its methods and attribute
//! changes to the [`EmbedHandle`] it gets back. Everything else is here. Each element is its own
//! Leptos root with its own [`Player`]: instances never share state, and removing one (dropping
//! its handle) removes every listener it put on the host page.

mod events;
mod host_audio;
mod options;
mod page_theme;

use std::cell::RefCell;
use std::rc::Rc;

use leptos::prelude::*;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

use crate::app::components::embedded_transcript::EmbeddedTranscript;
use crate::app::hooks::{deep_link::use_deep_link, loader};
use crate::app::state::Player;
use crate::core::{decimal, parse_moment, Millis};
pub use options::{AudioSource, EmbedOptions};

/// What the element's JavaScript holds: the running transcript. Dropping it (`free()`, when the
/// element leaves the page) unmounts it.
#[wasm_bindgen]
pub struct EmbedHandle {
    live: Live,
    options: RefCell<EmbedOptions>,
    _mounted: Box<dyn std::any::Any>,
}

/// The reactive handles the methods reach (`Copy`).
#[derive(Clone, Copy)]
struct Live {
    player: Player,
    height: RwSignal<String>,
}

/// Mounts a transcript in `shadow`, configured by `host`'s attributes; `inline` is the transcript
/// written inside the element, if any.
#[wasm_bindgen(js_name = mountTranscript)]
pub fn mount_transcript(
    host: web_sys::HtmlElement,
    shadow: web_sys::ShadowRoot,
    inline: Option<String>,
) -> Result<EmbedHandle, JsValue> {
    let options = EmbedOptions::read(|name| host.get_attribute(name), &mut |m| warn(&m));
    let container = document().create_element("div")?;
    container.set_class_name("mount");
    shadow.append_child(&container)?;

    let audio_source = options.audio.clone();
    let own_audio = match &options.audio {
        AudioSource::Own(url) => Some(url.clone()),
        _ => None,
    };
    let live_cell: Rc<RefCell<Option<Live>>> = Rc::default();
    let settings = options.settings;
    let listen = options.listen;
    let languages = options.languages.clone();
    let height_value = options.height.clone();
    let events_host = host.clone();
    let cell = live_cell.clone();
    let mounted = leptos::mount::mount_to(container.unchecked_into(), move || {
        let player = Player::new(settings, false);
        player.languages.set(languages);
        player.listen.set(listen);
        provide_context(player);
        let height = RwSignal::new(height_value);
        *cell.borrow_mut() = Some(Live { player, height });
        use_deep_link(player);
        host_audio::follow_host_audio(player, events_host.clone(), audio_source);
        let page_dark = page_theme::use_page_dark(events_host.clone().into());
        events::announce(player, events_host);
        view! { <EmbeddedTranscript height=height own_audio=own_audio page_dark=page_dark/> }
    });
    let live = live_cell
        .borrow_mut()
        .take()
        .ok_or("the transcript did not mount")?;
    let player = live.player;
    match (inline, options.src.clone()) {
        (Some(text), _) => {
            loader::show_transcript(player, "the inline transcript", text.as_bytes(), false);
        }
        (None, Some(url)) => leptos::task::spawn_local(async move {
            loader::fetch_transcript(player, url).await;
        }),
        (None, None) => player.say_not_shown(
            None,
            "No transcript: give the element a src or put the transcript inside it (embed.html: add ?transcript=URL to its address)",
        ),
    }
    Ok(EmbedHandle {
        live,
        options: RefCell::new(options),
        _mounted: Box::new(mounted),
    })
}

#[wasm_bindgen]
impl EmbedHandle {
    /// Moves to `at` (the host's audio too, when it leads): seconds, or a moment as a link
    /// writes it ("5:30", "330", "5m30s"). A time before the start is the start, one past the
    /// end the end, as the audio element takes them.
    pub fn seek(&self, at: JsValue) {
        let written = at.as_string();
        let t = match &written {
            Some(written) => parse_moment(written),
            // (Not `clamp`: its assertion formats floats, which would ship the standard
            // library's code; and `max` takes NaN, which is no time, for the start.)
            None => at
                .as_f64()
                .filter(|seconds| !seconds.is_nan())
                .and_then(|s| Millis::from_secs_f64(s.max(0.0).min(Millis::LATEST.as_secs_f64()))),
        };
        match t {
            Some(t) => {
                self.live.player.follow_paused.set(false);
                self.live.player.clock.seek(t);
            }
            None => {
                let written = match (written, at.as_f64()) {
                    (Some(text), _) => format!("\"{text}\""),
                    (None, Some(seconds)) => decimal::trimmed(seconds, 3),
                    (None, None) => "…".to_owned(),
                };
                warn(&format!(
                    "seek({written}): not a time (seconds, or a moment such as \"5:30\")"
                ))
            }
        }
    }

    pub fn play(&self) {
        self.live.player.clock.play();
    }

    pub fn pause(&self) {
        self.live.player.clock.pause();
    }

    /// Loads another transcript: a string with a line break or a space (no address has one) is
    /// its text, another string its address, a `Blob` or `File` its bytes. Resolves to whether
    /// it is shown now (if not, the element says why and keeps the transcript it had).
    pub fn load(&self, source: JsValue) -> js_sys::Promise {
        let player = self.live.player;
        wasm_bindgen_futures::future_to_promise(async move {
            let shown = if let Some(text) = source.as_string() {
                if text.trim().contains(char::is_whitespace) || text.trim().is_empty() {
                    loader::show_transcript(player, "the transcript", text.as_bytes(), false)
                } else {
                    loader::fetch_transcript(player, text.trim().to_owned()).await
                }
            } else if let Some(blob) = source.dyn_ref::<web_sys::Blob>() {
                let name = blob
                    .dyn_ref::<web_sys::File>()
                    .map_or_else(|| "the transcript".to_owned(), |f| f.name());
                let ticket = player.start_load();
                match JsFuture::from(blob.array_buffer()).await {
                    // Another transcript was asked for while this one was read.
                    _ if !player.still_wanted(ticket) => false,
                    Ok(buffer) => {
                        let bytes = js_sys::Uint8Array::new(&buffer).to_vec();
                        loader::show_transcript(player, &name, &bytes, false)
                    }
                    Err(_) => {
                        player.say_not_shown(Some(&name), "could not be read");
                        false
                    }
                }
            } else {
                player.say_not_shown(
                    None,
                    "load() takes a transcript's text, its address, or a File",
                );
                false
            };
            Ok(JsValue::from_bool(shown))
        })
    }

    /// The turn being said now: `{index, start, end, speaker, text: {en, zh, …}}`, or `null`.
    #[wasm_bindgen(getter, js_name = currentTurn)]
    pub fn current_turn(&self) -> JsValue {
        let player = self.live.player;
        player
            .active
            .get_untracked()
            .map_or(JsValue::NULL, |index| {
                events::turn_detail(player, Some(index), true)
            })
    }

    /// The time, in seconds.
    #[wasm_bindgen(getter, js_name = currentTime)]
    pub fn current_time(&self) -> f64 {
        self.live.player.clock.time.get_untracked().as_secs_f64()
    }

    /// How many turns the transcript has (0 before one is shown).
    #[wasm_bindgen(getter)]
    pub fn turns(&self) -> usize {
        self.live
            .player
            .loaded
            .with_untracked(|l| l.as_ref().map_or(0, |l| l.doc.turns.len()))
    }

    /// Applies a changed attribute (`layout`, `languages`, `theme`, `follow`, `height`,
    /// `listen`).
    #[wasm_bindgen(js_name = setOption)]
    pub fn set_option(&self, name: &str, value: Option<String>) {
        let mut options = self.options.borrow_mut();
        options.apply(name, value.as_deref(), &mut |m| warn(&m));
        let Live { player, height } = self.live;
        player.settings.set(options.settings);
        // Only if they changed: new languages render every row anew.
        if player.languages.with_untracked(|l| *l != options.languages) {
            player.languages.set(options.languages.clone());
        }
        player.listen.set(options.listen);
        height.set(options.height.clone());
    }
}

/// One console warning, marked as ours.
fn warn(message: &str) {
    web_sys::console::warn_1(&JsValue::from_str(&format!(
        "<interlinear-transcript>: {message}"
    )));
}
