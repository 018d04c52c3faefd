//! The reference sample, turn by turn: every layout variant in it must give the same 13 turns.

#![cfg(not(target_arch = "wasm32"))]

mod common;

use interlinear::core::{self, Lang, Millis, Style, Timeline};

const SAMPLE: &str = include_str!("../samples/chip-huyen-lennys-podcast.md");

/// (start, speaker, first words of the English, first characters of the Chinese)
const TURNS: [(&str, &str, &str, &str); 13] = [
    (
        "00:00:00",
        "Chip Huyen",
        "A question that get asked a lot and a lot is",
        "我经常被问到一个问题",
    ),
    (
        "00:00:15",
        "Lenny Rachitsky",
        "A lot of companies are building AI products.",
        "现在很多公司都在开发",
    ),
    (
        "00:00:19",
        "Chip Huyen",
        "We are in an ideal crisis.",
        "我们正处于一场",
    ),
    (
        "00:00:33",
        "Lenny Rachitsky",
        "All this AI hype",
        "尽管 AI 炒作得沸沸扬扬",
    ),
    (
        "00:00:38",
        "Chip Huyen",
        "It's really hard to measure productivity.",
        "衡量生产力确实很难",
    ),
    (
        "00:01:11",
        "Lenny Rachitsky",
        "Today, my guest is Chip Huyen.",
        "今天的嘉宾是 Chip Huyen",
    ),
    (
        "00:01:41",
        "Lenny Rachitsky",
        "She's also gotten to work with a lot of enterprises",
        "她还与许多企业合作",
    ),
    (
        "00:04:40",
        "Lenny Rachitsky",
        "I want to start with this table/chart",
        "我想从你不久前",
    ),
    (
        "00:05:30",
        "Chip Huyen",
        "A question that get asked a lot and a lot is that",
        "我被问得最多的问题",
    ),
    (
        "00:07:34",
        "Chip Huyen",
        "So I think it's like one is, supervised fine-tuning",
        "我认为（后训练）",
    ),
    (
        "00:09:35",
        "Chip Huyen",
        "So, I think of language modeling",
        "我把语言建模看作",
    ),
    (
        "00:14:06",
        "Chip Huyen",
        "So the vast majority of time",
        "绝大多数时候",
    ),
    (
        "00:15:57",
        "Chip Huyen",
        "So the idea is that once you",
        "核心思路是",
    ),
];

#[test]
fn thirteen_turns_with_speaker_time_and_both_languages() {
    let doc = core::read_str(SAMPLE);
    assert_eq!(doc.turns.len(), 13);
    assert!(doc.diagnostics.is_empty(), "{:?}", doc.diagnostics);
    assert_eq!(doc.languages, vec![Lang::En, Lang::Zh]);
    assert_eq!(doc.speakers, vec!["Chip Huyen", "Lenny Rachitsky"]);
    for (turn, (start, speaker, en, zh)) in doc.turns.iter().zip(TURNS) {
        assert_eq!(turn.start, core::parse_clock(start).unwrap(), "{start}");
        assert_eq!(doc.speaker_name(turn), Some(speaker), "{start}");
        let english = turn.block(Lang::En).expect("English").plain_text();
        let chinese = turn.block(Lang::Zh).expect("Chinese").plain_text();
        assert!(english.starts_with(en), "{start}: {english}");
        assert!(chinese.starts_with(zh), "{start}: {chinese}");
        assert_eq!(turn.block(Lang::En).unwrap().paragraphs.len(), 1, "{start}");
        assert!(
            !english.contains("**") && !chinese.contains("**"),
            "{start}: markup left in text"
        );
    }
}

#[test]
fn header_becomes_title_and_metadata() {
    let doc = core::read_str(SAMPLE);
    assert_eq!(doc.title.as_deref(), Some("CHIP HUYEN"));
    assert_eq!(
        doc.metadata,
        vec![
            "LENNY'S PODCAST",
            "BILINGUAL TRANSCRIPT",
            "ORIGINAL BY",
            "Lenny Rachitsky",
            "@lennysan • x.com/lennysan",
            "ANALYSIS BY",
            "@Penny777 • x.com/penny777",
            "Chip Huyen - 双语对照",
            "Lenny's Podcast: Chip Huyen | Bilingual Transcript",
            "播客: Lenny's Podcast | 嘉宾: Chip Huyen",
        ]
    );
    assert_eq!(
        doc.header_items(),
        vec![
            "LENNY'S PODCAST",
            "BILINGUAL TRANSCRIPT",
            "ORIGINAL BY Lenny Rachitsky",
            "@lennysan • x.com/lennysan",
            "ANALYSIS BY @Penny777 • x.com/penny777",
            "Chip Huyen - 双语对照",
            "Lenny's Podcast: Chip Huyen | Bilingual Transcript",
            "播客: Lenny's Podcast | 嘉宾: Chip Huyen",
        ],
        "as shown: each credit's label with the name after it"
    );
}

#[test]
fn book_title_is_emphasis_not_asterisks() {
    let doc = core::read_str(SAMPLE);
    let turn = &doc.turns[5];
    for lang in [Lang::En, Lang::Zh] {
        let p = &turn.block(lang).unwrap().paragraphs[0];
        let emphasised: Vec<&str> = p
            .runs()
            .filter(|run| run.style == Style::Emphasis)
            .map(|run| run.text)
            .collect();
        assert_eq!(emphasised, vec!["AI Engineering"], "{lang:?}");
        assert!(!p.text.contains('*'));
    }
}

