//! Exporters: reading what they write gives the same turns back, and JSON has its fixed shape.

#![cfg(not(target_arch = "wasm32"))]

use std::path::Path;

use interlinear::core::{self, export, Document, Lang, Style, Timeline};

mod common;

/// What a round trip must keep: per turn its start, speaker and text per language (with styles
/// where the format has them). Blocks are compared in language order, which is not content.
/// One turn as compared: start (ms), speaker, and text per language.
type TurnText = (u64, Option<String>, Vec<(Lang, String)>);

/// What of a paragraph a format keeps beside its text.
#[derive(Clone, Copy, PartialEq)]
enum Kept {
    /// The text alone (Podcasting 2.0 JSON).
    Text,
    /// Emphasis too, but neither code nor links (WebVTT, SRT).
    Emphasis,
    /// Every style and link (the bilingual layout).
    All,
}

fn turns_of(doc: &Document, kept: Kept) -> Vec<TurnText> {
    doc.turns
        .iter()
        .map(|t| {
            let blocks = t
                .blocks
                .iter()
                .map(|b| {
                    let text = b
                        .paragraphs
                        .iter()
                        .map(|p| match kept {
                            Kept::Text => p.text.clone(),
                            Kept::Emphasis => {
                                let mut p = p.clone();
                                p.links.clear();
                                p.styles.retain(|r| r.style != Style::Code);
                                common::marked_up(&p)
                            }
                            Kept::All => common::marked_up(p),
                        })
                        .reduce(|a, b| join_lines(&a, &b))
                        .unwrap_or_default();
                    (b.lang, text)
                })
                .collect::<Vec<_>>();
            let mut blocks = blocks;
            blocks.sort();
            (t.start.0, doc.speaker_name(t).map(str::to_owned), blocks)
        })
        .collect()
}

/// Paragraphs joined as a cue's lines are: with a space, except between CJK characters.
fn join_lines(a: &str, b: &str) -> String {
    match (a.chars().next_back(), b.chars().next()) {
        (Some(x), Some(y)) if core::script::joins_without_space(x, y) => format!("{a}{b}"),
        _ => format!("{a} {b}"),
    }
}

fn inputs() -> Vec<(String, Document)> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    let mut files: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    files.retain(|p| p.extension().is_some_and(|e| e != "expected"));
    files.push(Path::new(env!("CARGO_MANIFEST_DIR")).join("samples/chip-huyen-lennys-podcast.md"));
    files.sort();
    files
        .into_iter()
        .map(|p| {
            (
                p.display().to_string(),
                core::read(&std::fs::read(&p).unwrap()).unwrap(),
            )
        })
        .filter(|(_, d)| !d.turns.is_empty())
        .collect()
}

#[test]
fn bilingual_layout_reads_back_to_the_same_document() {
    for (name, doc) in inputs() {
        let timeline = Timeline::new(&doc, None);
        let written = export::to_bilingual(&doc, &timeline);
        let back = core::read_str(&written);
        assert_eq!(
            turns_of(&back, Kept::All),
            turns_of(&doc, Kept::All),
            "{name}:\n{written}"
        );
        // The ends a cue gave too, not estimated again.
        assert_eq!(
            Timeline::new(&back, None).spans(),
            timeline.spans(),
            "{name}:\n{written}"
        );
        // Paragraph structure is kept exactly, not only the text.
        for (a, b) in back.turns.iter().zip(&doc.turns) {
            let count = |t: &core::Turn| {
                t.blocks
                    .iter()
                    .map(|b| b.paragraphs.len())
                    .collect::<Vec<_>>()
            };
            assert_eq!(count(a), count(b), "{name}");
            // Word for word: the layout writes a note on one line.
            let notes = |t: &core::Turn| {
                (t.notes.iter())
                    .map(|n| n.text.split_whitespace().collect::<Vec<_>>().join(" "))
                    .collect::<Vec<_>>()
            };
            assert_eq!(notes(a), notes(b), "{name}");
        }
        assert_eq!(back.title, doc.title, "{name}");
        assert_eq!(back.metadata, doc.metadata, "{name}");
        assert_eq!(back.traditional_chinese, doc.traditional_chinese, "{name}");
        let label = ["中文翻译:", "中文翻譯:"][doc.traditional_chinese as usize];
        let chinese = doc.languages.contains(&Lang::Zh);
        assert_eq!(
            written.contains(label),
            chinese,
            "{name}: {label}\n{written}"
        );
        assert_eq!(
            back.estimated_starts, doc.estimated_starts,
            "{name}: estimates stay so"
        );
        let headings = |d: &Document| {
            d.headings
                .iter()
                .map(|h| (h.level, h.text.clone(), h.before_turn))
                .collect::<Vec<_>>()
        };
        assert_eq!(headings(&back), headings(&doc), "{name}");
    }
}

