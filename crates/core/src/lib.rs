//! The transcript core: bytes in, [`Document`] and [`Timeline`] out, and back out to every format.
//!
//! Plain Rust with no browser crate, so the native CLI, the tests on the host, the WebAssembly app
//! and the JavaScript API all share it. Reading never fails and never panics: whatever the input,
//! [`read`] returns a document, and its diagnostics say what was found and what was done.

pub mod align;
pub mod audio_file;
pub mod byte_classes;
pub mod case;
#[cfg(feature = "code-pages")]
mod code_pages;
pub mod content_key;
pub mod decimal;
pub mod decode;
pub mod documents;
pub mod export;
pub(crate) mod inline;
pub mod join;
pub mod json;
mod lines;
pub mod model;
pub(crate) mod order;
pub mod outline;
pub mod pauses;
#[cfg(feature = "ass")]
mod read_ass;
pub(crate) mod read_bilingual;
mod read_cues;
mod read_html;
mod read_lrc;
#[cfg(feature = "microdvd")]
mod read_microdvd;
mod read_podcast_json;
#[cfg(feature = "sami")]
mod read_sami;
#[cfg(feature = "services")]
mod read_service_json;
#[cfg(feature = "tables")]
mod read_table;
#[cfg(feature = "ttml")]
mod read_ttml;
pub mod row_heights;
pub mod script;
pub mod search;
pub mod sentence_timeline;
pub mod sentences;
pub mod source_offsets;
pub mod time;
pub mod timeline;
mod translated_speakers;

use std::borrow::Cow;
use std::future::Future;
use std::pin::{pin, Pin};
use std::task::{Context, Poll, Waker};

pub use content_key::{content_key, content_key_pausing};
pub use decode::{choose_legacy, decode, Decoded, LegacyEncoding};
pub use inline::is_linkable;
pub use model::*;
#[cfg(feature = "microdvd")]
pub use read_microdvd::{at_frame_rate, frame_rate, FRAME_RATES};
pub use time::{moment_for_link, moment_in_fragment, parse_clock, parse_moment, Millis};
pub use timeline::{Span, SpeakingTimes, Timeline};

/// Where a long read may pause: called every [`PAUSE_EVERY_LINES`] lines, it returns a future to
/// wait for before going on (the browser yields to the page there), or `None` to go straight on.
pub type Pause<'a> = dyn FnMut() -> Option<Pin<Box<dyn Future<Output = ()> + 'a>>> + 'a;

/// How many lines are read between two calls of a [`Pause`].
pub const PAUSE_EVERY_LINES: u32 = 1_024;

/// Reads a transcript from bytes in UTF-8 or UTF-16. Text in a legacy encoding comes back with
/// `Err(encodings)`, those it may be in: decode it with a table decoder ([`read_with`]).
pub fn read(bytes: &[u8]) -> Result<Document, &'static [LegacyEncoding]> {
    match decode(bytes) {
        Decoded::Text(text, diagnostics) => Ok(without_pauses(read_decoded(
            &text,
            diagnostics,
            &mut || None,
        ))),
        Decoded::Legacy(encodings) => Err(encodings),
        Decoded::NotText(reason) => Ok(not_text(reason)),
    }
}

/// Reads a transcript from bytes, decoding legacy encodings with `legacy` (the CLI passes a table
/// decoder, the browser `TextDecoder`). `legacy` returns `None` if it cannot decode; it may be
/// asked for a sample in several encodings first ([`choose_legacy`]).
pub fn read_with(
    bytes: &[u8],
    legacy: impl FnMut(LegacyEncoding, &[u8]) -> Option<String>,
) -> Document {
    without_pauses(read_pausing(bytes, legacy, &mut || None))
}

/// [`read_with`], pausing every thousand lines or so where `pause` asks to: the browser reads a
/// large file this way without holding the page for the whole of it.
pub async fn read_pausing(
    bytes: &[u8],
    legacy: impl FnMut(LegacyEncoding, &[u8]) -> Option<String>,
    pause: &mut Pause<'_>,
) -> Document {
    match decode_pausing_with(bytes, legacy, pause).await {
        Ok((text, diagnostics)) => read_decoded(&text, diagnostics, pause).await,
        Err(not_read) => not_read,
    }
}

