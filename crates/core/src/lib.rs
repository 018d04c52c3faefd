//! The transcript core: bytes in, [`Document`] and [`Timeline`] out, and back out to every format.
//!
//! Plain Rust with no browser crate, so the native CLI, the tests on the host, the WebAssembly app
//! and the JavaScript API all share it. Reading never fails and never panics: whatever the input,
//! [`read`] returns a document, and its diagnostics say what was found and what was done.

pub mod align;
pub mod audio_file;
pub mod decode;
pub mod export;
pub(crate) mod inline;
mod lines;
pub mod model;
pub mod outline;
pub mod pauses;
pub(crate) mod read_bilingual;
mod read_cues;
mod read_podcast_json;
pub mod row_heights;
pub mod script;
pub mod search;
pub mod sentence_timeline;
pub mod sentences;
pub mod time;
pub mod timeline;

pub use decode::{decode, Decoded, LegacyEncoding};
pub use model::*;
pub use time::{moment_for_link, moment_in_fragment, parse_clock, parse_moment, Millis};
pub use timeline::{Span, Timeline};

/// Reads a transcript from bytes in UTF-8 or UTF-16. Text in a legacy encoding comes back with
/// `Err(encoding)`: decode it with a table decoder and call [`read_str`] (see [`read_with`]).
pub fn read(bytes: &[u8]) -> Result<Document, LegacyEncoding> {
    match decode(bytes) {
        Decoded::Text(text, diagnostics) => Ok(read_decoded(&text, diagnostics)),
        Decoded::Legacy(encoding) => Err(encoding),
        Decoded::NotText(reason) => Ok(not_text(reason)),
    }
}

/// Reads a transcript from bytes, decoding legacy encodings with `legacy` (the CLI passes a table
/// decoder, the browser `TextDecoder`). `legacy` returns `None` if it cannot decode.
pub fn read_with(
    bytes: &[u8],
    legacy: impl FnOnce(LegacyEncoding, &[u8]) -> Option<String>,
) -> Document {
    match read(bytes) {
        Ok(doc) => doc,
        Err(encoding) => match legacy(encoding, bytes) {
            Some(text) => {
                let note = Diagnostic {
                    line: 0,
                    kind: DiagnosticKind::Decoded {
                        encoding: encoding.name(),
                    },
                };
                read_decoded(&text, vec![note])
            }
            None => not_text(format!(
                "it looks like {} text, which cannot be decoded here",
                encoding.name()
            )),
        },
    }
}

/// Reads a transcript that is already text.
pub fn read_str(text: &str) -> Document {
    read_decoded(text.strip_prefix('\u{FEFF}').unwrap_or(text), Vec::new())
}

fn read_decoded(text: &str, mut diagnostics: Vec<Diagnostic>) -> Document {
    if text.trim().is_empty() {
        diagnostics.push(Diagnostic {
            line: 0,
            kind: DiagnosticKind::Empty,
        });
        return Document {
            diagnostics,
            ..Document::default()
        };
    }
    match detect(text) {
        Format::WebVtt => read_cues::read(text, Format::WebVtt, diagnostics),
        Format::Srt => read_cues::read(text, Format::Srt, diagnostics),
        Format::PodcastJson => match read_podcast_json::read(text, diagnostics.clone()) {
            Ok(doc) => doc,
            Err(why) => {
                diagnostics.push(why);
                read_bilingual::read(text, diagnostics)
            }
        },
        Format::Bilingual => read_bilingual::read(text, diagnostics),
    }
}

fn not_text(reason: String) -> Document {
    let diagnostics = vec![Diagnostic {
        line: 0,
        kind: DiagnosticKind::NotText { reason },
    }];
    Document {
        diagnostics,
        ..Document::default()
    }
}

/// The format of `text`, from its content: a `WEBVTT` header, a JSON object, a cue timing line
/// among the first lines (SRT), and otherwise the bilingual layout (which reads any plain text).
pub fn detect(text: &str) -> Format {
    let head = text.trim_start();
    if head.starts_with("WEBVTT") {
        return Format::WebVtt;
    }
    if head.starts_with('{') {
        return Format::PodcastJson;
    }
    let mut lines = lines::Lines::new(head)
        .map(|(_, l)| l)
        .filter(|l| !l.trim().is_empty());
    let first = lines.next().unwrap_or("");
    let second = lines.next().unwrap_or("");
    let is_timing = |l: &str| {
        l.contains("-->")
            && l.split("-->")
                .next()
                .is_some_and(|t| parse_clock(t.trim()).is_some())
    };
    if is_timing(first) || (first.trim().bytes().all(|b| b.is_ascii_digit()) && is_timing(second)) {
        return Format::Srt;
    }
    Format::Bilingual
}
