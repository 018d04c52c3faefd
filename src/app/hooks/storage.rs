//! Remembering across visits: settings, the position and the A–B loop in each transcript
//! (`localStorage`), the last transcript and the last audio file the user opened (the Cache
//! API).
//!
//! `localStorage` may be missing, disabled or full (private windows, quotas): every call here
//! degrades to "not remembered", never to an error. Stored data that cannot be used (damaged, or
//! kept by an earlier version) is deleted, and the caller is handed a [`Discarded`] to tell the
//! user, so it is said once, not on every visit.

use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

use leptos::prelude::*;

use crate::app::erased::effect;
use crate::app::hooks::listen::listen;
use crate::app::state::{Player, Settings};
use crate::core::Millis;

const SETTINGS: &str = "interlinear.settings.v1";
const OLD_LAST_TRANSCRIPT: &str = "interlinear.last.v1";
const KEPT_CACHE: &str = "interlinear.last.v2";
/// Where in that cache the transcript and the audio are kept (addresses of this site that serve
/// nothing).
const LAST_TRANSCRIPT_URL: &str = "/.interlinear/last-transcript";
const LAST_AUDIO_URL: &str = "/.interlinear/last-audio";
const NAME_HEADER: &str = "x-interlinear-name";
const POSITION_PREFIX: &str = "interlinear.position.v1.";
const LOOP_PREFIX: &str = "interlinear.loop.v1.";
const ENCODING_PREFIX: &str = "interlinear.encoding.v1.";
const FRAME_RATE_PREFIX: &str = "interlinear.frame-rate.v1.";
const SHIFT_PREFIX: &str = "interlinear.shift.v1.";
/// Transcripts larger than this are not kept for the next visit.
const MAX_REMEMBERED_BYTES: usize = 50_000_000;
/// Nor audio files larger than this (an episode of two hours as MP3 is about 120 MB).
const MAX_REMEMBERED_AUDIO_BYTES: f64 = 500e6;

/// Stored state that could not be used and was deleted; the sentence says so to the user.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Discarded(pub &'static str);

fn storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok().flatten()
}

fn get(key: &str) -> Option<String> {
    storage()?.get_item(key).ok().flatten()
}

fn set(key: &str, value: &str) {
    if let Some(s) = storage() {
        let _ = s.set_item(key, value);
    }
}

/// The settings of the last visit (settings missing from them, added since, take their default).
pub fn load_settings() -> Result<Settings, Discarded> {
    let Some(stored) = get(SETTINGS) else {
        return Ok(Settings::default());
    };
    Settings::from_json(&stored).ok_or_else(|| {
        remove(SETTINGS);
        Discarded("The saved settings could not be read (damaged, or from another version), so the defaults are used.")
    })
}

fn remove(key: &str) {
    if let Some(s) = storage() {
        let _ = s.remove_item(key);
    }
}

pub fn save_settings(settings: &Settings) {
    set(SETTINGS, &settings.to_json());
}

/// The last transcript the user loaded themselves: its name and its bytes as they were read
/// (any encoding), then those of each transcript joined to it, from the Cache API —
/// asynchronous and off the page's thread, where a `localStorage` write of a megabyte holds the
/// page for a tenth of a second, and without its 5 MB quota. None where the Cache API is missing
/// (a page not served over https) or empty.
pub async fn load_last_transcript() -> Result<Vec<(String, Vec<u8>)>, Discarded> {
    let Some(cache) = kept_cache().await else {
        return Ok(Vec::new());
    };
    let Some(response) = kept(&cache, LAST_TRANSCRIPT_URL).await else {
        // An earlier version kept it in localStorage, in a shape not read any more.
        if get(OLD_LAST_TRANSCRIPT).is_some() {
            remove(OLD_LAST_TRANSCRIPT);
            return Err(Discarded("The transcript an earlier version kept could not be restored: please open it again."));
        }
        return Ok(Vec::new());
    };
    let mut files = Vec::new();
    let mut next = Some(response);
    while let Some(response) = next {
        let Some(file) = read_kept(response).await else {
            forget_last_transcript().await;
            return Err(LAST_TRANSCRIPT_DAMAGED);
        };
        files.push(file);
        next = kept(&cache, &kept_url(files.len())).await;
    }
    Ok(files)
}

/// Where the `k`th file of the last transcript is kept: the transcript (0), then each joined to
/// it.
fn kept_url(k: usize) -> String {
    match k {
        0 => LAST_TRANSCRIPT_URL.to_owned(),
        k => format!("{LAST_TRANSCRIPT_URL}/joined/{k}"),
    }
}