/// The first half of [`read_pausing`]: the bytes as text, with what decoding noted; or, when they
/// are not text or cannot be decoded here, the document that says so. The second half is
/// [`read_decoded`], or [`read_layout`] when [`detect`] says the text is in the bilingual layout:
/// the browser app fetches the other formats' readers only for a transcript in one of them.
pub async fn decode_pausing_with<'a>(
    bytes: &'a [u8],
    legacy: impl FnMut(LegacyEncoding, &[u8]) -> Option<String>,
    pause: &mut Pause<'_>,
) -> Result<(Cow<'a, str>, Vec<Diagnostic>), Document> {
    match decode::decode_pausing(bytes, pause).await {
        Decoded::Text(text, diagnostics) => Ok((text, diagnostics)),
        Decoded::NotText(reason) => Err(not_text(reason)),
        Decoded::Legacy(encodings) => {
            legacy_decoded(choose_legacy(bytes, encodings, legacy), encodings).map_err(not_text)
        }
    }
}

/// What [`choose_legacy`] `found` among `encodings` comes to: its text with a note naming the
/// encoding, or, where no decoder could decode the bytes, why it is not read ([`not_text`]).
pub fn legacy_decoded<'a>(
    found: Option<(LegacyEncoding, String)>,
    encodings: &[LegacyEncoding],
) -> Result<(Cow<'a, str>, Vec<Diagnostic>), String> {
    match found {
        Some((encoding, text)) => {
            let note = Diagnostic {
                line: 0,
                kind: DiagnosticKind::Decoded {
                    encoding: encoding.name(),
                },
            };
            Ok((Cow::Owned(text), vec![note]))
        }
        None => Err(format!(
            "it looks like {} text, which cannot be decoded here",
            encodings[0].name()
        )),
    }
}

/// Reads a transcript that is already text.
pub fn read_str(text: &str) -> Document {
    without_pauses(read_decoded(
        text.strip_prefix('\u{FEFF}').unwrap_or(text),
        Vec::new(),
        &mut || None,
    ))
}

/// Reads decoded text in whatever format [`detect`] finds, noting `diagnostics` (decoding's).
pub async fn read_decoded(
    text: &str,
    mut diagnostics: Vec<Diagnostic>,
    pause: &mut Pause<'_>,
) -> Document {
    let text = &*decode::controls_as_text(text);
    match detect(text) {
        Format::WebVtt => read_cues::read(text, Format::WebVtt, diagnostics, pause).await,
        format @ (Format::Srt | Format::Sbv) => {
            read_cues::read(text, format, diagnostics, pause).await
        }
        // (A service's JSON is told from Podcasting 2.0's in the reading.)
        Format::PodcastJson | Format::ServiceJson(_) => {
            match read_podcast_json::read(text, diagnostics.clone()) {
                Ok(mut doc) => {
                    decode::escaped_controls_as_spaces(&mut doc);
                    doc
                }
                Err(why) => {
                    diagnostics.push(why);
                    read_layout(text, diagnostics, pause).await
                }
            }
        }
        Format::Html => read_html::read(text, diagnostics, pause).await,
        #[cfg(feature = "ttml")]
        Format::Ttml => read_ttml::read(text, diagnostics, pause).await,
        #[cfg(not(feature = "ttml"))]
        Format::Ttml => not_read_here("TTML captions"),
        #[cfg(feature = "ass")]
        Format::Ass => read_ass::read(text, diagnostics, pause).await,
        #[cfg(not(feature = "ass"))]
        Format::Ass => not_read_here("ASS subtitles"),
        #[cfg(feature = "lrc")]
        Format::Lrc => read_lrc::read(text, diagnostics, pause).await,
        #[cfg(not(feature = "lrc"))]
        Format::Lrc => not_read_here("LRC lyrics"),
        #[cfg(feature = "sami")]
        Format::Sami => read_sami::read(text, diagnostics, pause).await,
        #[cfg(not(feature = "sami"))]
        Format::Sami => not_read_here("SAMI subtitles"),
        #[cfg(feature = "microdvd")]
        format @ (Format::MicroDvd | Format::Mpl2) => {
            read_microdvd::read(text, format, diagnostics, pause).await
        }
        #[cfg(not(feature = "microdvd"))]
        Format::MicroDvd | Format::Mpl2 => not_read_here("MicroDVD or MPL2 subtitles"),
        #[cfg(feature = "tables")]
        Format::Table => read_table::read(text, diagnostics, pause).await,
        // (Not told without its reader: a table is text to the layout's.)
        #[cfg(not(feature = "tables"))]
        Format::Table => read_layout(text, diagnostics, pause).await,
        Format::Bilingual => read_layout(text, diagnostics, pause).await,
    }
}

