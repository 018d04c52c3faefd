//! Reading a `ReadableStream` (a response's body, a dropped file) chunk by chunk as it arrives,
//! so neither a three-hour episode nor a large transcript has to be in memory before work starts.

use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

use crate::app::hooks::reflect::property;

/// The chunks of one stream, in order.
pub struct Chunks {
    reader: web_sys::ReadableStreamDefaultReader,
}

impl Chunks {
    pub fn new(stream: &web_sys::ReadableStream) -> Option<Chunks> {
        Some(Chunks {
            reader: stream.get_reader().dyn_into().ok()?,
        })
    }

    /// Appends the next chunk to `bytes`; `false` at the end of the stream, or when it fails.
    pub async fn append_next(&self, bytes: &mut Vec<u8>) -> bool {
        let Some(chunk) = self.next().await else {
            return false;
        };
        let (at, length) = (bytes.len(), chunk.length() as usize);
        bytes.reserve(length);
        // Copied straight into the spare room: zeroing it first would touch every byte twice.
        let copied = chunk
            .copy_to_uninit(&mut bytes.spare_capacity_mut()[..length])
            .len();
        // SAFETY: the `copied` bytes after `at` were written just now.
        unsafe { bytes.set_len(at + copied) };
        true
    }

    async fn next(&self) -> Option<js_sys::Uint8Array> {
        let chunk = JsFuture::from(self.reader.read()).await.ok()?;
        if property(&chunk, "done").is_some_and(|done| done.is_truthy()) {
            return None;
        }
        property(&chunk, "value")?.dyn_into().ok()
    }
}

/// `data`, raw DEFLATE (a document's body), inflated by the browser's `DecompressionStream`
/// (no inflater ships in the WebAssembly): `None` unless it inflates to exactly `size` bytes,
/// as its archive says. Read as it comes, so an archive built to inflate into gigabytes is
/// stopped a chunk past the size it claims.
#[cfg(not(feature = "embed"))]
pub async fn inflate(data: &[u8], size: usize) -> Option<Vec<u8>> {
    let inflater = Inflater::new("deflate-raw").ok()?;
    let body = js_sys::Array::of1(&js_sys::Uint8Array::from(data));
    let packed = web_sys::Blob::new_with_u8_array_sequence(&body).ok()?;
    // A transform stream is the pair of streams `pipeThrough` asks for.
    let chunks = Chunks::new(&packed.stream().pipe_through(inflater.unchecked_ref()))?;
    // Not all of `size` at once: the WebAssembly's memory never shrinks, and an archive may claim
    // any size. XML packs about ten to one.
    let mut inflated = Vec::with_capacity(size.min(data.len().saturating_mul(16)));
    // A stream that fails (the data is damaged) ends early: short of `size`.
    while inflated.len() <= size && chunks.append_next(&mut inflated).await {}
    (inflated.len() == size).then_some(inflated)
}

// web-sys has `DecompressionStream` only behind its unstable APIs' flag, which would change
// every binding of the build; this is the one constructor used.
#[cfg(not(feature = "embed"))]
#[wasm_bindgen::prelude::wasm_bindgen]
extern "C" {
    #[wasm_bindgen(js_name = DecompressionStream)]
    type Inflater;

    #[wasm_bindgen(constructor, js_class = DecompressionStream, catch)]
    fn new(format: &str) -> Result<Inflater, wasm_bindgen::JsValue>;
}
