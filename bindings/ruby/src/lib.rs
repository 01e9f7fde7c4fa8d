//! magnus glue for the `hookseal` gem's native extension (`hookseal/hookseal_native`): converts
//! Ruby arguments, calls the `hookseal` core, converts results and errors back. No
//! verification, parsing or key logic lives here.
#![forbid(unsafe_code)]
// The one export is `Init_hookseal_native`, made by `magnus::init`; nothing here is a Rust API.
#![allow(missing_docs)]
// magnus converts exported arguments into owned Rust values.
#![allow(clippy::needless_pass_by_value)]

use magnus::{prelude::*, Error, RString, Ruby};

mod api;
mod errors;
mod events;
mod input;
mod json;

#[magnus::init(name = "hookseal_native")]
fn init(ruby: &Ruby) -> Result<(), Error> {
    let m = ruby.define_module("Hookseal")?;
    m.const_set("NATIVE_VERSION", env!("CARGO_PKG_VERSION"))?;
    let types = ruby.ary_new_capa(hookseal::EventType::ALL.len());
    for t in hookseal::EventType::ALL {
        types.push(frozen(ruby, t.as_str()))?;
    }
    types.freeze();
    m.const_set("EVENT_TYPES", types)?;
    let modes = ruby.ary_new_capa(hookseal::KeyMode::ALL.len());
    for k in hookseal::KeyMode::ALL {
        modes.push(frozen(ruby, k.as_str()))?;
    }
    modes.freeze();
    m.const_set("KEY_MODES", modes)?;
    m.const_set("DEFAULT_TOLERANCE", hookseal::DEFAULT_TOLERANCE_SECS)?;
    m.const_set(
        "DEFAULT_MAX_PAYLOAD_BYTES",
        hookseal::DEFAULT_MAX_PAYLOAD_BYTES,
    )?;
    m.const_set(
        "DEFAULT_REPLAY_CAPACITY",
        hookseal::InMemoryReplayGuard::DEFAULT_CAPACITY,
    )?;
    // The ImageKit profile's environment variables (the ImageKit client reads them).
    m.const_set("SECRET_ENV", hookseal::Profile::ImageKit.secret_env())?;
    m.const_set(
        "REPLAY_GUARD_ENV",
        hookseal::Profile::ImageKit.replay_guard_env(),
    )?;
    errors::register(ruby, m)?;
    events::register(ruby, m)?;
    api::register(ruby, m)?;
    Ok(())
}

/// A frozen Ruby String (the constants' members).
pub(crate) fn frozen(ruby: &Ruby, s: &str) -> RString {
    let out = ruby.str_new(s);
    out.freeze();
    out
}

// The core's parse allocates many small blocks that live until Ruby's GC frees the event; in
// Ruby's glibc heap that churn cost more than the parse itself. mimalloc keeps them apart.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;
