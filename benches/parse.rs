//! Reader throughput and memory on large transcripts, printed as numbers (not a pass/fail test).
//!
//!     cargo bench --bench parse [-- DIR]
//!
//! DIR holds big.md, big.vtt and big.srt from `shared/bench/gen.py` (default `bench-out`, generated
//! there at 10 MB if missing); big.html is written here from big.md's turns. Prints the median and best MB/s of 21 runs (`BENCH_RUNS=N` to change; `BENCH_KEEP=1`
//! keeps every document, so each read gets fresh memory) (the best is the
//! steadier figure on a shared machine), and the bytes the document
//! holds in memory after reading, as a multiple of the input size.

use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Instant;

/// Counts live heap bytes, so the document's size in memory can be measured exactly.
struct Counting;

static LIVE: AtomicUsize = AtomicUsize::new(0);

unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        LIVE.fetch_add(layout.size(), Ordering::Relaxed);
        System.alloc(layout)
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        LIVE.fetch_sub(layout.size(), Ordering::Relaxed);
        System.dealloc(ptr, layout)
    }
    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        LIVE.fetch_add(new_size, Ordering::Relaxed);
        LIVE.fetch_sub(layout.size(), Ordering::Relaxed);
        System.realloc(ptr, layout, new_size)
    }
}

#[global_allocator]
static ALLOCATOR: Counting = Counting;

fn main() {
    let dir = std::env::args()
        .skip(1)
        .find(|a| !a.starts_with("--"))
        .unwrap_or_else(|| "bench-out".into());
    if !std::path::Path::new(&dir).join("big.md").exists() {
        let status = std::process::Command::new("python3")
            .args([
                "../shared/bench/gen.py",
                "samples/chip-huyen-lennys-podcast.md",
                &dir,
                "10",
            ])
            .status()
            .expect("python3 runs gen.py");
        assert!(status.success(), "gen.py failed");
    }
    println!(
        "{:<10} {:>7} {:>13} {:>11} {:>8} {:>8} {:>14}",
        "file", "MB", "median MB/s", "best MB/s", "ms", "turns", "memory/input"
    );
    for name in ["big.md", "big.vtt", "big.srt", "big.html"] {
        let bytes = match name {
            "big.html" => html_of(
                &std::fs::read(std::path::Path::new(&dir).join("big.md")).expect("benchmark input"),
            ),
            _ => std::fs::read(std::path::Path::new(&dir).join(name)).expect("benchmark input"),
        };
        let mb = bytes.len() as f64 / 1_048_576.0;
        let mut times = Vec::new();
        let mut turns = 0;
        let runs: usize = std::env::var("BENCH_RUNS")
            .ok()
            .and_then(|r| r.parse().ok())
            .unwrap_or(21);
        // BENCH_KEEP=1 keeps every document until the end, so each read gets its memory fresh
        // from the system instead of reusing what the last one freed.
        let keep = std::env::var_os("BENCH_KEEP").is_some();
        let mut kept = Vec::new();
        for _ in 0..runs {
            let start = Instant::now();
            let doc = interlinear::core::read(&bytes).expect("UTF-8 input");
            times.push(start.elapsed().as_secs_f64());
            turns = doc.turns.len();
            if keep {
                kept.push(doc);
            }
        }
        drop(kept);
        times.sort_by(f64::total_cmp);
        let (median, best) = (times[times.len() / 2], times[0]);
        let before = LIVE.load(Ordering::Relaxed);
        let doc = interlinear::core::read(&bytes).expect("UTF-8 input");
        let held = LIVE.load(Ordering::Relaxed) - before;
        println!(
            "{:<10} {:>7.1} {:>13.0} {:>11.0} {:>8.2} {:>8} {:>13.2}x",
            name,
            mb,
            mb / median,
            mb / best,
            median * 1000.0,
            turns,
            held as f64 / bytes.len() as f64
        );
        let start = Instant::now();
        let timeline = interlinear::core::Timeline::new(&doc, None);
        println!(
            "{:<10} timeline built: {:.1} ms",
            "",
            start.elapsed().as_secs_f64() * 1000.0
        );
        let best = best_of(runs.min(7), || {
            interlinear::core::sentence_timeline::SentenceTimeline::estimate(&doc, &timeline)
        });
        println!(
            "{:<10} sentences split, aligned and timed: best {:.0} ms ({:.0} MB/s)",
            "",
            best * 1000.0,
            mb / best
        );
        // What the first keystroke in the search box would wait for, were it not built before.
        let best = best_of(runs.min(7), || {
            interlinear::core::search::SearchIndex::new(&doc)
        });
        println!(
            "{:<10} search index built: best {:.1} ms ({:.0} MB/s)",
            "",
            best * 1000.0,
            mb / best
        );
        drop(doc);
    }
}

/// big.md's turns as an HTML transcript (`<cite>`, `<time>`, a `<p>` per paragraph), since
/// gen.py writes none: the same text, so the figures compare.
fn html_of(markdown: &[u8]) -> Vec<u8> {
    let doc = interlinear::core::read(markdown).expect("UTF-8 input");
    let mut html = String::from("<!DOCTYPE html>\n<html><head><title>big</title></head><body>\n");
    for turn in &doc.turns {
        if let Some(name) = doc.speaker_name(turn) {
            html.push_str(&format!("<cite>{name}:</cite>\n"));
        }
        html.push_str(&format!("<time>{}</time>\n", turn.start));
        for paragraph in turn.blocks.iter().flat_map(|b| &b.paragraphs) {
            let text = paragraph.text.replace('&', "&amp;").replace('<', "&lt;");
            html.push_str(&format!("<p>{text}</p>\n"));
        }
    }
    html.push_str("</body></html>\n");
    html.into_bytes()
}

/// The shortest of `runs` timings of `work`, in seconds (what it makes is dropped untimed).
fn best_of<T>(runs: usize, mut work: impl FnMut() -> T) -> f64 {
    (0..runs)
        .map(|_| {
            let start = Instant::now();
            let made = work();
            let took = start.elapsed().as_secs_f64();
            drop(made);
            took
        })
        .fold(f64::INFINITY, f64::min)
}
