//! What Ruby callers hand us, turned into what the core takes: bodies, headers, `now`, secrets.
//! Conversion only: every rule about what verifies lives in the core.

use bytes::Bytes;
use hookseal::{names, ErrorKind, HeaderSet, Key, KeyMode, Secret};
use magnus::encoding::EncodingCapable;
use magnus::{prelude::*, Error, Float, Integer, RArray, RHash, RString, Ruby, Symbol, Value};

use crate::errors::{argument, raise, IntoRb};

fn class_of(v: Value) -> String {
    // `inspect` could run user code and leak a value: the class name is enough.
    v.class().to_string()
}

/// The raw body: a String of any encoding, used as its bytes (a copy: the GC may move or
/// mutate a Ruby string while the core reads it).
pub fn body(ruby: &Ruby, v: Value) -> Result<Bytes, Error> {
    if let Some(s) = RString::from_value(v) {
        return Ok(s.to_bytes());
    }
    let hint = if RHash::from_value(v).is_some() || RArray::from_value(v).is_some() {
        " Signatures cover the exact bytes that were sent, so a parsed and re-serialized body never verifies."
    } else if v.respond_to("read", false).unwrap_or(false) {
        " Read it first (request.body.read), and rewind it if the app reads it again."
    } else {
        ""
    };
    Err(argument(
        ruby,
        format!(
            "the payload must be the raw request body as a String (request.body.read), not {}.{hint}",
            class_of(v)
        ),
    ))
}

/// The header a Hash key names: a String or a Symbol; `None` for any other key or header.
fn relevant_key(k: Value) -> Option<&'static str> {
    if let Some(s) = RString::from_value(k) {
        // Most headers are skipped on their length, without copying the name out of Ruby.
        return if names::could_be(s.len(), true) {
            names::canonical_any(&s.to_bytes())
        } else {
            None
        };
    }
    let name = Symbol::from_value(k)?.name().ok()?;
    names::canonical_any(name.as_bytes())
}

/// The signature-relevant headers of a request, copied out of the Ruby values.
#[derive(Default)]
pub struct Headers {
    items: Vec<(&'static str, Bytes)>,
}

impl Headers {
    fn push(&mut self, ruby: &Ruby, name: &'static str, v: Value) -> Result<(), Error> {
        if v.is_nil() {
            // `{"webhook-id" => request.env["HTTP_WEBHOOK_ID"]}` without the header: absent.
            return Ok(());
        }
        if let Some(s) = RString::from_value(v) {
            self.items.push((name, s.to_bytes()));
            return Ok(());
        }
        if let Some(a) = RArray::from_value(v) {
            // A multi-valued header: each value is one received header.
            for item in a {
                if RArray::from_value(item).is_some() {
                    return Err(argument(
                        ruby,
                        format!("header `{name}`: nested arrays are not header values"),
                    ));
                }
                self.push(ruby, name, item)?;
            }
            return Ok(());
        }
        Err(argument(
            ruby,
            format!(
                "header `{name}` must be a String (or an Array of them), not {}",
                class_of(v)
            ),
        ))
    }

    /// Gather from a Hash (String or Symbol keys, any case, or a Rack env), or from anything with
    /// `to_h` (Rails' `request.headers`, an Array of pairs).
    pub fn gather(ruby: &Ruby, headers: Value) -> Result<Headers, Error> {
        let hash =
            match RHash::from_value(headers) {
                Some(h) => h,
                None if headers.is_nil() => return Err(raise(
                    ruby,
                    ErrorKind::MissingHeader,
                    "no headers were given: pass the request's headers (a Hash, or request.env)",
                )),
                None if headers.respond_to("to_h", false).unwrap_or(false)
                    && RString::from_value(headers).is_none() =>
                {
                    let h: Value = headers.funcall("to_h", ())?;
                    RHash::from_value(h).ok_or_else(|| {
                        argument(
                            ruby,
                            format!("headers.to_h returned {}, not a Hash", class_of(h)),
                        )
                    })?
                }
                None => {
                    return Err(argument(
                        ruby,
                        format!(
                            "headers must be a Hash (or a Rack env), not {}",
                            class_of(headers)
                        ),
                    ))
                }
            };
        let mut out = Headers::default();
        hash.foreach(|k: Value, v: Value| {
            if let Some(name) = relevant_key(k) {
                out.push(ruby, name, v)?;
            }
            Ok(magnus::r_hash::ForEach::Continue)
        })?;
        Ok(out)
    }

