//! Following sentence by sentence, measured on a spoken episode: `espeak-ng` says every English
//! sentence of the sample (a voice per speaker), the clips are joined with short pauses, and the
//! transcript gets whole-second turn times, as hand-made ones have. Every sentence's true start
//! and end are known, so we can score, at probe times inside every sentence, whether the right
//! sentence is the one highlighted: with the estimate alone, and after listening to the audio.
//! A little noise lies under the whole episode, so its pauses are quiet, not digitally silent.
//!
//! The episode is also written to `target/spoken-episode/` (`episode.wav`, `episode.md`,
//! `truth.json`) for the browser tests. Needs `espeak-ng` (scripts/install-tools --test).

#![cfg(not(target_arch = "wasm32"))]

use std::fmt::Write as _;
use std::process::Command;

use interlinear::core::export::to_bilingual;
use interlinear::core::pauses::{find_pauses, Envelope};
use interlinear::core::sentence_timeline::SentenceTimeline;
use interlinear::core::{self, Document, Lang, Millis, Timeline};

const SAMPLE: &str = include_str!("../samples/chip-huyen-lennys-podcast.md");
const PROBES_PER_SENTENCE: usize = 5;

/// A sentence as spoken in the episode.
struct Spoken {
    turn: usize,
    /// Index among the turn's spoken sentences.
    index: usize,
    start: Millis,
    end: Millis,
}

struct Episode {
    doc: Document,
    samples: Vec<f32>,
    rate: u32,
    spoken: Vec<Spoken>,
}

/// Mono 16-bit PCM from espeak-ng's WAV on stdout (its sizes are left unset: read to the end).
fn speak(voice: &str, text: &str) -> (Vec<f32>, u32) {
    let out = Command::new("espeak-ng")
        .args(["-v", voice, "-s", "170", "--stdout", text])
        .output()
        .expect("espeak-ng runs (scripts/install-tools --test installs it)");
    assert!(out.status.success(), "espeak-ng failed on {text:?}");
    let wav = out.stdout;
    assert_eq!(&wav[0..4], b"RIFF");
    let rate = u32::from_le_bytes(wav[24..28].try_into().unwrap());
    let data = wav.windows(4).position(|w| w == b"data").unwrap() + 8;
    let samples = wav[data..]
        .chunks_exact(2)
        .map(|b| f32::from(i16::from_le_bytes([b[0], b[1]])) / 32768.0)
        .collect();
    (samples, rate)
}

/// A deterministic pause length in [low, high) ms.
fn pause_ms(seed: &mut u32, low: u64, high: u64) -> u64 {
    *seed = seed.wrapping_mul(1_664_525).wrapping_add(1_013_904_223);
    low + u64::from(*seed >> 16) % (high - low)
}

