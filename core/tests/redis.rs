//! The Redis replay guard against a real `redis-server` started on a loopback port by the test.
//! Runs with `--features redis` (`make test-redis`); needs `redis-server` on PATH.
#![cfg(feature = "redis")]
#![allow(clippy::unwrap_used, missing_docs)]

use std::process::{Child, Command, Stdio};
use std::sync::Arc;
use std::time::{Duration, Instant};

use hookseal::{
    ErrorKind, FailureMode, KeyMode, RedisGuardOptions, RedisReplayGuard, ReplayGuard,
    ReplayStatus, Signer, Verifier,
};

const SECRET: &str = "whsec_xeO2UNkfKMQnfJf7Q/Qx+fYptL1wabXd";

struct Redis {
    child: Child,
    port: u16,
}

impl Redis {
    fn start(extra: &[&str]) -> Redis {
        let port = std::net::TcpListener::bind("127.0.0.1:0")
            .unwrap()
            .local_addr()
            .unwrap()
            .port();
        Redis::start_on(port, extra)
    }

    fn start_on(port: u16, extra: &[&str]) -> Redis {
        let child = Command::new("redis-server")
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
            .args(extra)
            .stdout(Stdio::null())
            .spawn()
            .expect("redis-server on PATH (make test-redis installs it)");
        let deadline = Instant::now() + Duration::from_secs(10);
        while std::net::TcpStream::connect(("127.0.0.1", port)).is_err() {
            assert!(Instant::now() < deadline, "redis-server did not start");
            std::thread::sleep(Duration::from_millis(20));
        }
        Redis { child, port }
    }

    fn url(&self) -> String {
        format!("redis://127.0.0.1:{}/", self.port)
    }

    /// One command through `redis-cli` (installed with redis-server): a client other than ours.
    fn cli(&self, args: &[&str]) -> String {
        let out = Command::new("redis-cli")
            .args(["-p", &self.port.to_string()])
            .args(args)
            .output()
            .expect("redis-cli on PATH");
        String::from_utf8(out.stdout).unwrap().trim().to_owned()
    }

