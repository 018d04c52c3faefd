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
