//! The browser app's entry point (scripts/build-wasm builds this binary for the page).

#[cfg(target_arch = "wasm32")]
fn main() {
    interlinear::app::start();
}

/// Natively there is nothing to run: the app is built with `trunk build`, the CLI is `interlinear`.
#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("interlinear-web is the browser app: build it with `trunk build` (the CLI is `interlinear`)");
    std::process::exit(2);
}
