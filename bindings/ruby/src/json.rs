//! The core's parsed JSON as Ruby values, as `JSON.parse(body, symbolize_names: true)` gives
//! them: Hashes with Symbol keys, Integers where the number is integral, else Floats.

use magnus::{prelude::*, Error, IntoValue, RHash, Ruby, Value};
use serde_json::{Map, Number};

/// A JSON number: an Integer when it has no fraction or exponent, else a Float.
pub fn number(ruby: &Ruby, n: &Number) -> Value {
    if let Some(i) = n.as_i64() {
        ruby.integer_from_i64(i).as_value()
    } else if let Some(u) = n.as_u64() {
        ruby.integer_from_u64(u).as_value()
    } else {
        ruby.float_from_f64(n.as_f64().unwrap_or(f64::NAN))
            .as_value()
    }
}

/// A JSON object as a Hash with Symbol keys, in the parser's key order.
pub fn object(ruby: &Ruby, m: &Map<String, serde_json::Value>) -> Result<RHash, Error> {
    let h = ruby.hash_new();
    for (k, v) in m {
        h.aset(ruby.to_symbol(k), value(ruby, v)?)?;
    }
    Ok(h)
}

/// Any JSON value.
pub fn value(ruby: &Ruby, v: &serde_json::Value) -> Result<Value, Error> {
    Ok(match v {
        serde_json::Value::Null => ruby.qnil().as_value(),
        serde_json::Value::Bool(b) => b.into_value_with(ruby),
        serde_json::Value::Number(n) => number(ruby, n),
        serde_json::Value::String(s) => ruby.str_new(s).as_value(),
        serde_json::Value::Array(a) => {
            let out = ruby.ary_new_capa(a.len());
            for item in a {
                out.push(value(ruby, item)?)?;
            }
            out.as_value()
        }
        serde_json::Value::Object(m) => object(ruby, m)?.as_value(),
    })
}
