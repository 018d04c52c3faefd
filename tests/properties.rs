//! Property tests: no input makes the reader panic, no line of text is lost, and the timeline
//! agrees with a brute-force reading of the spans.

#![cfg(not(target_arch = "wasm32"))]

use interlinear::core::source_offsets::SourceOffsets;
use interlinear::core::{self, export, Lang, Millis, Timeline};
use proptest::prelude::*;

/// Every string the document holds, for "is this text still somewhere?" checks.
fn all_text(doc: &core::Document) -> String {
    let mut out = String::new();
    out.push_str(doc.title.as_deref().unwrap_or(""));
    for m in doc.metadata.iter().chain(&doc.speakers) {
        out.push('\n');
        out.push_str(m);
    }
    for h in &doc.headings {
        out.push('\n');
        out.push_str(&h.text);
    }
    for t in &doc.turns {
        for b in &t.blocks {
            for p in &b.paragraphs {
                out.push('\n');
                out.push_str(&p.text);
                for link in &p.links {
                    out.push('\n');
                    out.push_str(&link.url);
                }
            }
        }
        for n in &t.notes {
            out.push('\n');
            out.push_str(&n.text);
        }
    }
    out
}

fn exercise(doc: &core::Document) {
    let timeline = Timeline::new(doc, None);
    let _ = export::to_json(doc, &timeline);
    let _ = export::to_vtt(doc, &timeline);
    let _ = export::to_srt(doc, &timeline);
    let _ = export::to_bilingual(doc, &timeline);
    for &lang in &doc.languages {
        let _ = export::to_podcast_json(doc, &timeline, lang);
    }
    for t in [0u64, 1, 999, 60_000, u64::MAX / 2] {
        if let Some(i) = timeline.active_at(Millis(t)) {
            assert!(i < doc.turns.len());
        }
    }
}

/// One generated line and the unique word it carries that must survive reading.
fn line() -> impl Strategy<Value = (String, Option<String>)> {
    let word = (0u32..1_000_000).prop_map(|n| format!("w{n}x"));
    let hanzi = (0u32..1_000_000).prop_map(|n| format!("字{n}文"));
    prop_oneof![
        Just(("".to_owned(), None)),
        Just(("---".to_owned(), None)),
        (0u32..3, 0u32..60, 0u32..60, word.clone())
            .prop_map(|(h, m, s, w)| (format!("[{h:02}:{m:02}:{s:02}] {w}"), Some(w))),
        (0u32..60, 0u32..60, word.clone())
            .prop_map(|(m, s, w)| (format!("## [{m:02}:{s:02}] {w}"), Some(w))),
        prop_oneof![
            Just("English:"),
            Just("### 中文翻译:"),
            Just("**English:**"),
            Just("*English:*"),
            Just("_中文_:"),
            Just("中文："),
            Just("Chinese:")
        ]
        .prop_map(|l| (l.to_owned(), None)),
        word.clone()
            .prop_map(|w| (format!("Some text with {w} in it."), Some(w))),
        word.clone()
            .prop_map(|w| (format!("*{w}* emphasised"), Some(w))),
        word.clone()
            .prop_map(|w| (format!("[laughs] {w}"), Some(w))),
        // Links and code, and their markup left open.
        (
            word.clone(),
            prop_oneof![Just("https://a.example/"), Just("javascript:"), Just("/")]
        )
            .prop_map(|(w, at)| (format!("See [the *notes*]({at}{w}) too"), Some(w))),
        word.clone()
            .prop_map(|w| (format!("Run `{w} *x*` or <https://b.example/{w}>"), Some(w))),
        word.clone()
            .prop_map(|w| (format!("[a `b]({w} c` d"), Some(w))),
        word.clone().prop_map(|w| (
            format!("Wow![{w}](https://x.example/) ![a {w}](https://x.example/i.png) Hey\\![b](https://y.example/)"),
            Some(w)
        )),
        // Bare addresses, one kept as text (escaped), one after a link and one in emphasis, and
        // a label with text in emphasis after it.
        word.clone().prop_map(|w| (
            format!("Go to https://a.example/{w}. Not https\\://b.example/{w}, [x](https://c.example/)https://d.example/ *https://e.example/{w}*"),
            Some(w)
        )),
        word.clone()
            .prop_map(|w| (format!("English: *{w}* first"), Some(w))),
        word.clone()
            .prop_map(|w| (format!("*English:* {w} in italics"), Some(w))),
        word.clone().prop_map(|w| (format!("# {w}"), Some(w))),
        word.clone()
            .prop_map(|w| (format!("[00:99:00] {w}"), Some(w))),
        hanzi.prop_map(|w| (format!("他说{w}。"), Some(w))),
        word.clone()
            .prop_map(|w| (format!("English: {w} inline"), Some(w))),
        // Turn lines as transcription services write them, and a dialogue's lines.
        (0u32..60, 0u32..60, word.clone())
            .prop_map(|(m, s, w)| (format!("{w} Name  {m}:{s:02}"), Some(w))),
        (0u32..60, 0u32..60, word.clone())
            .prop_map(|(m, s, w)| (format!("{w} Name ({m:02}:{s:02}):"), Some(w))),
        (0u32..60, 0u32..60).prop_map(|(m, s)| (format!("{m}:{s:02}"), None)),
        (0u32..60, 0u32..60, 0u32..60, word.clone()).prop_map(|(m, s, e, w)| {
            (
                format!("[00:{m:02}:{s:02} - 00:{m:02}:{e:02}] {w}"),
                Some(w),
            )
        }),
        (prop_oneof![Just("Ann"), Just("Bob Lee")], word.clone())
            .prop_map(|(name, w)| (format!("{name}: {w} said"), Some(w))),
        // Lines that may name a speaker in a file without times.
        prop_oneof![
            word.clone().prop_map(|w| format!("**{w}**")),
            word.clone().prop_map(|w| format!("{w}:")),
            word.clone().prop_map(|w| format!("## {w}")),
            word.clone().prop_map(|w| format!("{w} Name")),
        ]
        .prop_map(|line| {
            let w = line
                .split(|c: char| !c.is_alphanumeric())
                .find(|p| p.len() > 2)
                .unwrap()
                .to_owned();
            (line, Some(w))
        }),
    ]
}

