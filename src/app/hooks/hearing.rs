//! Listening to the audio to time the sentences: the audio is fetched again (from the cache, or
//! from memory for a dropped file), decoded by the browser off the main thread into mono at a low
//! rate, and folded into a loudness envelope in slices that yield to the page between them. The
//! core finds the pauses and moves the estimated boundaries to them.
//!
//! Audio that cannot be read — another origin without CORS, a format the browser cannot decode —
//! leaves the estimate in place, silently: nothing is wrong, only less precise.

use std::sync::Arc;

use leptos::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

use crate::app::state::{Heard, Player, SentenceTiming};
use crate::core::pauses::{find_pauses, Envelope};
use crate::core::sentence_timeline::SentenceTimeline;
use crate::core::Millis;

/// The rate the browser decodes to: the lowest it allows that keeps the voice's loudness (an hour
/// of mono is 14.4 million samples, 58 MB as 32-bit floats).
const SAMPLE_RATE: f32 = 4_000.0;
/// Samples folded per slice before yielding to the page (a few milliseconds of work).
const SLICE: usize = 1 << 16;

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
    let bytes: js_sys::ArrayBuffer = JsFuture::from(response.array_buffer().ok()?)
        .await
        .ok()?
        .dyn_into()
        .ok()?;
    let context =
        web_sys::OfflineAudioContext::new_with_number_of_channels_and_length_and_sample_rate(
            1,
            1,
            SAMPLE_RATE,
        )
        .ok()?;
    let decoded: web_sys::AudioBuffer = JsFuture::from(context.decode_audio_data(&bytes).ok()?)
        .await
        .ok()?
        .dyn_into()
        .ok()?;
    let envelope = fold(&decoded).await;
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

/// The decoded audio's envelope, its channels mixed down, a slice at a time.
async fn fold(decoded: &web_sys::AudioBuffer) -> Envelope {
    let channels = decoded.number_of_channels().max(1);
    let length = decoded.length() as usize;
    let mut envelope = Envelope::new(decoded.sample_rate() as u32);
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
    envelope
}

/// Lets the page handle input and paint before the next slice.
async fn yield_to_page() {
    let tick = js_sys::Promise::new(&mut |resolve, _| {
        let _ = window().set_timeout_with_callback(&resolve);
    });
    let _ = JsFuture::from(tick).await;
}