#[test]
fn webvtt_reads_back_to_the_same_turns_times_and_word_timings() {
    for (name, doc) in inputs() {
        let timeline = Timeline::new(&doc, None);
        let written = export::to_vtt(&doc, &timeline);
        let back = core::read_str(&written);
        assert_eq!(
            turns_of(&back, Kept::Emphasis),
            turns_of(&doc, Kept::Emphasis),
            "{name}:\n{written}"
        );
        assert_eq!(
            Timeline::new(&back, None).spans(),
            timeline.spans(),
            "{name}"
        );
        assert_eq!(back.title, doc.title, "{name}");
        for (a, b) in back.turns.iter().zip(&doc.turns) {
            let timings = |t: &core::Turn| t.blocks.iter().map(|b| b.timings.len()).sum::<usize>();
            assert_eq!(timings(a), timings(b), "{name}");
        }
    }
}

#[test]
fn srt_reads_back_to_the_same_times_and_text() {
    for (name, doc) in inputs() {
        let timeline = Timeline::new(&doc, None);
        let written = export::to_srt(&doc, &timeline);
        let back = core::read_str(&written);
        // The lines of a cue as they come: written in the document's order of languages, read
        // back in the order they were written. The speaker's name starts the first, where the
        // reader takes it for a name (one said once, `nobody:`, may stay words where other
        // captions start with none).
        let named_lines = |d: &Document, written: bool| {
            let texts = turns_of(d, Kept::Emphasis).into_iter().zip(&d.turns);
            texts
                .map(|((s, speaker, mut blocks), turn)| {
                    blocks.sort_by_key(|(lang, _)| match written {
                        true => d.languages.iter().position(|l| l == lang),
                        false => turn.blocks.iter().position(|b| b.lang == *lang),
                    });
                    if let (Some(name), Some((_, first))) = (speaker, blocks.first_mut()) {
                        *first = format!("{name}: {first}");
                    }
                    (s, as_latin_reads(blocks))
                })
                .collect::<Vec<_>>()
        };
        assert_eq!(
            named_lines(&back, false),
            named_lines(&doc, true),
            "{name}:\n{written}"
        );
        assert_eq!(
            Timeline::new(&back, None).spans(),
            timeline.spans(),
            "{name}"
        );
        // Every caption named, as people write names (`Ann Lee`, `奇普`; not `the host`), every
        // name is read back as its speaker's, a name said once too.
        let with_words = |d: &Document| -> Vec<_> {
            (d.turns.iter())
                .filter(|t| t.blocks.iter().any(|b| !b.plain_text().trim().is_empty()))
                .map(|t| d.speaker_name(t).map(str::to_owned))
                .collect()
        };
        let as_written = |name: &Option<String>| {
            name.as_ref().is_some_and(|name| {
                name.split(' ')
                    .all(|word| !word.starts_with(char::is_lowercase))
            })
        };
        let speakers = with_words(&doc);
        if speakers.len() > 1 && speakers.iter().all(as_written) {
            assert_eq!(with_words(&back), speakers, "{name}:\n{written}");
        }
    }
}

