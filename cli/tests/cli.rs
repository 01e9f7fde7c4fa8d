//! The CLI's commands, end to end: sign, verify (with --explain on each failure kind), events,
//! and send against listen over loopback.
#![allow(clippy::unwrap_used, missing_docs)]

use std::io::{BufRead, BufReader};
use std::process::{Child, Command, Stdio};

use assert_cmd::prelude::*;
use predicates::prelude::*;

const SECRET: &str = "whsec_xeO2UNkfKMQnfJf7Q/Qx+fYptL1wabXd";
const BODY_C: &str = r#"{"id":"id","type":"file.deleted","created_at":"2019-12-27T18:11:19.117Z","data":{"fileId":"abc"}}"#;
const SIG_C: &str = "v1,HXtyYJGsJjTTpJpWZHsk8pLNIX9EhyGPH5ZSQ1C3dwg=";

/// The CLI under test: cargo's build of it, or the command in `HOOKSEAL_CLI_UNDER_TEST` (words
/// split on spaces), which `make test-dist` sets to a cross-built binary, e.g. the Windows one
/// under Wine or the static musl one, so that these tests check the release artifacts.
fn cli() -> Command {
    match std::env::var("HOOKSEAL_CLI_UNDER_TEST") {
        Ok(words) if !words.trim().is_empty() => {
            let mut words = words.split_whitespace();
            let mut c = Command::new(words.next().unwrap());
            c.args(words);
            c
        }
        _ => Command::cargo_bin("hookseal").unwrap(),
    }
}

fn hookseal() -> assert_cmd::Command {
    let mut c = assert_cmd::Command::from_std(cli());
    c.env_remove("HOOKSEAL_SECRET").env("NO_COLOR", "1");
    c
}

fn verify_c(extra: &[&str], ts: &str, sig: &str, now: &str) -> assert_cmd::assert::Assert {
    hookseal()
        .args([
            "verify",
            "--secret",
            SECRET,
            "-H",
            "webhook-id: msg_2KWPBgLlAfxdpx2AI54pPJ85f4W",
        ])
        .args([
            "-H",
            &format!("webhook-timestamp: {ts}"),
            "-H",
            &format!("webhook-signature: {sig}"),
            "--now",
            now,
        ])
        .args(extra)
        .write_stdin(BODY_C)
        .assert()
}