/// An SRT cue's timing line and text: a unique word (`w12x`, `字12文`) at any times, of no length
/// or ending before it starts too.
fn cue(prefix: &'static str) -> impl Strategy<Value = (String, String)> {
    (0u32..40, 0u32..6, 0u32..1_000_000).prop_map(move |(start, length, n)| {
        let clock = |s: u32| format!("00:00:{s:02},000");
        let end = if length == 5 {
            start.saturating_sub(1)
        } else {
            start + length
        };
        let word = if prefix == "w" {
            format!("Said w{n}x.")
        } else {
            format!("说{prefix}{n}文。")
        };
        (format!("{} --> {}", clock(start), clock(end.min(59))), word)
    })
}

/// Where each cue written `text {i}` at `starts[i]` (seconds) stands in `doc`: a caption
/// file's cues are put in time order, those starting together in written order.
fn placed_in_time(doc: &core::Document, starts: impl Iterator<Item = u64>) -> Vec<usize> {
    let starts: Vec<u64> = starts.collect();
    let mut order: Vec<usize> = (0..starts.len()).collect();
    order.sort_by_key(|&i| starts[i]);
    let mut placed = vec![0; starts.len()];
    for (k, &i) in order.iter().enumerate() {
        placed[i] = k;
        assert_eq!(
            doc.turns[k].blocks[0].paragraphs[0].text,
            format!("text {i}")
        );
    }
    placed
}

/// A SAMI turn as compared: start (ms), its Korean and English text, and its end (ms) if a blank
/// cue gave one (and a MicroDVD or MPL2 turn: its Chinese text for the Korean).
type SamiTurn = (u64, Option<String>, Option<String>, Option<u64>);

