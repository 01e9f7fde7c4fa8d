//! Typed events as Ruby objects: one class per schema object, one subclass of
//! `Hookseal::Events::BaseWebhookEvent` per event type, with snake_case readers of ImageKit's
//! JSON names (as ImageKit's Ruby SDK has them). An event holds the core's typed struct, moved
//! into a mirror whose nested objects are shared (`Arc`): reading `event.data` wraps the same
//! data, and a field becomes a Ruby value only when it is read.

use std::sync::Arc;

use hookseal::{Event, EventData, Verified};
use magnus::value::Opaque;
use magnus::{method, prelude::*, Error, IntoValue, RClass, RModule, RString, Ruby, Value};
use serde_json::{Map, Number};

use crate::api::RbVerified;
use crate::json;

/// A value the typed structs hold, as a Ruby object.
pub trait Field {
    fn to_rb(&self, ruby: &Ruby) -> Result<Value, Error>;
}

impl Field for String {
    fn to_rb(&self, ruby: &Ruby) -> Result<Value, Error> {
        Ok(ruby.str_new(self).as_value())
    }
}
impl Field for bool {
    fn to_rb(&self, ruby: &Ruby) -> Result<Value, Error> {
        Ok(self.into_value_with(ruby))
    }
}
impl Field for Number {
    fn to_rb(&self, ruby: &Ruby) -> Result<Value, Error> {
        Ok(json::number(ruby, self))
    }
}
impl Field for Map<String, serde_json::Value> {
    fn to_rb(&self, ruby: &Ruby) -> Result<Value, Error> {
        Ok(json::object(ruby, self)?.as_value())
    }
}
impl<T: Field> Field for Vec<T> {
    fn to_rb(&self, ruby: &Ruby) -> Result<Value, Error> {
        let out = ruby.ary_new_capa(self.len());
        for item in self {
            out.push(item.to_rb(ruby)?)?;
        }
        Ok(out.as_value())
    }
}

/// A member ImageKit always sends: the core refused the body if it was missing.
fn req<T: Field>(ruby: &Ruby, v: &T) -> Result<Value, Error> {
    v.to_rb(ruby)
}

/// A member the schema makes optional: `nil` when absent (or `null` where it may be).
#[allow(clippy::ref_option)] // the macros hand every converter a reference to its field
fn opt<T: Field>(ruby: &Ruby, v: &Option<T>) -> Result<Value, Error> {
    v.as_ref()
        .map_or_else(|| Ok(ruby.qnil().as_value()), |x| x.to_rb(ruby))
}

/// A string member with a fixed set of values: a Symbol, as ImageKit's Ruby SDK reads enums.
#[allow(clippy::unnecessary_wraps, clippy::ptr_arg)] // the macros call every converter alike
fn sym(ruby: &Ruby, v: &String) -> Result<Value, Error> {
    Ok(ruby.to_symbol(v).as_value())
}

/// An optional member with a fixed set of values.
#[allow(clippy::ref_option)]
fn opt_sym(ruby: &Ruby, v: &Option<String>) -> Result<Value, Error> {
    v.as_ref()
        .map_or_else(|| Ok(ruby.qnil().as_value()), |x| sym(ruby, x))
}

/// Declares a Ruby class over a mirror of a core struct: one reader per field, `to_h`, `inspect`.
/// The object holds an `Arc` of the mirror, so reading `event.data` shares the data, never
/// copies it.
macro_rules! rb_struct {
    ($rs:ident = $short:literal at $class:literal wraps $mirror:ty { $($rb:literal $field:ident: $conv:ident,)* }) => {
        #[magnus::wrap(class = $class, free_immediately, size)]
        pub struct $rs(Arc<$mirror>);

        impl Field for Arc<$mirror> {
            fn to_rb(&self, ruby: &Ruby) -> Result<Value, Error> {
                Ok(ruby.obj_wrap($rs(Arc::clone(self))).as_value())
            }
        }

        impl $rs {
            fn define(ruby: &Ruby, events: RModule) -> Result<(), Error> {
                let class = events.define_class($short, ruby.class_object())?;
                class.undef_default_alloc_func();
                $(
                    class.define_method(
                        $rb,
                        method!(|ruby: &Ruby, s: &$rs| -> Result<Value, Error> { $conv(ruby, &s.0.$field) }, 0),
                    )?;
                )*
                class.define_method(
                    "to_h",
                    method!(|ruby: &Ruby, s: &$rs| -> Result<Value, Error> { to_h(ruby, &*s.0) }, 0),
                )?;
                class.define_method(
                    "inspect",
                    method!(|ruby: &Ruby, rb_self: Value| -> Result<String, Error> { inspect(ruby, rb_self, &[$($rb),*]) }, 0),
                )?;
                Ok(())
            }
        }
    };
}

