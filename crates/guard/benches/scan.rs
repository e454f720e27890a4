//! Scan throughput on social-length posts: `cargo bench -p guard --bench scan`.

use criterion::{black_box, criterion_group, criterion_main, Criterion, Throughput};
use guard::{Guard, OrgProfile};

const POSTS: &[&str] = &[
    "Flu clinic this Saturday, Oct 12, 9am–1pm at 1200 River Road. No appointment needed! Questions? Call (937) 555-0100 💉 #FluSeason",
    "Please join us in welcoming Dr. Amara Okafor to our cardiology team! She is now accepting new patients.",
    "Huge thank you to Sophie Alvarez for letting us share her journey after her kidney transplant 💙",
    "There is hope. Every year thousands of people beat sepsis because someone recognized the signs early. #SepsisAwareness",
    "Our NICU nurses are the best 🥰🥰🥰 thank you for everything you do!!!",
    "Mi abuela cumplió 92 años ayer y los enfermeros le cantaron las mañanitas 🎂",
    "Reminder: the clinic is closed Monday for the holiday. For emergencies call 911.",
    "little sophie from Maple Street rang the bell today!! #TeamSophie 🔔",
    "Did you know? Adults over 65 should get the high-dose flu vaccine. Ask your pharmacist.",
    "MRN 4471203 — please call the family back at 415.555.0132 re: discharge on the 12th",
];

fn bench(c: &mut Criterion) {
    let guard = Guard::new(OrgProfile {
        name: "Riverside Community Hospital".into(),
        phones: vec!["(937) 555-0100".into()],
        websites: vec!["riversidecommunity.org".into()],
        addresses: vec!["1200 River Road, Marysville, OH 43040".into()],
        staff: vec!["Dr. Amara Okafor".into()],
        ..OrgProfile::default()
    });
    let bytes: usize = POSTS.iter().map(|p| p.len()).sum();
    let mut g = c.benchmark_group("scan");
    g.throughput(Throughput::Bytes(bytes as u64));
    g.bench_function("posts_bytes", |b| {
        b.iter(|| {
            for p in POSTS {
                black_box(guard.scan(black_box(p)));
            }
        })
    });
    g.throughput(Throughput::Elements(POSTS.len() as u64));
    g.bench_function("posts_count", |b| {
        b.iter(|| {
            for p in POSTS {
                black_box(guard.scan(black_box(p)));
            }
        })
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
