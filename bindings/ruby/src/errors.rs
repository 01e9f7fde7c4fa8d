//! The error contract in Ruby: `Hookseal::WebhookVerificationError < StandardError` and one
//! subclass per core `ErrorKind` (`Hookseal::InvalidSignatureError`, ...), each with the
//! constants `CODE` and `HTTP_STATUS` (the instance readers `#code`, `#http_status` are in
//! lib/hookseal.rb). Wrong argument types are `ArgumentError`: a programming error, not a delivery.

use std::sync::OnceLock;

use hookseal::ErrorKind;
use magnus::value::Opaque;
use magnus::{prelude::*, Error, ExceptionClass, RModule, Ruby};

/// The base class, then one class per `ErrorKind::ALL` entry, in that order.
static CLASSES: OnceLock<Vec<Opaque<ExceptionClass>>> = OnceLock::new();

/// `invalid_signature` -> `InvalidSignatureError`.
pub fn class_name(code: &str) -> String {
    let mut out = String::with_capacity(code.len() + 5);
    for part in code.split('_') {
        let mut chars = part.chars();
        if let Some(first) = chars.next() {
            out.push(first.to_ascii_uppercase());
            out.extend(chars);
        }
    }
    out.push_str("Error");
    out
}

/// Define the classes under `Hookseal`, the frozen `Hookseal::ERROR_CODES` and
/// `Hookseal::ERROR_CLASSES` (code => class).
pub fn register(ruby: &Ruby, m: RModule) -> Result<(), Error> {
    let base = m.define_error("WebhookVerificationError", ruby.exception_standard_error())?;
    let mut classes = vec![Opaque::from(base)];
    // `Hookseal.error_class(code)` reads this: the class names are made here only.
    let by_code = ruby.hash_new();
    for kind in ErrorKind::ALL {
        let class = m.define_error(class_name(kind.code()).as_str(), base)?;
        class.const_set("CODE", kind.code())?;
        class.const_set("HTTP_STATUS", kind.http_status())?;
        by_code.aset(crate::frozen(ruby, kind.code()), class)?;
        classes.push(Opaque::from(class));
    }
    by_code.freeze();
    m.const_set("ERROR_CLASSES", by_code)?;
    // A second `require` of the extension would define the same classes again: keep the first.
    let _ = CLASSES.set(classes);
    let codes = ruby.ary_new_capa(ErrorKind::ALL.len());
    for kind in ErrorKind::ALL {
        codes.push(crate::frozen(ruby, kind.code()))?;
    }
    codes.freeze();
    m.const_set("ERROR_CODES", codes)?;
    Ok(())
}

/// A Ruby exception of `kind`'s class (the base class for a kind this build does not know).
pub fn raise(ruby: &Ruby, kind: ErrorKind, message: impl Into<String>) -> Error {
    let message: String = message.into();
    let classes = CLASSES.get();
    let index = ErrorKind::ALL
        .iter()
        .position(|k| *k == kind)
        .map_or(0, |i| i + 1);
    match classes.and_then(|c| c.get(index).or_else(|| c.first())) {
        Some(class) => Error::new(ruby.get_inner(*class), message),
        None => Error::new(ruby.exception_standard_error(), message),
    }
}

/// A core error as its Ruby exception.
pub fn core(ruby: &Ruby, err: &hookseal::Error) -> Error {
    raise(ruby, err.kind(), err.message())
}

/// `ArgumentError`: a call that no delivery could make (a Hash for the body, an Integer header).
pub fn argument(ruby: &Ruby, message: impl Into<String>) -> Error {
    Error::new(ruby.exception_arg_error(), message.into())
}

/// `result.rb(ruby)?`: a core result with its error converted.
pub trait IntoRb<T> {
    fn rb(self, ruby: &Ruby) -> Result<T, Error>;
}

impl<T> IntoRb<T> for hookseal::Result<T> {
    fn rb(self, ruby: &Ruby) -> Result<T, Error> {
        self.map_err(|e| core(ruby, &e))
    }
}
