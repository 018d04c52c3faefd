//! Just enough of audio file formats to listen to long episodes in little memory.
//!
//! Decoding a whole hour of 44.1 kHz stereo MP3 at once takes the browser well over a gigabyte,
//! so listening never does: WAV is read here directly, a slice of PCM at a time; MP3 is cut at
//! frame boundaries into slices the browser decodes one by one (an MP3 decoder picks up at any
//! frame), each placed in time by its byte position. Other formats are decoded whole, and only
//! when short.

use std::ops::Range;

use crate::time::Millis;

/// What listening can do with a file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AudioFile {
    Wav(WavFormat),
    /// MP3 frames occupy `audio` (after any ID3v2 tag, before any ID3v1 tag).
    Mp3 {
        audio: Range<usize>,
    },
    Other,
}

/// A PCM WAV file's layout.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WavFormat {
    pub sample_rate: u32,
    pub channels: u16,
    pub bits: u16,
    /// 32-bit IEEE float samples rather than integers.
    pub float: bool,
    /// Where the samples are, in bytes.
    pub data: Range<usize>,
}

impl WavFormat {
    /// Bytes per frame (one sample of every channel).
    pub fn frame_bytes(&self) -> usize {
        usize::from(self.channels) * usize::from(self.bits / 8)
    }

    /// Bytes to fold at a time: `frames` whole frames, fewer where frames are so wide (a header
    /// may claim 65,535 channels) that they would come to more than 4 MB — listening holds no
    /// more of the file than that, and in WebAssembly the product would wrap around 4 GB.
    pub fn slice_bytes(&self, frames: usize) -> usize {
        const MOST: usize = 1 << 22;
        let frame = self.frame_bytes().max(1);
        frames.min(MOST / frame).max(1) * frame
    }

    /// Appends the mono mix of `bytes` (whole frames from the data chunk) to `out`.
    pub fn mix_down(&self, bytes: &[u8], out: &mut Vec<f32>) {
        let width = usize::from(self.bits / 8);
        let frame = self.frame_bytes();
        if width == 0 || frame == 0 {
            return;
        }
        let channels = f32::from(self.channels);
        for f in bytes.chunks_exact(frame) {
            let sum: f32 = f.chunks_exact(width).map(|s| self.sample(s)).sum();
            out.push(sum / channels);
        }
    }

    fn sample(&self, s: &[u8]) -> f32 {
        match (s.len(), self.float) {
            (1, _) => (f32::from(s[0]) - 128.0) / 128.0,
            (2, _) => f32::from(i16::from_le_bytes([s[0], s[1]])) / 32_768.0,
            (3, _) => (i32::from_le_bytes([0, s[0], s[1], s[2]]) >> 8) as f32 / 8_388_608.0,
            (4, true) => f32::from_le_bytes([s[0], s[1], s[2], s[3]]),
            (4, false) => i32::from_le_bytes([s[0], s[1], s[2], s[3]]) as f32 / 2_147_483_648.0,
            _ => 0.0,
        }
    }
}

/// Recognises the file from its first bytes (`head`, 64 KB is plenty) and its `total` length.
pub fn sniff(head: &[u8], total: usize) -> AudioFile {
    if let Some(wav) = wav_format(head, total) {
        return AudioFile::Wav(wav);
    }
    let mut start = 0;
    if head.len() >= 10 && &head[..3] == b"ID3" {
        let size = head[6..10]
            .iter()
            .fold(0usize, |n, &b| (n << 7) | usize::from(b & 0x7f));
        start = 10 + size + if head[5] & 0x10 != 0 { 10 } else { 0 };
    }
    let first = head.get(start..).and_then(mp3_frame_offset);
    match first {
        Some(0) => AudioFile::Mp3 {
            audio: start..total,
        },
        _ => AudioFile::Other,
    }
}