/// SRT cannot say a line's language, and lines in Latin letters are told apart by their words,
/// where their words tell (`acht` beside `eight` does not): the Latin-script blocks are
/// compared as one, their text in order, whatever languages they read back in. So are lines of
/// Han characters alone, Chinese or Japanese as the file's other lines have it (`一二三四`
/// beside Japanese).
fn as_latin_reads(blocks: Vec<(Lang, String)>) -> Vec<(Lang, String)> {
    let mut read: Vec<(Lang, String)> = Vec::new();
    for (lang, text) in blocks {
        let kana = text.contains(|c| ('\u{3040}'..='\u{30FF}').contains(&c));
        let lang = match lang {
            lang if lang.is_latin() => Lang::En,
            Lang::Ja if !kana => Lang::Zh,
            lang => lang,
        };
        match read.last_mut() {
            Some((last, before)) if *last == lang => *before = join_lines(before, &text),
            _ => read.push((lang, text)),
        }
    }
    read
}

/// Podcasting 2.0 JSON has no paragraphs: a turn's paragraphs come back as one.
fn without_spaces(s: &str) -> String {
    s.split_whitespace().collect()
}

#[test]
fn podcast_json_per_language_reads_back_to_the_same_turns() {
    for (name, doc) in inputs() {
        let timeline = Timeline::new(&doc, None);
        for &lang in &doc.languages {
            let written = export::to_podcast_json(&doc, &timeline, lang);
            let back = core::read_str(&written);
            let expected: Vec<_> = turns_of(&doc, Kept::Text)
                .into_iter()
                .filter_map(|(start, speaker, blocks)| {
                    let text = blocks.into_iter().find(|(l, _)| *l == lang)?.1;
                    Some((start, speaker, without_spaces(&text)))
                })
                .collect();
            let got: Vec<_> = turns_of(&back, Kept::Text)
                .into_iter()
                .map(|(start, speaker, blocks)| {
                    (
                        start,
                        speaker,
                        without_spaces(&blocks.into_iter().map(|(_, t)| t).collect::<String>()),
                    )
                })
                .collect();
            assert_eq!(got, expected, "{name} {lang:?}:\n{written}");
        }
    }
}

#[test]
fn json_has_the_documented_shape() {
    let doc = core::read_str(include_str!("../samples/chip-huyen-lennys-podcast.md"));
    let json: serde_json::Value =
        serde_json::from_str(&export::to_json(&doc, &Timeline::new(&doc, None))).unwrap();
    let keys: Vec<_> = json.as_object().unwrap().keys().cloned().collect();
    assert_eq!(
        keys,
        ["diagnostics", "languages", "metadata", "segments", "title"]
    );
    assert_eq!(json["title"], "CHIP HUYEN");
    assert_eq!(json["metadata"][0], "LENNY'S PODCAST");
    assert_eq!(json["languages"], serde_json::json!(["en", "zh"]));
    let first = &json["segments"][0];
    assert_eq!(first["start"], 0.0);
    assert_eq!(first["end"], 15.0);
    assert_eq!(first["speaker"], "Chip Huyen");
    assert!(first["text"]["en"]
        .as_str()
        .unwrap()
        .starts_with("A question"));
    assert!(first["text"]["zh"].as_str().unwrap().starts_with("我经常"));
    assert_eq!(json["segments"].as_array().unwrap().len(), 13);
    assert_eq!(json["diagnostics"], serde_json::json!([]));
    let bad = core::read_str("[00:00:00] A\n\nhi\n\n[00:61:00] B\n");
    let json: serde_json::Value =
        serde_json::from_str(&export::to_json(&bad, &Timeline::new(&bad, None))).unwrap();
    assert_eq!(json["diagnostics"][0]["line"], 5);
    assert_eq!(
        json["diagnostics"][0]["message"],
        "`[00:61:00]` is not a valid time; kept as text"
    );
}

