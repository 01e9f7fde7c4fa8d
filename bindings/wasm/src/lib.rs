//! WebAssembly glue for the npm package's edge-runtime build (`wasm32-unknown-unknown`).
//!
//! A minimal hand-kept ABI instead of wasm-bindgen: a few exported functions over two byte
//! buffers this module owns. Only numbers cross the boundary, so no glue generator is needed and
//! the JS side (`node/wasm/binding.mjs`) stays small. Conversion only: every check is the core's.
//!
//! # The ABI
//!
//! - `hs_input(len) -> ptr`: make the input buffer `len` bytes long; JS writes the request there.
//! - `hs_output_ptr()`, `hs_output_len()`: where the last call's output (UTF-8) is.
//! - Calls return an `i32`: `>= 0` is success (a handle, a key index, or 0/1), `< 0` is an error:
//!   `-(1 + i)` with `i` the index of its code in `hs_error_codes()`, and the message in the
//!   output buffer.
//! - Objects (verifiers, signers, replay guards) live in a handle table: handles are `>= 1`,
//!   released with `hs_free(handle)`.
//! - Timestamps are `f64` unix seconds (exact up to 2^53). There is no clock in
//!   `wasm32-unknown-unknown`, so JS always passes `now`.
//! - Deliveries: the input holds the body, then the headers: with `joined = 1` as
//!   `name\0value\0...` (what JS builds on its fast path), with `joined = 0` as
//!   `(u32 LE length, bytes)` for each name and value in turn (values that contain NUL).
//!
//! - Hosts that keep their replay store on their side (the Go module) verify in two steps:
//!   `hs_verify_begin` checks everything but the replay guard and outputs `replayKey\0ttl`;
//!   the host asks its store, then `hs_verify_finish(outcome)` gives the core's answer.
//!
//! - The Go module's build (`--features host-hmac`) imports `hookseal_host.hmac_sha256` (see
//!   `host.rs`); the npm build imports nothing.
//!
//! JSON appears only in configuration (once per verifier) and in list-valued outputs.

use std::cell::RefCell;
use std::sync::Arc;

use hookseal::{
    ErrorKind, EventType, GuardOutcome, HeaderSet, InMemoryReplayGuard, Key, KeyMode, Pending,
    Profile, ReplayGuard, ReplayGuardSetting, Secret, Signer, Verified, Verifier,
};
use serde_json::Value;

#[cfg(all(feature = "host-hmac", target_arch = "wasm32"))]
mod host;

enum Object {
    Verifier(Verifier),
    Signer(Signer),
    Guard {
        guard: Arc<dyn ReplayGuard>,
        memory: Option<Arc<InMemoryReplayGuard>>,
    },
}

#[derive(Default)]
struct State {
    input: Vec<u8>,
    output: Vec<u8>,
    objects: Vec<Option<Object>>,
    /// The delivery `hs_verify_begin` verified, with its verifier's handle, until
    /// `hs_verify_finish`.
    pending: Option<(i32, Pending)>,
}

thread_local! {
    // wasm32-unknown-unknown is single-threaded: one state for the module instance.
    static STATE: RefCell<State> = {
        #[cfg(all(feature = "host-hmac", target_arch = "wasm32"))]
        host::install();
        RefCell::new(State::default())
    };
}

fn err(kind: ErrorKind, msg: impl Into<String>) -> hookseal::Error {
    hookseal::Error::new(kind, msg)
}

/// Run `f` on the state, store its output, and encode its outcome as the ABI's `i32`.
fn call(f: impl FnOnce(&mut State) -> Result<(i32, Vec<u8>), hookseal::Error>) -> i32 {
    STATE.with(|cell| {
        let mut st = cell.borrow_mut();
        match f(&mut st) {
            Ok((code, out)) => {
                st.output = out;
                code
            }
            Err(e) => {
                st.output = e.message().as_bytes().to_vec();
                let index = ErrorKind::ALL
                    .iter()
                    .position(|k| *k == e.kind())
                    .unwrap_or(0);
                -1 - index as i32
            }
        }
    })
}

#[allow(clippy::unnecessary_wraps)] // the shape every `call` closure returns
fn output(code: i32, text: impl Into<Vec<u8>>) -> Result<(i32, Vec<u8>), hookseal::Error> {
    Ok((code, text.into()))
}

