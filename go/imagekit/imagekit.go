// Package imagekit is the webhook part of ImageKit's Go SDK v2
// (github.com/imagekit-developer/imagekit-go/v2) over hookseal: a receiver written from
// ImageKit's docs needs only its import paths changed.
//
//	client := imagekit.NewClient(option.WithPrivateKey(k), option.WithWebhookSecret(s))
//	event, err := client.Webhooks.Unwrap(body, r.Header)
//	switch event.Type {
//	case "video.transformation.ready":
//		fmt.Println(event.AsVideoTransformationReadyEvent().Data.Transformation.Output.URL)
//	}
package imagekit

import (
	"net/http"
	"os"
	"slices"
	"sync"

	hookseal "github.com/hookseal/hookseal/go"
	"github.com/hookseal/hookseal/go/imagekit/option"
)

// UnwrapWebhookEventUnion is a verified event: Type, ID, CreatedAt, and one As... method per
// event type, as in ImageKit's SDK.
type UnwrapWebhookEventUnion = hookseal.Event

// UnsafeUnwrapWebhookEventUnion is an event parsed without verification.
type UnsafeUnwrapWebhookEventUnion = hookseal.Event

// Client is ImageKit's client, with its Webhooks service.
type Client struct {
	Options  []option.RequestOption
	Webhooks WebhookService
}

// NewClient takes the SDK's options. The webhook secret comes from WithWebhookSecret, or else
// from IMAGEKIT_WEBHOOK_SECRET, as in the SDK.
func NewClient(opts ...option.RequestOption) Client {
	return Client{Options: opts, Webhooks: NewWebhookService(opts...)}
}

// WebhookService verifies and parses ImageKit's webhooks. It is safe for concurrent use.
type WebhookService struct {
	Options []option.RequestOption
	state   *state
}

// The verifier is built once, on first use, and shared by copies of the service.
type state struct {
	once     sync.Once
	verifier *hookseal.Verifier
	err      error
}

// NewWebhookService is the service with opts applied to each call.
func NewWebhookService(opts ...option.RequestOption) WebhookService {
	return WebhookService{Options: opts, state: &state{}}
}

func configOf(opts []option.RequestOption) option.Config {
	var c option.Config
	for _, o := range opts {
		o(&c)
	}
	return c
}

func (r *WebhookService) verifier(c option.Config, perCall bool) (*hookseal.Verifier, error) {
	build := func() (*hookseal.Verifier, error) {
		p, err := hookseal.ProfileOf("imagekit")
		if err != nil {
			return nil, err
		}
		keys := c.WebhookKeys
		if !c.HasWebhookKeys {
			if s, ok := os.LookupEnv(p.SecretEnv); ok && s != "" {
				keys = []hookseal.Key{hookseal.Secret(s)}
			}
		}
		if len(keys) == 0 {
			return nil, &hookseal.Error{Code: "invalid_secret", Message: "The WebhookSecret option must be set in order to verify webhook headers (option.WithWebhookSecret, or " + p.SecretEnv + ")"}
		}
		opts := append([]hookseal.Option{hookseal.WithKeyMode(p.KeyMode)}, c.VerifierOptions...)
		guard := c.ReplayGuard
		if !c.HasReplayGuard {
			if guard, err = hookseal.ReplayGuardFromEnv(); err != nil {
				return nil, err
			}
		}
		opts = append(opts, hookseal.WithReplayGuard(guard))
		return hookseal.NewVerifierKeys(keys, opts...)
	}
	if perCall {
		return build()
	}
	if r.state == nil {
		r.state = &state{}
	}
	r.state.once.Do(func() { r.state.verifier, r.state.err = build() })
	return r.state.verifier, r.state.err
}

// Unwrap verifies the delivery (payload is the raw body, exactly as received) and returns the
// event. Errors are *hookseal.Error, with a stable Code and HTTPStatus().
func (r *WebhookService) Unwrap(payload []byte, headers http.Header, opts ...option.RequestOption) (*UnwrapWebhookEventUnion, error) {
	c := configOf(slices.Concat(r.Options, opts))
	// A per-call secret, guard or verifier option gets its own verifier; the rest share one.
	call := configOf(opts)
	v, err := r.verifier(c, call.HasWebhookKeys || call.HasReplayGuard || len(call.VerifierOptions) > 0)
	if err != nil {
		return nil, err
	}
	var vo []hookseal.VerifyOption
	if !c.Now.IsZero() {
		vo = append(vo, hookseal.WithNow(c.Now))
	}
	if c.Context != nil {
		vo = append(vo, hookseal.WithContext(c.Context))
	}
	return v.Unwrap(payload, headers, vo...)
}

// UnsafeUnwrap parses an event WITHOUT verifying it. For tests and development only.
func (r *WebhookService) UnsafeUnwrap(payload []byte, _ ...option.RequestOption) (*UnsafeUnwrapWebhookEventUnion, error) {
	return hookseal.UnsafeUnwrap(payload)
}