/// Declares the readers of an event class's own members (besides the envelope).
macro_rules! rb_event_fields {
    ($class:expr, $variant:ident { $($rb:literal $field:ident: $conv:ident,)* }) => {
        $(
            $class.define_method(
                $rb,
                method!(|ruby: &Ruby, e: &RbEvent| -> Result<Value, Error> {
                    match e {
                        RbEvent::$variant(t) => $conv(ruby, &t.p.$field),
                        _ => Ok(ruby.qnil().as_value()),
                    }
                }, 0),
            )?;
        )*
    };
}

/// A typed struct as the Hash `JSON.parse(..., symbolize_names: true)` would give for it (JSON
/// names, absent optional members left out).
fn to_h<T: serde::Serialize>(ruby: &Ruby, v: &T) -> Result<Value, Error> {
    serde_json::to_value(v)
        .map_err(|e| crate::errors::raise(ruby, hookseal::ErrorKind::InvalidPayload, e.to_string()))
        .and_then(|v| json::value(ruby, &v))
}

/// `#<Hookseal::Events::VideoAsset url="https://...">` for the members that are set.
fn inspect(_ruby: &Ruby, obj: Value, fields: &[&str]) -> Result<String, Error> {
    let mut parts = Vec::new();
    for f in fields {
        let v: Value = obj.funcall(*f, ())?;
        if !v.is_nil() {
            let shown: String = v.funcall("inspect", ())?;
            parts.push(format!("{f}={shown}"));
        }
    }
    Ok(format!("#<{} {}>", obj.class(), parts.join(" ")))
}

/// What every event has besides its typed payload.
pub struct Envelope {
    id: Option<String>,
    event_type: String,
    created_at: Option<String>,
    created_at_ms: Option<i64>,
    raw: Map<String, serde_json::Value>,
    verified: Option<Verified>,
    /// The bytes this event holds outside Ruby's heap, as told to Ruby's GC.
    external: isize,
    /// `raw_json`: the body as received, a frozen Ruby String this object keeps alive (marked).
    body: Opaque<RString>,
}

impl magnus::DataTypeFunctions for RbEvent {
    fn mark(&self, marker: &magnus::gc::Marker) {
        marker.mark(self.envelope().body);
    }
}

impl Drop for Envelope {
    fn drop(&mut self) {
        // Runs when Ruby's GC frees the event, on a Ruby thread.
        if let Ok(ruby) = Ruby::get() {
            ruby.gc_adjust_memory_usage(-self.external);
        }
    }
}

/// A known event: the envelope and the typed payload.
pub struct Typed<T> {
    env: Envelope,
    p: T,
}

// The payload classes, the `RbEvent` enum (one variant per event type), `typed_event` and
// `register`, from schema/imagekit-events.json.
include!("event_classes.rs");

impl RbEvent {
    fn id(ruby: &Ruby, e: &RbEvent) -> Value {
        e.envelope()
            .id
            .as_deref()
            .map_or_else(|| ruby.qnil().as_value(), |s| ruby.str_new(s).as_value())
    }

    /// The type as a Symbol (`:"file.created"`), as ImageKit's Ruby SDK has it.
    fn event_type(ruby: &Ruby, e: &RbEvent) -> Value {
        ruby.to_symbol(&e.envelope().event_type).as_value()
    }

    /// `created_at` as a UTC Time (millisecond precision); nil if absent or not RFC 3339.
    fn created_at(ruby: &Ruby, e: &RbEvent) -> Result<Value, Error> {
        let Some(ms) = e.envelope().created_at_ms else {
            return Ok(ruby.qnil().as_value());
        };
        let ts = magnus::time::Timespec {
            tv_sec: ms.div_euclid(1000),
            tv_nsec: ms.rem_euclid(1000) * 1_000_000,
        };
        Ok(ruby
            .time_timespec_new(ts, magnus::time::Offset::utc())?
            .as_value())
    }

    fn created_at_raw(ruby: &Ruby, e: &RbEvent) -> Value {
        e.envelope()
            .created_at
            .as_deref()
            .map_or_else(|| ruby.qnil().as_value(), |s| ruby.str_new(s).as_value())
    }

    /// The whole JSON object, extra members included, with Symbol keys (a new Hash each call).
    fn to_h(ruby: &Ruby, e: &RbEvent) -> Result<Value, Error> {
        Ok(json::object(ruby, &e.envelope().raw)?.as_value())
    }

