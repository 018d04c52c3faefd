//! Reading a `ReadableStream` (a response's body, a dropped file) chunk by chunk as it arrives,
//! so neither a three-hour episode nor a large transcript has to be in memory before work starts.

use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

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
        let field = |name: &str| js_sys::Reflect::get(&chunk, &JsValue::from_str(name));
        if field("done").is_ok_and(|d| d.is_truthy()) {
            return None;
        }
        field("value").ok()?.dyn_into().ok()
    }
}
