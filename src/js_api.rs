//! The reader for JavaScript: `parseTranscript(textOrBytes)` returns the JSON exchange shape
//! (see the README) as a plain object, for third-party pages. It is the library's only export
//! (feature `reader`), built by scripts/build-wasm into WebAssembly of its own, compiled for speed
//! rather than size: neither the app nor the embed needs it, and a page that calls it downloads
//! it then (the embed's script imports it on the first call) and reads with it many times faster
//! than the size-first builds would.

use wasm_bindgen::prelude::*;

use crate::app::hooks::decode::decode_legacy;
use crate::core::json::Writer;
use crate::core::source_offsets::{may_have_held_lone_surrogates, utf16_len, SourceOffsets};
use crate::core::{self, export, Document, Timeline};

/// Reads a transcript given as a string, a `Uint8Array` or an `ArrayBuffer`, and returns
/// `{title, metadata, languages, segments, diagnostics}`. Never fails for bad content: problems
/// are in `diagnostics`. Fails only when `input` is neither text nor bytes.
#[wasm_bindgen(js_name = parseTranscript)]
pub fn parse_transcript(input: JsValue) -> Result<JsValue, JsError> {
    // Given a string, the segments' text is cut out of it where it stands there as it is.
    match input.as_string() {
        Some(text) => {
            let doc = core::read_str(&text);
            let given = GivenString {
                string: &input,
                offsets: SourceOffsets::new(&text),
                surrogates: may_have_held_lone_surrogates(&text) && !is_well_formed(&input),
            };
            Ok(to_js(&doc, Some(given)))
        }
        None => read_js(&input).map(|doc| to_js(&doc, None)),
    }
}

/// The number of turns in a transcript, without building JavaScript objects for them: what a page
/// that renders through the Rust views (or only needs a count) pays for reading.
#[wasm_bindgen(js_name = countTurns)]
pub fn count_turns(input: JsValue) -> Result<u32, JsError> {
    Ok(read_js(&input)?.turns.len() as u32)
}

fn read_js(input: &JsValue) -> Result<Document, JsError> {
    if let Some(text) = input.as_string() {
        return Ok(core::read_str(&text));
    }
    let bytes = if let Some(array) = input.dyn_ref::<js_sys::Uint8Array>() {
        array.to_vec()
    } else if let Some(buffer) = input.dyn_ref::<js_sys::ArrayBuffer>() {
        js_sys::Uint8Array::new(buffer).to_vec()
    } else {
        return Err(JsError::new(
            "parseTranscript takes a string, a Uint8Array or an ArrayBuffer",
        ));
    };
    Ok(core::documents::read(&bytes, crate::inflate)
        .unwrap_or_else(|| core::read_with(&bytes, decode_legacy)))
}

