//! Profiling aid: `prof verify|raw N` runs N 200-byte verifications (or raw HMACs), for
//! `perf record` or `valgrind --tool=callgrind` (instruction counts do not depend on load).
#![allow(missing_docs, clippy::unwrap_used)]
use hmac::{Hmac, Mac};
use hookseal::{KeyMode, Signer, Verifier};
use sha2::Sha256;

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let mode = args.get(1).map_or("verify", String::as_str);
    let n: usize = args
        .get(2)
        .and_then(|s| s.parse().ok())
        .unwrap_or(3_000_000);
    let secret = "whsec_xeO2UNkfKMQnfJf7Q/Qx+fYptL1wabXd";
    let id = "msg_2KWPBgLlAfxdpx2AI54pPJ85f4W";
    let body = vec![b'x'; 200];
    let sig = Signer::new(secret, KeyMode::ImageKit)
        .unwrap()
        .sign(id, 1_700_000_000, &body)
        .unwrap();
    let v = Verifier::new(secret, KeyMode::ImageKit).unwrap();
    let raw = Hmac::<Sha256>::new_from_slice(secret.as_bytes()).unwrap();
    let content = [format!("{id}.1700000000.").into_bytes(), body.clone()].concat();
    let h = [
        ("webhook-id", id),
        ("webhook-timestamp", "1700000000"),
        ("webhook-signature", sig.as_str()),
    ];
    let mut acc = 0usize;
    for _ in 0..n {
        if mode == "raw" {
            let mut m = raw.clone();
            m.update(std::hint::black_box(&content));
            acc += usize::from(m.finalize().into_bytes()[0]);
        } else {
            acc += v
                .verify(
                    std::hint::black_box(&body),
                    std::hint::black_box(h),
                    Some(1_700_000_000),
                )
                .unwrap()
                .key_index;
        }
    }
    println!("{acc}");
}