/// Found by the fuzzer: a broken cue kept as header text (`0:00-->4`) made the bilingual writer's
/// output start like an SRT file, so it read back as cues. The writer now escapes such a start.
#[test]
fn header_text_that_looks_like_a_cue_reads_back_as_header_text() {
    for source in [
        "WEBVTT\n0:00-->4\n",
        "WEBVTT\n\nNOTE x\n\n12\n00:00:01.000 --> nonsense\n",
        "{ not json\n\n[00:01] Ann\nEnglish: Hi.\n",
        // Found by the fuzzer in a later run: header text starting like a WebVTT file.
        "WEBVTT\n\nWEBVTT again, a block that is no cue\n\n00:00:01.000 --> 00:00:04.000\nHello.\n",
        // Found by the fuzzer: header lines of a file without turns that read as a dialogue,
        // and times where a transcription service writes them.
        "WEBVTT\n\nNOTE\nAnn: hello there\nAnn: and again\nSpeaker 1  0:03\n0:04\nBo (00:05):\n",
        "WEBVTT\n\nNOTE\n[15:00:15]\n(00:00:04) Ann\n",
        // A title that is a language's name (written as `# English`).
        "English\n\nhello there\n",
        // Found by the fuzzer: header text that is a label by its full-width brackets and holds
        // a time, whose colon the writer escaped instead of the label.
        "WEBVTT\n\nNOTE\n【中文】 在括号里 [00:00:08] Alice\n",
        // Found by the fuzzer: LRC's tags in the header of a file read as text, which read back
        // as lyrics (with no time of the layout's form, none of its turns).
        "{ not json\n[ar:The Band]\n[OFFSET:+500]\n[00:00:01] Ann\nEnglish: Hi.\n",
        // Found by the fuzzer: header lines that read as a name and a time after one space, or
        // a heading's, which a file of such lines whose names repeat makes turn lines (their
        // time's colon escaped; a bold name stays bold).
        "WEBVTT\n\nNOTE\nv1.0 0:09\n\nNOTE\nv1.0 0:09\n\nNOTE\n**Ann** 0:05\n",
        "WEBVTT\n\nNOTE\n### Ann — 0:09\n\nNOTE\n### Ann — 0:09\n",
        // Found by the fuzzer: broken JSON read as text whose first line, the title, names a
        // table's columns, and whose next line is a row of as many cells: written as a `#`
        // heading, it read back as a table.
        "{\"t\": 1, \"start\": 3.5, \"end\": 4.1, \"text\"\n\n\"a\", 1, 2, 3, \"b\"\n",
    ] {
        let doc = core::read_str(source);
        let timeline = Timeline::new(&doc, None);
        let written = export::to_bilingual(&doc, &timeline);
        let back = core::read_str(&written);
        assert_eq!(
            back.format,
            interlinear::core::Format::Bilingual,
            "{written:?}"
        );
        assert_eq!(back.turns.len(), doc.turns.len(), "{written:?}");
        // (Without a title, the reader takes the first header line as one: the text is kept.)
        let header = |d: &Document| {
            d.title
                .iter()
                .chain(&d.metadata)
                .cloned()
                .collect::<Vec<_>>()
        };
        assert_eq!(header(&back), header(&doc), "{written:?}");
    }
}

/// A WebVTT file's settings for players (`Kind:`, `Language:`) are written back into the header,
/// where players read them (and this reader, which takes its lines' language from it), not into
/// a note; the header's other lines go to a note.
#[test]
fn webvtt_settings_for_players_stay_in_the_header() {
    let text = "WEBVTT\nKind: captions\nLanguage: de\n\nNOTE Untertitel von Ann\n\n\
                00:01.000 --> 00:02.000\nJa.\n\n00:03.000 --> 00:04.000\nOkay, Max.\n";
    let doc = core::read_str(text);
    assert_eq!(doc.languages, [Lang::De]);
    let written = export::to_vtt(&doc, &Timeline::new(&doc, None));
    assert!(
        written.starts_with("WEBVTT\nKind: captions\nLanguage: de\n\nNOTE\nUntertitel von Ann\n\n"),
        "{written}"
    );
    let back = core::read_str(&written);
    assert_eq!(back.languages, [Lang::De]);
    assert_eq!(back.metadata, doc.metadata);
}

/// SRT has no character references: a speaker's name is written as it is, as the caption's text
/// is (it was written `Bob &amp; Ray:`, which players and other readers show as it stands).
#[test]
fn srt_writes_names_as_they_are() {
    let doc = core::read_str("[00:01] Bob & Ray <Hosts>\nHi & welcome.\n\n[00:05] Ann\nHello.\n");
    let written = export::to_srt(&doc, &Timeline::new(&doc, None));
    assert!(
        written.contains("\nBob & Ray <Hosts>: Hi & welcome.\n"),
        "{written}"
    );
}

