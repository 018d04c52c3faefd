//! Listening to the audio to time the sentences: the audio is fetched again (from the cache, or
//! from memory for a dropped file) and folded into a loudness envelope in slices that yield to the
//! page between them — WAV read directly, MP3 decoded by the browser a slice of frames at a time
//! (`core::audio_file` says why), other formats decoded whole when short. The core finds the
//! pauses and moves the estimated boundaries to them.
//!
//! Audio fetched over the network is listened to only once it has been played. Listening reads
//! the whole file, and an episode is tens of megabytes: a visitor who only reads the transcript
//! must not download it, nor show up as a download of the episode in the podcast's statistics.
//! Played, the file is wanted anyway. Audio in memory (a dropped file) costs nothing to read
//! again and is listened to at once. A visitor who asks to save data (Save-Data, the browser's
//! data saver) is never made to download it twice, and a host page can turn listening off
//! altogether (an embed's `listen="false"`).
//!
//! Audio that cannot be read — another origin without CORS, a format the browser cannot decode —
//! leaves the estimate in place, silently: nothing is wrong, only less precise. The listening is a
//! part of the app of its own (`app::parts`), fetched when listening first starts; if it cannot
//! be fetched, the estimate stays the same way.

use std::sync::Arc;

use leptos::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

use crate::app::erased::effect;
use crate::app::hooks::pace::yield_to_page;
use crate::app::hooks::reflect::property;
use crate::app::hooks::stream::Chunks;
use crate::app::parts::part;
use crate::app::state::{Heard, Player, SentenceTiming};
use crate::core::audio_file::{mp3_frame_offset, mp3_time_at, sniff, AudioFile, WavFormat};
use crate::core::pauses::{find_pauses, Envelope};
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
    // The last source that has played (see the module's documentation).
    let played: RwSignal<Option<String>> = RwSignal::new(None);
    effect(move || {
        let source = player.clock.source.get();
        if player.clock.playing.get() && source.is_some() && played.with_untracked(|p| *p != source)
        {
            played.set(source);
        }
    });
    effect(move || {
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
        // Over the network: once played, and not for a visitor saving data.
        let not_yet = !in_memory(&source)
            && (saves_data() || played.with(|p| p.as_deref() != Some(source.as_str())));
        if !player.listen.get() || not_yet {
            player.sentence_timing.set(SentenceTiming::Estimated);
            return;
        }
        let pair = Some((key, source.clone()));
        if under_way.with_value(|u| *u == pair) {
            return;
        }
        under_way.set_value(pair);
        player.sentence_timing.set(SentenceTiming::Listening);
        leptos::task::spawn_local(async move {
            // Without the listening part (the connection dropped), the estimate stays, as for
            // audio that cannot be read.
            if listen(player, key, source, duration, under_way)
                .await
                .is_err()
            {
                under_way.set_value(None);
                player.sentence_timing.set(SentenceTiming::Estimated);
            }
        });
    });
}

/// Whether reading `source` again costs no download: a dropped file's object address, or the
/// bytes themselves.
fn in_memory(source: &str) -> bool {
    source.starts_with("blob:") || source.starts_with("data:")
}

/// Whether the visitor asked the browser to save data (`navigator.connection.saveData`, where the
/// browser has it).
fn saves_data() -> bool {
    property(&window().navigator(), "connection")
        .and_then(|connection| property(&connection, "saveData"))
        .is_some_and(|save| save.is_truthy())
}

