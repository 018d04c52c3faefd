//! The reader for JavaScript: `parseTranscript(textOrBytes)` returns the JSON exchange shape
//! (see the README) as a plain object, for third-party pages. It ships in the embed's
//! WebAssembly (feature `embed`), not the app's.

use wasm_bindgen::prelude::*;

use crate::app::hooks::decode::decode_legacy;
use crate::core::json::Writer;
use crate::core::{self, export, Document, Timeline};

/// Reads a transcript given as a string, a `Uint8Array` or an `ArrayBuffer`, and returns
/// `{title, metadata, languages, segments, diagnostics}`. Never throws on bad content: problems
/// are in `diagnostics`. Throws only when `input` is neither text nor bytes.
#[wasm_bindgen(js_name = parseTranscript)]
pub fn parse_transcript(input: JsValue) -> Result<JsValue, JsError> {
    let doc = read_js(&input)?;
    Ok(to_js(&doc))
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
    Ok(core::read_with(&bytes, decode_legacy))
}

/// The exchange shape as a JavaScript object, built in bulk: all text crosses the boundary as one
/// string, with UTF-16 offsets, times and speakers as typed arrays, and a few lines of JavaScript
/// cut the segments out of it (`String.prototype.slice` shares the one string's memory). Building
/// the objects field by field, or through `JSON.parse`, is several times slower.
fn to_js(doc: &Document) -> JsValue {
    // The same content as `to_json` (see `core::export::json`), written straight into one buffer
    // rather than into a string per cell first.
    let timeline = Timeline::new(doc, None);
    let mut text = String::with_capacity(
        doc.turns
            .iter()
            .flat_map(|t| &t.blocks)
            .flat_map(|b| &b.paragraphs)
            .map(|p| p.text.len() + 2)
            .sum(),
    );
    let mut cells: Vec<u32> = Vec::with_capacity(doc.turns.len() * doc.languages.len());
    let mut times: Vec<f64> = Vec::with_capacity(doc.turns.len() * 2);
    let mut speakers: Vec<i32> = Vec::with_capacity(doc.turns.len());
    let mut utf16_end = 0u32;
    for (i, turn) in doc.turns.iter().enumerate() {
        for &lang in &doc.languages {
            match turn.block(lang) {
                Some(block) => {
                    let from = text.len();
                    block.write_plain_text(&mut text);
                    utf16_end += utf16_len(&text[from..]);
                    cells.push(utf16_end);
                }
                None => cells.push(NO_TEXT),
            }
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
    build_exchange(&head, &text, &cells, &times, &speakers)
}

/// In `cells`: this segment has no text in this language.
const NO_TEXT: u32 = u32::MAX;

/// The length of `s` in UTF-16 code units (what JavaScript string offsets count).
fn utf16_len(s: &str) -> u32 {
    let units: usize = s
        .as_bytes()
        .iter()
        .map(|&b| usize::from(b & 0xC0 != 0x80) + usize::from(b >= 0xF0))
        .sum();
    units as u32
}

#[wasm_bindgen(inline_js = "
export function build_exchange(head, text, cells, times, speakers) {
  const h = JSON.parse(head);
  const langs = h.languages, names = h.speakers, n = speakers.length, width = langs.length;
  const segments = new Array(n);
  let at = 0;
  for (let i = 0; i < n; i++) {
    const byLang = {};
    for (let k = 0; k < width; k++) {
      const end = cells[i * width + k];
      if (end !== 0xFFFFFFFF) { byLang[langs[k]] = text.slice(at, end); at = end; }
    }
    const who = speakers[i];
    segments[i] = { start: times[2 * i], end: times[2 * i + 1],
                    speaker: who < 0 ? null : names[who], text: byLang };
  }
  return { title: h.title, metadata: h.metadata, languages: langs, segments, diagnostics: h.diagnostics };
}")]
extern "C" {
    fn build_exchange(
        head: &str,
        text: &str,
        cells: &[u32],
        times: &[f64],
        speakers: &[i32],
    ) -> JsValue;
}