impl State {
    fn add(&mut self, obj: Object) -> i32 {
        if let Some(i) = self.objects.iter().position(Option::is_none) {
            self.objects[i] = Some(obj);
            return i as i32 + 1;
        }
        self.objects.push(Some(obj));
        self.objects.len() as i32
    }

    fn get(&self, handle: i32) -> Option<&Object> {
        let i = usize::try_from(handle).ok()?.checked_sub(1)?;
        self.objects.get(i)?.as_ref()
    }

    fn verifier(&self, handle: i32) -> Result<&Verifier, hookseal::Error> {
        match self.get(handle) {
            Some(Object::Verifier(v)) => Ok(v),
            _ => Err(err(
                ErrorKind::InvalidSecret,
                "no such verifier (was it freed?)",
            )),
        }
    }

    /// The verifier `handle`, and the body and headers of the delivery in the input buffer.
    fn delivery(
        &self,
        handle: i32,
        body_len: u32,
        headers_len: u32,
        joined: u32,
    ) -> Result<(&Verifier, &[u8], HeaderSet<'_>), hookseal::Error> {
        let v = self.verifier(handle)?;
        let body = self.input_part(0, body_len)?;
        let raw = self.input_part(body_len as usize, headers_len)?;
        let set = if joined == 0 {
            headers(raw)?
        } else {
            joined_headers(raw)
        };
        Ok((v, body, set))
    }

    fn input_part(&self, start: usize, len: u32) -> Result<&[u8], hookseal::Error> {
        let end = start
            .checked_add(len as usize)
            .filter(|&e| e <= self.input.len());
        end.map(|e| &self.input[start..e]).ok_or_else(|| {
            err(
                ErrorKind::InvalidHeader,
                "request longer than the input buffer",
            )
        })
    }
}

fn text(bytes: &[u8]) -> Result<&str, hookseal::Error> {
    std::str::from_utf8(bytes).map_err(|_| err(ErrorKind::InvalidSecret, "expected UTF-8 text"))
}

fn config(bytes: &[u8]) -> Result<Value, hookseal::Error> {
    serde_json::from_slice(bytes)
        .map_err(|e| err(ErrorKind::InvalidSecret, format!("bad configuration: {e}")))
}

fn now_secs(now: f64) -> Result<i64, hookseal::Error> {
    if (0.0..9.0e15).contains(&now) {
        Ok(now as i64)
    } else {
        Err(err(
            ErrorKind::InvalidTimestamp,
            "`now` must be finite unix seconds (there is no clock in WebAssembly)",
        ))
    }
}

/// A key from `{"text": "..."}` (read in `mode`) or `{"hex": "..."}` (bytes: the raw key, by
/// the core's rule).
fn key(spec: &Value, mode: &str) -> Result<Key, hookseal::Error> {
    let mode: KeyMode = mode.parse()?;
    if let Some(t) = spec.get("text").and_then(Value::as_str) {
        return Key::from_secret(Secret::Text(t), mode);
    }
    let hex = spec.get("hex").and_then(Value::as_str).unwrap_or_default();
    let bytes: Option<Vec<u8>> = (0..hex.len())
        .step_by(2)
        .map(|i| {
            hex.get(i..i + 2)
                .and_then(|h| u8::from_str_radix(h, 16).ok())
        })
        .collect();
    let bytes = bytes.ok_or_else(|| err(ErrorKind::InvalidSecret, "bad hex key"))?;
    Key::from_secret(Secret::Bytes(&bytes), mode)
}

/// Gather the headers blob (`u32 LE` length-prefixed names and values) into a header set.
fn headers(blob: &[u8]) -> Result<HeaderSet<'_>, hookseal::Error> {
    let bad = || err(ErrorKind::InvalidHeader, "malformed headers blob");
    let mut set = HeaderSet::new();
    let mut rest = blob;
    let take = |rest: &mut &[u8]| -> Result<usize, hookseal::Error> {
        let (len, tail) = rest.split_first_chunk::<4>().ok_or_else(bad)?;
        *rest = tail;
        Ok(u32::from_le_bytes(*len) as usize)
    };
    while !rest.is_empty() {
        let n = take(&mut rest)?;
        let (name, tail) = rest.split_at_checked(n).ok_or_else(bad)?;
        rest = tail;
        let v = take(&mut rest)?;
        let (value, tail) = rest.split_at_checked(v).ok_or_else(bad)?;
        rest = tail;
        set.push(name, value);
    }
    Ok(set)
}