/// The exchange shape as a JavaScript object, built in bulk: the segments' text crosses the
/// boundary as offsets into the string the page passed in where it stands there (most of it: a
/// line after its label; in pieces where emphasis marks or tags were taken out), and as one
/// string of the rest, with times and speakers as
/// typed arrays, and a few lines of JavaScript cut the segments out (`String.prototype.slice`
/// shares the string's memory). Decoding text out of WebAssembly memory is the costly part
/// (in Node, 50 ms for a 10 MB season's), and building the objects field by field or through
/// `JSON.parse` is several times slower still.
fn to_js(doc: &Document, mut given: Option<GivenString>) -> JsValue {
    // The same content as `to_json` (see `core::export::json`), written straight into buffers
    // rather than into a string per cell first.
    let timeline = Timeline::new(doc, None);
    let mut rest = String::new();
    let mut rest_utf16 = 0u32;
    let mut cell = String::new();
    // Where the text at hand stands in the given string, as (from, to) ranges; and the ranges of
    // every text that stands there in pieces, one text after the other.
    let mut ranges = Vec::new();
    let mut pieces: Vec<u32> = Vec::new();
    let width = doc.languages.len();
    let mut cells: Vec<u32> = Vec::with_capacity(doc.turns.len() * width * 2);
    let mut times: Vec<f64> = Vec::with_capacity(doc.turns.len() * 2);
    let mut speakers: Vec<i32> = Vec::with_capacity(doc.turns.len());
    for (i, turn) in doc.turns.iter().enumerate() {
        if let Some(given) = &mut given {
            given.offsets.turn(turn.line);
        }
        // Looked for in the order the turn's blocks stand in the source, laid out in the
        // document's order of languages.
        let row = cells.len();
        cells.resize(row + width * 2, NO_TEXT);
        for block in &turn.blocks {
            let Some(k) = doc.languages.iter().position(|&lang| lang == block.lang) else {
                continue;
            };
            let text = match &block.paragraphs[..] {
                [one] => &one.text,
                _ => {
                    cell.clear();
                    block.write_plain_text(&mut cell);
                    &cell
                }
            };
            ranges.clear();
            if let Some(source) = given
                .as_mut()
                .filter(|g| !(g.surrogates && text.contains(char::REPLACEMENT_CHARACTER)))
            {
                source.offsets.find(text, &mut ranges);
            }
            let (from, to) = match ranges[..] {
                [from, to] => (from, to),
                [_, _, ..] => {
                    let from = pieces.len() as u32;
                    pieces.extend_from_slice(&ranges);
                    (from | IN_PIECES, pieces.len() as u32)
                }
                _ => {
                    let from = rest_utf16;
                    rest.push_str(text);
                    rest_utf16 += utf16_len(text);
                    (from | IN_REST, rest_utf16)
                }
            };
            cells[row + 2 * k..row + 2 * k + 2].copy_from_slice(&[from, to]);
        }
        times.push(turn.start.as_secs_f64());
        times.push(timeline.span(i).end.as_secs_f64());
        speakers.push(turn.speaker.map_or(-1, |s| s as i32));
    }
    // Everything but the segments, as JSON (it is small).
    let mut head = Writer::compact();
    head.begin_object();
    head.key("title").string_or_null(doc.title.as_deref());
    head.key("metadata");
    export::json::strings(&mut head, &doc.metadata);
    head.key("languages").begin_array();
    for lang in &doc.languages {
        head.string(lang.code());
    }
    head.end_array();
    head.key("speakers");
    export::json::strings(&mut head, &doc.speakers);
    head.key("diagnostics");
    export::json::diagnostics(&mut head, doc);
    head.end_object();
    let head = head.finish();
    let input = given.map_or(JsValue::NULL, |g| g.string.clone());
    build_exchange(&head, &input, &rest, &cells, &pieces, &times, &speakers)
}

/// The string a transcript was read from, to cut the segments' text out of.
struct GivenString<'a> {
    string: &'a JsValue,
    offsets: SourceOffsets<'a>,
    /// Whether it holds a lone surrogate, read as U+FFFD: text with U+FFFD is then handed over as
    /// read, not cut out of the string where the surrogate still stands.
    surrogates: bool,
}

/// In `cells`: this segment has no text in this language.
const NO_TEXT: u32 = u32::MAX;
/// In `cells`, on a start: the offsets are in the rest's text, not the source (no JavaScript string
/// is 2^30 units long).
const IN_REST: u32 = 1 << 31;
/// In `cells`, on a start: the text is the source's ranges in `pieces` from this index to the end's,
/// joined.
const IN_PIECES: u32 = 1 << 30;

#[wasm_bindgen(inline_js = "
export function is_well_formed(s) {
  return typeof s.isWellFormed === 'function' && s.isWellFormed();
}
export function build_exchange(head, input, rest, cells, pieces, times, speakers) {
  const h = JSON.parse(head);
  const langs = h.languages, names = h.speakers, n = speakers.length, width = langs.length;
  const segments = new Array(n);
  for (let i = 0, c = 0; i < n; i++) {
    const byLang = {};
    for (let k = 0; k < width; k++, c += 2) {
      const from = cells[c], to = cells[c + 1];
      if (from === 0xFFFFFFFF) continue;
      if (from >= 0x80000000) byLang[langs[k]] = rest.slice(from - 0x80000000, to);
      else if (from >= 0x40000000) {
        let joined = '';
        for (let p = from - 0x40000000; p < to; p += 2) joined += input.slice(pieces[p], pieces[p + 1]);
        byLang[langs[k]] = joined;
      } else byLang[langs[k]] = input.slice(from, to);
    }
    const who = speakers[i];
    segments[i] = { start: times[2 * i], end: times[2 * i + 1],
                    speaker: who < 0 ? null : names[who], text: byLang };
  }
  return { title: h.title, metadata: h.metadata, languages: langs, segments, diagnostics: h.diagnostics };
}")]
extern "C" {
    /// Whether the string holds no lone surrogate (`false` where the engine cannot tell).
    fn is_well_formed(text: &JsValue) -> bool;
    fn build_exchange(
        head: &str,
        input: &JsValue,
        rest: &str,
        cells: &[u32],
        pieces: &[u32],
        times: &[f64],
        speakers: &[i32],
    ) -> JsValue;
}
