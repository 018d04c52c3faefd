//! The stylesheet keeps step with the core's languages: each has the rule that shows it alone
//! (the View menu's "only" layouts, `data-layout="only-…"`), or choosing it would hide nothing.

#![cfg(not(target_arch = "wasm32"))]

use interlinear::core::Lang;

#[test]
fn every_language_can_be_shown_alone() {
    let css = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/style/app.css"))
        .expect("style/app.css");
    for lang in Lang::ALL.into_iter().filter(|&l| l != Lang::Und) {
        let code = lang.code();
        let rule = format!(r#"[data-layout="only-{code}"] .text:not([lang="{code}"])"#);
        assert!(css.contains(&rule), "no rule shows {} alone", lang.name());
    }
}