fn build_episode() -> Episode {
    let mut doc = core::read_str(SAMPLE);
    let timeline = Timeline::new(&doc, None);
    let plan = SentenceTimeline::estimate(&doc, &timeline);
    let voices = ["en-us+f3", "en-us+m3"];
    let mut samples: Vec<f32> = Vec::new();
    let mut rate = 0;
    let mut spoken = Vec::new();
    let mut seed = 7;
    let silence = |samples: &mut Vec<f32>, ms: u64, rate: u32| {
        samples.extend(std::iter::repeat_n(
            0.0,
            (ms * u64::from(rate) / 1000) as usize,
        ))
    };
    for (t, turn) in doc.turns.iter_mut().enumerate() {
        let voice = voices[turn.speaker.unwrap_or(0) as usize % voices.len()];
        let block = turn.blocks.iter().position(|b| b.lang == Lang::En).unwrap();
        let sentences: Vec<String> = plan.turns[t]
            .sentences
            .iter()
            .filter(|s| s.block == block)
            .map(|s| turn.blocks[block].paragraphs[s.paragraph].text[s.range.clone()].to_owned())
            .collect();
        for (index, text) in sentences.iter().enumerate() {
            let (clip, clip_rate) = speak(voice, text);
            rate = clip_rate;
            if samples.is_empty() {
                silence(&mut samples, 1_000, rate);
            } else if index == 0 {
                let ms = pause_ms(&mut seed, 700, 1_400);
                silence(&mut samples, ms, rate);
            } else {
                let ms = pause_ms(&mut seed, 200, 500);
                silence(&mut samples, ms, rate);
            }
            // The sentence is where the clip is audible (espeak pads its clips with silence).
            let audible = |s: &f32| s.abs() > 0.01;
            let first = clip.iter().position(audible).unwrap_or(0);
            let last = clip.iter().rposition(audible).unwrap_or(clip.len());
            let at = |i: usize| Millis(i as u64 * 1000 / u64::from(rate));
            spoken.push(Spoken {
                turn: t,
                index,
                start: at(samples.len() + first),
                end: at(samples.len() + last),
            });
            samples.extend(clip);
        }
        // Hand-made transcripts give whole seconds: the second in which the turn starts.
        let first = spoken.iter().find(|s| s.turn == t).unwrap();
        turn.start = Millis(first.start.0 / 1000 * 1000);
    }
    silence(&mut samples, 1_000, rate);
    // Not a studio: a little room noise under everything (about −55 dBFS), so that pauses are
    // quiet rather than digital silence.
    for s in samples.iter_mut() {
        seed = seed.wrapping_mul(1_664_525).wrapping_add(1_013_904_223);
        *s += ((seed >> 8) as f32 / (1 << 24) as f32 - 0.5) * 0.006;
    }
    Episode {
        doc,
        samples,
        rate,
        spoken,
    }
}

/// Share of probes at which the right sentence is active, and the median error of group starts.
fn score(episode: &Episode, timeline: &Timeline, sentences: &SentenceTimeline) -> (f64, f64) {
    let (mut right, mut probes) = (0, 0);
    let mut errors = Vec::new();
    for s in &episode.spoken {
        let turn = &sentences.turns[s.turn];
        let spoken_block = turn.sentences[0].block;
        let group = turn
            .sentences
            .iter()
            .filter(|x| x.block == spoken_block)
            .nth(s.index)
            .unwrap()
            .group;
        for k in 0..PROBES_PER_SENTENCE {
            let t = Millis(
                s.start.0
                    + (s.end.0 - s.start.0) * (2 * k as u64 + 1) / (2 * PROBES_PER_SENTENCE as u64),
            );
            probes += 1;
            let active_turn = timeline.active_at(t);
            if active_turn == Some(s.turn) && sentences.active_group(s.turn, t) == Some(group) {
                right += 1;
            }
        }
        // The group's start against its first spoken sentence's start.
        let first_of_group = turn
            .sentences
            .iter()
            .filter(|x| x.block == spoken_block)
            .position(|x| x.group == group)
            .unwrap();
        if first_of_group == s.index {
            errors.push(turn.groups[group].start.0.abs_diff(s.start.0) as f64 / 1000.0);
        }
    }
    errors.sort_by(f64::total_cmp);
    (right as f64 / probes as f64, errors[errors.len() / 2])
}