/// Podcasting 2.0 JSON of a turn of several paragraphs, its source timing none of them: a
/// segment each, sharing the turn's time by their lengths, one after another (each spanned the
/// whole turn, and a player lit them all at once).
#[test]
fn podcast_json_paragraphs_share_their_turns_time() {
    let doc = core::read_str(
        "[00:00:10] Ann\nEnglish:\nShort one.\n\nA paragraph three times as long as that.\n\n\
         [00:00:40] Bo\nEnglish:\nNext.\n",
    );
    let timeline = Timeline::new(&doc, None);
    let written = export::to_podcast_json(&doc, &timeline, Lang::En);
    let json: serde_json::Value = serde_json::from_str(&written).unwrap();
    let times: Vec<(f64, f64)> = (json["segments"].as_array().unwrap().iter())
        .map(|s| {
            (
                s["startTime"].as_f64().unwrap(),
                s["endTime"].as_f64().unwrap(),
            )
        })
        .collect();
    // Ann's turn (10 s to its estimated end): 9 of the paragraphs' 42 letters, then the other 33.
    let span = timeline.span(0);
    let (start, end) = (span.start.as_secs_f64(), span.end.as_secs_f64());
    let cut = ((start + (end - start) * 9.0 / 42.0) * 1000.0).floor() / 1000.0;
    assert_eq!(times[..2], [(start, cut), (cut, end)], "{written}");
    assert!(start < cut && cut < end, "{written}");
    assert_eq!(times[2].0, 40.0, "{written}");
}

/// A heading between turns (a chapter's) is written to WebVTT as a note before its turn's cue,
/// and read back as a note: it was left out.
#[test]
fn webvtt_keeps_headings_between_turns_as_notes() {
    let doc = core::read_str(
        "# My Show\n\n[00:00:00] Ann\nWelcome.\n\n## Part 2: Advanced\n\n[00:01:00] Ben\nNow.\n",
    );
    assert_eq!(doc.headings.len(), 1);
    let written = export::to_vtt(&doc, &Timeline::new(&doc, None));
    assert!(
        written.contains("\nNOTE\nPart 2: Advanced\n\n2\n00:01:00.000 --> "),
        "{written}"
    );
    let back = core::read_str(&written);
    let notes: Vec<&str> = (back.turns.iter())
        .flat_map(|t| t.notes.iter().map(|n| n.text.as_str()))
        .collect();
    assert_eq!(notes, ["Part 2: Advanced"], "{written}");
}

/// The layout as other Markdown shows it too: no backslash before a full-width colon where no
/// reader would take the line for a speaker's (every turn names one; GitHub shows `\：` as it
/// stands), and one before a `<` that starts what Markdown takes for an HTML tag, which it hides.
#[test]
fn bilingual_layout_reads_as_markdown_too() {
    let named = "[00:00] 王伟\n中文翻译:\n我们从基础开始：什么是 RAG？\n\n[00:05] Ann\nEnglish:\nHello <everyone>, 5 < 6.\n";
    let doc = core::read_str(named);
    let written = export::to_bilingual(&doc, &Timeline::new(&doc, None));
    assert!(
        written.contains("\n我们从基础开始：什么是 RAG？\n"),
        "{written}"
    );
    assert!(
        written.contains("\nHello \\<everyone>, 5 < 6.\n"),
        "{written}"
    );
    let back = core::read_str(&written);
    assert_eq!(turns_of(&back, Kept::All), turns_of(&doc, Kept::All));
    // A turn that names no one: there a dialogue's line would name its speaker.
    let unnamed = "[00:00]\n中文翻译:\n我们从基础开始：什么是 RAG？\n\n[00:05]\n好的。\n";
    let doc = core::read_str(unnamed);
    let written = export::to_bilingual(&doc, &Timeline::new(&doc, None));
    assert!(written.contains("我们从基础开始\\："), "{written}");
    assert_eq!(
        turns_of(&core::read_str(&written), Kept::All),
        turns_of(&doc, Kept::All)
    );
}

