//! `make bench`: verify against a raw pre-keyed HMAC-SHA256 of the same bytes (the limit), and
//! unwrap of every sample event. `scripts/bench-table.py` turns the results into the README table.
#![allow(missing_docs, clippy::unwrap_used)]

use criterion::{black_box, criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};
use hmac::{Hmac, Mac};
use hookseal::{sample_body, EventType, KeyMode, Signer, Verifier};
use sha2::Sha256;

const SECRET: &str = "whsec_xeO2UNkfKMQnfJf7Q/Qx+fYptL1wabXd";
const NOW: i64 = 1_700_000_000;
const SIZES: [(usize, &str); 4] = [
    (200, "200B"),
    (2 * 1024, "2KiB"),
    (64 * 1024, "64KiB"),
    (1024 * 1024, "1MiB"),
];

fn verify(c: &mut Criterion) {
    let signer = Signer::new(SECRET, KeyMode::ImageKit).unwrap();
    let verifier = Verifier::new(SECRET, KeyMode::ImageKit).unwrap();
    let raw_key = Hmac::<Sha256>::new_from_slice(SECRET.as_bytes()).unwrap();
    let mut group = c.benchmark_group("verify");
    for (size, label) in SIZES {
        let body = vec![b'x'; size];
        let id = "msg_2KWPBgLlAfxdpx2AI54pPJ85f4W";
        let sig = signer.sign(id, NOW, &body).unwrap();
        let headers = [
            ("webhook-id", id),
            ("webhook-timestamp", "1700000000"),
            ("webhook-signature", sig.as_str()),
        ];
        let content = [format!("{id}.{NOW}.").into_bytes(), body.clone()].concat();
        group.throughput(Throughput::Bytes(size as u64));
        group.bench_with_input(
            BenchmarkId::new("raw_hmac", label),
            &content,
            |b, content| {
                b.iter(|| {
                    let mut mac = raw_key.clone();
                    mac.update(black_box(content));
                    black_box(mac.finalize().into_bytes())
                });
            },
        );
        group.bench_with_input(BenchmarkId::new("hookseal", label), &body, |b, body| {
            b.iter(|| {
                verifier
                    .verify(black_box(body), black_box(headers), Some(NOW))
                    .unwrap()
            });
        });
    }
    group.finish();
}

fn unwrap(c: &mut Criterion) {
    let signer = Signer::new(SECRET, KeyMode::ImageKit).unwrap();
    let verifier = Verifier::new(SECRET, KeyMode::ImageKit).unwrap();
    let mut group = c.benchmark_group("unwrap");
    for t in EventType::ALL {
        let body = sample_body(t).as_bytes();
        let sig = signer.sign("msg_1", NOW, body).unwrap();
        let headers = [
            ("webhook-id", "msg_1"),
            ("webhook-timestamp", "1700000000"),
            ("webhook-signature", sig.as_str()),
        ];
        group.bench_function(t.as_str(), |b| {
            b.iter(|| {
                verifier
                    .unwrap(black_box(body), black_box(headers), Some(NOW))
                    .unwrap()
            });
        });
    }
    group.finish();
}

criterion_group! {
    name = benches;
    config = Criterion::default().warm_up_time(std::time::Duration::from_millis(500)).measurement_time(std::time::Duration::from_secs(2));
    targets = verify, unwrap
}
criterion_main!(benches);