/// Make the input buffer `len` bytes long and return where it starts.
#[allow(unsafe_code)] // `no_mangle` only: an export name. No raw pointer is dereferenced.
#[no_mangle]
pub extern "C" fn hs_input(len: u32) -> u32 {
    STATE.with(|cell| {
        let mut st = cell.borrow_mut();
        // Grow only: every call passes its lengths, and zeroing a large buffer on each call would
        // cost as much as hashing it.
        if st.input.len() < len as usize {
            st.input.resize(len as usize, 0);
        }
        st.input.as_mut_ptr() as usize as u32
    })
}

/// Where the last call's output starts.
#[allow(unsafe_code)]
#[no_mangle]
pub extern "C" fn hs_output_ptr() -> u32 {
    STATE.with(|cell| cell.borrow().output.as_ptr() as usize as u32)
}

/// How long the last call's output is.
#[allow(unsafe_code)]
#[no_mangle]
pub extern "C" fn hs_output_len() -> u32 {
    STATE.with(|cell| cell.borrow().output.len() as u32)
}

/// Output: `items` as a JSON array (the list-valued exports below).
fn json_list<T: Into<Value>>(items: impl IntoIterator<Item = T>) -> i32 {
    let list = Value::Array(items.into_iter().map(Into::into).collect());
    call(|_| output(0, list.to_string()))
}

/// Output: the stable error codes as a JSON array, in `ErrorKind::ALL` order.
#[allow(unsafe_code)]
#[no_mangle]
pub extern "C" fn hs_error_codes() -> i32 {
    json_list(ErrorKind::ALL.map(ErrorKind::code))
}

/// Output: the HTTP status of each error code as a JSON array, in `ErrorKind::ALL` order.
#[allow(unsafe_code)]
#[no_mangle]
pub extern "C" fn hs_http_statuses() -> i32 {
    json_list(ErrorKind::ALL.map(ErrorKind::http_status))
}

/// Output: the signature schemes as a JSON array, in `Scheme::ALL` order.
#[allow(unsafe_code)]
#[no_mangle]
pub extern "C" fn hs_scheme_names() -> i32 {
    json_list(hookseal::Scheme::ALL.map(hookseal::Scheme::as_str))
}

/// Output: the replay statuses as a JSON array, in `ReplayStatus::ALL` order.
#[allow(unsafe_code)]
#[no_mangle]
pub extern "C" fn hs_replay_names() -> i32 {
    json_list(hookseal::ReplayStatus::ALL.map(hookseal::ReplayStatus::as_str))
}

/// Output: the known event types as a JSON array.
#[allow(unsafe_code)]
#[no_mangle]
pub extern "C" fn hs_event_types() -> i32 {
    json_list(EventType::ALL.map(EventType::as_str))
}

/// Input: a profile name (`imagekit`, `standard`). Output: its defaults as a JSON array
/// `[keyMode, secretEnv, replayGuardEnv]`, `""` where the profile reads no variable.
#[allow(unsafe_code)]
#[no_mangle]
pub extern "C" fn hs_profile(len: u32) -> i32 {
    call(|st| {
        let name = text(st.input_part(0, len)?)?;
        let p = Profile::from_name(name)
            .ok_or_else(|| err(ErrorKind::InvalidSecret, "no such profile"))?;
        let list = Value::from(vec![
            p.key_mode().as_str(),
            p.secret_env().unwrap_or_default(),
            p.replay_guard_env().unwrap_or_default(),
        ]);
        output(0, list.to_string())
    })
}

/// Input: an event type name. Returns 1 with the sample body as output, or 0 if unknown.
#[allow(unsafe_code)]
#[no_mangle]
pub extern "C" fn hs_sample_body(len: u32) -> i32 {
    call(|st| {
        let name = text(st.input_part(0, len)?)?;
        match EventType::from_name(name) {
            Some(t) => output(1, hookseal::sample_body(t)),
            None => output(0, Vec::new()),
        }
    })
}

