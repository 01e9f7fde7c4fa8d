//! Runs every shared vector in `tests/vectors/` against the core and asserts each file's count.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use hookseal::{Event, InMemoryReplayGuard, Key, KeyMode, Secret, Signer, Verifier};
use serde_json::Value;

fn vectors_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/vectors")
}

fn hex(s: &str) -> Vec<u8> {
    (0..s.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(&s[i..i + 2], 16).expect("hex"))
        .collect()
}

fn body_of(case: &Value) -> Option<Vec<u8>> {
    if let Some(s) = case.get("body").and_then(Value::as_str) {
        return Some(s.as_bytes().to_vec());
    }
    if let Some(h) = case.get("bodyHex").and_then(Value::as_str) {
        return Some(hex(h));
    }
    let r = case.get("bodyRepeat")?;
    let chunk = r["chunk"].as_str().expect("chunk");
    Some(
        chunk
            .repeat(usize::try_from(r["count"].as_u64().expect("count")).expect("count"))
            .into_bytes(),
    )
}

fn keys_of(case: &Value) -> Result<Vec<Key>, hookseal::Error> {
    let Some(keys) = case.get("keys").and_then(Value::as_array) else {
        return Ok(vec![]);
    };
    keys.iter()
        .map(|k| {
            let mode = k["mode"]
                .as_str()
                .expect("mode")
                .parse::<KeyMode>()
                .expect("mode");
            if let Some(b) = k.get("bytesHex").and_then(Value::as_str) {
                return Key::from_secret(Secret::Bytes(&hex(b)), mode);
            }
            match mode {
                KeyMode::Raw => Key::from_bytes(&hex(k["hex"].as_str().expect("hex"))),
                m => Key::from_secret(Secret::Text(k["secret"].as_str().expect("secret")), m),
            }
        })
        .collect()
}

fn build_verifier(case: &Value) -> Result<Verifier, hookseal::Error> {
    let opts = case.get("options").cloned().unwrap_or(Value::Null);
    let mut b = Verifier::builder();
    for k in keys_of(case)? {
        b = b.key(k);
    }
    if let Some(t) = opts.get("tolerance").and_then(Value::as_u64) {
        b = b.tolerance(t);
    }
    if let Some(l) = opts.get("legacy").and_then(Value::as_bool) {
        b = b.legacy(l);
    }
    if let Some(m) = opts.get("maxPayloadBytes").and_then(Value::as_u64) {
        b = b.max_payload_bytes(usize::try_from(m).expect("size"));
    }
    if opts.get("replayGuard").and_then(Value::as_bool) == Some(true) {
        b = b.replay_guard(Arc::new(InMemoryReplayGuard::new()));
    }
    b.build()
}

fn get_path<'a>(v: &'a Value, path: &str) -> Option<&'a Value> {
    path.split('.').try_fold(v, |v, k| v.get(k))
}

fn same(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::Number(x), Value::Number(y)) => x.as_f64() == y.as_f64(),
        _ => a == b,
    }
}

fn check_event(ctx: &str, event: &Event, expected: &Value) {
    assert_eq!(
        event.event_type,
        expected["type"].as_str().expect("type"),
        "{ctx}: type"
    );
    assert_eq!(event.id.as_deref(), expected["id"].as_str(), "{ctx}: id");
    assert_eq!(
        event.is_known(),
        expected["known"].as_bool().expect("known"),
        "{ctx}: known"
    );
    assert_eq!(
        event.created_at_ms,
        expected.get("createdAtMs").and_then(Value::as_i64),
        "{ctx}: createdAtMs"
    );
    let typed = event.typed_value();
    let raw = event.to_value();
    for (path, want) in expected
        .get("fields")
        .and_then(Value::as_object)
        .into_iter()
        .flatten()
    {
        let got_raw = get_path(&raw, path);
        assert!(
            got_raw.is_some_and(|g| same(g, want)),
            "{ctx}: raw {path} = {got_raw:?}, want {want}"
        );
        // Known events must expose the field through the typed payload too.
        if let Some(typed) = &typed {
            let top = path.split('.').next().unwrap_or_default();
            if ["data", "request", "timings"].contains(&top) {
                let got = get_path(typed, path);
                assert!(
                    got.is_some_and(|g| same(g, want)),
                    "{ctx}: typed {path} = {got:?}, want {want}"
                );
            }
        }
    }
}

/// Compare an outcome with a delivery's expectation.
fn expect<T>(
    ctx: &str,
    step: &Value,
    got: &Result<T, hookseal::Error>,
    key_index: impl Fn(&T) -> Option<usize>,
) {
    match step["result"].as_str().expect("result") {
        "ok" => {
            let v = got
                .as_ref()
                .unwrap_or_else(|e| panic!("{ctx}: expected ok, got {} ({e})", e.code()));
            if let Some(want) = step.get("keyIndex").and_then(Value::as_u64) {
                assert_eq!(
                    key_index(v),
                    Some(usize::try_from(want).expect("index")),
                    "{ctx}: keyIndex"
                );
            }
        }
        "error" => {
            let want = step["code"].as_str().expect("code");
            match got {
                Ok(_) => panic!("{ctx}: expected {want}, got ok"),
                Err(e) => assert_eq!(e.code(), want, "{ctx}: message was {e}"),
            }
        }
        r => panic!("{ctx}: unknown result {r}"),
    }
}