/// What is said when the kept transcript cannot be used.
const LAST_TRANSCRIPT_DAMAGED: Discarded =
    Discarded("The last transcript could not be restored: its stored copy is damaged.");

async fn read_kept(response: web_sys::Response) -> Option<(String, Vec<u8>)> {
    let name = kept_name(&response)?;
    let body = JsFuture::from(response.array_buffer().ok()?).await.ok()?;
    Some((name, js_sys::Uint8Array::new(&body).to_vec()))
}

/// Deletes the kept transcript (it could not be shown), and those joined to it.
pub async fn forget_last_transcript() {
    forget(LAST_TRANSCRIPT_URL).await;
    forget_joined_from(1).await;
}

/// Deletes the kept transcripts joined to the last one from the `k`th on.
async fn forget_joined_from(mut k: usize) {
    while forget(&kept_url(k)).await {
        k += 1;
    }
}

/// Keeps `files` (names and bodies: a transcript, then those joined to it) as the last
/// transcript (see [`load_last_transcript`]); silently does nothing where it cannot.
pub async fn save_last_transcript(files: &[(String, web_sys::Blob)]) {
    for (k, (name, body)) in files.iter().enumerate() {
        keep(&kept_url(k), name, body).await;
    }
    // Those joined to the one kept before.
    forget_joined_from(files.len()).await;
    // What an earlier version kept in localStorage is not read any more: free its space.
    remove(OLD_LAST_TRANSCRIPT);
}

/// Whether a transcript of `bytes` bytes is kept for the next visit.
pub fn may_remember(bytes: usize) -> bool {
    bytes <= MAX_REMEMBERED_BYTES
}

/// The audio file the user opened last, by name, as a Blob: not copied into the WebAssembly's
/// memory, where an episode's hundred megabytes would stay. `Ok(None)` where none is kept; a
/// kept one that cannot be read is deleted.
pub async fn load_last_audio() -> Result<Option<(String, web_sys::Blob)>, Discarded> {
    let Some(cache) = kept_cache().await else {
        return Ok(None);
    };
    let Some(response) = kept(&cache, LAST_AUDIO_URL).await else {
        return Ok(None);
    };
    let read = async {
        let name = kept_name(&response)?;
        let body = JsFuture::from(response.blob().ok()?).await.ok()?;
        Some((name, body.unchecked_into()))
    };
    match read.await {
        Some(kept) => Ok(Some(kept)),
        None => {
            forget_last_audio().await;
            Err(Discarded("The audio file kept from your last visit could not be restored: please open it again."))
        }
    }
}

/// Keeps `file` as the last audio, unless it is too large; silently does nothing where it
/// cannot (storage refused or full). The audio kept before goes either way: the next visit
/// must not play an earlier episode's.
pub async fn save_last_audio(file: &web_sys::File) {
    forget_last_audio().await;
    if file.size() <= MAX_REMEMBERED_AUDIO_BYTES {
        keep(LAST_AUDIO_URL, &file.name(), file).await;
    }
}

/// Deletes the kept audio (it no longer plays).
pub async fn forget_last_audio() {
    forget(LAST_AUDIO_URL).await;
}

async fn kept_cache() -> Option<web_sys::Cache> {
    let caches = web_sys::window()?.caches().ok()?;
    let cache = JsFuture::from(caches.open(KEPT_CACHE)).await.ok()?;
    cache.dyn_into().ok()
}

/// What is kept at `url`, if anything.
async fn kept(cache: &web_sys::Cache, url: &str) -> Option<web_sys::Response> {
    let found = JsFuture::from(cache.match_with_str(url)).await.ok()?;
    found.dyn_into().ok()
}

/// The name of the file kept in `response`.
fn kept_name(response: &web_sys::Response) -> Option<String> {
    let name = response.headers().get(NAME_HEADER).ok().flatten()?;
    js_sys::decode_uri_component(&name).ok()?.as_string()
}

/// Keeps `body`, a file named `name`, at `url`.
async fn keep(url: &str, name: &str, body: &web_sys::Blob) {
    let Some(cache) = kept_cache().await else {
        return;
    };
    let Ok(headers) = web_sys::Headers::new() else {
        return;
    };
    // Header values are Latin-1: the name (any script) goes percent-encoded.
    let encoded: String = js_sys::encode_uri_component(name).into();
    if headers.set(NAME_HEADER, &encoded).is_err() {
        return;
    }
    let init = web_sys::ResponseInit::new();
    init.set_headers(&headers);
    if let Ok(response) = web_sys::Response::new_with_opt_blob_and_init(Some(body), &init) {
        let _ = JsFuture::from(cache.put_with_str(url, &response)).await;
    }
}

