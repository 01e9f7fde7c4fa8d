//! `load`: many signed deliveries at once, each message id sent `--copies` times by concurrent
//! senders spread over the receivers, to measure a receiver fleet and its shared replay guard.
//!
//! Deliveries are a pure function of (secret, id prefix, timestamp, index), so a second run with
//! the same `--id-prefix` and `--timestamp` and `--only` re-sends exactly the same bytes: that is
//! how a soak run proves that what was refused while Redis was down is accepted afterwards.

use std::io::Write;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Mutex;
use std::time::{Duration, Instant};

use hookseal::{EventType, Signer};

use crate::{now_secs, Failure, LoadArgs};

/// One answered (or failed) request, as a JSON line of `--record`.
struct Answer {
    index: usize,
    copy: usize,
    url: usize,
    /// HTTP status; 0 when the request failed below HTTP (refused, reset, timed out).
    status: u16,
    /// The `code` member of a JSON error answer, or the transport error.
    code: String,
    /// The `replay` member of a JSON answer (what the receiver's guard said), if any.
    replay: String,
    /// When the request started, unix microseconds.
    start_us: u64,
    latency_us: u64,
}

fn member(body: &str, name: &str) -> String {
    serde_json::from_str::<serde_json::Value>(body)
        .ok()
        .and_then(|v| v.get(name).and_then(|m| m.as_str().map(str::to_owned)))
        .unwrap_or_default()
}

fn indexes(args: &LoadArgs) -> Result<Vec<usize>, Failure> {
    let Some(path) = &args.only else {
        return Ok((0..args.messages).collect());
    };
    let text = std::fs::read_to_string(path)
        .map_err(|e| Failure::io(format!("error: cannot read {}: {e}", path.display())))?;
    text.split_whitespace()
        .map(|w| {
            w.parse::<usize>()
                .map_err(|_| Failure::usage(format!("error: {w:?} in --only is not an index")))
        })
        .collect()
}

/// The nearest-rank percentile `p` (0-100) of sorted microseconds, in milliseconds.
fn percentile(sorted: &[u64], p: usize) -> f64 {
    if sorted.is_empty() {
        return 0.0;
    }
    let rank = (p * sorted.len()).div_ceil(100).clamp(1, sorted.len());
    Duration::from_micros(sorted[rank - 1]).as_secs_f64() * 1000.0
}

fn count(n: usize) -> f64 {
    f64::from(u32::try_from(n).unwrap_or(u32::MAX))
}

/// Send every job from `--concurrency` threads; the answers in the order they started.
fn send_all(
    args: &LoadArgs,
    prefix: &str,
    jobs: &[(usize, usize)],
) -> Result<(Vec<Answer>, f64), Failure> {
    let signer = Signer::new(&args.key.secrets[0], args.key.mode())?;
    let timestamp = args.timestamp.unwrap_or_else(now_secs);
    let next = AtomicUsize::new(0);
    let answers = Mutex::new(Vec::with_capacity(jobs.len()));
    let began = Instant::now();
    // Start times are unix microseconds, so a driver can line them up with what it did meanwhile.
    let epoch_us = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| u64::try_from(d.as_micros()).unwrap_or(0));
    let sender = |_: usize| -> Result<(), Failure> {
        let agent = ureq::AgentBuilder::new()
            .timeout(Duration::from_secs(args.timeout))
            .max_idle_connections_per_host(4)
            .build();
        let mut mine = Vec::new();
        loop {
            let n = next.fetch_add(1, Ordering::Relaxed);
            let Some(&(index, copy)) = jobs.get(n) else {
                break;
            };
            let event = EventType::ALL[index % EventType::ALL.len()];
            let body = hookseal::sample_body(event).as_bytes();
            let headers = signer.headers(&format!("{prefix}{index}"), timestamp, body)?;
            let url = (index + copy) % args.urls.len();
            let mut req = agent
                .post(&args.urls[url])
                .set("content-type", "application/json");
            for (k, v) in headers.pairs() {
                req = req.set(k, &v);
            }
            let start = began.elapsed();
            let (status, text) = match req.send_bytes(body) {
                Ok(r) => (r.status(), r.into_string().unwrap_or_default()),
                Err(ureq::Error::Status(s, r)) => (s, r.into_string().unwrap_or_default()),
                Err(e) => (0, format!("{{\"code\":{:?}}}", e.kind().to_string())),
            };
            let latency = began.elapsed().saturating_sub(start);
            mine.push(Answer {
                index,
                copy,
                url,
                status,
                code: member(&text, "code"),
                replay: member(&text, "replay"),
                start_us: epoch_us + u64::try_from(start.as_micros()).unwrap_or(u64::MAX / 2),
                latency_us: u64::try_from(latency.as_micros()).unwrap_or(u64::MAX),
            });
        }
        answers
            .lock()
            .map_err(|_| Failure::io("error: a sender thread panicked"))?
            .append(&mut mine);
        Ok(())
    };
    std::thread::scope(|s| {
        let handles: Vec<_> = (0..args.concurrency)
            .map(|t| s.spawn(move || sender(t)))
            .collect();
        handles
            .into_iter()
            .map(|h| {
                h.join()
                    .unwrap_or_else(|_| Err(Failure::io("error: a sender thread panicked")))
            })
            .collect::<Result<Vec<()>, Failure>>()
    })?;
    let wall = began.elapsed().as_secs_f64();
    let mut answers = answers
        .into_inner()
        .map_err(|_| Failure::io("error: a sender thread panicked"))?;
    answers.sort_by_key(|a| a.start_us);
    Ok((answers, wall))
}

