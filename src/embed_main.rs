//! The embed's entry point: `<interlinear-transcript>` (`mountTranscript`), built by
//! `scripts/build-wasm` into WebAssembly of its own, without the app.

#[cfg(target_arch = "wasm32")]
fn main() {
    interlinear::app::hooks::panic::report_panics_in_console();
}

/// Natively there is nothing to run.
#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("interlinear-embed is the embed's WebAssembly: `trunk build` builds it");
    std::process::exit(2);
}
