//! Any bytes through decoding, detection, every reader, the timeline and every exporter: nothing
//! may panic, and the timeline must answer for every turn.
#![no_main]

use interlinear::core::{self, export, Millis, Timeline};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let doc = core::read_with(data, |_, bytes| Some(String::from_utf8_lossy(bytes).into_owned()));
    let timeline = Timeline::new(&doc, None);
    assert_eq!(timeline.len(), doc.turns.len());
    for (i, turn) in doc.turns.iter().enumerate() {
        let span = timeline.span(i);
        assert_eq!(span.start, turn.start);
        if let Some(active) = timeline.active_at(span.start) {
            assert!(active < doc.turns.len());
        }
    }
    let _ = timeline.active_at(Millis(u64::MAX));
    let _ = export::to_json(&doc, &timeline);
    let _ = export::to_vtt(&doc, &timeline);
    let _ = export::to_srt(&doc, &timeline);
    let written = export::to_bilingual(&doc, &timeline);
    // What the bilingual writer writes reads back to as many turns.
    let back = core::read_str(&written);
    assert_eq!(back.turns.len(), doc.turns.len(), "bilingual round trip changed the turn count");
    for &lang in &doc.languages {
        let _ = export::to_podcast_json(&doc, &timeline, lang);
    }
});