/// Reads decoded text in the bilingual layout ([`Format::Bilingual`], which reads any plain text).
pub async fn read_layout(
    text: &str,
    mut diagnostics: Vec<Diagnostic>,
    pause: &mut Pause<'_>,
) -> Document {
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
    read_bilingual::read(text, diagnostics, pause).await
}

/// The result of a read whose pauses are all `None`: it never waits, so it is done on its
/// first poll (polled again, harmlessly, if it ever were not).
pub(crate) fn without_pauses<T>(read: impl Future<Output = T>) -> T {
    let mut read = pin!(read);
    let mut context = Context::from_waker(Waker::noop());
    loop {
        if let Poll::Ready(doc) = read.as_mut().poll(&mut context) {
            return doc;
        }
    }
}

/// A format this build leaves out (the embed's), said so, with where it is read.
#[cfg(not(all(
    feature = "ttml",
    feature = "ass",
    feature = "lrc",
    feature = "sami",
    feature = "microdvd"
)))]
fn not_read_here(what: &str) -> Document {
    not_text(format!(
        "it is {what}, which this build does not read (the interlinear app does, and \
         `interlinear convert FILE --to vtt` makes WebVTT of them)"
    ))
}

/// The document of bytes that are not a transcript: no turns, and a note saying what they are
/// (`reason`: "a PNG image").
pub fn not_text(reason: String) -> Document {
    let diagnostics = vec![Diagnostic {
        line: 0,
        kind: DiagnosticKind::NotText { reason },
    }];
    Document {
        diagnostics,
        ..Document::default()
    }
}

/// How many lines (not blank) may stand above the first cue timing of a file without `WEBVTT`
/// for it to be read as captions, besides that cue's number.
const HEADER_LINES_BEFORE_CUES: usize = 6;

/// How many lines (not blank) after the first cue's timing the next cue's must come within.
const CUE_LINES: usize = 6;

/// How many lines (not blank) at the start of a text are looked at for cue timings.
pub(crate) const CUE_TIMINGS_LOOKED_AT: usize = HEADER_LINES_BEFORE_CUES + 2 + CUE_LINES;