#[test]
fn excerpt_jumps_are_gaps_and_contiguous_turns_meet() {
    let doc = core::read_str(SAMPLE);
    let timeline = Timeline::new(&doc, None);
    let at = |s: &str| core::parse_clock(s).unwrap();
    // 00:00:38 runs into 00:01:11.
    assert_eq!(timeline.span(4).end, at("00:01:11"));
    // 00:01:41 is followed by a jump to 00:04:40: it ends on its own estimate, then a gap.
    let end = timeline.span(6).end;
    assert!(end > at("00:02:00") && end < at("00:02:20"), "{end}");
    assert_eq!(timeline.active_at(at("00:01:50")), Some(6));
    assert_eq!(timeline.active_at(at("00:03:00")), None);
    assert_eq!(timeline.active_at(at("00:05:40")), Some(8));
    assert_eq!(timeline.active_at(Millis(0)), Some(0));
    // The last turn ends at an estimate, or at the audio's end when that is near.
    assert!(timeline.span(12).end > at("00:16:10"));
    let with_audio = Timeline::new(&doc, Some(at("00:16:30")));
    assert_eq!(with_audio.span(12).end, at("00:16:30"));
    assert_eq!(
        with_audio.span(12).start,
        at("00:15:57"),
        "written times are kept"
    );
}

/// The speaking rate behind turn-end estimates is the sample's own: the median rate of the turns
/// that run straight into the next one.
#[test]
fn speaking_rate_is_tuned_on_the_sample() {
    let doc = core::read_str(SAMPLE);
    let mut rates: Vec<f64> = doc
        .turns
        .windows(2)
        .filter(|w| w[1].start.0 - w[0].start.0 < 40_000)
        .map(|w| {
            let chars = w[0]
                .block(Lang::En)
                .unwrap()
                .plain_text()
                .chars()
                .filter(|c| !c.is_whitespace())
                .count();
            chars as f64 / ((w[1].start.0 - w[0].start.0) as f64 / 1000.0)
        })
        .collect();
    rates.sort_by(f64::total_cmp);
    let median = (rates[rates.len() / 2 - 1] + rates[rates.len() / 2]) / 2.0;
    let constant = interlinear::core::timeline::CHARS_PER_SECOND_LATIN as f64;
    assert!(
        (median - constant).abs() / median < 0.15,
        "median {median:.1} chars/s vs constant {constant}"
    );
}

#[test]
fn sample_dump_matches() {
    let doc = core::read_str(SAMPLE);
    common::check(
        &std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/sample.expected"),
        &common::dump(&doc),
    );
}

/// Someone who took the times out (or never had them) still gets the 13 turns, their speakers
/// and both languages, at estimated times, and is told so.
#[test]
fn without_its_times_the_sample_still_reads_as_its_turns() {
    let untimed: String = SAMPLE
        .lines()
        .map(|line| match (line.find('['), line.find(']')) {
            (Some(open), Some(close))
                if close > open + 1
                    && line[open + 1..close]
                        .bytes()
                        .all(|b| b.is_ascii_digit() || b == b':') =>
            {
                format!("{}{}", &line[..open], line[close + 1..].trim_start())
            }
            _ => line.to_owned(),
        })
        .collect::<Vec<_>>()
        .join("\n");
    assert!(!untimed.contains("[00:"), "every time taken out");
    let doc = core::read_str(&untimed);
    assert_eq!(doc.turns.len(), 13, "{:#?}", doc.diagnostics);
    assert_eq!(doc.languages, vec![Lang::En, Lang::Zh]);
    assert_eq!(doc.speakers, vec!["Chip Huyen", "Lenny Rachitsky"]);
    assert_eq!(doc.title.as_deref(), Some("CHIP HUYEN"));
    assert_eq!(doc.metadata, core::read_str(SAMPLE).metadata);
    let said: Vec<String> = doc.diagnostics.iter().map(|d| d.to_string()).collect();
    assert_eq!(
        said,
        ["no turn has a time; each start is estimated from the length of the text before it"]
    );
    for (i, (turn, (_, speaker, en, zh))) in doc.turns.iter().zip(TURNS).enumerate() {
        assert_eq!(doc.speaker_name(turn), Some(speaker), "turn {i}");
        let english = turn.block(Lang::En).expect("English").plain_text();
        let chinese = turn.block(Lang::Zh).expect("Chinese").plain_text();
        assert!(english.starts_with(en), "turn {i}: {english}");
        assert!(chinese.starts_with(zh), "turn {i}: {chinese}");
    }
    // Each turn starts when the one before it, said at the estimated pace, ends.
    let timeline = Timeline::new(&doc, None);
    for i in 1..doc.turns.len() {
        assert!(doc.turns[i].start > doc.turns[i - 1].start);
        assert_eq!(
            timeline.span(i - 1).end,
            doc.turns[i].start,
            "turn {i} follows on"
        );
    }
    // With the audio's length known, the estimates are stretched to end with it: a reader
    // slower than the estimate is followed to the end, not left behind.
    let audio = Millis(timeline.span(12).end.0 * 2);
    let with_audio = Timeline::new(&doc, Some(audio));
    assert_eq!(with_audio.span(12).end, audio);
    for (i, turn) in doc.turns.iter().enumerate() {
        assert_eq!(
            with_audio.span(i).start,
            Millis(turn.start.0 * 2),
            "turn {i}"
        );
    }
}