#[test]
fn sentences_follow_the_spoken_episode() {
    let episode = build_episode();
    let duration = Millis(episode.samples.len() as u64 * 1000 / u64::from(episode.rate));
    write_episode(&episode, duration);

    let timeline = Timeline::new(&episode.doc, Some(duration));
    let estimated = SentenceTimeline::estimate(&episode.doc, &timeline);
    let (estimate_share, estimate_error) = score(&episode, &timeline, &estimated);

    let envelope = Envelope::of(&episode.samples, episode.rate);
    let pauses = find_pauses(&envelope);
    let (starts, heard) = estimated.heard(&episode.doc, Some(duration), &pauses);
    let heard_timeline = Timeline::with_starts(&episode.doc, Some(duration), &starts);
    let (heard_share, heard_error) = score(&episode, &heard_timeline, &heard);
    if std::env::var_os("SHOW_LISTENING").is_some() {
        for (t, turn) in heard.turns.iter().enumerate() {
            let truth: Vec<String> = episode
                .spoken
                .iter()
                .filter(|s| s.turn == t)
                .map(|s| format!("{}-{}", s.start.0, s.end.0))
                .collect();
            println!(
                "turn {t}: written {} heard {} truth {truth:?}",
                episode.doc.turns[t].start.0, starts[t].0
            );
            println!(
                "  estimated {:?}",
                estimated.turns[t]
                    .groups
                    .iter()
                    .map(|g| g.start.0)
                    .collect::<Vec<_>>()
            );
            println!(
                "  heard     {:?}",
                turn.groups.iter().map(|g| g.start.0).collect::<Vec<_>>()
            );
            println!(
                "  pauses    {:?}",
                pauses
                    .iter()
                    .filter(|p| p.end >= heard_timeline.span(t).start
                        && p.start <= heard_timeline.span(t).end)
                    .map(|p| (p.start.0, p.end.0))
                    .collect::<Vec<_>>()
            );
        }
    }

    println!(
        "spoken episode: {} sentences, {:.0} s, {} pauses found",
        episode.spoken.len(),
        duration.as_secs_f64(),
        pauses.len()
    );
    println!(
        "estimate:  {:.1}% of probes right, median start error {:.2} s",
        estimate_share * 100.0,
        estimate_error
    );
    println!(
        "listening: {:.1}% of probes right, median start error {:.2} s",
        heard_share * 100.0,
        heard_error
    );
    assert!(
        heard_share >= 0.95,
        "listening: {:.1}% < 95%",
        heard_share * 100.0
    );
    assert!(
        heard_error <= 0.25,
        "listening: median error {heard_error:.2} s > 0.25 s"
    );
    assert!(
        heard_share > estimate_share,
        "listening must beat the estimate"
    );
}

/// Writes the episode for the browser tests: 8 kHz 16-bit WAV, the transcript, the truth.
fn write_episode(episode: &Episode, duration: Millis) {
    let dir = std::path::Path::new(env!("CARGO_TARGET_TMPDIR")).join("../spoken-episode");
    std::fs::create_dir_all(&dir).unwrap();
    let step = episode.rate as f64 / 8000.0;
    let resampled: Vec<i16> = (0..(episode.samples.len() as f64 / step) as usize)
        .map(|i| (episode.samples[(i as f64 * step) as usize] * 32767.0) as i16)
        .collect();
    let mut wav = Vec::new();
    let data_len = (resampled.len() * 2) as u32;
    wav.extend_from_slice(b"RIFF");
    wav.extend_from_slice(&(36 + data_len).to_le_bytes());
    wav.extend_from_slice(b"WAVEfmt ");
    for v in [
        16u32.to_le_bytes().to_vec(),
        vec![1, 0, 1, 0],
        8000u32.to_le_bytes().to_vec(),
        16000u32.to_le_bytes().to_vec(),
        vec![2, 0, 16, 0],
    ] {
        wav.extend_from_slice(&v);
    }
    wav.extend_from_slice(b"data");
    wav.extend_from_slice(&data_len.to_le_bytes());
    for s in resampled {
        wav.extend_from_slice(&s.to_le_bytes());
    }
    std::fs::write(dir.join("episode.wav"), wav).unwrap();
    std::fs::write(
        dir.join("episode.md"),
        to_bilingual(&episode.doc, &Timeline::new(&episode.doc, Some(duration))),
    )
    .unwrap();
    let mut truth = String::from("[\n");
    for (k, s) in episode.spoken.iter().enumerate() {
        let comma = if k + 1 < episode.spoken.len() {
            ","
        } else {
            ""
        };
        writeln!(
            truth,
            "  {{\"turn\": {}, \"index\": {}, \"start\": {}, \"end\": {}}}{comma}",
            s.turn,
            s.index,
            s.start.as_secs_f64(),
            s.end.as_secs_f64()
        )
        .unwrap();
    }
    truth.push_str("]\n");
    std::fs::write(dir.join("truth.json"), truth).unwrap();
    let _ = duration;
}