/// Input: random bytes from the host. Output: a `msg_…` id derived from them.
#[allow(unsafe_code)]
#[no_mangle]
pub extern "C" fn hs_message_id(len: u32) -> i32 {
    call(|st| output(0, hookseal::message_id_from_entropy(st.input_part(0, len)?)))
}

/// Input: a body. Returns 0 if it is an event (`unsafe_unwrap`'s rules), or the error.
#[allow(unsafe_code)]
#[no_mangle]
pub extern "C" fn hs_check_event(len: u32) -> i32 {
    call(|st| {
        hookseal::Event::check(st.input_part(0, len)?)?;
        output(0, Vec::new())
    })
}

/// A new in-memory replay guard (`capacity` 0: the default). Returns its handle.
#[allow(unsafe_code)]
#[no_mangle]
pub extern "C" fn hs_guard_new(capacity: u32) -> i32 {
    call(|st| {
        let memory = Arc::new(if capacity == 0 {
            InMemoryReplayGuard::new()
        } else {
            InMemoryReplayGuard::with_capacity(capacity as usize)
        });
        let guard = Arc::clone(&memory) as Arc<dyn ReplayGuard>;
        output(
            st.add(Object::Guard {
                guard,
                memory: Some(memory),
            }),
            Vec::new(),
        )
    })
}

/// Input: a guard spec (`memory`, `memory:N`, `off`). Returns a handle, or 0 for no guard.
#[allow(unsafe_code)]
#[no_mangle]
pub extern "C" fn hs_guard_from_spec(len: u32) -> i32 {
    call(|st| {
        let spec = text(st.input_part(0, len)?)?.to_owned();
        match hookseal::replay_guard_from_spec(&spec)? {
            Some(guard) => output(
                st.add(Object::Guard {
                    guard,
                    memory: None,
                }),
                Vec::new(),
            ),
            None => output(0, Vec::new()),
        }
    })
}

/// Ids held by an in-memory guard (`which` 0) or its capacity (`which` 1); -1 for other guards.
#[allow(unsafe_code)]
#[no_mangle]
pub extern "C" fn hs_guard_stat(handle: i32, which: u32) -> i32 {
    call(|st| match st.get(handle) {
        Some(Object::Guard {
            memory: Some(m), ..
        }) => output(
            i32::try_from(if which == 0 { m.len() } else { m.capacity() }).unwrap_or(i32::MAX),
            Vec::new(),
        ),
        _ => output(i32::MAX, Vec::new()),
    })
}

/// Input: `{"secrets": [{"text"|"hex": ...}], "keyModes": [...], "tolerance"?, "legacy"?,
/// "maxPayloadBytes"?}`; `guard`: a guard handle or 0. Returns the verifier's handle.
#[allow(unsafe_code)]
#[no_mangle]
pub extern "C" fn hs_verifier_new(len: u32, guard: i32) -> i32 {
    call(|st| {
        let cfg = config(st.input_part(0, len)?)?;
        let secrets = cfg
            .get("secrets")
            .and_then(Value::as_array)
            .cloned()
            .unwrap_or_default();
        let modes = cfg
            .get("keyModes")
            .and_then(Value::as_array)
            .cloned()
            .unwrap_or_default();
        if secrets.len() != modes.len() {
            return Err(err(
                ErrorKind::InvalidSecret,
                "give one key mode per secret",
            ));
        }
        let mut b = Verifier::builder();
        for (s, m) in secrets.iter().zip(&modes) {
            b = b.key(key(s, m.as_str().unwrap_or_default())?);
        }
        if let Some(t) = cfg.get("tolerance").and_then(Value::as_u64) {
            b = b.tolerance(t);
        }
        if let Some(l) = cfg.get("legacy").and_then(Value::as_bool) {
            b = b.legacy(l);
        }
        if let Some(n) = cfg.get("maxPayloadBytes").and_then(Value::as_u64) {
            b = b.max_payload_bytes(usize::try_from(n).unwrap_or(usize::MAX));
        }
        if guard != 0 {
            match st.get(guard) {
                Some(Object::Guard { guard, .. }) => b = b.replay_guard(Arc::clone(guard)),
                _ => {
                    return Err(err(
                        ErrorKind::ReplayGuardUnavailable,
                        "no such replay guard (was it freed?)",
                    ))
                }
            }
        }
        let v = b.build()?;
        output(st.add(Object::Verifier(v)), Vec::new())
    })
}

