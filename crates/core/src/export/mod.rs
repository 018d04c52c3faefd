//! Writers for every output format, mirroring the readers. Each takes the document and its
//! timeline (which supplies the ends the source did not state) and returns the file's text.

mod bilingual;
mod cues;
pub mod json;
mod podcast_json;
mod sentence_cues;

pub use bilingual::to_bilingual;
pub use cues::{to_srt, to_vtt};
pub use json::to_json;
pub use podcast_json::to_podcast_json;
pub use sentence_cues::by_sentence;

use super::model::{Lang, Turn};

/// The turn's blocks in the document's language order (then any others), so every exporter lists
/// languages the same way.
pub(crate) fn blocks_in_order<'a>(
    turn: &'a Turn,
    languages: &'a [Lang],
) -> impl Iterator<Item = &'a super::TextBlock> {
    let known = languages.iter().filter_map(move |&l| turn.block(l));
    let others = turn
        .blocks
        .iter()
        .filter(move |b| !languages.contains(&b.lang));
    known.chain(others)
}
