//! Triage throughput on social-length comments (criterion). Reports comments/s; the figure
//! includes the PHI scan `Guard::classify` runs first, as the CLI does; `scan_only_baseline`
//! measures that scan alone.

use criterion::{black_box, criterion_group, criterion_main, Criterion, Throughput};
use guard::{Guard, OrgProfile};

const COMMENTS: &[&str] = &[
    "I'm 28 weeks pregnant with a fever of 101, should I still get the flu shot?",
    "Is the flu shot safe during pregnancy?",
    "this app is f***ing great, thanks nurses!! ❤️❤️",
    "great, another 3 hour wait. thanks a lot 🙄",
    "DM me to earn $$$ from home 💰💰 link in bio",
    "vaccines cause autism, do your own research",
    "is it true that vaccines cause autism?",
    "What time do you open on Saturday? Where do I park?",
    "you people are incompetent idiots 😡😡",
    "my daughter Emma was just diagnosed with leukemia, please pray for her 🙏",
    "¿cuánto ibuprofeno le doy a mi hijo de 3 años?",
    "excelente atención, gracias",
    "¿a qué hora abren?",
    "Been on hold for 45 minutes trying to reschedule my appointment. Unacceptable.",
    "Dr. Nguyen and her team went above and beyond. Highly recommend!",
    "my son has had a rash on his arms for 3 days, what should I do",
    "Check out my page for cheap meds without prescription www.rx-deals.xyz 🚀",
    "How long is someone with the flu contagious?",
    "I was charged twice for the same visit and nobody answers the billing line",
    "THIS IS THE WORST HOSPITAL IN THE STATE",
];

fn classify(c: &mut Criterion) {
    let guard = Guard::new(OrgProfile {
        name: "Riverside Health".into(),
        phones: vec!["(415) 555-0132".into()],
        websites: vec!["https://riverside.example".into()],
        ..OrgProfile::default()
    });
    let bytes: usize = COMMENTS.iter().map(|c| c.len()).sum();
    let mut group = c.benchmark_group("classify");
    group.throughput(Throughput::Elements(COMMENTS.len() as u64));
    group.bench_function("comments", |b| {
        b.iter(|| {
            for text in COMMENTS {
                black_box(guard.classify(black_box(text)));
            }
        })
    });
    group.throughput(Throughput::Bytes(bytes as u64));
    group.bench_function("bytes", |b| {
        b.iter(|| {
            for text in COMMENTS {
                black_box(guard.classify(black_box(text)));
            }
        })
    });
    // The PHI scan alone on the same comments: classify minus this is the triage's own cost.
    group.throughput(Throughput::Elements(COMMENTS.len() as u64));
    group.bench_function("scan_only_baseline", |b| {
        b.iter(|| {
            for text in COMMENTS {
                black_box(guard.scan(black_box(text)));
            }
        })
    });
    group.finish();
}

criterion_group!(benches, classify);
criterion_main!(benches);
