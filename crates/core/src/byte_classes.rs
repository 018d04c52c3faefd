//! Counts of UTF-8 bytes by class over a whole text, in one pass.
//!
//! Two counts walk nearly every byte a document holds: how long each turn takes to say (from its
//! characters, [`crate::timeline::estimated_length`]) and where text stands in a JavaScript string
//! (UTF-16 units, [`crate::source_offsets`]). Both are sums over bytes of a few classes, so they
//! share this one pass. The browser build is optimised for size, and the compiler does not
//! vectorise loops there: with WebAssembly SIMD, sixteen bytes are classed at a time by hand;
//! elsewhere eight at a time, as bit masks in a `u64`.

/// How many bytes of a text fall in each class.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ByteClasses {
    pub len: usize,
    /// `10xxxxxx`: inside a character, not the start of one.
    pub continuation: usize,
    /// Below `!` (0x21): white space and controls.
    pub below_0x21: usize,
    /// `1110xxxx`: the first byte of a three-byte character (U+0800–U+FFFF: Han, Kana,
    /// Hangul, full-width forms).
    pub three_byte_lead: usize,
    /// `11110xxx` and above: the first byte of a four-byte character, two UTF-16 units.
    pub four_byte_lead: usize,
}

impl ByteClasses {
    /// The text's characters, counted by their first bytes.
    pub fn chars(&self) -> usize {
        self.len - self.continuation
    }

    /// Counts every byte of `text`, the whole blocks in bulk and the rest one by one.
    pub fn of(text: &str) -> ByteClasses {
        let bytes = text.as_bytes();
        let mut classes = ByteClasses {
            len: bytes.len(),
            ..ByteClasses::default()
        };
        let rest = classes.add_bulk(bytes);
        for &b in rest {
            classes.continuation += usize::from(b & 0xC0 == 0x80);
            classes.below_0x21 += usize::from(b < 0x21);
            classes.three_byte_lead += usize::from(b & 0xF0 == 0xE0);
            classes.four_byte_lead += usize::from(b >= 0xF0);
        }
        classes
    }

    /// Counts the whole eight-byte words of `bytes`; returns the bytes left over.
    #[cfg(not(all(target_arch = "wasm32", target_feature = "simd128")))]
    fn add_bulk<'a>(&mut self, bytes: &'a [u8]) -> &'a [u8] {
        const ONES: u64 = 0x0101_0101_0101_0101;
        const HIGH: u64 = 0x8080_8080_8080_8080;
        let (words, rest) = bytes.as_chunks::<8>();
        for word in words {
            let w = u64::from_le_bytes(*word);
            // Each mask has the high bit of the bytes it names; the shifts bring bits 6, 5, 4
            // and 3 of each byte to its bit 7. Bytes below 0x21: high bit clear, and the low
            // seven bits plus 0x5F not reaching 0x80.
            let at_least_0x21 = ((w & !HIGH) + ONES * (0x80 - 0x21)) & HIGH;
            self.continuation += (w & !(w << 1) & HIGH).count_ones() as usize;
            self.below_0x21 += (!(at_least_0x21 | w) & HIGH).count_ones() as usize;
            self.three_byte_lead +=
                (w & (w << 1) & (w << 2) & !(w << 3) & HIGH).count_ones() as usize;
            self.four_byte_lead +=
                (w & (w << 1) & (w << 2) & (w << 3) & HIGH).count_ones() as usize;
        }
        rest
    }

    /// Counts the whole sixteen-byte blocks of `bytes`; returns the bytes left over. Each class
    /// is counted per lane (a lane's byte -1 when in the class, subtracted), and the lanes are
    /// summed before they can overflow.
    #[cfg(all(target_arch = "wasm32", target_feature = "simd128"))]
    fn add_bulk<'a>(&mut self, bytes: &'a [u8]) -> &'a [u8] {
        use core::arch::wasm32::*;
        fn lanes_sum(v: v128) -> usize {
            let pairs = u16x8_extadd_pairwise_u8x16(v);
            let quads = u32x4_extadd_pairwise_u16x8(pairs);
            (u32x4_extract_lane::<0>(quads)
                + u32x4_extract_lane::<1>(quads)
                + u32x4_extract_lane::<2>(quads)
                + u32x4_extract_lane::<3>(quads)) as usize
        }
        let (blocks, rest) = bytes.as_chunks::<16>();
        // 255 blocks at most between two sums: a lane's count fits in a byte.
        for run in blocks.chunks(255) {
            let (mut continuation, mut below, mut three, mut four) = (
                u8x16_splat(0),
                u8x16_splat(0),
                u8x16_splat(0),
                u8x16_splat(0),
            );
            for block in run {
                // SAFETY: `block` is sixteen readable bytes; v128_load needs no alignment.
                let b = unsafe { v128_load(block.as_ptr().cast()) };
                // As signed bytes: continuation bytes are -128..=-65, three-byte leads -32..=-17,
                // four-byte leads (and anything above) -16..=-1.
                continuation = i8x16_sub(continuation, i8x16_lt(b, i8x16_splat(-64)));
                below = i8x16_sub(below, u8x16_lt(b, u8x16_splat(0x21)));
                three = i8x16_sub(
                    three,
                    v128_and(
                        u8x16_ge(b, u8x16_splat(0xE0)),
                        u8x16_lt(b, u8x16_splat(0xF0)),
                    ),
                );
                four = i8x16_sub(four, u8x16_ge(b, u8x16_splat(0xF0)));
            }
            self.continuation += lanes_sum(continuation);
            self.below_0x21 += lanes_sum(below);
            self.three_byte_lead += lanes_sum(three);
            self.four_byte_lead += lanes_sum(four);
        }
        rest
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every class at every length and alignment, against a byte-at-a-time count.
    #[test]
    fn counts_match_a_byte_at_a_time() {
        let one_at_a_time = |text: &str| {
            let b = text.as_bytes();
            let count = |f: fn(u8) -> bool| b.iter().filter(|&&x| f(x)).count();
            ByteClasses {
                len: b.len(),
                continuation: count(|x| (0x80..0xC0).contains(&x)),
                below_0x21: count(|x| x < 0x21),
                three_byte_lead: count(|x| (0xE0..0xF0).contains(&x)),
                four_byte_lead: count(|x| x >= 0xF0),
            }
        };
        let alphabet: Vec<char> = "a Z\t\n\u{0}\u{1f} !~\u{7f}é߿ࠀ中文、。😀\u{10ffff}\u{ffff}ｱ한"
            .chars()
            .collect();
        let mut state = 0x2545_f491_4f6c_dd1du64;
        for length in (0..400).chain([4_500, 9_000]) {
            let text: String = (0..length)
                .map(|_| {
                    state ^= state << 13;
                    state ^= state >> 7;
                    state ^= state << 17;
                    alphabet[(state % alphabet.len() as u64) as usize]
                })
                .collect();
            assert_eq!(ByteClasses::of(&text), one_at_a_time(&text), "{text:?}");
        }
    }
}