#[derive(Clone, Copy)]
enum Op {
    Verify,
    VerifyIndex,
    Unwrap,
    UnwrapDetails,
}

/// Headers as the napi binding takes them: `name\0value\0name\0value...` (JS's fast path).
fn joined_headers(joined: &[u8]) -> HeaderSet<'_> {
    let mut set = HeaderSet::new();
    let mut parts = joined.split(|&b| b == 0);
    while let (Some(name), Some(value)) = (parts.next(), parts.next()) {
        set.push(name, value);
    }
    set
}

fn deliver(handle: i32, body_len: u32, headers_len: u32, now: f64, op: Op, joined: u32) -> i32 {
    call(|st| {
        let now = now_secs(now)?;
        let (v, body, set) = st.delivery(handle, body_len, headers_len, joined)?;
        match op {
            Op::Verify => verified(&v.verify_headers(body, &set, Some(now))?),
            Op::VerifyIndex => output(
                v.verify_headers(body, &set, Some(now))?.key_index as i32,
                Vec::new(),
            ),
            Op::Unwrap => output(
                v.unwrap_checked(body, &set, Some(now))?.key_index as i32,
                Vec::new(),
            ),
            Op::UnwrapDetails => verified(&v.unwrap_checked(body, &set, Some(now))?),
        }
    })
}

/// Output: what verified, in the napi binding's format `keyIndex\0scheme\0replay\0timestamp[\0id]`.
#[allow(clippy::unnecessary_wraps)]
fn verified(ok: &Verified) -> Result<(i32, Vec<u8>), hookseal::Error> {
    let mut out = format!(
        "{}\0{}\0{}\0{}",
        ok.key_index,
        ok.scheme.as_str(),
        ok.replay.as_str(),
        ok.timestamp
    );
    if let Some(id) = &ok.id {
        out.push('\0');
        out.push_str(id);
    }
    output(ok.key_index as i32, out)
}

/// Verify a delivery; output: what verified, as `keyIndex\0scheme\0replay\0timestamp[\0id]`
/// (the napi binding's format). Returns the matching key's index.
#[allow(unsafe_code)]
#[no_mangle]
pub extern "C" fn hs_verify(
    handle: i32,
    body_len: u32,
    headers_len: u32,
    now: f64,
    joined: u32,
) -> i32 {
    deliver(handle, body_len, headers_len, now, Op::Verify, joined)
}

/// Verify a delivery; returns the matching key's index (no output).
#[allow(unsafe_code)]
#[no_mangle]
pub extern "C" fn hs_verify_index(
    handle: i32,
    body_len: u32,
    headers_len: u32,
    now: f64,
    joined: u32,
) -> i32 {
    deliver(handle, body_len, headers_len, now, Op::VerifyIndex, joined)
}

/// Verify, check the body is an event, run the replay guard; returns the matching key's index.
#[allow(unsafe_code)]
#[no_mangle]
pub extern "C" fn hs_unwrap(
    handle: i32,
    body_len: u32,
    headers_len: u32,
    now: f64,
    joined: u32,
) -> i32 {
    deliver(handle, body_len, headers_len, now, Op::Unwrap, joined)
}

/// As `hs_unwrap`, with `hs_verify`'s output: what verified (`keyIndex\0scheme\0replay\0timestamp[\0id]`).
#[allow(unsafe_code)]
#[no_mangle]
pub extern "C" fn hs_unwrap_details(
    handle: i32,
    body_len: u32,
    headers_len: u32,
    now: f64,
    joined: u32,
) -> i32 {
    deliver(
        handle,
        body_len,
        headers_len,
        now,
        Op::UnwrapDetails,
        joined,
    )
}

