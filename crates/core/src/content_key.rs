//! A stable key for "this transcript", whatever its file was called: the browser keeps the
//! place reached in each transcript under it, and knows by it whether what was split or heard
//! belongs to the transcript shown. Keys are stored, so this function never changes.

use crate::Pause;

/// FNV-1a's step over the bytes eight at a time (a 10 MB transcript is hashed in a few
/// milliseconds, not tens), then over the bytes left and the length.
pub fn content_key(bytes: &[u8]) -> u64 {
    key_end(key_words(SEED, bytes), bytes)
}

/// [`content_key`], pausing where `pause` asks to after each megabyte.
pub async fn content_key_pausing(bytes: &[u8], pause: &mut Pause<'_>) -> u64 {
    let mut h = SEED;
    // Stretches of whole words, so each is hashed as it would be in one go.
    for stretch in bytes[..bytes.len() / 8 * 8].chunks(KEYED_AT_A_TIME) {
        h = key_words(h, stretch);
        if let Some(paused) = pause() {
            paused.await;
        }
    }
    key_end(h, bytes)
}

const SEED: u64 = 0xcbf2_9ce4_8422_2325;
/// Bytes hashed between two calls of a [`Pause`] (a multiple of eight).
const KEYED_AT_A_TIME: usize = 1 << 20;

fn step(h: u64, word: u64) -> u64 {
    (h ^ word).wrapping_mul(0x0100_0000_01b3)
}

/// `h` on from the whole eight-byte words of `bytes`.
fn key_words(h: u64, bytes: &[u8]) -> u64 {
    bytes.chunks_exact(8).fold(h, |h, w| {
        step(h, u64::from_le_bytes(w.try_into().unwrap_or_default()))
    })
}

/// `h`, from the whole words of `bytes`, finished with the bytes after them and the length.
fn key_end(h: u64, bytes: &[u8]) -> u64 {
    let tail = bytes[bytes.len() / 8 * 8..]
        .iter()
        .fold(h, |h, &b| step(h, u64::from(b)));
    step(tail, bytes.len() as u64)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_stay_what_they_were() {
        // Places already kept in browsers are found by these: a change here loses them.
        assert_eq!(content_key(b""), 0xaf63_bd4c_8601_b7df);
        assert_eq!(content_key(b"[00:00:01] A\nHello"), 0xb2e3_3b4d_68f8_1a7e);
    }

    #[test]
    fn a_key_worked_out_with_pauses_is_the_one_worked_out_at_once() {
        let bytes: Vec<u8> = (0..3 * KEYED_AT_A_TIME + 13)
            .map(|i| (i * 31 % 251) as u8)
            .collect();
        for length in [
            0,
            7,
            8,
            9,
            KEYED_AT_A_TIME - 1,
            KEYED_AT_A_TIME,
            3 * KEYED_AT_A_TIME + 13,
        ] {
            let bytes = &bytes[..length];
            let mut pauses = 0;
            let mut pause =
                || -> Option<std::pin::Pin<Box<dyn std::future::Future<Output = ()>>>> {
                    pauses += 1;
                    Some(Box::pin(std::future::ready(())))
                };
            let paused = crate::without_pauses(content_key_pausing(bytes, &mut pause));
            assert_eq!(paused, content_key(bytes), "{length} bytes");
            assert_eq!(
                pauses,
                (length / 8 * 8).div_ceil(KEYED_AT_A_TIME),
                "{length} bytes"
            );
        }
    }
}