/// A cue's text that is a rule of dashes: written `\---` it read back as an escaped rule, as
/// Google Docs writes one, and the text was lost; written `-\--` it reads back as the dashes.
#[test]
fn a_line_of_dashes_reads_back_as_text() {
    let dashes = "WEBVTT\n\n00:01.000 --> 00:02.000\n---\n\n00:03.000 --> 00:04.000\nHi.\n";
    let doc = core::read_str(dashes);
    let written = export::to_bilingual(&doc, &Timeline::new(&doc, None));
    assert!(written.contains("\n-\\--\n"), "{written}");
    assert_eq!(
        turns_of(&core::read_str(&written), Kept::All),
        turns_of(&doc, Kept::All)
    );
}

/// Cues of a sentence each (`--cue sentence`): the sample's turns cut into their aligned
/// sentences, each cue inside its turn's time and after the one before, the text of a turn's
/// cues its text in each language, nothing left out or said twice; and written as WebVTT, read
/// back as those cues.
#[test]
fn cues_of_a_sentence_each_hold_every_turns_text_in_its_time() {
    let without_spaces = |s: &str| s.chars().filter(|c| !c.is_whitespace()).collect::<String>();
    let texts_of = |d: &Document, turn: &core::Turn| -> Vec<String> {
        (d.languages.iter())
            .map(|&l| {
                turn.block(l)
                    .map_or(String::new(), |b| without_spaces(&b.plain_text()))
            })
            .collect()
    };
    for (name, doc) in inputs() {
        let timeline = Timeline::new(&doc, None);
        let cut = export::by_sentence(&doc, &timeline, None);
        let cut_timeline = Timeline::new(&cut, None);
        // The cues in order make up each turn's text in each language, one after another.
        let mut cues = cut.turns.iter().enumerate().peekable();
        for (i, turn) in doc.turns.iter().enumerate() {
            let (span, whole) = (timeline.span(i), texts_of(&doc, turn));
            let mut texts = vec![String::new(); doc.languages.len()];
            let mut last_end = span.start;
            let timed = turn.blocks.iter().any(|b| !b.timings.is_empty());
            loop {
                let (c, cue) = cues
                    .next()
                    .unwrap_or_else(|| panic!("{name}: turn {i}: no cue"));
                let cue_span = cut_timeline.span(c);
                // Where the source times its words, a sentence starts at its first word's time,
                // which may leave a pause before it.
                let after = match timed {
                    true => cue_span.start >= last_end,
                    false => cue_span.start == last_end,
                };
                assert!(
                    after,
                    "{name}: turn {i}, cue {c} {cue_span:?} after {last_end:?}"
                );
                assert!(
                    cue_span.end <= span.end,
                    "{name}: turn {i} {span:?}, cue {c} {cue_span:?}"
                );
                assert_eq!(cue.speaker, turn.speaker, "{name}: turn {i}, cue {c}");
                last_end = cue_span.end;
                for (text, cue_text) in texts.iter_mut().zip(texts_of(&cut, cue)) {
                    text.push_str(&cue_text);
                }
                if texts == whole {
                    break;
                }
                let so_far = texts
                    .iter()
                    .zip(&whole)
                    .all(|(t, w)| w.starts_with(t.as_str()));
                assert!(
                    so_far,
                    "{name}: turn {i}: {texts:?} is not the start of {whole:?}"
                );
            }
            assert!(
                timed || last_end == span.end,
                "{name}: turn {i}: its cues end where it does"
            );
        }
        assert!(cues.next().is_none(), "{name}");
        if name.ends_with("chip-huyen-lennys-podcast.md") {
            assert_eq!(cut.turns.len(), 55, "the sample's cues");
            for written in [
                export::to_vtt(&cut, &cut_timeline),
                export::to_srt(&cut, &cut_timeline),
            ] {
                let back = core::read_str(&written);
                assert_eq!(Timeline::new(&back, None).spans(), cut_timeline.spans());
            }
        }
    }
}
