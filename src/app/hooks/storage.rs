//! Remembering across visits: settings, the position in each transcript, the last transcript.
//!
//! `localStorage` may be missing, disabled or full (private windows, quotas): every call here
//! degrades to "not remembered", never to an error. Stored data that does not parse (corrupt, or
//! from another version) is ignored.

use crate::app::state::Settings;
use crate::core::Millis;

const SETTINGS: &str = "interlinear.settings.v1";
const LAST_TRANSCRIPT: &str = "interlinear.last.v1";
const POSITION_PREFIX: &str = "interlinear.position.v1.";
/// Transcripts larger than this are not kept for the next visit (the quota is about 5 MB).
const MAX_REMEMBERED_BYTES: usize = 2_000_000;

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

/// The last transcript the user loaded themselves: (file name, text).
pub fn load_last_transcript() -> Option<(String, String)> {
    get(LAST_TRANSCRIPT).and_then(|s| serde_json::from_str(&s).ok())
}

/// Whether a transcript of `bytes` bytes is small enough to be kept for the next visit.
pub fn may_remember(bytes: usize) -> bool {
    bytes <= MAX_REMEMBERED_BYTES
}

pub fn save_last_transcript(name: &str, text: &str) {
    if may_remember(text.len()) {
        if let Ok(json) = serde_json::to_string(&(name, text)) {
            set(LAST_TRANSCRIPT, &json);
        }
    }
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
