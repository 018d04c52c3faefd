//! The reader for JavaScript: `parseTranscript(textOrBytes)` returns the JSON exchange shape
//! (see the README) as a plain object, for the embed and for third-party pages.
//!
//! Bytes in a legacy Chinese encoding are decoded with the browser's `TextDecoder`, so the bundle
//! carries no decoding tables.

use wasm_bindgen::prelude::*;

use crate::core::{self, export::Exchange, Document, LegacyEncoding, Timeline};

/// Reads a transcript given as a string, a `Uint8Array` or an `ArrayBuffer`, and returns
/// `{title, metadata, languages, segments, diagnostics}`. Never throws on bad content: problems
/// are in `diagnostics`. Throws only when `input` is neither text nor bytes.
#[wasm_bindgen(js_name = parseTranscript)]
pub fn parse_transcript(input: JsValue) -> Result<JsValue, JsError> {
    let doc = read_js(&input)?;
    to_js(&doc)
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

/// The exchange shape as a JavaScript object. It is serialised to JSON in WebAssembly and parsed
/// by the engine's `JSON.parse`: one string crosses the boundary instead of tens of thousands of
/// small ones, which is several times faster than building the objects field by field.
fn to_js(doc: &Document) -> Result<JsValue, JsError> {
    let timeline = Timeline::new(doc, None);
    let json = serde_json::to_string(&Exchange::new(doc, &timeline))
        .map_err(|e| JsError::new(&e.to_string()))?;
    js_sys::JSON::parse(&json).map_err(|_| JsError::new("JSON.parse rejected the exchange JSON"))
}

/// GB18030 and Big5 through the platform's decoder (`None` if the platform lacks it).
pub fn decode_legacy(encoding: LegacyEncoding, bytes: &[u8]) -> Option<String> {
    let options = web_sys::TextDecoderOptions::new();
    options.set_fatal(true);
    let decoder =
        web_sys::TextDecoder::new_with_label_and_options(encoding.label(), &options).ok()?;
    decoder.decode_with_u8_array(bytes).ok()
}
