//! The embed's entry point: `<interlinear-transcript>` (`mountTranscript`), built by
//! `scripts/build-wasm` into WebAssembly of its own, without the app.
#![cfg_attr(target_arch = "wasm32", no_main)]

// In the browser the glue calls `start` when the module is instantiated; Rust's `main` would
// bring the standard library's start and exit with it (stdout's buffer and its flushing, the
// I/O errors' messages), which a page never runs.
#[cfg(target_arch = "wasm32")]
#[wasm_bindgen::prelude::wasm_bindgen(start)]
fn start() {
    interlinear::app::hooks::panic::report_panics_in_console();
    #[cfg(feature = "panic-on-purpose")]
    interlinear::app::hooks::panic::panic_on_purpose();
}

/// Natively there is nothing to run.
#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("interlinear-embed is the embed's WebAssembly: `trunk build` builds it");
    std::process::exit(2);
}
