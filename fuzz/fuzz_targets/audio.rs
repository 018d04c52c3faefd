//! Any bytes as an audio file, through what listening does with one: recognising it (with its
//! length known, and not), a WAV's slices sized and its samples mixed into a loudness envelope
//! and its pauses, MP3 frames found. Nothing may panic or go round for ever, and the places found
//! lie in the file.
#![no_main]

use interlinear::core::audio_file::{mp3_frame_offset, sniff, AudioFile};
use interlinear::core::pauses::{find_pauses, Envelope};
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
            AudioFile::Mp3 { audio } => assert!(audio.start <= data.len(), "{audio:?}"),
            AudioFile::Other => {}
        }
    }
    if let Some(at) = mp3_frame_offset(data) {
        assert!(at + 4 <= data.len());
    }
});