    /// What verified it (`nil` from `unsafe_unwrap`).
    fn verified(ruby: &Ruby, e: &RbEvent) -> Value {
        e.envelope().verified.as_ref().map_or_else(
            || ruby.qnil().as_value(),
            |v| ruby.obj_wrap(RbVerified::from(v)).as_value(),
        )
    }

    fn inspect(_ruby: &Ruby, rb_self: Value, e: &RbEvent) -> String {
        let env = e.envelope();
        format!(
            "#<{} id={:?} type={:?} created_at={:?}>",
            rb_self.class(),
            env.id.as_deref().unwrap_or(""),
            env.event_type,
            env.created_at.as_deref().unwrap_or("")
        )
    }

    /// An unknown event's `data` (and `request`): the raw JSON value, nil if absent.
    fn raw_member(ruby: &Ruby, e: &RbEvent, key: &str) -> Result<Value, Error> {
        e.envelope()
            .raw
            .get(key)
            .map_or_else(|| Ok(ruby.qnil().as_value()), |v| json::value(ruby, v))
    }
}

/// A core event as an instance of its Ruby class. `body` is the body the core parsed it from.
pub fn to_rb(
    ruby: &Ruby,
    event: Event,
    body: &[u8],
    verified: Option<Verified>,
) -> Result<Value, Error> {
    let Event {
        id,
        event_type,
        created_at,
        created_at_ms,
        data,
        raw,
        ..
    } = event;
    // The parsed JSON and the typed copy of its values live outside Ruby's heap: about two bodies'
    // worth, which Ruby's GC must count, or thousands of large events would pile up before it ran
    // (20,000 unwraps of 64 KiB held 2.4 GB of RSS without this).
    let external = isize::try_from(body.len().saturating_mul(2)).unwrap_or(isize::MAX);
    ruby.gc_adjust_memory_usage(external);
    // Allocated by Ruby, the copy is also what lets the GC act on the count above (an adjustment
    // alone never starts a collection).
    let json = ruby.str_from_slice(body);
    json.enc_associate(ruby.utf8_encindex())?;
    json.freeze();
    let env = Envelope {
        id,
        event_type,
        created_at,
        created_at_ms,
        raw,
        verified,
        external,
        body: Opaque::from(json),
    };
    Ok(ruby.obj_wrap(typed_event(env, data)).as_value())
}

/// Define `Hookseal::Events` and every event and payload class.
pub fn register(ruby: &Ruby, m: RModule) -> Result<(), Error> {
    let events = m.define_module("Events")?;
    let base = events.define_class("BaseWebhookEvent", ruby.class_object())?;
    base.undef_default_alloc_func();
    base.define_method(
        "id",
        method!(|ruby: &Ruby, e: &RbEvent| RbEvent::id(ruby, e), 0),
    )?;
    base.define_method(
        "type",
        method!(|ruby: &Ruby, e: &RbEvent| RbEvent::event_type(ruby, e), 0),
    )?;
    base.define_method(
        "created_at",
        method!(|ruby: &Ruby, e: &RbEvent| RbEvent::created_at(ruby, e), 0),
    )?;
    base.define_method(
        "created_at_raw",
        method!(
            |ruby: &Ruby, e: &RbEvent| RbEvent::created_at_raw(ruby, e),
            0
        ),
    )?;
    base.define_method(
        "to_h",
        method!(|ruby: &Ruby, e: &RbEvent| RbEvent::to_h(ruby, e), 0),
    )?;
    // The body exactly as received (UTF-8, frozen; the same String on every call).
    base.define_method(
        "raw_json",
        method!(
            |ruby: &Ruby, e: &RbEvent| ruby.get_inner(e.envelope().body),
            0
        ),
    )?;
    base.define_method(
        "verified",
        method!(|ruby: &Ruby, e: &RbEvent| RbEvent::verified(ruby, e), 0),
    )?;
    base.define_method(
        "inspect",
        method!(
            |ruby: &Ruby, rb_self: Value| -> Result<String, Error> {
                let e: &RbEvent = magnus::TryConvert::try_convert(rb_self)?;
                Ok(RbEvent::inspect(ruby, rb_self, e))
            },
            0
        ),
    )?;
    let unknown = events.define_class("UnknownEvent", base)?;
    unknown.define_method(
        "data",
        method!(
            |ruby: &Ruby, e: &RbEvent| RbEvent::raw_member(ruby, e, "data"),
            0
        ),
    )?;
    unknown.define_method(
        "request",
        method!(
            |ruby: &Ruby, e: &RbEvent| RbEvent::raw_member(ruby, e, "request"),
            0
        ),
    )?;
    register_generated(ruby, events, base)?;
    Ok(())
}
