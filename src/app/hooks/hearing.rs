//! Listening to the audio to time the sentences: the audio is fetched again (from the cache, or
//! from memory for a dropped file) and folded into a loudness envelope in slices that yield to the
//! page between them — WAV read directly, MP3 decoded by the browser a slice of frames at a time
//! (`core::audio_file` says why), other formats decoded whole when short. The core finds the
//! pauses and moves the estimated boundaries to them.
//!
//! Audio that cannot be read — another origin without CORS, a format the browser cannot decode —
//! leaves the estimate in place, silently: nothing is wrong, only less precise.

use std::sync::Arc;

use leptos::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

use crate::app::state::{Heard, Player, SentenceTiming};
use crate::core::audio_file::{mp3_frame_offset, sniff, AudioFile, WavFormat};
use crate::core::pauses::{find_pauses, Envelope};
use crate::core::sentence_timeline::SentenceTimeline;
use crate::core::Millis;

/// The rate the browser decodes to: low, since only loudness matters.
const SAMPLE_RATE: f32 = 4_000.0;
/// Samples folded per slice before yielding to the page (a few milliseconds of work).
const SLICE: usize = 1 << 16;
/// Bytes of MP3 decoded at a time: a minute at 128 kbit/s, about 20 MB once decoded.
const MP3_SLICE: usize = 1 << 20;
/// Enough of the file's start to recognise it.
const HEAD: usize = 1 << 16;
/// Formats we cannot slice are decoded whole only up to this length (a 15-minute 48 kHz stereo
/// file decodes to about 350 MB in the browser); longer ones keep the estimate.
const WHOLE_DECODE_LIMIT: Millis = Millis(15 * 60 * 1000);

/// Listens whenever a transcript and an audio source are both there and not yet heard together.
pub fn use_hearing(player: Player) {
    // What is being listened to now: a second trigger for the same pair must not start another.
    let under_way: StoredValue<Option<(u64, String)>> = StoredValue::new(None);
    Effect::new(move |_| {
        let key = player.loaded.with(|l| l.as_ref().map(|l| l.key));
        let source = player.clock.source.get();
        let duration = player.clock.audio_duration();
        let (Some(key), Some(source), Some(duration)) = (key, source, duration) else {
            player.sentence_timing.set(SentenceTiming::Estimated);
            return;
        };
        let done = player.heard.with_untracked(|h| {
            h.as_ref()
                .is_some_and(|h| h.key == key && h.audio == source)
        });
        if done {
            player.sentence_timing.set(SentenceTiming::Heard);
            return;
        }
        let pair = Some((key, source.clone()));
        if under_way.with_value(|u| *u == pair) {
            return;
        }
        under_way.set_value(pair);
        player.sentence_timing.set(SentenceTiming::Listening);
        leptos::task::spawn_local(async move {
            let heard = hear(player, key, &source, duration).await;
            under_way.set_value(None);
            // Still the same transcript and audio? Otherwise a newer listening is under way.
            let current = player.loaded.with_untracked(|l| l.as_ref().map(|l| l.key)) == Some(key)
                && player.clock.source.get_untracked().as_deref() == Some(source.as_str());
            if !current {
                return;
            }
            match heard {
                Some(heard) => {
                    player.heard.set(Some(Arc::new(heard)));
                    player.sentence_timing.set(SentenceTiming::Heard);
                }
                None => player.sentence_timing.set(SentenceTiming::Estimated),
            }
        });
    });
}

async fn hear(player: Player, key: u64, source: &str, duration: Millis) -> Option<Heard> {
    let response: web_sys::Response = JsFuture::from(window().fetch_with_str(source))
        .await
        .ok()?
        .dyn_into()
        .ok()?;
    if !response.ok() {
        return None;
    }
    // The file stays in JavaScript's memory; only slices of it visit WebAssembly's.
    let file: js_sys::ArrayBuffer = JsFuture::from(response.array_buffer().ok()?)
        .await
        .ok()?
        .dyn_into()
        .ok()?;
    let bytes = js_sys::Uint8Array::new(&file);
    let total = bytes.length() as usize;
    let head = bytes.subarray(0, total.min(HEAD) as u32).to_vec();
    let envelope = match sniff(&head, total) {
        AudioFile::Wav(format) => fold_wav(&bytes, &format).await,
        AudioFile::Mp3 { audio } => fold_mp3(&file, &bytes, audio, duration).await?,
        AudioFile::Other if duration <= WHOLE_DECODE_LIMIT => {
            let decoded = decode(&file.slice(0)).await?;
            let mut envelope = Envelope::new(decoded.sample_rate() as u32);
            fold_decoded(&decoded, &mut envelope).await;
            envelope
        }
        AudioFile::Other => return None,
    };
    let pauses = find_pauses(&envelope);
    let (starts, sentences) = player.loaded.with_untracked(|l| {
        let doc = &l.as_ref()?.doc;
        Some(SentenceTimeline::heard(doc, Some(duration), &pauses))
    })?;
    Some(Heard {
        key,
        audio: source.to_owned(),
        starts,
        sentences,
    })
}

