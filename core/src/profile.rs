//! Who sends the webhooks: the defaults an entry point of any language starts from (contract §2).

use crate::key::KeyMode;
use crate::replay_setting::REPLAY_GUARD_ENV;

/// The sender a verifier is set up for. Every language's ImageKit client and Standard Webhooks
/// `Webhook` class take their defaults from here, so that they cannot drift apart.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Profile {
    /// ImageKit, as its SDKs verify: the whole `whsec_…` string is the HMAC key; the secret may
    /// come from `IMAGEKIT_WEBHOOK_SECRET`; `HOOKSEAL_REPLAY_GUARD` may turn on a replay guard.
    ImageKit,
    /// Any Standard Webhooks sender, as the reference libraries verify: `whsec_` then base64. A
    /// drop-in for those libraries reads no environment.
    StandardWebhooks,
}

impl Profile {
    /// The key mode a string secret is read in when none is given.
    pub const fn key_mode(self) -> KeyMode {
        match self {
            Profile::ImageKit => KeyMode::ImageKit,
            Profile::StandardWebhooks => KeyMode::Standard,
        }
    }

    /// The environment variable the secret comes from when none is given, if any.
    pub const fn secret_env(self) -> Option<&'static str> {
        match self {
            Profile::ImageKit => Some("IMAGEKIT_WEBHOOK_SECRET"),
            Profile::StandardWebhooks => None,
        }
    }

    /// The environment variable that may set a replay guard when none is given in code, if any
    /// ([`ReplayGuardSetting`](crate::ReplayGuardSetting) reads its value).
    pub const fn replay_guard_env(self) -> Option<&'static str> {
        match self {
            Profile::ImageKit => Some(REPLAY_GUARD_ENV),
            Profile::StandardWebhooks => None,
        }
    }

    /// The profile's name: `imagekit` or `standard`.
    pub const fn as_str(self) -> &'static str {
        match self {
            Profile::ImageKit => "imagekit",
            Profile::StandardWebhooks => "standard",
        }
    }

    /// Every profile.
    pub const ALL: [Profile; 2] = [Profile::ImageKit, Profile::StandardWebhooks];

    /// The profile called `name` (`imagekit` or `standard`).
    pub fn from_name(name: &str) -> Option<Profile> {
        Profile::ALL.into_iter().find(|p| p.as_str() == name)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults() {
        assert_eq!(Profile::ImageKit.key_mode(), KeyMode::ImageKit);
        assert_eq!(Profile::StandardWebhooks.key_mode(), KeyMode::Standard);
        assert_eq!(
            Profile::ImageKit.secret_env(),
            Some("IMAGEKIT_WEBHOOK_SECRET")
        );
        assert_eq!(Profile::StandardWebhooks.secret_env(), None);
        assert_eq!(
            Profile::ImageKit.replay_guard_env(),
            Some("HOOKSEAL_REPLAY_GUARD")
        );
        assert_eq!(Profile::StandardWebhooks.replay_guard_env(), None);
        for p in Profile::ALL {
            assert_eq!(Profile::from_name(p.as_str()), Some(p));
        }
        assert_eq!(Profile::from_name("svix"), None);
    }
}