/// The format of `text`, from its content: a `WEBVTT` header, a JSON object, a `<tt>` element
/// (TTML), HTML, a cue timing line among the first lines (SRT), a header row naming a table's
/// columns (CSV, TSV, Markdown's), and otherwise the bilingual layout (which reads any plain
/// text).
pub fn detect(text: &str) -> Format {
    let head = text.trim_start();
    if head.starts_with("WEBVTT") {
        return Format::WebVtt;
    }
    // An array of segments, not a turn line (`[00:00:01] Name`).
    let array_of_objects = head
        .strip_prefix('[')
        .is_some_and(|rest| rest.trim_start().starts_with('{'));
    // Before JSON: a MicroDVD cue starts with `{` too.
    if let Some(format) = frames_or_tenths(head) {
        return format;
    }
    if head.starts_with('{') || array_of_objects {
        return Format::PodcastJson;
    }
    // Before HTML: TTML's and SAMI's cues are `<p>`s too.
    if looks_like_sami(head) {
        return Format::Sami;
    }
    if looks_like_ttml(head) {
        return Format::Ttml;
    }
    if looks_like_ass(head) {
        return Format::Ass;
    }
    if read_html::looks_like_html(head) {
        return Format::Html;
    }
    let mut lines = lines::Lines::new(head)
        .map(|(_, l)| l)
        .filter(|l| !l.trim().is_empty());
    let first = lines.next().unwrap_or("");
    let second = lines.next().unwrap_or("");
    let is_timing = read_cues::looks_like_timing;
    if is_timing(first) || (read_cues::is_cue_number(first) && is_timing(second)) {
        return Format::Srt;
    }
    // Cues under a few lines of their own (`Downloaded from …`, or a WebVTT file's header
    // without its `WEBVTT`), which the reader keeps as the header: two cues' timings, the first
    // among the first lines. (One alone there may be a line of a header, as the bilingual
    // layout writes a caption file's stray lines.)
    let mut timings = [first, second]
        .into_iter()
        .chain(lines)
        .take(CUE_TIMINGS_LOOKED_AT)
        .enumerate()
        .filter(|&(_, line)| is_timing(line));
    if timings
        .next()
        .is_some_and(|(at, _)| at < HEADER_LINES_BEFORE_CUES + 2)
        && timings.next().is_some()
    {
        return Format::Srt;
    }
    if read_cues::sbv_comma(first).is_some() {
        return Format::Sbv;
    }
    if read_lrc::looks_like_lrc(head) {
        return Format::Lrc;
    }
    #[cfg(feature = "tables")]
    if read_table::looks_like_table(head) {
        return Format::Table;
    }
    Format::Bilingual
}

/// MicroDVD or MPL2, if the text (decoded, its leading whitespace gone) starts as their cues do:
/// `{1200}{1320}` (frames) or `[120][132]` (tenths of a second), the end perhaps empty.
fn frames_or_tenths(head: &str) -> Option<Format> {
    let (format, open, close) = match head.as_bytes().first()? {
        b'{' => (Format::MicroDvd, b'{', b'}'),
        b'[' => (Format::Mpl2, b'[', b']'),
        _ => return None,
    };
    let mut rest = head.as_bytes();
    for digits_needed in [true, false] {
        let inside = rest.strip_prefix(&[open])?;
        let digits = inside.iter().take_while(|b| b.is_ascii_digit()).count();
        if digits_needed && digits == 0 || inside.get(digits) != Some(&close) {
            return None;
        }
        rest = &inside[digits + 1..];
    }
    Some(format)
}

/// Whether the text (decoded, its leading whitespace gone) is SAMI: it starts with `<SAMI`.
fn looks_like_sami(head: &str) -> bool {
    head.get(..5)
        .is_some_and(|start| start.eq_ignore_ascii_case("<sami"))
}

/// Whether the text (decoded, its leading whitespace gone) is a TTML document: its first element,
/// after an XML declaration, comments and a doctype, is `<tt>` (or `<tt:tt>`, as EBU-TT writes
/// it), or YouTube's `<timedtext>` or `<transcript>`, which that reader reads too. (Here, not in
/// `read_ttml`: a build without that reader still says what the text is.)
fn looks_like_ttml(head: &str) -> bool {
    let mut rest = head;
    loop {
        rest = rest.trim_start();
        let skip_to = if rest.starts_with("<?") {
            "?>"
        } else if rest.starts_with("<!--") {
            "-->"
        } else if rest.starts_with("<!") {
            ">"
        } else {
            break;
        };
        match rest.find(skip_to) {
            Some(at) => rest = &rest[at + skip_to.len()..],
            None => return false,
        }
    }
    let Some(tag) = rest.strip_prefix('<') else {
        return false;
    };
    let name = &tag[..tag
        .find(|c: char| c.is_ascii_whitespace() || c == '>' || c == '/')
        .unwrap_or(tag.len())];
    // YouTube's timed text (srv3, srv1) is read by the TTML reader too.
    matches!(local_name(name), "tt" | "timedtext" | "transcript") && name.len() < tag.len()
}

/// Whether the text (decoded, its leading whitespace gone) is an ASS or SSA script: it opens
/// with its `[Script Info]` section.
fn looks_like_ass(head: &str) -> bool {
    head.get(..13)
        .is_some_and(|s| s.eq_ignore_ascii_case("[Script Info]"))
}