pub(crate) fn load(args: &LoadArgs, out: &mut dyn Write) -> Result<(), Failure> {
    if args.urls.is_empty() || args.copies == 0 || args.concurrency == 0 {
        return Err(Failure::usage(
            "error: give at least one --url, --copies >= 1 and --concurrency >= 1",
        ));
    }
    let prefix = args
        .id_prefix
        .clone()
        .unwrap_or_else(|| format!("{}_", hookseal::fresh_message_id()));
    let messages = indexes(args)?;
    // Copy-major order within each message: the copies of one id are taken by different senders
    // back to back, so they reach the receivers at the same moment.
    let jobs: Vec<(usize, usize)> = messages
        .iter()
        .flat_map(|&i| (0..args.copies).map(move |c| (i, c)))
        .collect();
    let (answers, wall) = send_all(args, &prefix, &jobs)?;

    if let Some(path) = &args.record {
        let mut lines = String::with_capacity(answers.len() * 120);
        for a in &answers {
            lines.push_str(
                &serde_json::json!({
                    "i": a.index, "copy": a.copy, "id": format!("{prefix}{}", a.index), "url": a.url,
                    "status": a.status, "code": a.code, "replay": a.replay,
                    "start_us": a.start_us, "latency_us": a.latency_us,
                })
                .to_string(),
            );
            lines.push('\n');
        }
        std::fs::write(path, lines)
            .map_err(|e| Failure::io(format!("error: cannot write {}: {e}", path.display())))?;
    }

    let mut latencies: Vec<u64> = answers.iter().map(|a| a.latency_us).collect();
    latencies.sort_unstable();
    let mut by_status = std::collections::BTreeMap::<String, usize>::new();
    for a in &answers {
        let key = match (a.status, a.code.as_str()) {
            (0, c) => format!("error {c}"),
            (s, "") => s.to_string(),
            (s, c) => format!("{s} {c}"),
        };
        *by_status.entry(key).or_default() += 1;
    }
    let mut text = format!(
        "{} requests ({} messages x {} copies) to {} receiver(s) in {wall:.2} s: {:.0} requests/s\n\
         latency ms: p50 {:.2}  p90 {:.2}  p99 {:.2}  max {:.2}\n",
        answers.len(),
        messages.len(),
        args.copies,
        args.urls.len(),
        count(answers.len()) / wall.max(1e-9),
        percentile(&latencies, 50),
        percentile(&latencies, 90),
        percentile(&latencies, 99),
        percentile(&latencies, 100),
    );
    for (k, n) in &by_status {
        text.push_str(&format!("  {n:>8}  {k}\n"));
    }
    out.write_all(text.as_bytes())
        .map_err(|e| Failure::io(format!("error: {e}")))?;
    let failed = answers.iter().filter(|a| a.status == 0).count();
    if failed > 0 {
        return Err(Failure::io(format!(
            "error: {failed} request(s) got no HTTP answer"
        )));
    }
    Ok(())
}