proptest! {
    #![proptest_config(ProptestConfig { cases: 512, ..ProptestConfig::default() })]

    #[test]
    fn arbitrary_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..2048)) {
        let doc = core::read_with(&bytes, |_, _| None);
        exercise(&doc);
    }

    #[test]
    fn arbitrary_text_never_panics(text in "(?s)[\\[\\]0-9:.,*#\\-> <v&;a-z\\n\\r中文：WEBVT{}\"]{0,400}") {
        exercise(&core::read_str(&text));
        exercise(&core::read_str(&format!("WEBVTT\n\n{text}")));
        exercise(&core::read_str(&format!("1\n00:00:01,000 --> 00:00:02,000\n{text}")));
        exercise(&core::read_str(&format!("{{\"segments\":[{text}]}}")));
    }

    #[test]
    fn arbitrary_ttml_never_panics(text in "(?s)[<>/=\"' a-z:0-9.\n&;!\\[\\]\\-?中文]{0,400}") {
        exercise(&core::read_str(&format!("<tt ttp:frameRate=\"25\">{text}")));
        exercise(&core::read_str(&format!("<tt><body><div begin=\"1s\"><p begin=\"2s\" end=\"3s\">{text}")));
    }

    /// Cues written in TTML with every form of time it has are read back as written: one turn
    /// each, at its time, with its words (the lines of a cue in one language run together).
    #[test]
    fn ttml_cues_read_back_with_their_times_and_words(
        cues in proptest::collection::vec((0u64..10_000_000, 1u64..100_000, 0u32..1_000, 0u32..1_000, 0u8..5, any::<bool>()), 1..20),
        offset in 0u64..100_000,
    ) {
        // Starts in order, each cue's own.
        let mut cues = cues;
        cues.sort_by_key(|c| c.0);
        cues.dedup_by_key(|c| c.0);
        let clock = |ms: u64| format!("{:02}:{:02}:{:02}.{:03}", ms / 3_600_000, ms / 60_000 % 60, ms / 1000 % 60, ms % 1000);
        // Netflix's ten million ticks a second, and 25 frames a second (40 ms a frame).
        let form = |ms: u64, form: u8| match form {
            0 => clock(ms),
            1 => format!("{ms}ms"),
            2 => format!("{}.{:03}s", ms / 1000, ms % 1000),
            3 => format!("{}t", ms * 10_000),
            _ => format!("{:02}:{:02}:{:02}:{:02}", ms / 3_600_000, ms / 60_000 % 60, ms / 1000 % 60, ms % 1000 / 40),
        };
        let mut ttml = String::from("<?xml version=\"1.0\"?>\n<tt xmlns=\"http://www.w3.org/ns/ttml\" ttp:tickRate=\"10000000\" ttp:frameRate=\"25\">\n<body>");
        ttml.push_str(&format!("<div begin=\"{}\">\n", clock(offset)));
        let mut expected = Vec::new();
        for &(start, length, a, b, time_form, two_lines) in &cues {
            // Frames keep whole frames only.
            let start = if time_form == 4 { start - start % 40 } else { start };
            let (first, second) = (format!("w{a}x &amp; y"), format!("<span>v{b}z</span>"));
            let (begin, end) = (form(start, time_form), form(start + length, time_form % 4));
            let breaks = if two_lines { "<br/>\n  " } else { " " };
            ttml.push_str(&format!("  <p begin=\"{begin}\" end=\"{end}\">{first}{breaks}{second}</p>\n"));
            expected.push((offset + start, offset + start + length, format!("w{a}x & y v{b}z")));
        }
        ttml.push_str("</div></body></tt>\n");
        // A start cut to its frame may come before the one written above it: read, the turns
        // are in time order (the caption readers' `pair_by_times`), ties as written.
        expected.sort_by_key(|e| e.0);
        let doc = core::read_str(&ttml);
        prop_assert_eq!(doc.format, core::Format::Ttml);
        let read: Vec<(u64, u64, String)> = doc
            .turns
            .iter()
            .map(|t| (t.start.0, t.end.map_or(0, |e| e.0), t.blocks[0].plain_text()))
            .collect();
        prop_assert_eq!(read, expected, "{}", ttml);
    }

    /// ASS events read back each at its time with its words, whatever commas, override blocks
    /// and line breaks their text holds (times in centiseconds, as ASS writes them).
    #[test]
    fn ass_events_read_back_with_their_times_and_words(
        events in proptest::collection::vec((0u64..3_600_000, 1u64..10_000, 0u32..1_000, 0u32..1_000, 0u8..4), 1..20),
    ) {
        let mut events = events;
        events.sort_by_key(|e| e.0);
        events.dedup_by_key(|e| e.0);
        let clock = |cs: u64| format!("{}:{:02}:{:02}.{:02}", cs / 360_000, cs / 6_000 % 60, cs / 100 % 60, cs % 100);
        let mut ass = String::from("[Script Info]\nTitle: t\n\n[Events]\n\
            Format: Layer, Start, End, Style, Name, MarginL, MarginR, MarginV, Effect, Text\n");
        let mut expected = Vec::new();
        for &(start, length, a, b, form) in &events {
            let text = match form {
                0 => format!("w{a}x, y"),
                1 => format!("{{\\i1}}w{a}x,{{\\i0}} y"),
                2 => format!("w{a}x, y\\N字{b}文"),
                _ => format!("{{\\k20}}w{a}x, {{\\k30}}y\\n{{\\pos(1,2)}}字{b}文"),
            };
            ass.push_str(&format!("Dialogue: 0,{},{},Default,,0,0,0,,{text}\n", clock(start), clock(start + length)));
            let zh = (form >= 2).then(|| format!("字{b}文"));
            expected.push((start * 10, (start + length) * 10, format!("w{a}x, y"), zh));
        }
        let doc = core::read_str(&ass);
        prop_assert_eq!(doc.format, core::Format::Ass);
        let read: Vec<(u64, u64, String, Option<String>)> = doc
            .turns
            .iter()
            .map(|t| {
                let text = |lang| t.block(lang).map(|b| b.plain_text());
                (t.start.0, t.end.map_or(0, |e| e.0), text(Lang::En).unwrap_or_default(), text(Lang::Zh))
            })
            .collect();
        prop_assert_eq!(read, expected, "{}", ass);
    }

    /// LRC lines read back at their times, in time order, each line under each of its times, and
    /// a line written at one time in each language as one turn (times in hundredths); a line
    /// marked with its singer (`F:`) and every one after it in time until the next mark, its
    /// translation too, sung by them.
    #[test]
    fn lrc_lines_read_back_in_time_order(
        lines in proptest::collection::vec((proptest::collection::vec(0u64..600_000, 1..3), 0u32..1_000, any::<bool>(), 0usize..4), 1..20),
    ) {
        // Each time once in the file: a time's one line, in English, with its translation or not.
        let mut seen = std::collections::HashSet::new();
        let lines: Vec<(Vec<u64>, u32, bool, usize)> = lines
            .into_iter()
            .map(|(times, a, both, mark)| (times.into_iter().filter(|t| seen.insert(*t)).collect::<Vec<_>>(), a, both, mark))
            .filter(|(times, _, _, _)| !times.is_empty())
            .collect();
        let stamp = |cs: u64| format!("[{:02}:{:02}.{:02}]", cs / 6_000, cs / 100 % 60, cs % 100);
        let marks = ["", "M: ", "F:", "D: "];
        let singers = [None, Some("Male"), Some("Female"), Some("Duet")];
        let mut lrc = String::from("[ti:A song]\n");
        let mut expected = Vec::new();
        for (times, a, both, mark) in &lines {
            let tags: String = times.iter().map(|&t| stamp(t)).collect();
            lrc.push_str(&format!("{tags}{}Line w{a}x, sung\n", marks[*mark]));
            if *both {
                lrc.push_str(&format!("{tags}第{a}行\n"));
            }
            for &t in times {
                expected.push((t * 10, format!("Line w{a}x, sung"), both.then(|| format!("第{a}行")), singers[*mark]));
            }
        }
        expected.sort_by_key(|e| e.0);
        let mut last_marked = None;
        for line in &mut expected {
            line.3 = line.3.or(last_marked);
            last_marked = line.3;
        }
        let doc = core::read_str(&lrc);
        prop_assert_eq!(doc.format, core::Format::Lrc);
        let read: Vec<(u64, String, Option<String>, Option<&str>)> = doc
            .turns
            .iter()
            .map(|t| {
                let text = |lang| t.block(lang).map(|b| b.plain_text());
                (t.start.0, text(Lang::En).unwrap_or_default(), text(Lang::Zh), doc.speaker_name(t))
            })
            .collect();
        prop_assert_eq!(read, expected, "{}", lrc);
    }

    /// SAMI captions of increasing times, each a Korean line, an English line or both (a `<SYNC>`
    /// for both, or one each), some followed by a blank cue: every line read back at its time, in
    /// its class's language, the two of one moment one turn, each blank cue its turn's end.
    #[test]
    fn sami_cues_read_back_at_their_times(
        cues in proptest::collection::vec((1u64..100_000, 0u8..3, any::<bool>(), any::<bool>(), 0u32..1_000), 1..20),
    ) {
        let mut smi = String::from(
            "<SAMI><HEAD><STYLE><!--\n.KRCC { Name: Korean; lang: ko-KR; }\n.ENCC { lang: en-US; }\n--></STYLE></HEAD><BODY>\n",
        );
        let (mut at, mut expected): (u64, Vec<SamiTurn>) = (0, Vec::new());
        for (gap, langs, one_sync, blank, n) in &cues {
            at += gap;
            let (korean, english) = (format!("{n}번째 줄이에요."), format!("Line number {n}."));
            let (ko, en) = (*langs != 1, *langs != 0);
            let lines: Vec<String> = [(ko, "KRCC", &korean), (en, "ENCC", &english)]
                .into_iter()
                .filter(|(on, _, _)| *on)
                .map(|(_, class, text)| format!("<P Class={class}>{text}\n"))
                .collect();
            if *one_sync {
                smi.push_str(&format!("<SYNC Start={at}>{}", lines.concat()));
            } else {
                for line in &lines {
                    smi.push_str(&format!("<SYNC Start={at}>{line}"));
                }
            }
            let end = blank.then_some(at + gap / 2 + 1);
            if let Some(end) = end {
                smi.push_str(&format!("<SYNC Start={end}><P Class=KRCC>&nbsp;\n"));
            }
            expected.push((at, ko.then_some(korean), en.then_some(english), end));
            if let Some(end) = end {
                at = end;
            }
        }
        smi.push_str("</BODY></SAMI>\n");
        let doc = core::read_str(&smi);
        prop_assert_eq!(doc.format, core::Format::Sami);
        prop_assert!(doc.diagnostics.is_empty(), "{:?}", doc.diagnostics);
        let read: Vec<SamiTurn> = doc
            .turns
            .iter()
            .map(|t| {
                let text = |lang| t.block(lang).map(|b| b.plain_text());
                (t.start.0, text(Lang::Ko), text(Lang::En), t.end.map(|e| e.0))
            })
            .collect();
        prop_assert_eq!(read, expected, "{}", smi);
    }

    /// MicroDVD cues (frames, at a rate the file gives or the usual 23.976) or MPL2 cues (tenths
    /// of a second) of increasing times, each an English line, a Chinese line or both between
    /// `|`, some italic, some with no end: every line read back at its time, in its language.
    #[test]
    fn microdvd_and_mpl2_cues_read_back_at_their_times(
        mpl2 in any::<bool>(),
        rate in 0usize..5,
        cues in proptest::collection::vec((1u64..10_000, 0u8..3, any::<bool>(), proptest::option::of(0u64..500), 0u32..1_000), 1..20),
    ) {
        let rates = [None, Some("23.976"), Some("25"), Some("29.97"), Some("30")];
        let rate = if mpl2 { None } else { rates[rate] };
        let per_second = if mpl2 { 10.0 } else { rate.unwrap_or("23.976").parse::<f64>().unwrap() };
        let ms = |count: u64| (count as f64 * 1000.0 / per_second).round() as u64;
        let (open, close) = if mpl2 { ('[', ']') } else { ('{', '}') };
        let mut file = rate.map(|r| format!("{{1}}{{1}}{r}\n")).unwrap_or_default();
        let (mut at, mut expected): (u64, Vec<SamiTurn>) = (1, Vec::new());
        for (gap, langs, italic, length, n) in &cues {
            at += gap;
            let (english, chinese) = (format!("Line number {n}."), format!("第{n}行。"));
            let (en, zh) = (*langs != 1, *langs != 0);
            let italic = if *italic { "/" } else { "" };
            let lines: Vec<String> = [(en, &english), (zh, &chinese)]
                .into_iter()
                .filter(|(on, _)| *on)
                .map(|(_, text)| format!("{italic}{text}"))
                .collect();
            let end = length.map(|l| at + l);
            let end_text = end.map(|e| e.to_string()).unwrap_or_default();
            file.push_str(&format!("{open}{at}{close}{open}{end_text}{close}{}\n", lines.join("|")));
            expected.push((ms(at), zh.then_some(chinese), en.then_some(english), end.map(ms)));
        }
        let doc = core::read_str(&file);
        prop_assert_eq!(doc.format, if mpl2 { core::Format::Mpl2 } else { core::Format::MicroDvd });
        let notes = doc.diagnostics.iter().filter(|d| !matches!(d.kind, core::DiagnosticKind::FrameRate { .. }));
        prop_assert_eq!(notes.count(), 0, "{:?}", doc.diagnostics);
        let read: Vec<SamiTurn> = doc
            .turns
            .iter()
            .map(|t| {
                let text = |lang| t.block(lang).map(|b| b.plain_text());
                (t.start.0, text(Lang::Zh), text(Lang::En), t.end.map(|e| e.0))
            })
            .collect();
        prop_assert_eq!(read, expected, "{}", file);
    }

    #[test]
    fn json_strings_read_back_as_written(text in any::<String>()) {
        let mut w = core::json::Writer::compact();
        w.string(&text);
        let written = w.finish();
        let mut r = core::json::Reader::new(&written);
        prop_assert_eq!(r.string(), Ok(text.clone()));
        prop_assert_eq!(r.end(), Ok(()));
        prop_assert_eq!(serde_json::from_str::<String>(&written).ok(), Some(text));
    }

    #[test]
    fn exports_in_json_are_json_to_us_and_to_serde(lines in proptest::collection::vec(line(), 0..30)) {
        let text: String = lines.iter().map(|(l, _)| format!("{l}\n")).collect();
        let doc = core::read_str(&text);
        let timeline = Timeline::new(&doc, None);
        let podcast = doc.languages.first().map(|&lang| export::to_podcast_json(&doc, &timeline, lang));
        for json in std::iter::once(export::to_json(&doc, &timeline)).chain(podcast) {
            let mut r = core::json::Reader::new(&json);
            prop_assert_eq!(r.skip().and_then(|()| r.end()), Ok(()), "{}", json);
            prop_assert!(serde_json::from_str::<serde_json::Value>(&json).is_ok(), "{}", json);
        }
    }

    #[test]
    fn no_line_of_text_is_lost(lines in proptest::collection::vec(line(), 0..60)) {
        let text: String = lines.iter().map(|(l, _)| format!("{l}\n")).collect();
        let doc = core::read_str(&text);
        let kept = all_text(&doc);
        for (line, word) in &lines {
            if let Some(word) = word {
                prop_assert!(kept.contains(word.as_str()), "lost {:?} from line {:?}\n{}", word, line, text);
            }
        }
    }

    #[test]
    fn joining_two_transcripts_loses_nothing_of_either(
        english in proptest::collection::vec(cue("w"), 0..25),
        chinese in proptest::collection::vec(cue("字"), 0..25),
        first_lines in proptest::collection::vec(line(), 0..20),
    ) {
        let srt = |cues: &[(String, String)]| -> String {
            cues.iter().enumerate().map(|(i, (times, text))| format!("{}\n{times}\n{text}\n\n", i + 1)).collect()
        };
        let layout: String = first_lines.iter().map(|(l, _)| format!("{l}\n")).collect();
        let second = core::read_str(&srt(&chinese));
        for first_text in [srt(&english), layout] {
            let mut first = core::read_str(&first_text);
            let before = first.clone();
            let expected = all_text(&first) + &all_text(&second);
            match core::join::join(&mut first, second.clone(), "second.srt") {
                Err(_) => prop_assert_eq!(&first, &before),
                Ok(()) => {
                    let kept = all_text(&first);
                    for word in expected.split(|c: char| !c.is_alphanumeric()).filter(|w| w.ends_with(['x', '文'])) {
                        prop_assert!(kept.contains(word), "lost {:?}", word);
                    }
                    let counts = first.diagnostics.iter().find_map(|d| match d.kind {
                        core::DiagnosticKind::Joined { paired, alone, folded, .. } => Some((paired as usize, alone as usize, folded as usize)),
                        _ => None,
                    });
                    let (paired, alone, folded) = counts.expect("a note of the join");
                    prop_assert_eq!(paired + alone, second.turns.len());
                    prop_assert_eq!(first.turns.len(), before.turns.len() + alone - folded);
                    prop_assert!(first.headings.iter().all(|h| h.before_turn as usize <= first.turns.len()));
                    exercise(&first);
                }
            }
        }
    }

    #[test]
    fn text_found_in_the_source_is_the_text_at_its_utf16_ranges(
        lines in proptest::collection::vec(line(), 0..60),
        line_end in prop_oneof![Just("\n"), Just("\r\n"), Just("\r")],
        bom in any::<bool>(),
        arbitrary in "(?s)[\\[\\]0-9:*_<>a-z \n\r中文：😀]{0,200}",
    ) {
        let mut text: String = if bom { "\u{FEFF}".into() } else { String::new() };
        text.extend(lines.iter().map(|(l, _)| format!("{l}{line_end}")));
        text.push_str(&arbitrary);
        let doc = core::read_str(&text);
        let units: Vec<u16> = text.encode_utf16().collect();
        let mut offsets = SourceOffsets::new(&text);
        for turn in &doc.turns {
            offsets.turn(turn.line);
            for block in &turn.blocks {
                let cell = block.plain_text();
                let mut ranges = Vec::new();
                if offsets.find(&cell, &mut ranges) {
                    let at: Option<Vec<u16>> = ranges.chunks(2)
                        .map(|r| units.get(r[0] as usize..r[1] as usize))
                        .try_fold(Vec::new(), |mut all, piece| { all.extend(piece?); Some(all) });
                    prop_assert_eq!(at.and_then(|u| String::from_utf16(&u).ok()), Some(cell), "{:?}", text);
                }
            }
        }
    }

    #[test]
    fn bilingual_export_reads_back_the_same(lines in proptest::collection::vec(line(), 0..60)) {
        let text: String = lines.iter().map(|(l, _)| format!("{l}\n")).collect();
        let doc = core::read_str(&text);
        let written = export::to_bilingual(&doc, &Timeline::new(&doc, None));
        let back = core::read_str(&written);
        let turns = |d: &core::Document| d.turns.iter().map(|t| {
            let mut blocks: Vec<_> = t.blocks.iter().map(|b| (b.lang, b.paragraphs.clone())).collect();
            blocks.sort_by_key(|b| b.0);
            (t.start, t.end, d.speaker_name(t).map(str::to_owned), blocks)
        }).collect::<Vec<_>>();
        prop_assert_eq!(turns(&back), turns(&doc), "{}\n---\n{}", text, written);
        prop_assert_eq!(all_text(&back).len(), all_text(&doc).len());
    }

    #[test]
    fn seconds_text_is_what_float_formatting_gives(ms in 0u64..1_000_000_000_000) {
        prop_assert_eq!(Millis(ms).seconds_text(), Millis(ms).as_secs_f64().to_string());
    }

    #[test]
    fn fixed_decimals_are_what_float_formatting_gives_but_at_ties(value in -1e9f64..1e9, places in 0u32..4) {
        let ours = core::decimal::fixed(value, places);
        let std = format!("{:.*}", places as usize, value);
        // The standard library keeps the sign of a negative value rounded to zero.
        let std = match std.strip_prefix('-') {
            Some(unsigned) if unsigned.bytes().all(|b| b == b'0' || b == b'.') => unsigned.to_owned(),
            _ => std,
        };
        if ours != std {
            // Rounding the scaled value, not the exact binary one, may go the other way at a tie
            // (within the product's own rounding of it).
            let scaled = value.abs() * 10f64.powi(places as i32);
            let near_tie = (scaled.fract() - 0.5).abs() <= scaled * 4.0 * f64::EPSILON;
            prop_assert!(near_tie, "{} vs {} for {}", ours, std, value);
        }
    }

    #[test]
    fn decimals_read_as_the_standard_library_reads_them(
        mantissa in 0u64..1_000_000_000_000_000, point in 0usize..16, exponent in -22i32..23, negative: bool,
    ) {
        // Up to 15 significant digits, a point anywhere, an exponent: exact, as `str::parse` is.
        let digits = mantissa.to_string();
        let point = point.min(digits.len());
        let sign = if negative { "-" } else { "" };
        for text in [
            format!("{sign}{}.{}", &digits[..point], &digits[point..]),
            format!("{sign}{digits}e{exponent}"),
        ] {
            prop_assert_eq!(core::decimal::parse(&text), text.parse::<f64>().ok(), "{}", text);
        }
    }

    #[test]
    fn any_float_written_out_reads_back_within_a_few_units_in_the_last_place(value in proptest::num::f64::NORMAL) {
        for text in [value.to_string(), format!("{value:e}")] {
            let back = core::decimal::parse(&text).expect("a number");
            let ulps = (back.to_bits() as i64 - value.to_bits() as i64).unsigned_abs();
            // At most four roundings (the digits, the small power, the large power, the
            // division or product), each within 2^-53 of its result: under four units.
            prop_assert!(ulps <= 4, "{} read as {} ({} units off)", text, back, ulps);
        }
    }

    /// Turns a file gives no time (in the bilingual layout, HTML without `<time>`, or a dialogue
    /// under Google Meet's times) are estimated to start in order: after the turn above, and no
    /// later than the next time given.
    #[test]
    fn turns_without_time_start_in_order(
        turns in proptest::collection::vec((proptest::option::weighted(0.6, 0u64..8), 1usize..40), 1..20),
    ) {
        let (mut md, mut html, mut meet) = (String::from("# Turns\n\n"), String::new(), String::from("Sync - Transcript\n"));
        let mut given = Vec::new();
        let mut at = 0u64;
        for (i, (step, words)) in turns.iter().enumerate() {
            let said = vec!["word"; *words].join(" ");
            // The bilingual layout's first turn always has a time.
            let step = if i == 0 { Some(step.unwrap_or(0)) } else { *step };
            let time = step.map(|s| { at += s; Millis(at * 1000) });
            given.push(time);
            match time {
                Some(t) => md.push_str(&format!("{} Ann\n\nEnglish: {said}\n\n---\n\n", t.bracket_stamp())),
                None => md.push_str(&format!("## Bob\n\nEnglish: {said}\n\n---\n\n")),
            }
            // Google Meet's: a time alone on its line now and then, a dialogue under it.
            if let Some(t) = time {
                meet.push_str(&format!("{}\n\n", t.bracket_stamp().trim_matches(['[', ']'])));
            }
            meet.push_str(&format!("{}: {said}\n", ["Ann", "Bob"][i % 2]));
            let time = time.map_or(String::new(), |t| format!("<time>{}</time>", t.bracket_stamp().trim_matches(['[', ']'])));
            html.push_str(&format!("<cite>Ann:</cite>{time}<p>{said}</p>\n"));
        }
        // (A dialogue once each name starts two lines.)
        let layouts = [("md", &md), ("html", &html), ("meet", &meet)];
        for (layout, text) in &layouts[..if turns.len() >= 4 { 3 } else { 2 }] {
            let doc = core::read_str(text);
            prop_assert_eq!(doc.turns.len(), turns.len(), "{}:\n{}", layout, text);
            for (i, turn) in doc.turns.iter().enumerate() {
                if let Some(t) = given[i] {
                    prop_assert_eq!(turn.start, t, "{} turn {}:\n{}", layout, i, text);
                }
                if i > 0 {
                    prop_assert!(turn.start >= doc.turns[i - 1].start, "{} turn {} starts before the one above:\n{}", layout, i, text);
                }
            }
        }
    }

    #[test]
    fn active_turn_is_the_latest_started_running_one_the_first_written_of_a_tie(
        cues in proptest::collection::vec((0u64..100, 0u64..30), 1..30),
        probes in proptest::collection::vec(0u64..140, 1..40),
    ) {
        let mut vtt = String::from("WEBVTT\n\n");
        // Texts of their own: a cue of no length repeating the line before is a rolling
        // caption's, and left out.
        for (i, (start, len)) in cues.iter().enumerate() {
            vtt.push_str(&format!("{} --> {}\ntext {i}\n\n", Millis(start * 1000).cue_stamp('.'), Millis((start + len) * 1000).cue_stamp('.')));
        }
        let doc = core::read_str(&vtt);
        let placed = placed_in_time(&doc, cues.iter().map(|c| c.0));
        let timeline = Timeline::new(&doc, None);
        // The latest start first; of cues starting together, the first written.
        let mut order: Vec<usize> = (0..cues.len()).collect();
        order.sort_by_key(|&i| (cues[i].0, std::cmp::Reverse(i)));
        for probe in probes {
            let t = probe * 1000;
            let expected = order.iter().rev().copied().find(|&i| cues[i].0 * 1000 <= t && t < (cues[i].0 + cues[i].1) * 1000);
            prop_assert_eq!(timeline.active_at(Millis(t)), expected.map(|i| placed[i]), "t={}", t);
        }
    }

    /// Next-turn navigation from the earliest turn reaches every turn once, in time order (of
    /// turns starting together, in written order), and previous-turn walks it back.
    #[test]
    fn stepping_turn_by_turn_reaches_each_in_time_order(
        starts in proptest::collection::vec(0u64..20, 1..30),
    ) {
        let mut vtt = String::from("WEBVTT\n\n");
        for (i, start) in starts.iter().enumerate() {
            vtt.push_str(&format!("{} --> {}\ntext {i}\n\n", Millis(start * 1000).cue_stamp('.'), Millis((start + 1) * 1000).cue_stamp('.')));
        }
        let doc = core::read_str(&vtt);
        let placed = placed_in_time(&doc, starts.iter().copied());
        let timeline = Timeline::new(&doc, None);
        let mut expected: Vec<usize> = (0..starts.len()).collect();
        expected.sort_by_key(|&i| starts[i]);
        let expected: Vec<usize> = expected.into_iter().map(|i| placed[i]).collect();
        let mut walked = vec![expected[0]];
        while let Some(next) = timeline.next_turn(*walked.last().unwrap()) {
            prop_assert!(walked.len() <= starts.len(), "{:?}", walked);
            walked.push(next);
        }
        prop_assert_eq!(&walked, &expected);
        for pair in walked.windows(2) {
            prop_assert_eq!(timeline.previous_turn(pair[1]), Some(pair[0]));
        }
        prop_assert_eq!(timeline.previous_turn(walked[0]), None);
    }

    /// What a clock relies on to stay quiet: until the time the steady answers name, the active
    /// turn, sentence group and word are what they are now, with a turn chosen by the listener
    /// or none. Word timings come in any order.
    #[test]
    fn nothing_changes_before_the_steady_time(
        cues in proptest::collection::vec((0u64..100_000, 0u64..30_000, proptest::collection::vec(0u64..40_000, 0..4), any::<bool>()), 1..20),
        probes in proptest::collection::vec(0u64..140_000, 1..20),
        chosen in proptest::option::of(0usize..20),
    ) {
        let mut vtt = String::from("WEBVTT\n\n");
        for (start, len, words, on_the_ten) in &cues {
            // (Some on a ten seconds' grid, so that cues start together.)
            let start = if *on_the_ten { start / 10_000 * 10_000 } else { *start };
            let (start, end) = (Millis(start), Millis(start + len));
            vtt.push_str(&format!("{} --> {}\n", start.cue_stamp('.'), end.cue_stamp('.')));
            // Timed words (inline timestamps), and two sentences in two languages.
            for (w, at) in words.iter().enumerate() {
                vtt.push_str(&format!("<{}>word{w} ", Millis(start.0 + at).cue_stamp('.')));
            }
            vtt.push_str("One sentence. Another one?\n一句话。另一句？\n\n");
        }
        let doc = core::read_str(&vtt);
        // Where each cue starts too: where turns that start together part.
        let starts = doc.turns.iter().map(|turn| turn.start.0);
        for probe in probes.into_iter().chain(starts) {
            if let Err(problem) = steady_holds(&doc, Millis(probe), chosen) {
                prop_assert!(false, "{}", problem);
            }
        }
    }
}

