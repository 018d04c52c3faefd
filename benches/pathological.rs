//! Inputs built to make a reader slow, each read at two sizes: reading time should grow in
//! proportion to the size (the "per MB" column stays flat), never faster. Numbers, not pass/fail.
//! Timed for each: reading, the timeline, the sentences, and finding each turn's text in the
//! source (as `parseTranscript` does for a string).
//!
//!     cargo bench --bench pathological

use std::time::Instant;

use interlinear::core::sentence_timeline::SentenceTimeline;
use interlinear::core::source_offsets::SourceOffsets;
use interlinear::core::{read, Timeline};

/// (name, generator of about `n` bytes).
type Case = (&'static str, fn(usize) -> Vec<u8>);

const CASES: [Case; 27] = [
    ("one line, no breaks", |n| {
        "word ".repeat(n / 5).into_bytes()
    }),
    ("tiny turns", |n| {
        (0..n / 20)
            .map(|i| {
                format!(
                    "[{:02}:{:02}:{:02}] A\nx\n",
                    i / 3600 % 100,
                    i / 60 % 60,
                    i % 60
                )
            })
            .collect::<String>()
            .into_bytes()
    }),
    ("a speaker a turn", |n| {
        (0..n / 24)
            .map(|i| {
                format!(
                    "[{:02}:{:02}:{:02}] S{i}\nx\n",
                    i / 3600 % 100,
                    i / 60 % 60,
                    i % 60
                )
            })
            .collect::<String>()
            .into_bytes()
    }),
    ("nested emphasis", |n| {
        let depth = n / 4;
        format!(
            "[00:00:01] A\nEnglish: {}x{}\n",
            "*_".repeat(depth),
            "_*".repeat(depth)
        )
        .into_bytes()
    }),
    ("unclosed brackets", |n| {
        format!("[00:00:01] A\n{}\n", "[".repeat(n)).into_bytes()
    }),
    ("links never closed", |n| {
        format!(
            "[00:00:01] A\n{}\n",
            "[a](https://a.example/(".repeat(n / 22)
        )
        .into_bytes()
    }),
    ("backtick runs of every length", |n| {
        let mut line = String::new();
        let mut len = 1;
        while line.len() < n {
            line.push_str(&"`".repeat(len));
            line.push('a');
            len += 1;
        }
        format!("[00:00:01] A\n{line}\n").into_bytes()
    }),
    ("cue arrows", |n| {
        "00:00:01.000 --> ".repeat(n / 17).into_bytes()
    }),
    ("one Chinese sentence", |n| {
        format!("[00:00:01] A\n中文翻译: {}\n", "字".repeat(n / 3)).into_bytes()
    }),
    // Every turn's text looked for in the source (as `parseTranscript` does) and not there as it
    // is, with its first letter at every place it could start.
    ("text not as in source", |n| {
        (0..n / 60)
            .map(|i| {
                format!(
                    "[{:02}:{:02}:{:02}] A\nEnglish: {}*a*\n",
                    i / 3600 % 100,
                    i / 60 % 60,
                    i % 60,
                    "a".repeat(32)
                )
            })
            .collect::<String>()
            .into_bytes()
    }),
    ("TTML timed words", |n| {
        format!(
            "<tt><body><div><p begin=\"1s\" end=\"2s\">{}</p></div></body></tt>",
            "<span begin=\"1.5s\">w</span> ".repeat(n / 28)
        )
        .into_bytes()
    }),
    // Tags that never end, `<`s that start no tag before a `>` far away, and end tags with
    // nothing open to end.
    ("TTML unclosed tags", |n| {
        format!("<tt>{}", "<p".repeat(n / 2)).into_bytes()
    }),
    ("TTML text of <s", |n| {
        format!("<tt>{}>", "<1 ".repeat(n / 3)).into_bytes()
    }),
    ("TTML stray end tags", |n| {
        format!(
            "<tt><div>{}{}",
            "<span>".repeat(n / 14),
            "</p>".repeat(n / 8)
        )
        .into_bytes()
    }),
    // A style and an agent for every cue, each named by it.
    ("TTML styles, agents", |n| {
        let cues = n / 150;
        let head: String = (0..cues)
            .map(|i| {
                format!(
                    "<style xml:id=\"s{i}\" tts:fontStyle=\"italic\"/><ttm:agent xml:id=\"a{i}\"/>"
                )
            })
            .collect();
        let body: String = (0..cues)
            .map(|i| {
                format!("<p begin=\"{i}s\" dur=\"1s\" style=\"s{i}\" ttm:agent=\"a{i}\">x</p>")
            })
            .collect();
        format!("<tt><head>{head}</head><body>{body}</body></tt>").into_bytes()
    }),
    // A caption line of speakers, each a paragraph, its words timed and in italics.
    ("WebVTT >> in a line", |n| {
        format!(
            "WEBVTT\n\n00:00:01.000 --> 00:00:02.000\n{}\n",
            "<00:00:01.500><i>a</i> >> ".repeat(n / 27)
        )
        .into_bytes()
    }),
    // Cues all written with one time (captions of a whole show at 0:00).
    ("SRT cues at one time", |n| {
        (0..n / 48)
            .map(|i| format!("{i}\n00:00:00,000 --> 00:00:02,000\nline {i}\n\n"))
            .collect::<String>()
            .into_bytes()
    }),
    // An event of braces that open no override block, and backslashes before no code.
    ("ASS unclosed braces", |n| {
        format!(
            "[Script Info]\n[Events]\nDialogue: 0,0:00:01.00,0:00:02.00,A,,0,0,0,,{}\n",
            "{a \\".repeat(n / 4)
        )
        .into_bytes()
    }),
    // A style for every event, each named by it, and every syllable karaoke in italics.
    ("ASS styles, karaoke", |n| {
        let events = n / 120;
        let styles: String = (0..events)
            .map(|i| format!("Style: s{i},Arial,20,0,0,0,0,0,-1\n"))
            .collect();
        let dialogue: String = (0..events)
            .map(|i| {
                format!("Dialogue: 0,0:00:01.00,0:00:02.00,s{i},,0,0,0,,{{\\k5\\i1}}a{i}\\Nb\n")
            })
            .collect();
        format!("[Script Info]\n[V4+ Styles]\n{styles}[Events]\n{dialogue}").into_bytes()
    }),
    // A chorus under a great many times, and lines all at one time.
    ("LRC times on a line", |n| {
        let times: String = (0..n / 10)
            // (Minutes of at most three digits, as LRC's times have them: the 1,000th would
            // end the times, and the rest of the line be its words.)
            .map(|i| format!("[{:02}:{:02}]", i / 60 % 1_000, i % 60))
            .collect();
        format!("[ti:A song]\n{times}La la la\n").into_bytes()
    }),
    ("LRC lines at one time", |n| {
        (0..n / 20)
            .map(|i| format!("[00:00.00]Line {i}\n"))
            .collect::<String>()
            .into_bytes()
    }),
    ("WebVTT tags", |n| {
        format!(
            "WEBVTT\n\n00:00:01.000 --> 00:00:02.000\n{}\n",
            "<v A><b><i>".repeat(n / 11)
        )
        .into_bytes()
    }),
    ("SAMI <s, no >", |n| {
        format!("<SAMI><BODY><SYNC Start=1>{}", "<p".repeat(n / 2)).into_bytes()
    }),
    ("SAMI open comments", |n| {
        format!("<SAMI><BODY><SYNC Start=1>x{}", "<!--".repeat(n / 4)).into_bytes()
    }),
    ("SAMI cues, two languages", |n| {
        let cues: String = (0..n / 60)
            .map(|i| format!("<SYNC Start={i}><P Class=KRCC>줄 {i}<P Class=ENCC>Line {i}\n"))
            .collect();
        let style = ".KRCC { lang: ko-KR; } .ENCC { lang: en-US; }";
        format!("<SAMI><HEAD><STYLE>{style}</STYLE></HEAD><BODY>{cues}").into_bytes()
    }),
    ("MicroDVD {s, no }", |n| {
        format!("{{1}}{{2}}{}", "{y:".repeat(n / 3)).into_bytes()
    }),
    ("MicroDVD cues, bilingual", |n| {
        (0..n / 40)
            .map(|i| format!("{{{i}}}{{{}}}{{y:i}}Line {i}.|第{i}行。\n", i + 1))
            .collect::<String>()
            .into_bytes()
    }),
];

fn main() {
    let small = 5_000_000;
    let large = 50_000_000;
    println!(
        "{:<22} {:>10} {:>10} {:>12} {:>12}",
        "input", "5 MB ms", "50 MB ms", "5 MB ms/MB", "50 MB ms/MB"
    );
    // `cargo bench --bench pathological -- WORDS` runs the cases whose names hold WORDS.
    let only: Vec<String> = std::env::args()
        .skip(1)
        .filter(|a| !a.starts_with("--"))
        .collect();
    let chosen = |name: &str| only.is_empty() || only.iter().any(|o| name.contains(o.as_str()));
    for (name, make) in CASES.into_iter().filter(|(name, _)| chosen(name)) {
        let per = |size: usize| {
            let bytes = make(size);
            let start = Instant::now();
            let doc = read(&bytes).expect("UTF-8");
            let timeline = Timeline::new(&doc, None);
            let _ = SentenceTimeline::estimate(&doc, &timeline);
            let mut offsets = SourceOffsets::new(std::str::from_utf8(&bytes).expect("UTF-8"));
            let mut ranges = Vec::new();
            for turn in &doc.turns {
                offsets.turn(turn.line);
                for block in &turn.blocks {
                    ranges.clear();
                    offsets.find(&block.plain_text(), &mut ranges);
                }
            }
            let ms = start.elapsed().as_secs_f64() * 1000.0;
            (ms, ms / (bytes.len() as f64 / 1e6))
        };
        let (a, a_per) = per(small);
        let (b, b_per) = per(large);
        println!("{name:<22} {a:>10.0} {b:>10.0} {a_per:>12.1} {b_per:>12.1}");
    }
}
