//! interlinear: a bilingual transcript player that runs in the browser.
//!
//! [`core`] (the `interlinear-core` crate, `crates/core/`) reads transcripts into a document model
//! and timeline and writes them back out; it is plain Rust, shared by the native CLI (`src/bin/interlinear.rs`), the tests and the WebAssembly
//! build. `app` is the Leptos app and its embed (WebAssembly only); `js_api` exposes the reader to
//! JavaScript (feature `reader`: the library built alone, for speed).

pub use interlinear_core as core;

#[cfg(target_arch = "wasm32")]
pub mod app;
#[cfg(all(target_arch = "wasm32", feature = "reader"))]
pub mod js_api;

/// A Word or OpenDocument document's body (raw DEFLATE) inflated to no more than the `size` its
/// archive states, for `core::documents::read`: in the CLI and `parseTranscript`'s reader, which
/// answer at once; the app and the embed unpack with the browser's `DecompressionStream`.
#[cfg(any(not(target_arch = "wasm32"), feature = "reader"))]
pub fn inflate(data: &[u8], size: usize) -> Option<Vec<u8>> {
    miniz_oxide::inflate::decompress_to_vec_with_limit(data, size).ok()
}