#[test]
fn languages_are_read_from_script_when_unlabelled() {
    let doc = core::read_str("[00:00:00] A\n\nHello there.\n\n你好。\n\n[00:00:02] B\n\nこんにちは、元気ですか。\n\n안녕하세요.\n");
    assert_eq!(doc.languages, vec![Lang::En, Lang::Zh, Lang::Ja, Lang::Ko]);
}

/// Whether the turn, sentence group and words of `doc` hold from `t` until the earliest time the
/// steady answers name (what the player's clock stays quiet by), turn `chosen` gone to.
fn steady_holds(doc: &core::Document, t: Millis, chosen: Option<usize>) -> Result<(), String> {
    let timeline = Timeline::new(doc, None);
    let sentences = core::sentence_timeline::SentenceTimeline::estimate(doc, &timeline);
    let state = |t: Millis| {
        let turn = timeline.active_at_choosing(t, chosen);
        let group = turn.and_then(|i| sentences.active_group(i, t));
        let words: Vec<_> = turn.map_or(vec![], |i| {
            doc.turns[i].blocks.iter().map(|b| b.timing_at(t)).collect()
        });
        (turn, group, words)
    };
    let turn = timeline.active_at_choosing(t, chosen);
    let steady = [timeline.steady_until_choosing(t, chosen)]
        .into_iter()
        .chain(turn.map(|i| sentences.group_steady_until(i, t)))
        .chain(
            turn.into_iter()
                .flat_map(|i| doc.turns[i].blocks.iter().map(|b| b.timing_steady_until(t))),
        )
        .flatten()
        .min()
        .unwrap_or(Millis(t.0 + 50_000));
    if steady <= t {
        return Err(format!("t={} steady={} is not ahead", t.0, steady.0));
    }
    let now = state(t);
    for later in [t.0 + 1, (t.0 + steady.0) / 2, steady.0 - 1] {
        if later > t.0 && later < steady.0 && state(Millis(later)) != now {
            return Err(format!(
                "t={} later={} steady={}: {:?} became {:?}",
                t.0,
                later,
                steady.0,
                now,
                state(Millis(later))
            ));
        }
    }
    Ok(())
}

/// Found by the fuzz target: word timings out of order made a sentence group change before the
/// time the steady answer named.
#[test]
fn steady_times_hold_with_word_timings_out_of_order() {
    let bytes = include_bytes!("../fuzz/seeds/regression-unordered-word-timings.vtt");
    let doc = core::read_with(bytes, |_, b| Some(String::from_utf8_lossy(b).into_owned()));
    for t in (0..12_000).step_by(25) {
        steady_holds(&doc, Millis(t), None).unwrap();
    }
}
