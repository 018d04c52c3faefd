//! Any bytes as an audio file, through what listening does with one: recognising it (with its
//! length known, and not), a WAV's slices sized and its samples mixed into a loudness envelope
//! and its pauses, MP3 frames found and placed in time by a duration the bytes claim. Nothing may
//! panic or go round for ever, the places found lie in the file, and no time placed is later
//! than a millisecond per byte (the envelope is sized by it).
#![no_main]

use interlinear::core::audio_file::{mp3_frame_offset, mp3_time_at, sniff, AudioFile};
use interlinear::core::pauses::{find_pauses, Envelope};
use interlinear::core::Millis;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    for total in [data.len(), usize::MAX] {
        match sniff(data, total) {
            AudioFile::Wav(format) => {
                // The data chunk's header was read from these bytes.
                assert!(format.data.start <= data.len(), "{format:?}");
                if total == data.len() {
                    assert!(format.data.start <= format.data.end, "{format:?}");
                }
                let slice = format.slice_bytes(1 << 16);
                assert!(slice <= 1 << 22 && slice % format.frame_bytes().max(1) == 0);
                let samples = &data[format.data.start..format.data.end.min(data.len())];
                let mut mono = Vec::new();
                format.mix_down(samples, &mut mono);
                let mut envelope = Envelope::new(format.sample_rate);
                envelope.push(&mono);
                let _ = find_pauses(&envelope);
            }
            AudioFile::Mp3 { audio } => {
                assert!(audio.start <= data.len(), "{audio:?}");
                // A duration from the bytes, wild or not, and a slice halfway through the
                // bytes there are (listening places slices only when the length is known).
                let claimed = data
                    .iter()
                    .take(8)
                    .fold(0u64, |d, &b| d << 8 | u64::from(b));
                let offset = data.len().saturating_sub(audio.start) / 2;
                if let Some(at) = mp3_time_at(offset, audio.len(), Millis(claimed)) {
                    assert!(
                        at.0 <= offset as u64 + 1,
                        "{at:?} for {offset} of {audio:?}"
                    );
                    let mut envelope = Envelope::new(44_100);
                    envelope.continue_at(at);
                }
            }
            AudioFile::Other => {}
        }
    }
    if let Some(at) = mp3_frame_offset(data) {
        assert!(at + 4 <= data.len());
    }
});