/// Deletes what is kept at `url`; whether there was something.
async fn forget(url: &str) -> bool {
    let Some(cache) = kept_cache().await else {
        return false;
    };
    let deleted = JsFuture::from(cache.delete_with_str(url)).await;
    deleted.is_ok_and(|d| d.is_truthy())
}

/// Where the user was in the transcript whose content key is `key`, if they were there before.
pub fn load_position(key: u64) -> Result<Option<Millis>, Discarded> {
    let name = position_key(key);
    let Some(stored) = get(&name) else {
        return Ok(None);
    };
    match stored.parse() {
        Ok(ms) => Ok(Some(Millis(ms))),
        Err(_) => {
            remove(&name);
            Err(Discarded("The saved place in this transcript could not be read, so it starts at the beginning."))
        }
    }
}

pub fn save_position(key: u64, at: Millis) {
    set(&position_key(key), &at.0.to_string());
}

/// Saves the place in the transcript shown whenever the active turn changes or playback pauses,
/// and as the page is left or hidden (a tab closed while playing, a phone switching apps, which
/// may end the page without another word): in a turn of minutes, the place reached in it, not
/// its start.
pub fn remember_position(player: Player) {
    let save = move || {
        if let Some(key) = player.shown_key() {
            save_position(key, player.clock.time.get_untracked());
        }
    };
    effect(move || {
        // Subscribed to these two; the time itself changes too often to save on every change.
        player.active.track();
        player.clock.playing.track();
        save();
    });
    listen(&window(), "pagehide", false, move |_: web_sys::Event| {
        save()
    });
    listen(
        &document(),
        "visibilitychange",
        false,
        move |_: web_sys::Event| {
            if document().hidden() {
                save();
            }
        },
    );
}

fn position_key(key: u64) -> String {
    format!("{POSITION_PREFIX}{key:016x}")
}

/// The A–B loop kept for the transcript whose content key is `key` and which has `turns`
/// turns: its first and last turn.
pub fn load_loop(key: u64, turns: usize) -> Result<Option<(usize, usize)>, Discarded> {
    let name = loop_key(key);
    let Some(stored) = get(&name) else {
        return Ok(None);
    };
    let ends = stored
        .split_once('-')
        .and_then(|(a, b)| Some((a.parse().ok()?, b.parse().ok()?)))
        .filter(|&(a, b): &(usize, usize)| a <= b && b < turns);
    if ends.is_none() {
        remove(&name);
        return Err(Discarded(
            "The loop kept for this transcript could not be read, so it is cleared.",
        ));
    }
    Ok(ends)
}

/// Keeps the A–B loop of the transcript shown, for the next visit (each transcript its own), or
/// forgets it once it is cleared.
pub fn remember_loop(player: Player) {
    effect(move || {
        let ends = player.loop_range.get();
        let Some(key) = player.shown_key() else {
            return;
        };
        match ends {
            (Some(a), Some(b)) => set(&loop_key(key), &format!("{a}-{b}")),
            _ => remove(&loop_key(key)),
        }
    });
}

fn loop_key(key: u64) -> String {
    format!("{LOOP_PREFIX}{key:016x}")
}

/// What the user chose for how a file is read, kept by its content key for every later reading.
#[derive(Clone, Copy)]
pub enum Chosen {
    /// The legacy encoding it is in (its label).
    Encoding,
    /// The frame rate a MicroDVD file's frames are read at.
    FrameRate,
    /// How far its times are moved to be in step with its audio (milliseconds, later if
    /// positive).
    Shift,
}

/// What the user chose (`what`) for the file whose content key is `key`, if they chose.
pub fn load_chosen(what: Chosen, key: u64) -> Option<String> {
    get(&chosen_key(what, key))
}

pub fn save_chosen(what: Chosen, key: u64, value: &str) {
    set(&chosen_key(what, key), value);
}

fn chosen_key(what: Chosen, key: u64) -> String {
    let prefix = match what {
        Chosen::Encoding => ENCODING_PREFIX,
        Chosen::FrameRate => FRAME_RATE_PREFIX,
        Chosen::Shift => SHIFT_PREFIX,
    };
    format!("{prefix}{key:016x}")
}