/// An XML name without its namespace prefix: `tt:p` → `p`.
pub(crate) fn local_name(name: &str) -> &str {
    name.rsplit(':').next().unwrap_or(name)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_script_opening_with_its_info_section_is_ass() {
        assert!(looks_like_ass("[Script Info]\nTitle: x"));
        assert!(looks_like_ass("[script info]"));
        assert!(!looks_like_ass("[Script]"));
        assert!(!looks_like_ass("[00:00:01] Speaker"));
        assert!(!looks_like_ass("[Script Inf"));
    }

    #[test]
    fn a_document_whose_first_element_is_tt_is_ttml() {
        for ttml in [
            "<tt xmlns=\"http://www.w3.org/ns/ttml\"><body/></tt>",
            "<?xml version=\"1.0\"?>\n<!-- made by a tool -->\n<tt:tt xmlns:tt=\"x\">",
            "<!DOCTYPE tt>\n<tt>",
            "<?xml version=\"1.0\" encoding=\"utf-8\" ?><timedtext format=\"3\">",
            "<?xml version=\"1.0\" encoding=\"utf-8\" ?><transcript><text start=\"0\">",
        ] {
            assert!(looks_like_ttml(ttml), "{ttml}");
        }
        for other in [
            "<p><tt>code</tt></p>",
            "<html><tt>x</tt>",
            "<?xml version=\"1.0\"?><rss>",
            "<ttx>",
            "<tt",
            "<transcripts>",
        ] {
            assert!(!looks_like_ttml(other), "{other}");
        }
    }

    /// Pending the first time it is polled, ready the next: a pause that really suspends.
    struct YieldOnce(bool);

    impl Future for YieldOnce {
        type Output = ();
        fn poll(mut self: Pin<&mut Self>, _: &mut Context<'_>) -> Poll<()> {
            if self.0 {
                Poll::Ready(())
            } else {
                self.0 = true;
                Poll::Pending
            }
        }
    }

    #[test]
    fn a_read_with_pauses_reads_the_same_and_pauses_every_thousand_lines() {
        let bilingual: String = (0..5_000)
            .map(|i| {
                format!(
                    "[{:02}:{:02}:00] A\nEnglish: Line {i}.\n中文翻译: 第{i}行。\n\n",
                    i / 60 % 100,
                    i % 60
                )
            })
            .collect();
        let vtt = format!(
            "WEBVTT\n\n{}",
            (0..5_000)
                .map(|i| format!(
                    "00:{:02}:{:02}.000 --> 00:{:02}:{:02}.500\nCue {i}.\n第{i}条。\n\n",
                    i / 60 % 60,
                    i % 60,
                    i / 60 % 60,
                    i % 60
                ))
                .collect::<String>()
        );
        let html: String = (0..5_000)
            .map(|i| format!("<cite>A:</cite>\n<time>{}:{:02}:00</time>\n<p>Line {i}.</p>\n<p>第{i}行。</p>\n", i / 60, i % 60))
            .collect();
        for text in [bilingual, vtt, html] {
            let lines = text.lines().count() as u32;
            let mut pauses = 0;
            let mut pause = || -> Option<Pin<Box<dyn Future<Output = ()>>>> {
                pauses += 1;
                Some(Box::pin(YieldOnce(false)))
            };
            let paused = without_pauses(read_pausing(text.as_bytes(), |_, _| None, &mut pause));
            assert_eq!(paused, read_with(text.as_bytes(), |_, _| None));
            assert_eq!(paused.turns.len(), 5_000);
            assert!(
                pauses >= lines / PAUSE_EVERY_LINES - 1,
                "{pauses} pauses in {lines} lines"
            );
        }
    }

    /// A page written on one line pauses as often as one of a line per tag, by its bytes.
    #[test]
    fn a_minified_html_page_pauses_every_quarter_megabyte() {
        let page: String = (0..20_000)
            .map(|i| {
                format!(
                    "<cite>A:</cite><time>{}:{:02}:00</time><p>Line {i} of a page on one line.</p>",
                    i / 60,
                    i % 60
                )
            })
            .collect();
        let mut pauses = 0;
        let mut pause = || -> Option<Pin<Box<dyn Future<Output = ()>>>> {
            pauses += 1;
            Some(Box::pin(YieldOnce(false)))
        };
        // The reading's pauses alone (decoding pauses too).
        let paused = without_pauses(read_decoded(&page, Vec::new(), &mut pause));
        assert_eq!(paused, read_with(page.as_bytes(), |_, _| None));
        assert_eq!(paused.turns.len(), 20_000);
        assert!(
            pauses >= page.len() / (256 * 1024),
            "{pauses} pauses in {} bytes",
            page.len()
        );
    }

    /// A timeline built from speaking times worked out before (with pauses between stretches of
    /// turns) is the one built at once, with written and with heard starts.
    #[test]
    fn timelines_from_speaking_times_worked_out_with_pauses_are_the_same() {
        let text: String = (0..3_000)
            .map(|i| {
                format!(
                    "[{:02}:{:02}:00] A\n{}\n中文翻译: 第{i}行。\n\n",
                    i / 60,
                    i % 60,
                    "Word ".repeat(i % 97)
                )
            })
            .collect();
        let doc = read_str(&text);
        let mut pauses = 0;
        let mut pause = || -> Option<Pin<Box<dyn Future<Output = ()>>>> {
            pauses += 1;
            Some(Box::pin(YieldOnce(false)))
        };
        let speaking = without_pauses(SpeakingTimes::of_pausing(&doc, &mut pause));
        assert!(pauses >= 5, "{pauses} pauses");
        assert_eq!(speaking, SpeakingTimes::of(&doc));
        let heard: Vec<Millis> = doc.turns.iter().map(|t| Millis(t.start.0 / 2)).collect();
        for duration in [None, Some(Millis(100_000_000))] {
            assert_eq!(
                Timeline::build(&doc, duration, None, &speaking),
                Timeline::new(&doc, duration)
            );
            assert_eq!(
                Timeline::build(&doc, duration, Some(&heard), &speaking),
                Timeline::with_starts(&doc, duration, &heard)
            );
        }
    }

    /// UTF-8 is checked a piece at a time, with pauses between, and pieces cut inside a
    /// character change nothing: valid text, text with a BOM, damaged text and a legacy
    /// encoding read as they do at once.
    #[test]
    fn a_read_with_pauses_checks_the_text_a_piece_at_a_time() {
        // Four turns of ~300 KB each: few lines, so the pauses counted are the checking's.
        let turn = |i: usize| {
            format!(
                "[00:0{i}:00] A\nEnglish: {}\n中文翻译: {}\n\n",
                "Word ".repeat(30_000),
                "中文a".repeat(30_000)
            )
        };
        let valid: String = (0..4).map(turn).collect();
        let cuts = (1..valid.len() / decode::CHECKED_AT_A_TIME)
            .filter(|&k| !valid.is_char_boundary(k * decode::CHECKED_AT_A_TIME))
            .count();
        assert!(cuts > 0, "a piece's end should fall inside a character");
        let with_bom = [b"\xEF\xBB\xBF".as_slice(), valid.as_bytes()].concat();
        let mut damaged = valid.clone().into_bytes();
        damaged[decode::CHECKED_AT_A_TIME + 10] = 0xFF;
        let gb18030 =
            b"[00:00:01] \xD5\xC5\xC8\xFD\n\xC4\xE3\xBA\xC3\xA3\xAC\xCA\xC0\xBD\xE7".repeat(5_000);
        for (bytes, checked_in_pieces) in [
            (valid.as_bytes(), true),
            (&with_bom, true),
            (&damaged, false),
            (&gb18030, false),
        ] {
            let mut pauses = 0;
            let mut pause = || -> Option<Pin<Box<dyn Future<Output = ()>>>> {
                pauses += 1;
                Some(Box::pin(YieldOnce(false)))
            };
            let paused = without_pauses(read_pausing(bytes, |_, _| None, &mut pause));
            assert_eq!(paused, read_with(bytes, |_, _| None));
            if checked_in_pieces {
                assert_eq!(paused.turns.len(), 4);
                assert!(
                    pauses >= bytes.len() / decode::CHECKED_AT_A_TIME,
                    "{pauses} pauses"
                );
            }
        }
    }
}