/// When the MP3 audio `offset` bytes into `audio_bytes` of it is heard, for audio that plays for
/// `duration`: in proportion, exact for a constant bit rate (which podcasts use), close for a
/// variable one. `None` for a duration no MP3 of that size can have — below 8 kbit/s (a
/// millisecond per byte), under any rate speech is published at — which a wrong or hostile header
/// gave the browser: placed by it, a few megabytes would be stretched over days of envelope.
pub fn mp3_time_at(offset: usize, audio_bytes: usize, duration: Millis) -> Option<Millis> {
    if duration.0 > audio_bytes as u64 {
        return None;
    }
    // In floating point: the product of two sizes may not fit in 64 bits (a millisecond is
    // finer than anyone hears).
    let share = offset as f64 / audio_bytes.max(1) as f64;
    Some(Millis((duration.0 as f64 * share) as u64))
}

/// Where the first MP3 frame header in `bytes` begins, if one does.
pub fn mp3_frame_offset(bytes: &[u8]) -> Option<usize> {
    (0..bytes.len().saturating_sub(3)).find(|&i| is_mp3_header(&bytes[i..i + 4]))
}

/// An MPEG audio frame header: sync, a known version and layer, a real bit rate and sample rate.
fn is_mp3_header(h: &[u8]) -> bool {
    h[0] == 0xff
        && h[1] & 0xe0 == 0xe0
        && (h[1] >> 3) & 0b11 != 0b01
        && (h[1] >> 1) & 0b11 != 0b00
        && (h[2] >> 4) != 0b1111
        && (h[2] >> 4) != 0
        && (h[2] >> 2) & 0b11 != 0b11
}

