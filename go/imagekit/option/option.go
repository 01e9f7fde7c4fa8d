// Package option is the call shape of ImageKit's Go SDK options
// (github.com/imagekit-developer/imagekit-go/v2/option) for hookseal's webhook client, plus a
// few of hookseal's own (keys, verifier options, the clock).
package option

import (
	"context"
	"time"

	hookseal "github.com/hookseal/hookseal/go"
)

// RequestOption configures the client (NewClient) or one call (Unwrap).
type RequestOption func(*Config)

// Config is what the options set. Its fields are read by package imagekit.
type Config struct {
	WebhookKeys     []hookseal.Key
	HasWebhookKeys  bool
	VerifierOptions []hookseal.Option
	ReplayGuard     hookseal.ReplayGuard
	HasReplayGuard  bool
	Now             time.Time
	Context         context.Context
}

// WithWebhookSecret is the webhook secret from the ImageKit dashboard (whsec_...), read in the
// ImageKit key mode, as the SDK does. Without it the client reads IMAGEKIT_WEBHOOK_SECRET.
func WithWebhookSecret(value string) RequestOption {
	return func(c *Config) {
		c.WebhookKeys, c.HasWebhookKeys = []hookseal.Key{hookseal.Secret(value)}, true
	}
}

// WithWebhookKeys accepts deliveries signed with any of keys (secret rotation; raw byte keys).
func WithWebhookKeys(keys ...hookseal.Key) RequestOption {
	return func(c *Config) { c.WebhookKeys, c.HasWebhookKeys = keys, true }
}

// WithPrivateKey is accepted for the SDK's call shape; verifying webhooks does not use it.
func WithPrivateKey(string) RequestOption { return func(*Config) {} }

// WithPassword is accepted for the SDK's call shape; verifying webhooks does not use it.
func WithPassword(string) RequestOption { return func(*Config) {} }

// WithBaseURL is accepted for the SDK's call shape; verifying webhooks does not use it.
func WithBaseURL(string) RequestOption { return func(*Config) {} }

// WithVerifierOptions passes hookseal's verifier options (tolerance, legacy header, size limit).
func WithVerifierOptions(opts ...hookseal.Option) RequestOption {
	return func(c *Config) { c.VerifierOptions = append(c.VerifierOptions, opts...) }
}

// WithReplayGuard sets the replay guard (nil: none). Without it the client reads
// HOOKSEAL_REPLAY_GUARD (contract §5).
func WithReplayGuard(g hookseal.ReplayGuard) RequestOption {
	return func(c *Config) { c.ReplayGuard, c.HasReplayGuard = g, true }
}

// WithNow verifies one call as if the clock read t.
func WithNow(t time.Time) RequestOption { return func(c *Config) { c.Now = t } }

// WithContext bounds one call's replay store round trip.
func WithContext(ctx context.Context) RequestOption { return func(c *Config) { c.Context = ctx } }