fn run_case(file: &str, case: &Value) {
    let ctx = format!(
        "{file} tcId {} ({})",
        case["tcId"],
        case["comment"].as_str().unwrap_or("")
    );
    let op = case["operation"].as_str().expect("operation");
    match op {
        "build" => expect(&ctx, case, &build_verifier(case), |_| None),
        "verify" | "unwrap" => {
            let verifier =
                build_verifier(case).unwrap_or_else(|e| panic!("{ctx}: build failed: {e}"));
            let mut step = case.clone();
            let then = case
                .get("then")
                .and_then(Value::as_array)
                .cloned()
                .unwrap_or_default();
            for (i, next) in std::iter::once(case.clone()).chain(then).enumerate() {
                if i > 0 {
                    // A later delivery inherits what it does not override.
                    let obj = step.as_object_mut().expect("case object");
                    if ["body", "bodyHex", "bodyRepeat"]
                        .iter()
                        .any(|k| next.get(*k).is_some())
                    {
                        for k in ["body", "bodyHex", "bodyRepeat"] {
                            obj.remove(k);
                        }
                    }
                    for k in ["keyIndex", "code"] {
                        obj.remove(k);
                    }
                    for (k, v) in next.as_object().expect("delivery object") {
                        obj.insert(k.clone(), v.clone());
                    }
                }
                let sctx = format!("{ctx} delivery {i}");
                let body = body_of(&step).expect("body");
                let headers: Vec<(String, String)> = step["headers"]
                    .as_array()
                    .expect("headers")
                    .iter()
                    .map(|p| {
                        (
                            p[0].as_str().expect("name").to_owned(),
                            p[1].as_str().expect("value").to_owned(),
                        )
                    })
                    .collect();
                let now = step["now"].as_i64();
                assert!(now.is_some(), "{sctx}: vectors always pass now");
                let headers =
                    hookseal::HeaderSet::from_pairs(headers.iter().map(|(k, v)| (k.as_str(), v)));
                if op == "verify" {
                    expect(
                        &sctx,
                        &step,
                        &verifier.verify_headers(&body, &headers, now),
                        |v| Some(v.key_index),
                    );
                } else {
                    let got = verifier.unwrap_headers(&body, &headers, now);
                    expect(&sctx, &step, &got, |(_, v)| Some(v.key_index));
                    if let (Ok((event, _)), Some(want)) = (&got, step.get("event")) {
                        check_event(&sctx, event, want);
                    }
                }
            }
        }
        "unsafe_unwrap" => {
            let got = hookseal::unsafe_unwrap(&body_of(case).expect("body"));
            expect(&ctx, case, &got, |_| None);
            if let (Ok(event), Some(want)) = (&got, case.get("event")) {
                check_event(&ctx, event, want);
            }
        }
        "sign" | "sign_legacy" => {
            let body = body_of(case).expect("body");
            let got = keys_of(case)
                .and_then(|mut k| Signer::from_key(k.remove(0)))
                .and_then(|s| {
                    let ts = case["timestamp"].as_i64().expect("timestamp");
                    if op == "sign" {
                        s.sign(case["msgId"].as_str().expect("msgId"), ts, &body)
                    } else {
                        s.sign_legacy(ts, &body)
                    }
                });
            expect(&ctx, case, &got, |_| None);
            if let Ok(sig) = &got {
                assert_eq!(
                    Some(sig.as_str()),
                    case["signature"].as_str(),
                    "{ctx}: signature"
                );
            }
        }
        other => panic!("{ctx}: unknown operation {other}"),
    }
}

/// Hooks for `host_hmac.rs`, which runs this file again with a host HMAC installed.
#[allow(dead_code)]
fn before_vectors() {}
#[allow(dead_code)]
fn after_vectors() {}

#[test]
fn every_shared_vector() {
    crate::before_vectors();
    let mut files: Vec<PathBuf> = std::fs::read_dir(vectors_dir())
        .expect("tests/vectors exists")
        .map(|e| e.expect("entry").path())
        .filter(|p| {
            p.extension().is_some_and(|e| e == "json")
                && p.file_name().is_some_and(|n| n != "schema.json")
        })
        .collect();
    files.sort();
    assert!(
        !files.is_empty(),
        "no vector files found in {}",
        vectors_dir().display()
    );
    let mut total = 0;
    for path in &files {
        let name = path
            .file_name()
            .and_then(|n| n.to_str())
            .unwrap_or_default()
            .to_owned();
        let doc: Value =
            serde_json::from_str(&std::fs::read_to_string(path).expect("readable")).expect("json");
        assert_eq!(doc["schema"], "hookseal-vectors-v1", "{name}");
        let tests = doc["tests"].as_array().expect("tests");
        let mut ran = 0;
        for case in tests {
            run_case(&name, case);
            ran += 1;
        }
        let declared = doc["numberOfTests"].as_u64().expect("numberOfTests");
        assert_eq!(
            ran,
            usize::try_from(declared).expect("count"),
            "{name}: ran {ran} of {declared} cases"
        );
        println!("{name}: {ran} cases passed");
        total += ran;
    }
    println!("all vector files: {total} cases passed");
    assert!(total >= 200, "expected at least 200 vectors, found {total}");
    crate::after_vectors();
}