fn wav_format(head: &[u8], total: usize) -> Option<WavFormat> {
    if head.len() < 12 || &head[..4] != b"RIFF" || &head[8..12] != b"WAVE" {
        return None;
    }
    let u16_at = |i: usize| head.get(i..i + 2).map(|b| u16::from_le_bytes([b[0], b[1]]));
    let u32_at = |i: usize| {
        head.get(i..i + 4)
            .map(|b| u32::from_le_bytes([b[0], b[1], b[2], b[3]]))
    };
    let mut at = 12;
    let mut format = None;
    while at + 8 <= head.len() {
        let id = &head[at..at + 4];
        let size = u32_at(at + 4)? as usize;
        let body = at + 8;
        if id == b"fmt " {
            let tag = u16_at(body)?;
            format = Some((
                tag,
                u16_at(body + 2)?,
                u32_at(body + 4)?,
                u16_at(body + 14)?,
            ));
        } else if id == b"data" {
            let (tag, channels, sample_rate, bits) = format?;
            // PCM, IEEE float, or WAVE_FORMAT_EXTENSIBLE (whose subformat we take as PCM/float by size).
            let float = tag == 3 || (tag == 0xfffe && bits == 32);
            let known = matches!(tag, 1 | 3 | 0xfffe) && matches!(bits, 8 | 16 | 24 | 32);
            // Streaming writers leave the size unset (0 or 0xffffffff): the data runs to the end.
            // Checked: in WebAssembly `usize` is 32 bits, and a size near 4 GB would wrap.
            let end = match body.checked_add(size) {
                Some(end) if size != 0 && end <= total => end,
                _ => total,
            };
            return (known && channels > 0 && sample_rate > 0).then_some(WavFormat {
                sample_rate,
                channels,
                bits,
                float,
                data: body..end,
            });
        }
        // A chunk running past 4 GB ends the search rather than wrapping back (in WebAssembly)
        // to a chunk already read, where it would go round for ever.
        at = body.checked_add(size)?.checked_add(size & 1)?;
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn wav(channels: u16, bits: u16, samples: &[u8]) -> Vec<u8> {
        let mut w = b"RIFF\0\0\0\0WAVEfmt \x10\0\0\0".to_vec();
        w.extend_from_slice(&1u16.to_le_bytes());
        w.extend_from_slice(&channels.to_le_bytes());
        w.extend_from_slice(&8000u32.to_le_bytes());
        w.extend_from_slice(&(8000 * u32::from(channels * bits / 8)).to_le_bytes());
        w.extend_from_slice(&(channels * bits / 8).to_le_bytes());
        w.extend_from_slice(&bits.to_le_bytes());
        w.extend_from_slice(b"LIST\x04\0\0\0abcd"); // another chunk before the data
        w.extend_from_slice(b"data");
        w.extend_from_slice(&(samples.len() as u32).to_le_bytes());
        w.extend_from_slice(samples);
        w
    }

    #[test]
    fn reads_wav_layouts_and_mixes_to_mono() {
        let stereo16 = wav(2, 16, &[0, 0x40, 0, 0xc0, 0xff, 0x7f, 0xff, 0x7f]);
        let AudioFile::Wav(format) = sniff(&stereo16, stereo16.len()) else {
            panic!("not read as WAV");
        };
        assert_eq!(
            (format.sample_rate, format.channels, format.bits),
            (8000, 2, 16)
        );
        let mut out = Vec::new();
        format.mix_down(&stereo16[format.data.clone()], &mut out);
        assert_eq!(out.len(), 2);
        assert!(out[0].abs() < 1e-6, "+0.5 and −0.5 mix to silence");
        assert!((out[1] - 1.0).abs() < 1e-3);
        let mono8 = wav(1, 8, &[128, 255, 0]);
        let AudioFile::Wav(format) = sniff(&mono8, mono8.len()) else {
            panic!()
        };
        let mut out = Vec::new();
        format.mix_down(&mono8[format.data.clone()], &mut out);
        assert_eq!(out, [0.0, 127.0 / 128.0, -1.0]);
    }

    #[test]
    fn slices_are_whole_frames_and_at_most_4_mb() {
        let format = |channels, bits| WavFormat {
            sample_rate: 8000,
            channels,
            bits,
            float: false,
            data: 0..0,
        };
        assert_eq!(format(2, 16).slice_bytes(1 << 16), 1 << 18);
        let widest = format(u16::MAX, 32);
        assert_eq!(widest.slice_bytes(1 << 16), 16 * widest.frame_bytes());
        assert_eq!(
            widest.slice_bytes(0),
            widest.frame_bytes(),
            "at least one frame"
        );
        assert_eq!(format(1, 8).slice_bytes(usize::MAX), 1 << 22);
    }

    #[test]
    fn places_mp3_bytes_in_time_by_a_believable_duration_only() {
        // 128 kbit/s: 16,000 bytes a second.
        let (bytes, duration) = (16_000 * 3600, Millis(3_600_000));
        assert_eq!(mp3_time_at(0, bytes, duration), Some(Millis(0)));
        assert_eq!(
            mp3_time_at(bytes / 2, bytes, duration),
            Some(Millis(1_800_000))
        );
        assert_eq!(mp3_time_at(bytes, bytes, duration), Some(duration));
        // 8 kbit/s is the slowest believed; a kilobyte said to play for an hour is not.
        assert_eq!(mp3_time_at(500, 1000, Millis(1000)), Some(Millis(500)));
        assert_eq!(mp3_time_at(500, 1000, Millis(1001)), None);
        assert_eq!(mp3_time_at(0, 0, Millis(0)), Some(Millis(0)));
        // Sizes whose product is beyond 64 bits.
        let huge = usize::MAX / 2;
        assert_eq!(
            mp3_time_at(huge / 2, huge, Millis(huge as u64)),
            Some(Millis((huge as f64 / 2.0) as u64))
        );
    }

    #[test]
    fn finds_mp3_frames_after_an_id3_tag() {
        let mut file = b"ID3\x04\0\0\0\0\0\x05tag!!".to_vec();
        file.extend_from_slice(&[0xff, 0xfb, 0x90, 0x64, 0, 0, 0]);
        assert_eq!(sniff(&file, 1000), AudioFile::Mp3 { audio: 15..1000 });
        assert_eq!(mp3_frame_offset(&[1, 2, 0xff, 0xfb, 0x90, 0x64]), Some(2));
        assert_eq!(
            mp3_frame_offset(&[0xff, 0xff, 0xf0, 0]),
            None,
            "bit rate index 15 is invalid"
        );
        assert_eq!(sniff(b"OggS....", 8), AudioFile::Other);
        assert_eq!(sniff(b"", 0), AudioFile::Other);
    }
}
