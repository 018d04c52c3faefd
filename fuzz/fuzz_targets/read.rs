//! Any bytes through decoding (a legacy encoding chosen among decoders that read its bytes
//! differently), detection, every reader (and as a Word or OpenDocument document's archive and
//! body), the timeline, the sentence splitter,
//! aligner and sentence timeline (estimated, and heard against pauses made from the bytes), and
//! every exporter: nothing may panic, links go only where links may, the timelines must answer for every turn, timed ranges
//! must cover the text they time (what the exporters write), and the timelines' steady
//! times (what the clock rations its notices by) must hold. Then what the page does with a
//! document: search (its hits on the paragraph's characters), the outline, the rows' weights,
//! and — for bytes that are a string — the text found in the string, as `parseTranscript` cuts
//! it out (each range found holds exactly that text); and what it does with an address's
//! fragment (`#t=`) and a number in an attribute.
#![no_main]

use interlinear::core::outline::outline;
use interlinear::core::pauses::{find_pauses, Envelope};
use interlinear::core::row_heights::BlockWeights;
use interlinear::core::search::SearchIndex;
use interlinear::core::sentence_timeline::SentenceTimeline;
use interlinear::core::source_offsets::SourceOffsets;
use interlinear::core::{self, decimal, export, Document, Millis, Timeline};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    // A Word or OpenDocument document: its archive found in any bytes, and any text taken for
    // its body's XML (inflated as the bytes stand, which stands in for any inflater's output).
    // Notes with line numbers are first told what the numbers count.
    if let Some(doc) = core::documents::read(data, |packed, size| {
        Some(packed[..packed.len().min(size)].to_vec())
    }) {
        if doc.unreadable().is_none() && doc.diagnostics.iter().any(|d| d.line > 0) {
            assert_eq!(doc.diagnostics[0].kind, core::DiagnosticKind::FromDocument);
        }
    }
    let _ = core::documents::text_of(core::documents::Kind::Word, data);
    let _ = core::documents::text_of(core::documents::Kind::OpenDocument, data);
    // A legacy decoder for each encoding: its high bytes as letters of a different range each
    // (so the candidates decode to different scripts and are judged apart), one of them refusing
    // a byte, as a decoder does a byte its encoding lacks.
    let legacy = |encoding: core::LegacyEncoding, bytes: &[u8]| -> Option<String> {
        let shift = 0x80 * (encoding as u32 + 1);
        let refused = encoding == core::LegacyEncoding::Windows874 && bytes.contains(&0xFF);
        (!refused).then(|| {
            bytes
                .iter()
                .map(|&b| match b {
                    0..=0x7F => char::from(b),
                    _ => char::from_u32(u32::from(b) + shift).unwrap_or('\u{FFFD}'),
                })
                .collect()
        })
    };
    let read = |bytes| core::read_with(bytes, legacy);
    let doc = read(data);
    exercise(&doc, data, false);
    // The bytes cut in two, as two files dropped together: the second joined to the first if it
    // can be (two languages, both timed), a transcript like any other, none of its turns lost.
    let (first_half, second_half) = data.split_at(data.len() / 2);
    let (mut first, second) = (read(first_half), read(second_half));
    let turns = (first.turns.len(), second.turns.len());
    if core::join::join(&mut first, second, "second").is_ok() {
        assert!(first.turns.len() >= turns.0 && first.turns.len() <= turns.0 + turns.1);
        exercise(&first, data, true);
    }
    if let Ok(text) = std::str::from_utf8(data) {
        found_in_the_source(text);
        for line in text.lines().take(4) {
            let _ = core::moment_in_fragment(line);
            let _ = core::parse_moment(line);
            let _ = decimal::parse(line);
        }
    }
});