#[test]
fn sign_reproduces_the_public_vectors() {
    hookseal()
        .args(["sign", "--secret", SECRET, "--id", "msg_2KWPBgLlAfxdpx2AI54pPJ85f4W", "--timestamp", "1674087231"])
        .write_stdin(BODY_C)
        .assert()
        .success()
        .stdout(format!("webhook-id: msg_2KWPBgLlAfxdpx2AI54pPJ85f4W\nwebhook-timestamp: 1674087231\nwebhook-signature: {SIG_C}\n"));
    hookseal()
        .args([
            "sign",
            "--key-mode",
            "standard",
            "--secret",
            "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw",
        ])
        .args([
            "--id",
            "msg_p5jXN8AQM9LWM0D4loKWxJek",
            "--timestamp",
            "1614265330",
        ])
        .write_stdin(r#"{"test": 2432232314}"#)
        .assert()
        .success()
        .stdout(predicate::str::contains(
            "webhook-signature: v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=\n",
        ));
}

#[test]
fn sign_legacy_and_secret_from_the_environment() {
    let out = hookseal()
        .env("HOOKSEAL_SECRET", "9rK6+3jL")
        .args(["sign", "--legacy", "--timestamp-ms", "1655788406333"])
        .write_stdin("x")
        .assert()
        .success();
    // Independent: hmac.new(b"9rK6+3jL", b"1655788406333.x", sha256).hexdigest()
    out.stdout("x-ik-signature: t=1655788406333,v1=69c475822d5f125d33a2a05583678daa5185e3ba9a9e15a9189d364a87beaa3b\n");
}

#[test]
fn verify_ok_and_each_failure_kind_with_explain() {
    verify_c(&[], "1674087231", SIG_C, "1674087231")
        .success()
        .stdout(predicate::str::contains("ok: verified with key #0 (v1)"));
    verify_c(&["--explain"], "1674087231", SIG_C, "1674087600")
        .code(1)
        .stdout(predicate::str::contains(
            "FAIL  timestamp 1674087231: 369s old, tolerance 300s",
        ))
        .stderr(predicate::str::contains("error[timestamp_too_old]"));
    verify_c(&["--explain"], "1674087231", SIG_C, "1674086000")
        .code(1)
        .stdout(predicate::str::contains("in the future"))
        .stderr(predicate::str::contains("error[timestamp_too_new]"));
    verify_c(&["--explain"], "16740872.31", SIG_C, "1674087231")
        .code(1)
        .stdout(predicate::str::contains(
            "FAIL  timestamp \"16740872.31\" is not 1 to 18 ASCII digits",
        ))
        .stderr(predicate::str::contains("error[invalid_timestamp]"));
    verify_c(
        &["--explain"],
        "1674087231",
        &format!("v2,xyz nocomma {}", SIG_C.replace("dwg=", "dwA=")),
        "1674087231",
    )
    .code(1)
    .stdout(predicate::str::contains(
        "skip  signature entry 1: \"v2,xyz\" skipped: unknown version",
    ))
    .stdout(predicate::str::contains(
        "skip  signature entry 2: \"nocomma\" skipped: no comma",
    ))
    .stdout(predicate::str::contains("matches no configured key"))
    .stdout(predicate::str::contains(
        "hint: secret #0 matches in no key mode",
    ))
    .stderr(predicate::str::contains("error[invalid_signature]"));
    let many = vec!["v1,x"; 65].join(" ");
    verify_c(&["--explain"], "1674087231", &many, "1674087231")
        .code(1)
        .stderr(predicate::str::contains("error[invalid_header]"));
    // The same delivery verified in the wrong key mode gets a hint naming the right one.
    verify_c(
        &["--explain", "--key-mode", "standard"],
        "1674087231",
        SIG_C,
        "1674087231",
    )
    .code(1)
    .stdout(predicate::str::contains(
        "matches this signature in the `imagekit` key mode, but you configured `standard`",
    ));
    hookseal()
        .args([
            "verify",
            "--secret",
            SECRET,
            "--explain",
            "-H",
            "webhook-id: m",
        ])
        .write_stdin("{}")
        .assert()
        .code(1)
        .stdout(predicate::str::contains(
            "FAIL  headers   `webhook-timestamp` is missing",
        ))
        .stderr(predicate::str::contains(
            "error[missing_header]: missing header `webhook-timestamp`",
        ));
}

#[test]
fn usage_errors_exit_2_and_never_print_the_secret() {
    hookseal()
        .args([
            "verify",
            "--key-mode",
            "standard",
            "--secret",
            "whsec_not base64!",
            "-H",
            "webhook-id: m",
        ])
        .write_stdin("{}")
        .assert()
        .code(2)
        .stderr(
            predicate::str::contains("error[invalid_secret]")
                .and(predicate::str::contains("not base64!").not()),
        );
    hookseal()
        .args(["events", "--show", "video.nope"])
        .assert()
        .code(2);
    hookseal()
        .args(["send", "--secret", SECRET, "--url", "http://127.0.0.1:9/"])
        .assert()
        .code(2);
}

#[test]
fn events_lists_all_fifteen_types_and_shows_bodies() {
    let out = hookseal()
        .arg("events")
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    assert_eq!(String::from_utf8(out).unwrap().lines().count(), 15);
    hookseal()
        .args(["events", "--show", "video.transformation.ready"])
        .assert()
        .success()
        .stdout(predicate::str::contains(
            "\"type\":\"video.transformation.ready\"",
        ));
}

struct Listener {
    child: Child,
    port: u16,
}

impl Drop for Listener {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn listen(secret: &str, extra: &[&str]) -> Listener {
    let mut child = cli()
        .args(["listen", "--port", "0", "--secret", secret])
        .args(extra)
        .env("NO_COLOR", "1")
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    let mut line = String::new();
    BufReader::new(child.stdout.as_mut().unwrap())
        .read_line(&mut line)
        .unwrap();
    let port = line
        .split(':')
        .nth(2)
        .and_then(|p| {
            p.trim_end_matches(|c| c != '/')
                .trim_end_matches('/')
                .parse()
                .ok()
        })
        .unwrap();
    Listener { child, port }
}

#[test]
fn send_against_listen_over_loopback() {
    let l = listen(SECRET, &[]);
    let url = format!("http://127.0.0.1:{}/webhook", l.port);
    hookseal()
        .args([
            "send", "--secret", SECRET, "--url", &url, "--all", "--forge", "--stale", "--replay",
            "--legacy",
        ])
        .assert()
        .success()
        .stdout(
            predicate::str::contains("19 deliveries to")
                .and(predicate::str::contains("19 as expected")),
        )
        .stdout(predicate::str::contains(
            "replayed  video.transformation.accepted  4xx       401",
        ));
    // A receiver with another secret rejects the "valid" deliveries: every one is a mismatch.
    let other = listen("whsec_someone-else", &[]);
    hookseal()
        .args([
            "send",
            "--secret",
            SECRET,
            "--url",
            &format!("http://127.0.0.1:{}/", other.port),
            "--event",
            "file.created",
        ])
        .assert()
        .code(1)
        .stdout(predicate::str::contains("401").and(predicate::str::contains("MISMATCH")))
        .stderr(predicate::str::contains(
            "1 delivery was not answered as expected",
        ));
}

#[test]
fn listen_accepts_legacy_when_enabled() {
    let l = listen(SECRET, &["--legacy"]);
    hookseal()
        .args([
            "send",
            "--secret",
            SECRET,
            "--url",
            &format!("http://127.0.0.1:{}/", l.port),
        ])
        .args([
            "--event",
            "video.transformation.ready",
            "--legacy",
            "--legacy-accepted",
        ])
        .assert()
        .success()
        .stdout(predicate::str::contains(
            "legacy    video.transformation.ready  2xx       200",
        ));
}

#[test]
fn load_sends_copies_concurrently_and_a_rerun_reproduces_the_deliveries() {
    let l = listen(SECRET, &[]);
    let url = format!("http://127.0.0.1:{}/webhook", l.port);
    let dir = std::env::temp_dir().join(format!("hookseal-cli-load-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let record = dir.join("record.jsonl");
    let common = [
        "load",
        "--secret",
        SECRET,
        "--url",
        &url,
        "--id-prefix",
        "msg_cli_load_",
        "--timestamp",
    ];
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_secs()
        .to_string();
    // 40 ids x 3 copies from 6 senders: the receiver's replay guard accepts each id once.
    hookseal()
        .args(common)
        .args([
            &now,
            "--messages",
            "40",
            "--copies",
            "3",
            "--concurrency",
            "6",
        ])
        .arg("--record")
        .arg(&record)
        .assert()
        .success()
        .stdout(
            predicate::str::contains("120 requests (40 messages x 3 copies) to 1 receiver(s)")
                .and(predicate::str::contains("      40  200\n"))
                .and(predicate::str::contains("      80  401 replayed\n"))
                .and(predicate::str::contains("latency ms: p50 ")),
        );
    let lines: Vec<serde_json::Value> = std::fs::read_to_string(&record)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 120);
    let accepted: std::collections::BTreeSet<u64> = lines
        .iter()
        .filter(|a| a["status"] == 200)
        .map(|a| a["i"].as_u64().unwrap())
        .collect();
    assert_eq!(accepted, (0..40).collect());
    assert!(lines
        .iter()
        .all(|a| a["id"].as_str().unwrap().starts_with("msg_cli_load_")));
    // The same prefix and timestamp re-send the same bytes: now every one is a replay.
    let only = dir.join("only.txt");
    std::fs::write(&only, "3 7\n11").unwrap();
    hookseal()
        .args(common)
        .args([&now, "--only"])
        .arg(&only)
        .assert()
        .success()
        .stdout(
            predicate::str::contains("3 requests (3 messages x 1 copies)")
                .and(predicate::str::contains("       3  401 replayed\n")),
        );
    // Another secret: nothing verifies, each answer carries the code.
    hookseal()
        .args([
            "load",
            "--secret",
            "whsec_someone-else",
            "--url",
            &url,
            "--messages",
            "5",
        ])
        .assert()
        .success()
        .stdout(predicate::str::contains(
            "       5  401 invalid_signature\n",
        ));
    // No receiver: the requests fail below HTTP, and the exit code says so.
    drop(l);
    hookseal()
        .args(["load", "--secret", SECRET, "--url", &url, "--messages", "2"])
        .assert()
        .code(3)
        .stderr(predicate::str::contains("2 request(s) got no HTTP answer"));
    std::fs::remove_dir_all(&dir).unwrap();
}
