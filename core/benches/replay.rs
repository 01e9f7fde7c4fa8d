//! `make bench-redis`: verify + replay guard, in memory and in Redis on loopback, per call and
//! with 8 threads. Starts its own redis-server on a free port.
#![allow(missing_docs, clippy::unwrap_used, clippy::cast_precision_loss)]

use std::process::{Command, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use hookseal::{InMemoryReplayGuard, KeyMode, RedisReplayGuard, ReplayGuard, Signer, Verifier};

const SECRET: &str = "whsec_xeO2UNkfKMQnfJf7Q/Qx+fYptL1wabXd";
const N: usize = 20_000;

fn deliveries(prefix: &str) -> Vec<(String, String, String)> {
    let signer = Signer::new(SECRET, KeyMode::ImageKit).unwrap();
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_secs() as i64;
    (0..N)
        .map(|i| {
            let id = format!("msg_{prefix}_{i}");
            let sig = signer
                .sign(
                    &id,
                    now,
                    br#"{"type":"file.deleted","data":{"fileId":"abc"}}"#,
                )
                .unwrap();
            (id, now.to_string(), sig)
        })
        .collect()
}

fn run(guard: Arc<dyn ReplayGuard>, prefix: &str, threads: usize) -> (f64, f64) {
    let v = Arc::new(
        Verifier::builder()
            .secret(SECRET, KeyMode::ImageKit)
            .replay_guard(guard)
            .build()
            .unwrap(),
    );
    let all = Arc::new(deliveries(prefix));
    let next = Arc::new(AtomicUsize::new(0));
    let start = Instant::now();
    let handles: Vec<_> = (0..threads)
        .map(|_| {
            let (v, all, next) = (Arc::clone(&v), Arc::clone(&all), Arc::clone(&next));
            std::thread::spawn(move || loop {
                let i = next.fetch_add(1, Ordering::Relaxed);
                let Some((id, ts, sig)) = all.get(i) else {
                    break;
                };
                let h = [
                    ("webhook-id", id.as_str()),
                    ("webhook-timestamp", ts.as_str()),
                    ("webhook-signature", sig.as_str()),
                ];
                v.verify(
                    br#"{"type":"file.deleted","data":{"fileId":"abc"}}"#,
                    h,
                    None,
                )
                .unwrap();
            })
        })
        .collect();
    for h in handles {
        h.join().unwrap();
    }
    let secs = start.elapsed().as_secs_f64();
    (secs / N as f64 * 1e6, N as f64 / secs)
}

fn main() {
    if std::env::args().any(|a| a == "--list") {
        return;
    }
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let mut redis = Command::new("redis-server")
        .args([
            "--port",
            &port.to_string(),
            "--bind",
            "127.0.0.1",
            "--save",
            "",
            "--appendonly",
            "no",
        ])
        .stdout(Stdio::null())
        .spawn()
        .expect("redis-server on PATH");
    while std::net::TcpStream::connect(("127.0.0.1", port)).is_err() {
        std::thread::sleep(Duration::from_millis(20));
    }
    let url = format!("redis://127.0.0.1:{port}/");
    println!("| guard | threads | per delivery | deliveries/s |");
    println!("|---|---|---|---|");
    for threads in [1, 8] {
        let (us, rate) = run(
            Arc::new(InMemoryReplayGuard::new()),
            &format!("m{threads}"),
            threads,
        );
        println!("| in memory | {threads} | {us:.2} µs | {rate:.0} |");
        let (us, rate) = run(
            Arc::new(RedisReplayGuard::new(&url).unwrap()),
            &format!("r{threads}"),
            threads,
        );
        println!("| Redis (loopback) | {threads} | {us:.2} µs | {rate:.0} |");
    }
    let _ = redis.kill();
    let _ = redis.wait();
}