/// Check a delivery (as `hs_verify`, or as `hs_unwrap` with `unwrap = 1`) except for the replay
/// guard, and hold it for `hs_verify_finish`. Output: `replayKey\0ttl`, the id the host's store
/// records and for how many seconds. Returns the matching key's index.
#[allow(unsafe_code)]
#[no_mangle]
pub extern "C" fn hs_verify_begin(
    handle: i32,
    body_len: u32,
    headers_len: u32,
    now: f64,
    joined: u32,
    unwrap: u32,
) -> i32 {
    call(|st| {
        st.pending = None;
        let now = now_secs(now)?;
        let (v, body, set) = st.delivery(handle, body_len, headers_len, joined)?;
        let p = if unwrap == 0 {
            v.verify_pending(body, &set, Some(now))?
        } else {
            v.unwrap_pending(body, &set, Some(now))?
        };
        let out = format!("{}\0{}", p.replay_key(), v.replay_ttl());
        let index = p.verified().key_index as i32;
        st.pending = Some((handle, p));
        output(index, out)
    })
}

/// Finish the delivery `hs_verify_begin` held, with the host store's answer: 0 recorded,
/// 1 already seen, 2 unreachable and failing open, 3 unreachable and failing closed (its message
/// in the input buffer, `msg_len` bytes). Output and result as `hs_verify`.
#[allow(unsafe_code)]
#[no_mangle]
pub extern "C" fn hs_verify_finish(outcome: u32, msg_len: u32) -> i32 {
    call(|st| {
        let (handle, p) = st.pending.take().ok_or_else(|| {
            err(
                ErrorKind::ReplayGuardUnavailable,
                "no delivery waiting for a replay decision",
            )
        })?;
        let outcome = match outcome {
            0 => Ok(GuardOutcome::Recorded),
            1 => Ok(GuardOutcome::Replayed),
            2 => Ok(GuardOutcome::Unavailable),
            _ => Err(err(
                ErrorKind::ReplayGuardUnavailable,
                String::from_utf8_lossy(st.input_part(0, msg_len)?).into_owned(),
            )),
        };
        verified(&st.verifier(handle)?.complete(p, outcome)?)
    })
}

/// Ask an in-memory guard about the id in the input (`id_len` bytes) at `now`, for `ttl` seconds:
/// returns 0 recorded or 1 already seen, or the guard's error (full: `replay_guard_unavailable`).
#[allow(unsafe_code)]
#[no_mangle]
pub extern "C" fn hs_guard_check(handle: i32, id_len: u32, now: f64, ttl: f64) -> i32 {
    call(|st| {
        let Some(Object::Guard { guard, .. }) = st.get(handle) else {
            return Err(err(
                ErrorKind::ReplayGuardUnavailable,
                "no such replay guard (was it freed?)",
            ));
        };
        let id = text(st.input_part(0, id_len)?)?;
        if !(0.0..9.0e15).contains(&ttl) {
            return Err(err(
                ErrorKind::ReplayGuardUnavailable,
                "the ttl must be finite seconds",
            ));
        }
        #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)] // checked above
        let ttl = ttl as u64;
        match guard.check_and_record(id, now_secs(now)?, ttl)? {
            GuardOutcome::Replayed => output(1, Vec::new()),
            _ => output(0, Vec::new()),
        }
    })
}

/// Input: a `HOOKSEAL_REPLAY_GUARD` value. Output: what it means, as JSON: `{"kind": "off"}`,
/// `{"kind": "memory", "capacity": N}` or `{"kind": "redis", "url": "...", "failOpen": bool}`,
/// for hosts that build the guard themselves.
#[allow(unsafe_code)]
#[no_mangle]
pub extern "C" fn hs_guard_setting(len: u32) -> i32 {
    call(|st| {
        let spec = text(st.input_part(0, len)?)?;
        let v = match ReplayGuardSetting::parse(spec)? {
            ReplayGuardSetting::Memory { capacity } => {
                serde_json::json!({"kind": "memory", "capacity": capacity})
            }
            ReplayGuardSetting::Redis { url, failure_mode } => serde_json::json!({
                "kind": "redis",
                "url": url,
                "failOpen": failure_mode == hookseal::FailureMode::FailOpen,
            }),
            _ => serde_json::json!({"kind": "off"}),
        };
        output(0, v.to_string())
    })
}