part! {
    hearing:
    /// Listens to `source` for transcript `key` in a task of its own, then keeps what it heard
    /// if the transcript and the audio are still the ones shown (the listening is a download of
    /// its own: `app::parts`).
    fn listen(
        player: Player,
        key: u64,
        source: String,
        duration: Millis,
        under_way: StoredValue<Option<(u64, String)>>,
    ) {
        leptos::task::spawn_local(async move {
            let heard = hear(player, key, &source, duration).await;
            under_way.set_value(None);
            // Still the same transcript and audio? Otherwise a newer listening is under way.
            let current = player.shown_key()
                == Some(key)
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
    }
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
    let total = response
        .headers()
        .get("content-length")
        .ok()
        .flatten()
        .and_then(|n| n.parse::<usize>().ok());
    let mut body = Incoming::new(&response)?;
    body.fill(HEAD).await;
    let envelope = match sniff(&body.pending, total.unwrap_or(usize::MAX)) {
        AudioFile::Wav(format) => fold_wav(&mut body, &format).await,
        AudioFile::Mp3 { audio } => fold_mp3(&mut body, audio, total, duration).await?,
        AudioFile::Other if duration <= WHOLE_DECODE_LIMIT => {
            body.fill(usize::MAX).await;
            let decoded = decode(&body.pending).await?;
            let mut envelope = Envelope::new(decoded.sample_rate() as u32);
            fold_decoded(&decoded, &mut envelope).await;
            envelope
        }
        AudioFile::Other => return None,
    };
    let pauses = find_pauses(&envelope);
    // The sentences as already split and aligned; listening only moves their times.
    let estimated = player.sentences.get_untracked()?;
    let (starts, sentences) = player.loaded.with_untracked(|l| {
        let doc = &l.as_ref()?.doc;
        Some(estimated.heard(doc, Some(duration), &pauses))
    })?;
    Some(Heard {
        key,
        audio: source.to_owned(),
        starts,
        sentences: Arc::new(sentences),
    })
}

/// The response body as it arrives: only what has not been used yet is held (`pending`), so a
/// three-hour file never sits in memory whole.
struct Incoming {
    chunks: Chunks,
    pending: Vec<u8>,
    /// Bytes already used and dropped, before `pending[0]`.
    consumed: usize,
    done: bool,
}

impl Incoming {
    fn new(response: &web_sys::Response) -> Option<Incoming> {
        Some(Incoming {
            chunks: Chunks::new(&response.body()?)?,
            pending: Vec::new(),
            consumed: 0,
            done: false,
        })
    }

    /// Reads until `n` bytes are pending or the body ends.
    async fn fill(&mut self, n: usize) {
        while self.pending.len() < n && !self.done {
            self.done = !self.chunks.append_next(&mut self.pending).await;
        }
    }

    /// Drops the first `n` pending bytes (used).
    fn drop_front(&mut self, n: usize) {
        let n = n.min(self.pending.len());
        self.pending.drain(..n);
        self.consumed += n;
    }

    /// Moves on to absolute byte `offset` in the file.
    async fn skip_to(&mut self, offset: usize) {
        while self.consumed + self.pending.len() < offset && !self.done {
            self.drop_front(self.pending.len());
            self.fill(1).await;
        }
        self.drop_front(offset.saturating_sub(self.consumed));
    }
}

/// WAV: its PCM read here, a slice at a time.
async fn fold_wav(body: &mut Incoming, format: &WavFormat) -> Envelope {
    let mut envelope = Envelope::new(format.sample_rate);
    let frame = format.frame_bytes().max(1);
    let step = format.slice_bytes(SLICE);
    let mut mono = Vec::with_capacity(SLICE);
    body.skip_to(format.data.start).await;
    loop {
        body.fill(step).await;
        let left = format.data.end.saturating_sub(body.consumed);
        let n = body.pending.len().min(step).min(left) / frame * frame;
        if n == 0 {
            break;
        }
        mono.clear();
        format.mix_down(&body.pending[..n], &mut mono);
        envelope.push(&mono);
        body.drop_front(n);
        yield_to_page().await;
    }
    envelope
}

/// MP3: cut at frame boundaries into slices of about `MP3_SLICE` bytes, each decoded on its own
/// and placed in time by where it starts in the file (exact for constant bit rates, which
/// podcasts use; close for variable ones). Without a known length or a believable duration
/// ([`mp3_time_at`]), slices follow each other.
async fn fold_mp3(
    body: &mut Incoming,
    audio: std::ops::Range<usize>,
    total: Option<usize>,
    duration: Millis,
) -> Option<Envelope> {
    let mut envelope = Envelope::new(SAMPLE_RATE as u32);
    let audio_bytes = total.map(|_| audio.len());
    body.skip_to(audio.start).await;
    loop {
        body.fill(MP3_SLICE + 8_192).await;
        if body.pending.is_empty() {
            break;
        }
        let mut end = body.pending.len().min(MP3_SLICE);
        if !body.done || end < body.pending.len() {
            end += mp3_frame_offset(&body.pending[end..]).unwrap_or(0);
        }
        let offset = body.consumed.saturating_sub(audio.start);
        if let Some(at) = audio_bytes.and_then(|n| mp3_time_at(offset, n, duration)) {
            envelope.continue_at(at);
        }
        let decoded = decode(&body.pending[..end]).await?;
        fold_decoded(&decoded, &mut envelope).await;
        body.drop_front(end);
    }
    Some(envelope)
}

/// Decodes `data` (copied over to the browser) to samples at `SAMPLE_RATE`.
async fn decode(data: &[u8]) -> Option<web_sys::AudioBuffer> {
    let data = js_sys::Uint8Array::from(data).buffer();
    let context =
        web_sys::OfflineAudioContext::new_with_number_of_channels_and_length_and_sample_rate(
            1,
            1,
            SAMPLE_RATE,
        )
        .ok()?;
    JsFuture::from(context.decode_audio_data(&data).ok()?)
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
