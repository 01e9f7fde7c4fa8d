//! The typed ImageKit events as uniffi records: one mirror per core struct, same field names
//! (camelCase in Kotlin and Swift), converted field by field. JSON numbers become `Double`;
//! free-form JSON objects (metadata) become JSON text.

use hookseal as hs;
use serde_json::{Map, Number, Value};

/// Core value -> uniffi value.
trait Ffi {
    type Out;
    fn ffi(self) -> Self::Out;
}

impl<T: Ffi> Ffi for Option<T> {
    type Out = Option<T::Out>;
    fn ffi(self) -> Self::Out {
        self.map(Ffi::ffi)
    }
}

impl<T: Ffi> Ffi for Vec<T> {
    type Out = Vec<T::Out>;
    fn ffi(self) -> Self::Out {
        self.into_iter().map(Ffi::ffi).collect()
    }
}

impl Ffi for String {
    type Out = String;
    fn ffi(self) -> String {
        self
    }
}

impl Ffi for bool {
    type Out = bool;
    fn ffi(self) -> bool {
        self
    }
}

impl Ffi for Number {
    type Out = f64;
    fn ffi(self) -> f64 {
        self.as_f64().unwrap_or(f64::NAN)
    }
}

impl Ffi for Map<String, Value> {
    type Out = String;
    fn ffi(self) -> String {
        Value::Object(self).to_string()
    }
}

/// Declares the uniffi record mirroring a core struct (field types as the generated code gives
/// them: `Option` where the schema makes a member optional), and its conversion.
macro_rules! mirror {
    ($(#[$m:meta])* $name:ident { $($(#[$fm:meta])* $field:ident : $ty:ty,)* }) => {
        $(#[$m])*
        #[derive(Clone, Debug, PartialEq, uniffi::Record)]
        pub struct $name {
            $($(#[$fm])* pub $field: $ty,)*
        }

        impl Ffi for hs::$name {
            type Out = $name;
            fn ffi(self) -> $name {
                $name { $($field: self.$field.ffi(),)* }
            }
        }
    };
}

// The records, `EventPayload` and its conversion, from schema/imagekit-events.json.
include!("event_types.rs");

/// A parsed ImageKit event: the envelope, the typed payload and the whole JSON.
#[derive(Clone, Debug, PartialEq, uniffi::Record)]
pub struct WebhookEvent {
    /// `id`: always there for a known type (null only for an unknown type without one).
    pub id: Option<String>,
    /// `type`, exactly as sent.
    pub event_type: String,
    /// `created_at` as sent (RFC 3339): always there for a known type.
    pub created_at: Option<String>,
    /// `created_at` in unix milliseconds: always there for a known type.
    pub created_at_ms: Option<i64>,
    /// False for a type this version does not know (`payload` is then `Unknown`).
    pub is_known: bool,
    /// The typed payload: branch on it.
    pub payload: EventPayload,
    /// The body exactly as sent (extra fields included, keys in their order), as JSON text.
    pub raw: String,
}

impl WebhookEvent {
    /// The FFI event for `e`, which the core parsed from `body`.
    pub(crate) fn new(e: hs::Event, body: &[u8]) -> Self {
        let is_known = e.is_known();
        // The core parsed `body` as JSON, so it is UTF-8: nothing is replaced.
        let raw = String::from_utf8_lossy(body).into_owned();
        let payload = payload(e.data);
        WebhookEvent {
            id: e.id,
            event_type: e.event_type,
            created_at: e.created_at,
            created_at_ms: e.created_at_ms,
            is_known,
            payload,
            raw,
        }
    }
}
