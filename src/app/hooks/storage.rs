//! Remembering across visits: settings and the position in each transcript (`localStorage`), the
//! last transcript (the Cache API).
//!
//! `localStorage` may be missing, disabled or full (private windows, quotas): every call here
//! degrades to "not remembered", never to an error. Stored data that does not parse (corrupt, or
//! from another version) is ignored.

use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

use crate::app::state::Settings;
use crate::core::Millis;

const SETTINGS: &str = "interlinear.settings.v1";
const OLD_LAST_TRANSCRIPT: &str = "interlinear.last.v1";
const LAST_TRANSCRIPT_CACHE: &str = "interlinear.last.v2";
/// Where in that cache the transcript is kept (an address of this site that serves nothing).
const LAST_TRANSCRIPT_URL: &str = "/.interlinear/last-transcript";
const NAME_HEADER: &str = "x-interlinear-name";
const POSITION_PREFIX: &str = "interlinear.position.v1.";
/// Transcripts larger than this are not kept for the next visit.
const MAX_REMEMBERED_BYTES: usize = 50_000_000;

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

pub fn load_settings() -> Settings {
    get(SETTINGS)
        .and_then(|s| serde_json::from_str(&s).ok())
        .unwrap_or_default()
}

pub fn save_settings(settings: &Settings) {
    if let Ok(json) = serde_json::to_string(settings) {
        set(SETTINGS, &json);
    }
}

/// The last transcript the user loaded themselves: its name and its bytes as they were read
/// (any encoding), from the Cache API — asynchronous and off the page's thread, where a
/// `localStorage` write of a megabyte holds the page for a tenth of a second, and without its
/// 5 MB quota. `None` where the Cache API is missing (a page not served over https) or empty.
pub async fn load_last_transcript() -> Option<(String, Vec<u8>)> {
    let cache = last_transcript_cache().await?;
    let found = JsFuture::from(cache.match_with_str(LAST_TRANSCRIPT_URL))
        .await
        .ok()?;
    let response: web_sys::Response = found.dyn_into().ok()?;
    let name = response.headers().get(NAME_HEADER).ok().flatten()?;
    let name = js_sys::decode_uri_component(&name).ok()?.as_string()?;
    let body = JsFuture::from(response.array_buffer().ok()?).await.ok()?;
    Some((name, js_sys::Uint8Array::new(&body).to_vec()))
}

/// Keeps `body` as the last transcript (see [`load_last_transcript`]); silently does nothing
/// where it cannot.
pub async fn save_last_transcript(name: &str, body: &js_sys::Uint8Array) {
    let Some(cache) = last_transcript_cache().await else {
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
    if let Ok(response) = web_sys::Response::new_with_opt_buffer_source_and_init(Some(body), &init)
    {
        let _ = JsFuture::from(cache.put_with_str(LAST_TRANSCRIPT_URL, &response)).await;
    }
    // What an earlier version kept in localStorage is not read any more: free its space.
    if let Some(s) = storage() {
        let _ = s.remove_item(OLD_LAST_TRANSCRIPT);
    }
}

/// Whether a transcript of `bytes` bytes is kept for the next visit.
pub fn may_remember(bytes: usize) -> bool {
    bytes <= MAX_REMEMBERED_BYTES
}

async fn last_transcript_cache() -> Option<web_sys::Cache> {
    let caches = web_sys::window()?.caches().ok()?;
    let cache = JsFuture::from(caches.open(LAST_TRANSCRIPT_CACHE))
        .await
        .ok()?;
    cache.dyn_into().ok()
}

pub fn load_position(key: u64) -> Option<Millis> {
    get(&format!("{POSITION_PREFIX}{key:016x}"))
        .and_then(|s| s.parse().ok())
        .map(Millis)
}

pub fn save_position(key: u64, at: Millis) {
    set(&format!("{POSITION_PREFIX}{key:016x}"), &at.0.to_string());
}

/// A stable key for "this transcript", whatever its name: FNV-1a's step over the bytes eight at
/// a time (a 10 MB transcript is hashed in a few milliseconds, not tens).
pub fn content_key(bytes: &[u8]) -> u64 {
    let step = |h: u64, word: u64| (h ^ word).wrapping_mul(0x0100_0000_01b3);
    let mut words = bytes.chunks_exact(8);
    let h = words.by_ref().fold(0xcbf2_9ce4_8422_2325u64, |h, w| {
        step(h, u64::from_le_bytes(w.try_into().unwrap_or_default()))
    });
    let tail = words
        .remainder()
        .iter()
        .fold(h, |h, &b| step(h, u64::from(b)));
    step(tail, bytes.len() as u64)
}
