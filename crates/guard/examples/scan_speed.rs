//! CPU-time throughput of `Guard::scan` over a small corpus (run under `perf stat` or `time`
//! when the machine is shared and criterion's wall-clock figures are noisy).
use std::time::Instant;

fn main() {
    let posts: Vec<String> =
        std::fs::read_to_string(std::env::args().nth(1).expect("a JSONL file"))
            .expect("read")
            .lines()
            .filter_map(|l| serde_json::from_str::<serde_json::Value>(l).ok())
            .filter_map(|v| v.get("text").and_then(|t| t.as_str()).map(str::to_string))
            .collect();
    let guard = guard::Guard::new(guard::OrgProfile::default());
    let bytes: usize = posts.iter().map(String::len).sum();
    let rounds: usize = std::env::args()
        .nth(2)
        .map_or(30, |r| r.parse().expect("rounds"));
    let t = Instant::now();
    let mut found = 0;
    for _ in 0..rounds {
        for p in &posts {
            found += guard.scan(p).findings.len();
        }
    }
    let secs = t.elapsed().as_secs_f64();
    println!(
        "{} posts x {rounds}: {:.1} MB/s, {:.0} posts/s ({found} findings)",
        posts.len(),
        (bytes * rounds) as f64 / secs / 1e6,
        (posts.len() * rounds) as f64 / secs
    );
}