/// What the page does with a document read from `data`, or `joined` from two: its timeline,
/// sentences, listening (the bytes as audio), exports, search, outline and rows' weights.
fn exercise(doc: &Document, data: &[u8], joined: bool) {
    let timeline = Timeline::new(doc, None);
    assert_eq!(timeline.len(), doc.turns.len());
    for (i, turn) in doc.turns.iter().enumerate() {
        let span = timeline.span(i);
        assert_eq!(span.start, turn.start);
        if let Some(active) = timeline.active_at(span.start) {
            assert!(active < doc.turns.len());
        }
    }
    let _ = timeline.active_at(Millis(u64::MAX));
    // A paragraph's timed ranges cover its text: the exporters write what they cover. Its links
    // lie apart, in order, on its characters, and go only to web and mail addresses; its runs
    // are its text.
    for block in doc.turns.iter().flat_map(|t| &t.blocks) {
        for (p, paragraph) in block.paragraphs.iter().enumerate() {
            let mut after = 0;
            for link in &paragraph.links {
                let (start, end) = (link.start as usize, link.end as usize);
                assert!(after <= start && start < end && paragraph.text.get(start..end).is_some());
                assert!(core::is_linkable(&link.url), "{:?}", link.url);
                after = end;
            }
            assert_eq!(paragraph.runs().map(|r| r.text).collect::<String>(), paragraph.text);
            let mut ranges: Vec<_> = block
                .timings
                .iter()
                .filter(|w| w.paragraph as usize == p)
                .collect();
            if ranges.is_empty() {
                continue;
            }
            ranges.sort_by_key(|w| w.from);
            let mut covered = 0;
            for w in ranges {
                let gap = paragraph.text.get(covered..w.from as usize).unwrap_or("");
                assert!(
                    gap.trim().is_empty(),
                    "untimed {gap:?} in {:?}",
                    paragraph.text
                );
                covered = covered.max(w.to as usize);
            }
            let rest = paragraph.text.get(covered..).unwrap_or("");
            assert!(
                rest.trim().is_empty(),
                "untimed {rest:?} in {:?}",
                paragraph.text
            );
        }
    }
    let sentences = SentenceTimeline::estimate(doc, &timeline);
    assert_eq!(sentences.turns.len(), doc.turns.len());
    for (i, turn) in sentences.turns.iter().enumerate() {
        for s in &turn.sentences {
            let text = &doc.turns[i].blocks[s.block].paragraphs[s.paragraph].text;
            assert!(
                text.get(s.range.clone()).is_some(),
                "a sentence range on char boundaries"
            );
            assert!(s.group < turn.groups.len());
        }
        let _ = sentences.active_group(i, timeline.span(i).start);
    }
    // What the clock relies on to stay quiet: until the steady time, the turn and group hold.
    for i in 0..doc.turns.len().min(8) {
        let t = timeline.span(i).start;
        let active = timeline.active_at(t);
        if let Some(until) = timeline.steady_until(t) {
            assert!(until > t, "the steady time lies ahead");
            assert_eq!(timeline.active_at(Millis(until.0 - 1)), active);
        }
        if let Some(turn) = active {
            let group = sentences.active_group(turn, t);
            if let Some(until) = sentences.group_steady_until(turn, t) {
                assert!(until > t);
                assert_eq!(sentences.active_group(turn, Millis(until.0 - 1)), group);
            }
        }
    }
    // The bytes as audio: an envelope, its pauses, and listening with them.
    let samples: Vec<f32> = data
        .iter()
        .map(|&b| (f32::from(b) - 128.0) / 128.0)
        .collect();
    let pauses = find_pauses(&Envelope::of(&samples, 800));
    let (starts, heard) = sentences.heard(doc, None, &pauses);
    assert_eq!(starts.len(), doc.turns.len());
    assert_eq!(heard.turns.len(), doc.turns.len());
    let _ = Timeline::with_starts(doc, None, &starts);
    let _ = export::to_json(doc, &timeline);
    let _ = export::to_vtt(doc, &timeline);
    let _ = export::to_srt(doc, &timeline);
    let written = export::to_bilingual(doc, &timeline);
    // What the bilingual writer writes reads back to as many turns. Two transcripts joined may
    // leave a turn and one in another language apart at one time, by one speaker, which the
    // layout's reader takes for a line and its translation, as it does in any file: those may
    // come back one turn.
    let back = core::read_str(&written);
    let translations = match joined {
        true => doc
            .turns
            .windows(2)
            .filter(|pair| {
                let [a, b] = pair else { return false };
                let one_language = |t: &core::Turn| t.blocks.len() == 1;
                a.start == b.start
                    && a.speaker == b.speaker
                    && one_language(a)
                    && one_language(b)
                    && a.blocks[0].lang != b.blocks[0].lang
            })
            .count(),
        false => 0,
    };
    assert!(
        back.turns.len() <= doc.turns.len() && back.turns.len() + translations >= doc.turns.len(),
        "bilingual round trip changed the turn count: {} to {} ({translations} turns in another language at one time)",
        doc.turns.len(),
        back.turns.len()
    );
    for &lang in &doc.languages {
        let _ = export::to_podcast_json(doc, &timeline, lang);
    }
    search(doc, data);
    for entry in outline(doc, &timeline) {
        assert!(entry.turn < doc.turns.len());
    }
    assert_eq!(BlockWeights::of(doc).len(), doc.turns.len());
}

/// Queries made from the bytes and from the document's own text (so that some hit): every hit
/// is a range of whole characters in its paragraph.
fn search(doc: &Document, data: &[u8]) {
    let index = SearchIndex::new(doc);
    let mut queries = vec![String::from_utf8_lossy(&data[..data.len().min(6)]).into_owned()];
    let mut paragraphs = doc
        .turns
        .iter()
        .flat_map(|t| &t.blocks)
        .flat_map(|b| &b.paragraphs);
    if let Some(p) = paragraphs.next() {
        let skip = data.first().map_or(0, |&b| usize::from(b % 8));
        let take = data.get(1).map_or(3, |&b| usize::from(b % 6) + 1);
        queries.push(p.text.chars().skip(skip).take(take).collect());
        queries.push(queries[1].to_uppercase());
    }
    for query in &queries {
        // Every hit, and then those in the first block of their turn (the app keeps the
        // languages shown): each a place in its paragraph's text.
        let first_blocks = index.find(query, 64, |hit| hit.block == 0);
        for hit in index.find(query, 64, |_| true).into_iter().chain(first_blocks) {
            let text = &doc.turns[hit.turn].blocks[hit.block].paragraphs[hit.paragraph].text;
            assert!(hit.range.start <= hit.range.end, "{query:?}: {hit:?}");
            assert!(
                text.get(hit.range.clone()).is_some(),
                "{query:?}: {hit:?} in {text:?}"
            );
        }
    }
}

/// What `parseTranscript` does with a string: each block's text looked for in it, near its
/// turn's line; the ranges found, joined, are that text, unit for unit.
fn found_in_the_source(text: &str) {
    let doc = core::read_str(text);
    let units: Vec<u16> = text.encode_utf16().collect();
    let mut offsets = SourceOffsets::new(text);
    for turn in &doc.turns {
        offsets.turn(turn.line);
        for block in &turn.blocks {
            let cell = block.plain_text();
            let mut ranges = Vec::new();
            if offsets.find(&cell, &mut ranges) {
                let mut at = Vec::new();
                for range in ranges.chunks(2) {
                    at.extend(&units[range[0] as usize..range[1] as usize]);
                }
                assert_eq!(String::from_utf16(&at).ok(), Some(cell));
            }
        }
    }
}