    /// The gathered headers as the core's header set (borrowing the values).
    pub fn set(&self) -> HeaderSet<'_> {
        HeaderSet::from_pairs(self.items.iter().map(|(n, b)| (n.as_bytes(), &b[..])))
    }
}

/// `now:`: nil (the clock), unix seconds as an Integer (or a Float, floored), or a Time.
pub fn now(ruby: &Ruby, v: Value) -> Result<Option<i64>, Error> {
    if v.is_nil() {
        return Ok(None);
    }
    if let Some(i) = Integer::from_value(v) {
        return i
            .to_i64()
            .map(Some)
            .map_err(|_| raise(ruby, ErrorKind::InvalidTimestamp, "now: is out of range"));
    }
    if let Some(f) = Float::from_value(v) {
        let f = f.to_f64();
        if !f.is_finite() || f.abs() > 9.2e18 {
            return Err(raise(
                ruby,
                ErrorKind::InvalidTimestamp,
                "now: is out of range",
            ));
        }
        return Ok(Some(f.floor() as i64));
    }
    if v.is_kind_of(ruby.class_time()) {
        let secs: Integer = v.funcall("to_i", ())?;
        return secs
            .to_i64()
            .map(Some)
            .map_err(|_| raise(ruby, ErrorKind::InvalidTimestamp, "now: is out of range"));
    }
    Err(argument(
        ruby,
        format!(
            "now: must be unix seconds (Integer) or a Time, not {}",
            class_of(v)
        ),
    ))
}

/// A key mode name (`imagekit`, `standard`, `raw`): an unknown one is `invalid_secret`.
pub fn key_mode(ruby: &Ruby, v: Value) -> Result<KeyMode, Error> {
    let name: String = if let Some(s) = Symbol::from_value(v) {
        s.name()?.into_owned()
    } else if let Some(s) = RString::from_value(v) {
        s.to_string()?
    } else {
        return Err(argument(
            ruby,
            format!("key_mode: must be a String or Symbol, not {}", class_of(v)),
        ));
    };
    name.parse::<KeyMode>().rb(ruby)
}

/// One secret by the core's rule (contract §2.2): a String is read in `mode`; a binary String
/// (`Encoding::BINARY`, what `File.binread` and `Base64.decode64` return) is the raw key.
///
/// `{secret: ..., key_mode: ...}` gives one secret its own mode (rotating across modes).
pub fn key(ruby: &Ruby, v: Value, mode: KeyMode) -> Result<Key, Error> {
    if let Some(h) = RHash::from_value(v) {
        let secret: Value = h
            .get(ruby.to_symbol("secret"))
            .unwrap_or_else(|| ruby.qnil().as_value());
        let own = match h.get(ruby.to_symbol("key_mode")) {
            Some(m) if !m.is_nil() => key_mode(ruby, m)?,
            _ => mode,
        };
        if RHash::from_value(secret).is_some() {
            return Err(argument(ruby, "a secret Hash needs a String under :secret"));
        }
        return key(ruby, secret, own);
    }
    let Some(s) = RString::from_value(v) else {
        return Err(argument(
            ruby,
            format!(
                "a secret must be a String (e.g. \"whsec_...\"), not {}",
                class_of(v)
            ),
        ));
    };
    if s.enc_get() == ruby.ascii8bit_encindex() {
        return Key::from_secret(Secret::Bytes(&s.to_bytes()), mode).rb(ruby);
    }
    let text = s.to_string().map_err(|_| {
        raise(
            ruby,
            ErrorKind::InvalidSecret,
            "the secret is not valid UTF-8",
        )
    })?;
    Key::from_secret(Secret::Text(&text), mode).rb(ruby)
}

/// One secret or an Array of them (rotation: the index of the matching one is reported).
pub fn keys(ruby: &Ruby, v: Value, mode: KeyMode) -> Result<Vec<Key>, Error> {
    if let Some(a) = RArray::from_value(v) {
        let mut out = Vec::with_capacity(a.len());
        for item in a {
            out.push(key(ruby, item, mode)?);
        }
        if out.is_empty() {
            return Err(raise(
                ruby,
                ErrorKind::InvalidSecret,
                "the list of secrets is empty",
            ));
        }
        return Ok(out);
    }
    Ok(vec![key(ruby, v, mode)?])
}
