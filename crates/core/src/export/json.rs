//! The JSON exchange shape: what `interlinear convert --to json` prints and what the JavaScript
//! API returns. Times in seconds, text as plain text with paragraphs joined by a blank line.
//! Other tools rely on this shape: change it only with a version bump.

use crate::json::Writer;
use crate::model::Document;
use crate::time::Millis;
use crate::timeline::Timeline;

/// The document as pretty-printed JSON in the exchange shape, ending with a line break.
pub fn to_json(doc: &Document, timeline: &Timeline) -> String {
    let mut w = Writer::pretty();
    w.begin_object();
    w.key("title").string_or_null(doc.title.as_deref());
    w.key("metadata");
    strings(&mut w, &doc.metadata);
    w.key("languages").begin_array();
    for lang in &doc.languages {
        w.string(lang.code());
    }
    w.end_array();
    w.key("segments").begin_array();
    for (i, turn) in doc.turns.iter().enumerate() {
        w.begin_object();
        w.key("start").number(&seconds(turn.start));
        w.key("end").number(&seconds(timeline.span(i).end));
        w.key("speaker").string_or_null(doc.speaker_name(turn));
        w.key("text").begin_object();
        for block in super::blocks_in_order(turn, &doc.languages) {
            w.key(block.lang.code()).string(&block.plain_text());
        }
        w.end_object();
        w.end_object();
    }
    w.end_array();
    w.key("diagnostics");
    diagnostics(&mut w, doc);
    w.end_object();
    let mut out = w.finish();
    out.push('\n');
    out
}

/// `texts` as an array of strings.
pub fn strings(w: &mut Writer, texts: &[String]) {
    w.begin_array();
    for text in texts {
        w.string(text);
    }
    w.end_array();
}

/// The document's diagnostics as an array of `{"line", "message"}`.
pub fn diagnostics(w: &mut Writer, doc: &Document) {
    w.begin_array();
    for d in &doc.diagnostics {
        w.begin_object();
        w.key("line").number(&d.line.to_string());
        w.key("message").string(&d.kind.to_string());
        w.end_object();
    }
    w.end_array();
}

/// `at` in seconds as JSON numbers are written: `15.0`, `1.5`, `0.001` (what serde_json wrote):
/// [`Millis::seconds_text`], with a point always.
pub(crate) fn seconds(at: Millis) -> String {
    let text = at.seconds_text();
    if text.contains('.') {
        text
    } else {
        text + ".0"
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn seconds_are_written_as_shortest_decimals_with_a_point() {
        for (ms, text) in [
            (0, "0.0"),
            (15_000, "15.0"),
            (1_500, "1.5"),
            (1, "0.001"),
            (61_234, "61.234"),
            (36_000_120, "36000.12"),
        ] {
            assert_eq!(seconds(Millis(ms)), text);
            // As `f64`'s shortest round trip writes it.
            assert_eq!(format!("{:?}", ms as f64 / 1000.0), text);
        }
    }
}
