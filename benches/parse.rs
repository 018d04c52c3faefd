//! Reader throughput and memory on large transcripts, printed as numbers (not a pass/fail test).
//!
//!     cargo bench --bench parse [-- DIR]
//!
//! DIR holds big.md, big.vtt and big.srt from `shared/bench/gen.py` (default `bench-out`, generated
//! there at 10 MB if missing). Prints the median MB/s of several runs, and the bytes the document
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
    let dir = std::env::args().skip(1).find(|a| !a.starts_with("--")).unwrap_or_else(|| "bench-out".into());
    if !std::path::Path::new(&dir).join("big.md").exists() {
        let status = std::process::Command::new("python3")
            .args(["../shared/bench/gen.py", "samples/chip-huyen-lennys-podcast.md", &dir, "10"])
            .status()
            .expect("python3 runs gen.py");
        assert!(status.success(), "gen.py failed");
    }
    println!("{:<10} {:>9} {:>10} {:>9} {:>8} {:>14}", "file", "MB", "MB/s", "ms", "turns", "memory/input");
    for name in ["big.md", "big.vtt", "big.srt"] {
        let bytes = std::fs::read(std::path::Path::new(&dir).join(name)).expect("benchmark input");
        let mb = bytes.len() as f64 / 1_048_576.0;
        let mut times = Vec::new();
        let mut turns = 0;
        for _ in 0..11 {
            let start = Instant::now();
            let doc = interlinear::core::read(&bytes).expect("UTF-8 input");
            times.push(start.elapsed().as_secs_f64());
            turns = doc.turns.len();
            drop(doc);
        }
        times.sort_by(f64::total_cmp);
        let median = times[times.len() / 2];
        let before = LIVE.load(Ordering::Relaxed);
        let doc = interlinear::core::read(&bytes).expect("UTF-8 input");
        let held = LIVE.load(Ordering::Relaxed) - before;
        println!(
            "{:<10} {:>9.1} {:>10.0} {:>9.2} {:>8} {:>13.2}x",
            name,
            mb,
            mb / median,
            median * 1000.0,
            turns,
            held as f64 / bytes.len() as f64
        );
        drop(doc);
    }
}