    fn stop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Drop for Redis {
    fn drop(&mut self) {
        self.stop();
    }
}

fn options(prefix: &str, mode: FailureMode) -> RedisGuardOptions {
    let mut o = RedisGuardOptions::default();
    prefix.clone_into(&mut o.prefix);
    o.failure_mode = mode;
    o.timeout = Duration::from_millis(300);
    o
}

fn verifier(guard: Arc<dyn ReplayGuard>, tolerance: u64) -> Verifier {
    Verifier::builder()
        .secret(SECRET, KeyMode::ImageKit)
        .tolerance(tolerance)
        .replay_guard(guard)
        .build()
        .unwrap()
}

fn deliver(v: &Verifier, id: &str, signer_secret: &str) -> Result<ReplayStatus, ErrorKind> {
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_secs() as i64;
    let sig = Signer::new(signer_secret, KeyMode::ImageKit)
        .unwrap()
        .sign(id, now, b"{}")
        .unwrap();
    let ts = now.to_string();
    v.verify(
        b"{}",
        [
            ("webhook-id", id),
            ("webhook-timestamp", ts.as_str()),
            ("webhook-signature", sig.as_str()),
        ],
        None,
    )
    .map(|ok| ok.replay)
    .map_err(|e| e.kind())
}

#[test]
fn same_delivery_twice_is_accepted_once_and_keys_are_namespaced() {
    let redis = Redis::start(&[]);
    let guard = Arc::new(
        RedisReplayGuard::with_options(&redis.url(), options("app1:", FailureMode::FailClosed))
            .unwrap(),
    );
    let v = verifier(guard, 300);
    assert_eq!(deliver(&v, "msg_a", SECRET), Ok(ReplayStatus::Recorded));
    assert_eq!(deliver(&v, "msg_a", SECRET), Err(ErrorKind::Replayed));
    // Another application (another prefix) on the same Redis keeps its own ids.
    let other = verifier(
        Arc::new(
            RedisReplayGuard::with_options(&redis.url(), options("app2:", FailureMode::FailClosed))
                .unwrap(),
        ),
        300,
    );
    assert_eq!(deliver(&other, "msg_a", SECRET), Ok(ReplayStatus::Recorded));
    // The key is there, with the replay ttl.
    let ttl: i64 = redis.cli(&["PTTL", "app1:msg_a"]).parse().unwrap();
    // 2 * tolerance + 1 s (contract §5).
    assert!((591_000..=601_000).contains(&ttl), "ttl {ttl}");
}

#[test]
fn concurrent_deliveries_from_many_threads_record_each_id_once() {
    let redis = Redis::start(&[]);
    let guard: Arc<dyn ReplayGuard> = Arc::new(
        RedisReplayGuard::with_options(&redis.url(), options("c:", FailureMode::FailClosed))
            .unwrap(),
    );
    let handles: Vec<_> = (0..8)
        .map(|_| {
            let v = verifier(Arc::clone(&guard), 300);
            std::thread::spawn(move || {
                let mut accepted = 0;
                let mut replayed = 0;
                for round in 0..5 {
                    for i in 0..200 {
                        match deliver(&v, &format!("msg_{}", (i + round * 37) % 200), SECRET) {
                            Ok(_) => accepted += 1,
                            Err(ErrorKind::Replayed) => replayed += 1,
                            Err(e) => panic!("unexpected {e}"),
                        }
                    }
                }
                (accepted, replayed)
            })
        })
        .collect();
    let (accepted, replayed) = handles
        .into_iter()
        .map(|h| h.join().unwrap())
        .fold((0, 0), |(a, r), (x, y)| (a + x, r + y));
    assert_eq!(accepted, 200);
    assert_eq!(replayed, 8 * 5 * 200 - 200);
}

#[test]
fn forged_deliveries_never_record_and_ids_expire_after_the_ttl() {
    let redis = Redis::start(&[]);
    let v = verifier(
        Arc::new(
            RedisReplayGuard::with_options(&redis.url(), options("f:", FailureMode::FailClosed))
                .unwrap(),
        ),
        1,
    );
    assert_eq!(
        deliver(&v, "msg_x", "whsec_forger"),
        Err(ErrorKind::InvalidSignature)
    );
    assert_eq!(deliver(&v, "msg_x", SECRET), Ok(ReplayStatus::Recorded));
    assert_eq!(deliver(&v, "msg_x", SECRET), Err(ErrorKind::Replayed));
    // tolerance 1 s: remembered for 2 * 1 + 1 = 3 s.
    std::thread::sleep(Duration::from_millis(3100));
    assert_eq!(deliver(&v, "msg_x", SECRET), Ok(ReplayStatus::Recorded));
}

#[test]
fn redis_stopped_mid_run_fails_closed_or_open_within_the_timeout() {
    let mut redis = Redis::start(&[]);
    let closed = verifier(
        Arc::new(
            RedisReplayGuard::with_options(&redis.url(), options("s:", FailureMode::FailClosed))
                .unwrap(),
        ),
        300,
    );
    let open = verifier(
        Arc::new(
            RedisReplayGuard::with_options(&redis.url(), options("s:", FailureMode::FailOpen))
                .unwrap(),
        ),
        300,
    );
    assert_eq!(
        deliver(&closed, "msg_1", SECRET),
        Ok(ReplayStatus::Recorded)
    );
    assert_eq!(deliver(&open, "msg_2", SECRET), Ok(ReplayStatus::Recorded));
    redis.stop();
    let start = Instant::now();
    assert_eq!(
        deliver(&closed, "msg_3", SECRET),
        Err(ErrorKind::ReplayGuardUnavailable)
    );
    assert_eq!(
        deliver(&open, "msg_4", SECRET),
        Ok(ReplayStatus::Unavailable)
    );
    // A hang check, not a benchmark: each call is bounded by the 300 ms timeout.
    assert!(
        start.elapsed() < Duration::from_secs(5),
        "took {:?}",
        start.elapsed()
    );
    // Forged deliveries are still refused as forgeries, not as guard failures.
    assert_eq!(
        deliver(&closed, "msg_5", "whsec_forger"),
        Err(ErrorKind::InvalidSignature)
    );
}

#[test]
fn password_urls_work_and_never_leak() {
    let redis = Redis::start(&["--requirepass", "s3cret-pw"]);
    let good = format!("redis://:s3cret-pw@127.0.0.1:{}/", redis.port);
    let v = verifier(
        Arc::new(
            RedisReplayGuard::with_options(&good, options("p:", FailureMode::FailClosed)).unwrap(),
        ),
        300,
    );
    assert_eq!(deliver(&v, "msg_p", SECRET), Ok(ReplayStatus::Recorded));
    let bad = format!("redis://:wrong-pw@127.0.0.1:{}/", redis.port);
    let guard =
        RedisReplayGuard::with_options(&bad, options("p:", FailureMode::FailClosed)).unwrap();
    assert!(!format!("{guard:?}").contains("wrong-pw"));
    let err = guard.check_and_record("msg_q", 0, 600).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::ReplayGuardUnavailable);
    assert!(!err.message().contains("wrong-pw"), "{}", err.message());
    assert_eq!(
        RedisReplayGuard::new("not a url")
            .map(|_| ())
            .unwrap_err()
            .kind(),
        ErrorKind::ReplayGuardUnavailable
    );
}

