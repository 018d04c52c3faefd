//! Pauses in speech, from the audio's loudness: where sentences and turns most likely begin.
//!
//! The audio arrives as mono samples at a low rate (the browser decodes and resamples it); it is
//! folded, in slices if need be, into an [`Envelope`] of one loudness value per 10 ms, which is
//! all that is kept (an hour is 360,000 numbers). A pause is a stretch quieter than a threshold
//! set between the recording's noise floor and its speech level, long enough not to be the gap
//! between two words.

use crate::Millis;

/// One loudness value (RMS) per this many milliseconds.
pub const FRAME_MS: u64 = 10;
/// Quieter stretches shorter than this are gaps inside speech (between words, before a stop).
const MIN_PAUSE_MS: u64 = 150;

/// The audio's loudness over time, built incrementally from slices of samples.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Envelope {
    /// RMS of each whole frame so far.
    pub frames: Vec<f32>,
    sample_rate: u64,
    /// Samples seen so far.
    seen: u64,
    /// The incomplete frame carried between slices: sum of squares and count.
    partial: (f64, usize),
}

impl Envelope {
    /// An empty envelope for samples at `sample_rate` Hz.
    pub fn new(sample_rate: u32) -> Envelope {
        Envelope {
            frames: Vec::new(),
            sample_rate: u64::from(sample_rate.max(1)),
            seen: 0,
            partial: (0.0, 0),
        }
    }

    /// Adds the next slice of samples. Frame `k` holds the samples from `k·rate/100` on, so
    /// frames stay on the 10 ms grid even when a frame is not a whole number of samples (22,050 Hz).
    pub fn push(&mut self, samples: &[f32]) {
        let (mut sum, mut count) = self.partial;
        let mut boundary = self.boundary_after(self.frames.len());
        for &s in samples {
            sum += f64::from(s) * f64::from(s);
            count += 1;
            self.seen += 1;
            if self.seen == boundary {
                self.frames.push((sum / count as f64).sqrt() as f32);
                sum = 0.0;
                count = 0;
                boundary = self.boundary_after(self.frames.len());
            }
        }
        self.partial = (sum, count);
    }

    /// Continues at time `t`: what follows comes from a slice decoded on its own (an MP3 slice),
    /// placed by its position in the file. Frames past `t` are dropped; a gap up to it repeats the
    /// last loudness, so it reads as neither a pause nor speech it was not.
    pub fn continue_at(&mut self, t: Millis) {
        let frame = (t.0 / FRAME_MS) as usize;
        let last = self.frames.last().copied().unwrap_or(0.0);
        self.frames.resize(frame, last);
        self.seen = frame as u64 * self.sample_rate * FRAME_MS / 1000;
        self.partial = (0.0, 0);
    }

    /// The sample count at which frame `k` is complete.
    fn boundary_after(&self, k: usize) -> u64 {
        (k as u64 + 1) * self.sample_rate * FRAME_MS / 1000
    }

    /// The envelope of a whole recording at once.
    pub fn of(samples: &[f32], sample_rate: u32) -> Envelope {
        let mut envelope = Envelope::new(sample_rate);
        envelope.push(samples);
        envelope
    }
}

/// A quiet stretch: speech stops at `start` and (re)starts at `end`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Pause {
    pub start: Millis,
    pub end: Millis,
}

impl Pause {
    pub fn length(&self) -> Millis {
        self.end.saturating_sub(self.start)
    }
}

/// The pauses of `envelope`, in time order.
pub fn find_pauses(envelope: &Envelope) -> Vec<Pause> {
    let frames = &envelope.frames;
    if frames.is_empty() {
        return Vec::new();
    }
    let decibels: Vec<f32> = frames.iter().map(|&r| 20.0 * (r + 1e-6).log10()).collect();
    // Two order statistics in linear time: an hour is 360,000 frames.
    let mut scratch = decibels.clone();
    let mut percentile = |p: usize| {
        let at = (scratch.len() - 1) * p / 100;
        *scratch.select_nth_unstable_by(at, f32::total_cmp).1
    };
    let (floor, speech) = (percentile(10), percentile(90));
    if speech - floor < 10.0 {
        return Vec::new(); // no contrast: silence, or noise throughout
    }
    let threshold = floor + 0.3 * (speech - floor);
    let min_frames = (MIN_PAUSE_MS / FRAME_MS) as usize;
    let mut pauses = Vec::new();
    let mut run_start = None;
    for (i, &db) in decibels.iter().chain([f32::INFINITY].iter()).enumerate() {
        match (db < threshold, run_start) {
            (true, None) => run_start = Some(i),
            (false, Some(start)) => {
                if i - start >= min_frames {
                    pauses.push(Pause {
                        start: Millis(start as u64 * FRAME_MS),
                        end: Millis(i as u64 * FRAME_MS),
                    });
                }
                run_start = None;
            }
            _ => {}
        }
    }
    pauses
}

#[cfg(test)]
mod tests {
    use super::*;

    /// 8 kHz: speech-like noise with silences at known places.
    fn synthetic(segments: &[(bool, u64)]) -> Vec<f32> {
        let mut seed = 1u32;
        let mut out = Vec::new();
        for &(loud, ms) in segments {
            for _ in 0..ms * 8 {
                seed = seed.wrapping_mul(1_664_525).wrapping_add(1_013_904_223);
                let noise = (seed >> 8) as f32 / (1 << 24) as f32 - 0.5;
                out.push(if loud { noise * 0.6 } else { noise * 0.002 });
            }
        }
        out
    }

    #[test]
    fn finds_the_silences_and_not_the_short_gaps() {
        let samples = synthetic(&[
            (true, 2000),
            (false, 400),
            (true, 1500),
            (false, 80), // a gap between words
            (true, 1000),
            (false, 700),
            (true, 500),
        ]);
        // Fed in uneven slices, as the browser hands them over.
        let mut envelope = Envelope::new(8000);
        for chunk in samples.chunks(3001) {
            envelope.push(chunk);
        }
        assert_eq!(envelope, Envelope::of(&samples, 8000));
        let pauses = find_pauses(&envelope);
        assert_eq!(
            pauses,
            [
                Pause {
                    start: Millis(2000),
                    end: Millis(2400)
                },
                Pause {
                    start: Millis(4980),
                    end: Millis(5680)
                },
            ]
        );
    }

    #[test]
    fn slices_placed_in_time() {
        let mut envelope = Envelope::new(1000);
        envelope.push(&[0.5; 25]); // 2 whole frames, half of a third
        envelope.continue_at(Millis(50));
        assert_eq!(envelope.frames.len(), 5, "the gap to 50 ms is filled");
        envelope.push(&[0.1; 10]);
        assert_eq!(envelope.frames.len(), 6);
        envelope.continue_at(Millis(30));
        assert_eq!(envelope.frames.len(), 3, "an overlap is dropped");
    }

    #[test]
    fn nothing_to_find_in_silence() {
        assert_eq!(find_pauses(&Envelope::of(&[0.0; 8000], 8000)), []);
        assert_eq!(find_pauses(&Envelope::default()), []);
    }
}
