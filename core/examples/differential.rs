//! The Rust runner of the cross-language differential run (tests/differential/README.md): cases
//! (JSON lines) in, one answer per case out, through the core's public API.
//! Run: `cargo run --release -p hookseal --example differential -- cases.jsonl > answers.jsonl`
use std::io::{BufRead, BufReader, BufWriter, Write};

use hookseal::{Event, Key, KeyMode, Secret, Verifier};
use serde_json::{json, Map, Value};

fn hex(s: &str) -> Vec<u8> {
    (0..s.len() / 2)
        .map(|i| u8::from_str_radix(&s[2 * i..2 * i + 2], 16).expect("hex from the generator"))
        .collect()
}

fn key(k: &Value) -> hookseal::Result<Key> {
    let mode: KeyMode = k["mode"].as_str().unwrap_or_default().parse()?;
    if let Some(b) = k["bytesHex"].as_str() {
        return Key::from_secret(Secret::Bytes(&hex(b)), mode);
    }
    if let Some(h) = k["hex"].as_str() {
        return Key::from_secret(Secret::Bytes(&hex(h)), KeyMode::Raw);
    }
    Key::parse(k["secret"].as_str().unwrap_or_default(), mode)
}

fn verifier(case: &Value) -> hookseal::Result<Verifier> {
    let o = &case["options"];
    let mut b = Verifier::builder()
        .tolerance(o["tolerance"].as_u64().unwrap_or(300))
        .legacy(o["legacy"].as_bool().unwrap_or(false))
        .max_payload_bytes(
            o["maxPayloadBytes"]
                .as_u64()
                .map_or(1 << 20, |n| n as usize),
        );
    for k in case["keys"].as_array().into_iter().flatten() {
        b = b.key(key(k)?);
    }
    b.build()
}

/// Every schema member of `value` (JSON names), date-times left out, absent ones as null.
fn typed(schema: &Value, value: &Value, fields: &[Value]) -> Value {
    let mut out = Map::new();
    for f in fields {
        let t = f["type"].as_str().unwrap_or_default();
        if t == "date-time" {
            continue;
        }
        let name = f["name"].as_str().unwrap_or_default();
        out.insert(name.to_owned(), convert(schema, &value[name], t));
    }
    Value::Object(out)
}

fn convert(schema: &Value, v: &Value, t: &str) -> Value {
    if v.is_null() {
        return Value::Null;
    }
    if let Some(item) = t.strip_suffix("[]") {
        let items = v.as_array().into_iter().flatten();
        return items.map(|x| convert(schema, x, item)).collect();
    }
    match schema["objects"][t]["fields"].as_array() {
        Some(fields) => typed(schema, v, fields),
        None => v.clone(),
    }
}

fn event_answer(schema: &Value, e: &Event) -> Value {
    let typed_value = e.typed_value().map(|mut payload| {
        // The envelope's members as the typed event has them.
        payload["id"] = json!(e.id);
        payload["type"] = json!(e.event_type);
        let event = schema["events"]
            .as_array()
            .into_iter()
            .flatten()
            .find(|d| d["type"] == e.event_type.as_str());
        let mut fields: Vec<Value> = schema["envelope"]["fields"]
            .as_array()
            .cloned()
            .unwrap_or_default();
        fields.extend(
            event
                .and_then(|d| d["fields"].as_array())
                .cloned()
                .unwrap_or_default(),
        );
        typed(schema, &payload, &fields)
    });
    json!({
        "type": e.event_type,
        "id": e.id,
        "known": e.is_known(),
        "createdAtMs": e.created_at_ms,
        "typed": typed_value,
    })
}

fn answer(schema: &Value, case: &Value) -> hookseal::Result<Value> {
    let body = hex(case["bodyHex"].as_str().unwrap_or_default());
    let op = case["operation"].as_str().unwrap_or_default();
    if op == "unsafe_unwrap" {
        let e = hookseal::unsafe_unwrap(&body)?;
        return Ok(json!({"result": "ok", "event": event_answer(schema, &e)}));
    }
    let v = verifier(case)?;
    let headers: Vec<(String, String)> = case["headers"]
        .as_array()
        .into_iter()
        .flatten()
        .map(|h| {
            (
                h[0].as_str().unwrap_or_default().to_owned(),
                h[1].as_str().unwrap_or_default().to_owned(),
            )
        })
        .collect();
    let pairs = headers.iter().map(|(n, v)| (n.as_str(), v.as_str()));
    let now = case["now"].as_i64();
    if op == "verify" {
        let got = v.verify(&body, pairs, now)?;
        return Ok(json!({"result": "ok", "keyIndex": got.key_index}));
    }
    let (e, got) = v.unwrap_headers(&body, &hookseal::HeaderSet::from_pairs(pairs), now)?;
    Ok(json!({"result": "ok", "keyIndex": got.key_index, "event": event_answer(schema, &e)}))
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let schema: Value =
        serde_json::from_slice(&std::fs::read(root.join("schema/imagekit-events.json"))?)?;
    let path = std::env::args()
        .nth(1)
        .ok_or("usage: differential CASES.jsonl")?;
    let mut out = BufWriter::new(std::io::stdout().lock());
    for line in BufReader::new(std::fs::File::open(path)?).lines() {
        let case: Value = serde_json::from_str(&line?)?;
        let mut a =
            answer(&schema, &case).unwrap_or_else(|e| json!({"result": "error", "code": e.code()}));
        a["tcId"] = case["tcId"].clone();
        writeln!(out, "{a}")?;
    }
    Ok(())
}