#[test]
fn rediss_urls_connect_over_tls() {
    let dir = std::env::temp_dir().join(format!("hookseal-redis-tls-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let (cert, key) = (dir.join("cert.pem"), dir.join("key.pem"));
    let ok = Command::new("openssl")
        .args([
            "req",
            "-x509",
            "-newkey",
            "rsa:2048",
            "-nodes",
            "-days",
            "1",
            "-subj",
            "/CN=localhost",
            "-keyout",
        ])
        .arg(&key)
        .arg("-out")
        .arg(&cert)
        .stderr(Stdio::null())
        .status()
        .expect("openssl on PATH")
        .success();
    assert!(ok, "openssl could not make a test certificate");
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let mut server = Command::new("redis-server")
        .args([
            "--port",
            "0",
            "--tls-port",
            &port.to_string(),
            "--bind",
            "127.0.0.1",
            "--save",
            "",
            "--tls-auth-clients",
            "no",
        ])
        .arg("--tls-cert-file")
        .arg(&cert)
        .arg("--tls-key-file")
        .arg(&key)
        .arg("--tls-ca-cert-file")
        .arg(&cert)
        .stdout(Stdio::null())
        .spawn()
        .unwrap();
    let deadline = Instant::now() + Duration::from_secs(10);
    while std::net::TcpStream::connect(("127.0.0.1", port)).is_err() {
        assert!(
            Instant::now() < deadline,
            "redis-server (TLS) did not start"
        );
        std::thread::sleep(Duration::from_millis(20));
    }
    // A self-signed certificate: `#insecure` skips verification, as for any test server.
    let url = format!("rediss://127.0.0.1:{port}/#insecure");
    let v = verifier(
        Arc::new(
            RedisReplayGuard::with_options(&url, options("tls:", FailureMode::FailClosed)).unwrap(),
        ),
        300,
    );
    let first = deliver(&v, "msg_tls", SECRET);
    let second = deliver(&v, "msg_tls", SECRET);
    // Verified (not trusted) TLS refuses the self-signed certificate: fail closed.
    let strict = format!("rediss://127.0.0.1:{port}/");
    let v2 = verifier(
        Arc::new(
            RedisReplayGuard::with_options(&strict, options("tls:", FailureMode::FailClosed))
                .unwrap(),
        ),
        300,
    );
    let refused = deliver(&v2, "msg_tls2", SECRET);
    let _ = server.kill();
    let _ = server.wait();
    let _ = std::fs::remove_dir_all(&dir);
    assert_eq!(first, Ok(ReplayStatus::Recorded));
    assert_eq!(second, Err(ErrorKind::Replayed));
    assert_eq!(refused, Err(ErrorKind::ReplayGuardUnavailable));
}

#[test]
fn passwords_users_databases_and_unix_sockets() {
    let sock = std::env::temp_dir().join(format!("hookseal-redis-{}.sock", std::process::id()));
    let redis = Redis::start(&[
        "--requirepass",
        "pa:ss@w0rd",
        "--unixsocket",
        sock.to_str().unwrap(),
    ]);
    redis.cli(&[
        "-a",
        "pa:ss@w0rd",
        "ACL",
        "SETUSER",
        "app",
        "on",
        ">s3cret",
        "~*",
        "+@all",
    ]);
    let port = redis.port;
    let with = |url: &str| {
        verifier(
            Arc::new(
                RedisReplayGuard::with_options(url, options("p:", FailureMode::FailClosed))
                    .unwrap(),
            ),
            300,
        )
    };
    // The password percent-encoded, as in every Redis URL; database 3.
    let v = with(&format!("redis://:pa%3Ass%40w0rd@127.0.0.1:{port}/3"));
    assert_eq!(deliver(&v, "msg_pw", SECRET), Ok(ReplayStatus::Recorded));
    assert_eq!(deliver(&v, "msg_pw", SECRET), Err(ErrorKind::Replayed));
    let in_db = |db: &str| redis.cli(&["-a", "pa:ss@w0rd", "-n", db, "EXISTS", "p:msg_pw"]);
    assert_eq!((in_db("3").as_str(), in_db("0").as_str()), ("1", "0"));
    // An ACL user.
    let v = with(&format!("redis://app:s3cret@127.0.0.1:{port}/3"));
    assert_eq!(deliver(&v, "msg_pw", SECRET), Err(ErrorKind::Replayed));
    // A Unix socket, its password and database in the query.
    let v = with(&format!(
        "redis+unix://{}?db=3&pass=pa%3Ass%40w0rd",
        sock.display()
    ));
    assert_eq!(deliver(&v, "msg_pw", SECRET), Err(ErrorKind::Replayed));
    assert_eq!(deliver(&v, "msg_unix", SECRET), Ok(ReplayStatus::Recorded));
    // A wrong or missing password: unavailable (fail closed), and the message says why without
    // the password.
    for url in [
        format!("redis://:wrong@127.0.0.1:{port}/"),
        format!("redis://127.0.0.1:{port}/"),
    ] {
        let guard =
            RedisReplayGuard::with_options(&url, options("p:", FailureMode::FailClosed)).unwrap();
        let err = guard.check_and_record("msg_x", 0, 60).unwrap_err();
        assert_eq!(err.kind(), ErrorKind::ReplayGuardUnavailable);
        assert!(!err.to_string().contains("wrong"), "{err}");
        assert!(
            err.to_string().contains("WRONGPASS") || err.to_string().contains("NOAUTH"),
            "{err}"
        );
    }
}

#[test]
fn a_restarted_redis_is_reconnected_without_refusing_a_delivery() {
    let mut redis = Redis::start(&[]);
    let port = redis.port;
    let v = verifier(
        Arc::new(
            RedisReplayGuard::with_options(&redis.url(), options("r:", FailureMode::FailClosed))
                .unwrap(),
        ),
        300,
    );
    assert_eq!(deliver(&v, "msg_1", SECRET), Ok(ReplayStatus::Recorded));
    // The guard now keeps an idle connection, which the restart closes.
    redis.stop();
    let _again = Redis::start_on(port, &[]);
    assert_eq!(deliver(&v, "msg_2", SECRET), Ok(ReplayStatus::Recorded));
    assert_eq!(deliver(&v, "msg_2", SECRET), Err(ErrorKind::Replayed));
}