/// Output: a verifier's settings as `tolerance\0maxPayloadBytes\0replayTtl` (seconds, bytes,
/// seconds), for hosts that bound their reads by them.
#[allow(unsafe_code)]
#[no_mangle]
pub extern "C" fn hs_verifier_limits(handle: i32) -> i32 {
    call(|st| {
        let v = st.verifier(handle)?;
        let out = format!(
            "{}\0{}\0{}",
            v.tolerance(),
            v.max_payload_bytes(),
            v.replay_ttl()
        );
        output(0, out)
    })
}

/// Input: `{"secret": {"text"|"hex": ...}, "keyMode": "..."}`. Returns the signer's handle.
#[allow(unsafe_code)]
#[no_mangle]
pub extern "C" fn hs_signer_new(len: u32) -> i32 {
    call(|st| {
        let cfg = config(st.input_part(0, len)?)?;
        let mode = cfg
            .get("keyMode")
            .and_then(Value::as_str)
            .unwrap_or("imagekit")
            .to_owned();
        let signer = Signer::from_key(key(cfg.get("secret").unwrap_or(&Value::Null), &mode)?)?;
        output(st.add(Object::Signer(signer)), Vec::new())
    })
}

/// Input: the message id, then the body. Output: the `webhook-signature` entry.
#[allow(unsafe_code)]
#[no_mangle]
pub extern "C" fn hs_sign(handle: i32, id_len: u32, timestamp: f64, body_len: u32) -> i32 {
    call(|st| {
        let Some(Object::Signer(s)) = st.get(handle) else {
            return Err(err(
                ErrorKind::InvalidSecret,
                "no such signer (was it freed?)",
            ));
        };
        let id = text(st.input_part(0, id_len)?)?;
        let body = st.input_part(id_len as usize, body_len)?;
        output(0, s.sign(id, now_secs(timestamp)?, body)?)
    })
}

/// Input: the body. Output: the legacy `x-ik-signature` value for `timestamp_ms`.
#[allow(unsafe_code)]
#[no_mangle]
pub extern "C" fn hs_sign_legacy(handle: i32, timestamp_ms: f64, body_len: u32) -> i32 {
    call(|st| {
        let Some(Object::Signer(s)) = st.get(handle) else {
            return Err(err(
                ErrorKind::InvalidSecret,
                "no such signer (was it freed?)",
            ));
        };
        output(
            0,
            s.sign_legacy(now_secs(timestamp_ms)?, st.input_part(0, body_len)?)?,
        )
    })
}

