//! Prints the findings for each line of stdin (a development aid:
//! `cargo run --example phi_probe [profile.toml]`).
use std::io::BufRead;

fn main() {
    let profile = match std::env::args().nth(1) {
        Some(path) => {
            toml::from_str(&std::fs::read_to_string(&path).expect("profile")).expect("profile TOML")
        }
        None => guard::OrgProfile::default(),
    };
    let guard = guard::Guard::new(profile);
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
