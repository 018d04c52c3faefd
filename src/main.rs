//! The browser app's entry point (scripts/build-wasm builds this binary for the page).
#![cfg_attr(target_arch = "wasm32", no_main)]

// In the browser the glue calls `start` when the module is instantiated; Rust's `main` would
// bring the standard library's start and exit with it (stdout's buffer and its flushing, the
// I/O errors' messages), which a page never runs.
#[cfg(target_arch = "wasm32")]
#[wasm_bindgen::prelude::wasm_bindgen(start)]
fn start() {
    interlinear::app::start();
}

/// Natively there is nothing to run: the app is built with `trunk build`, the CLI is `interlinear`.
#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("interlinear-web is the browser app: build it with `trunk build` (the CLI is `interlinear`)");
    std::process::exit(2);
}