/// WAV: its PCM read here, a slice at a time.
async fn fold_wav(bytes: &js_sys::Uint8Array, format: &WavFormat) -> Envelope {
    let mut envelope = Envelope::new(format.sample_rate);
    let step = SLICE * format.frame_bytes().max(1);
    let mut mono = Vec::with_capacity(SLICE);
    let mut at = format.data.start;
    while at < format.data.end {
        let end = (at + step).min(format.data.end);
        mono.clear();
        format.mix_down(&bytes.subarray(at as u32, end as u32).to_vec(), &mut mono);
        envelope.push(&mono);
        at = end;
        yield_to_page().await;
    }
    envelope
}

/// MP3: cut at frame boundaries into slices of about `MP3_SLICE` bytes, each decoded on its own
/// and placed in time by where it starts in the file (exact for constant bit rates, which
/// podcasts use; close for variable ones).
async fn fold_mp3(
    file: &js_sys::ArrayBuffer,
    bytes: &js_sys::Uint8Array,
    audio: std::ops::Range<usize>,
    duration: Millis,
) -> Option<Envelope> {
    let mut envelope = Envelope::new(SAMPLE_RATE as u32);
    let span = audio.len().max(1) as u64;
    let mut at = audio.start;
    while at < audio.end {
        let mut end = (at + MP3_SLICE).min(audio.end);
        if end < audio.end {
            let window = bytes
                .subarray(end as u32, (end + 8_192).min(audio.end) as u32)
                .to_vec();
            end += mp3_frame_offset(&window).unwrap_or(0);
        }
        envelope.continue_at(Millis(duration.0 * (at - audio.start) as u64 / span));
        let decoded = decode(&file.slice_with_end(at as u32, end as u32)).await?;
        fold_decoded(&decoded, &mut envelope).await;
        at = end;
    }
    Some(envelope)
}

/// Decodes `data` (which the browser takes over) to mono-mixable samples at `SAMPLE_RATE`.
async fn decode(data: &js_sys::ArrayBuffer) -> Option<web_sys::AudioBuffer> {
    let context =
        web_sys::OfflineAudioContext::new_with_number_of_channels_and_length_and_sample_rate(
            1,
            1,
            SAMPLE_RATE,
        )
        .ok()?;
    JsFuture::from(context.decode_audio_data(data).ok()?)
        .await
        .ok()?
        .dyn_into()
        .ok()
}

/// Folds a decoded buffer into `envelope`, its channels mixed down, a slice at a time.
async fn fold_decoded(decoded: &web_sys::AudioBuffer, envelope: &mut Envelope) {
    let channels = decoded.number_of_channels().max(1);
    let length = decoded.length() as usize;
    let mut mixed = vec![0f32; SLICE];
    let mut channel = vec![0f32; SLICE];
    let mut at = 0usize;
    while at < length {
        let n = SLICE.min(length - at);
        mixed[..n].fill(0.0);
        for c in 0..channels {
            if decoded
                .copy_from_channel_with_start_in_channel(&mut channel[..n], c as i32, at as u32)
                .is_ok()
            {
                for (m, s) in mixed[..n].iter_mut().zip(&channel[..n]) {
                    *m += s / channels as f32;
                }
            }
        }
        envelope.push(&mixed[..n]);
        at += n;
        yield_to_page().await;
    }
}

/// Lets the page handle input and paint before the next slice.
async fn yield_to_page() {
    let tick = js_sys::Promise::new(&mut |resolve, _| {
        let _ = window().set_timeout_with_callback(&resolve);
    });
    let _ = JsFuture::from(tick).await;
}
