//! Prints the findings for each line of stdin (a development aid: `cargo run --example phi_probe`).
use std::io::BufRead;

fn main() {
    let guard = guard::Guard::new(guard::OrgProfile::default());
    for line in std::io::stdin().lock().lines() {
        let line = line.expect("stdin");
        let report = guard.scan(&line);
        println!("{:?} {line}", report.verdict);
        for f in &report.findings {
            println!(
                "    {:<14} {:?} {:?} ({})",
                f.kind.as_str(),
                f.text,
                f.whose,
                f.reason
            );
        }
    }
}