/// Release an object. Unknown handles are ignored.
#[allow(unsafe_code)]
#[no_mangle]
pub extern "C" fn hs_free(handle: i32) {
    STATE.with(|cell| {
        let mut st = cell.borrow_mut();
        if let Some(slot) = usize::try_from(handle)
            .ok()
            .and_then(|h| h.checked_sub(1))
            .and_then(|i| st.objects.get_mut(i))
        {
            *slot = None;
        }
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    fn write(bytes: &[u8]) {
        hs_input(bytes.len() as u32);
        STATE.with(|c| c.borrow_mut().input[..bytes.len()].copy_from_slice(bytes));
    }

    fn out() -> String {
        STATE.with(|c| String::from_utf8_lossy(&c.borrow().output).into_owned())
    }

    fn blob(pairs: &[(&str, &str)]) -> Vec<u8> {
        let mut b = Vec::new();
        for (k, v) in pairs {
            for s in [k, v] {
                b.extend_from_slice(&(s.len() as u32).to_le_bytes());
                b.extend_from_slice(s.as_bytes());
            }
        }
        b
    }

    #[test]
    fn verify_and_errors_through_the_abi() {
        write(br#"{"secrets":[{"text":"whsec_xeO2UNkfKMQnfJf7Q/Qx+fYptL1wabXd"}],"keyModes":["imagekit"]}"#);
        let v = hs_verifier_new(0, 0);
        assert_eq!(
            v,
            -1 - ErrorKind::ALL
                .iter()
                .position(|k| *k == ErrorKind::InvalidSecret)
                .unwrap_or(0) as i32
        );
        let cfg = br#"{"secrets":[{"text":"whsec_xeO2UNkfKMQnfJf7Q/Qx+fYptL1wabXd"}],"keyModes":["imagekit"]}"#;
        write(cfg);
        let v = hs_verifier_new(cfg.len() as u32, 0);
        assert!(v >= 1);
        let body = br#"{"id":"id","type":"file.deleted","created_at":"2019-12-27T18:11:19.117Z","data":{"fileId":"abc"}}"#;
        let h = blob(&[
            ("webhook-id", "msg_2KWPBgLlAfxdpx2AI54pPJ85f4W"),
            ("webhook-timestamp", "1674087231"),
            (
                "webhook-signature",
                "v1,HXtyYJGsJjTTpJpWZHsk8pLNIX9EhyGPH5ZSQ1C3dwg=",
            ),
        ]);
        let mut req = body.to_vec();
        req.extend_from_slice(&h);
        write(&req);
        assert_eq!(
            hs_verify(v, body.len() as u32, h.len() as u32, 1_674_087_231.0, 0),
            0
        );
        assert!(
            out().starts_with("0\0v1\0not_checked\x001674087231\0msg_"),
            "{}",
            out()
        );
        write(&req);
        assert_eq!(
            hs_unwrap(v, body.len() as u32, h.len() as u32, 1_674_087_231.0, 0),
            0
        );
        write(&req);
        let too_old = hs_verify(v, body.len() as u32, h.len() as u32, 1_674_099_999.0, 0);
        assert_eq!(
            too_old,
            -1 - ErrorKind::ALL
                .iter()
                .position(|k| *k == ErrorKind::TimestampTooOld)
                .unwrap_or(0) as i32
        );
        assert!(out().contains("old"));
        // The joined form (`name\0value\0...`) verifies the same delivery.
        let joined = format!(
            "webhook-id\0msg_2KWPBgLlAfxdpx2AI54pPJ85f4W\0webhook-timestamp\01674087231\0webhook-signature\0{}\0",
            "v1,HXtyYJGsJjTTpJpWZHsk8pLNIX9EhyGPH5ZSQ1C3dwg="
        );
        let mut req2 = body.to_vec();
        req2.extend_from_slice(joined.as_bytes());
        write(&req2);
        assert_eq!(
            hs_verify_index(
                v,
                body.len() as u32,
                joined.len() as u32,
                1_674_087_231.0,
                1
            ),
            0
        );
        // Truncated headers blobs and lengths past the buffer are errors, never traps.
        write(&req);
        assert!(hs_verify(v, body.len() as u32, h.len() as u32 - 3, 1_674_087_231.0, 0) < 0);
        assert!(hs_verify(v, u32::MAX, 10, 1_674_087_231.0, 0) < 0);
        assert!(hs_verify(v, 0, 0, f64::NAN, 0) < 0);
        hs_free(v);
        assert!(hs_verify(v, 0, 0, 1.0, 0) < 0);
    }

    #[test]
    fn lists_samples_ids_and_signing() {
        assert_eq!(hs_error_codes(), 0);
        assert!(out().contains("replay_guard_unavailable"));
        write(b"file.created");
        assert_eq!(hs_sample_body(12), 1);
        assert!(out().contains("file.created"));
        write(b"0123456789abcdef");
        assert_eq!(hs_message_id(16), 0);
        assert!(out().starts_with("msg_"));
        let cfg =
            br#"{"secret":{"text":"whsec_xeO2UNkfKMQnfJf7Q/Qx+fYptL1wabXd"},"keyMode":"imagekit"}"#;
        write(cfg);
        let s = hs_signer_new(cfg.len() as u32);
        let body = br#"{"id":"id","type":"file.deleted","created_at":"2019-12-27T18:11:19.117Z","data":{"fileId":"abc"}}"#;
        let mut req = b"msg_2KWPBgLlAfxdpx2AI54pPJ85f4W".to_vec();
        req.extend_from_slice(body);
        write(&req);
        assert_eq!(hs_sign(s, 31, 1_674_087_231.0, body.len() as u32), 0);
        assert_eq!(out(), "v1,HXtyYJGsJjTTpJpWZHsk8pLNIX9EhyGPH5ZSQ1C3dwg=");
        let g = hs_guard_new(5);
        assert_eq!(hs_guard_stat(g, 1), 5);
    }
}
