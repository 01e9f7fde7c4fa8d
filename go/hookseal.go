// Package hookseal verifies signed webhooks (Standard Webhooks, as ImageKit sends them) with the
// same Rust core as every other hookseal package, run as WebAssembly under wazero: pure Go, no cgo,
// so `go get` works in scratch images and cross-compiles. The behaviour contract is
// docs/contract.md; every check is the core's, this package converts at the edge.
package hookseal

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"net/http"
	"strconv"
	"time"

	"github.com/hookseal/hookseal/go/internal/core"
)

// KeyMode says how a secret string becomes the HMAC key (contract §2).
type KeyMode string

const (
	// KeyModeImageKit keys the HMAC with the whole secret string, whsec_ included, as ImageKit's
	// SDKs do.
	KeyModeImageKit KeyMode = "imagekit"
	// KeyModeStandard base64-decodes the secret after whsec_, as Standard Webhooks libraries do.
	KeyModeStandard KeyMode = "standard"
	// KeyModeRaw takes the secret as the key bytes (for Bytes keys, whatever the mode).
	KeyModeRaw KeyMode = "raw"
)

// A Key is one secret a verifier accepts: a string read in its key mode, or bytes, which are the
// raw key whatever the mode (the core's rule, as in every hookseal language).
type Key struct {
	text    string
	bytes   []byte
	isBytes bool
	mode    KeyMode
}

// Secret is a secret string, read in the verifier's key mode unless Mode sets one.
func Secret(s string) Key { return Key{text: s} }

// Bytes is a raw key.
func Bytes(b []byte) Key { return Key{bytes: append([]byte(nil), b...), isBytes: true} }

// Mode sets this key's own mode (keys of several modes can rotate in one verifier).
func (k Key) Mode(m KeyMode) Key { k.mode = m; return k }

// String never shows the secret.
func (k Key) String() string { return "hookseal.Key(redacted)" }

// GoString never shows the secret (%#v).
func (k Key) GoString() string { return k.String() }

func (k Key) spec() map[string]string {
	if k.isBytes {
		return map[string]string{"hex": hex.EncodeToString(k.bytes)}
	}
	return map[string]string{"text": k.text}
}

// An Option configures a verifier (and a Webhook's signer: WithKeyMode).
type Option func(*options)

type options struct {
	keyMode    KeyMode
	tolerance  *uint64
	legacy     *bool
	maxPayload *uint64
	guard      ReplayGuard
	err        error
}

// WithKeyMode sets how secret strings are read (contract §2).
func WithKeyMode(m KeyMode) Option { return func(o *options) { o.keyMode = m } }

// WithTolerance sets how far a timestamp may be from now, in whole seconds (default 5 minutes).
func WithTolerance(d time.Duration) Option {
	return func(o *options) {
		if d < 0 {
			o.err = &Error{Code: "invalid_secret", Message: "the tolerance must not be negative"}
			return
		}
		s := uint64(d / time.Second)
		o.tolerance = &s
	}
}

// WithLegacy accepts ImageKit's legacy x-ik-signature header when no webhook-signature is sent.
func WithLegacy(on bool) Option { return func(o *options) { o.legacy = &on } }

// WithMaxPayload sets the largest accepted body in bytes.
func WithMaxPayload(n int) Option {
	return func(o *options) {
		if n < 0 {
			o.err = &Error{Code: "invalid_secret", Message: "the payload limit must not be negative"}
			return
		}
		m := uint64(n)
		o.maxPayload = &m
	}
}

// WithReplayGuard records each verified message id and refuses a second delivery of it (nil: no
// guard).
func WithReplayGuard(g ReplayGuard) Option { return func(o *options) { o.guard = g } }

// A VerifyOption changes one call.
type VerifyOption func(*verifyOptions)

type verifyOptions struct {
	now time.Time
	ctx context.Context
}

// WithNow verifies as if the clock read t (tests, replays of stored deliveries).
func WithNow(t time.Time) VerifyOption { return func(o *verifyOptions) { o.now = t } }

// WithContext bounds the replay guard's store call (a Redis round trip) by ctx.
func WithContext(ctx context.Context) VerifyOption { return func(o *verifyOptions) { o.ctx = ctx } }

// Verification is what a delivery verified as.
type Verification struct {
	// The index of the key that matched, in the order given.
	KeyIndex int
	// The signature scheme: "v1", "v1a" (Ed25519) or "legacy".
	Scheme string
	// What the replay guard did: "recorded", "not_checked" (no guard) or "unavailable" (a store
	// that fails open could not be reached).
	Replay string
	// The signed timestamp.
	Timestamp time.Time
	// The webhook-id ("" for a legacy delivery).
	ID string
}

// Verifier checks deliveries against one or more keys. It is safe for concurrent use.
type Verifier struct {
	obj        *core.Object
	guard      ReplayGuard
	keys       int
	tolerance  time.Duration
	maxPayload int
}

// NewVerifier accepts deliveries signed with any of secrets, read in the ImageKit key mode
// unless WithKeyMode says otherwise (as hookseal's Verifier in every language).
func NewVerifier(secrets []string, opts ...Option) (*Verifier, error) {
	keys := make([]Key, len(secrets))
	for i, s := range secrets {
		keys[i] = Secret(s)
	}
	return NewVerifierKeys(keys, opts...)
}

// NewVerifierKeys accepts deliveries signed with any of keys.
func NewVerifierKeys(keys []Key, opts ...Option) (*Verifier, error) {
	return newVerifier(keys, profileKeyMode("imagekit"), opts)
}

func newVerifier(keys []Key, defaultMode KeyMode, opts []Option) (*Verifier, error) {
	o := options{keyMode: defaultMode}
	for _, opt := range opts {
		opt(&o)
	}
	if o.err != nil {
		return nil, o.err
	}
	specs := make([]map[string]string, len(keys))
	modes := make([]KeyMode, len(keys))
	for i, k := range keys {
		specs[i] = k.spec()
		modes[i] = o.keyMode
		if k.mode != "" {
			modes[i] = k.mode
		}
	}
	cfg, err := json.Marshal(struct {
		Secrets    []map[string]string `json:"secrets"`
		KeyModes   []KeyMode           `json:"keyModes"`
		Tolerance  *uint64             `json:"tolerance,omitempty"`
		Legacy     *bool               `json:"legacy,omitempty"`
		MaxPayload *uint64             `json:"maxPayloadBytes,omitempty"`
	}{specs, modes, o.tolerance, o.legacy, o.maxPayload})
	if err != nil {
		return nil, fail(err)
	}
	v := &Verifier{guard: o.guard, keys: len(keys)}
	if v.obj, err = core.NewObject(v, false, cfg); err != nil {
		return nil, fail(err)
	}
	// The settings as the core resolved them (its defaults where none was given), read once.
	inst, err := core.Acquire()
	if err != nil {
		return nil, fail(err)
	}
	defer inst.Release()
	l, err := inst.Limits(v.obj)
	if err != nil {
		return nil, fail(err)
	}
	v.tolerance, v.maxPayload = time.Duration(l[0])*time.Second, int(l[1])
	return v, nil
}

// Limits reports the verifier's tolerance and largest accepted body (the core's defaults unless
// set), e.g. to bound how much of a request body to read.
func (v *Verifier) Limits() (tolerance time.Duration, maxPayload int) {
	return v.tolerance, v.maxPayload
}

// KeyCount is how many keys the verifier holds.
func (v *Verifier) KeyCount() int { return v.keys }

// Verify checks payload (the raw body, exactly as received) against headers.
func (v *Verifier) Verify(payload []byte, headers http.Header, opts ...VerifyOption) (Verification, error) {
	return v.run(payload, headers, false, opts)
}

// Unwrap verifies the delivery, checks the body is an event, runs the replay guard, and returns
// the event.
func (v *Verifier) Unwrap(payload []byte, headers http.Header, opts ...VerifyOption) (*Event, error) {
	if _, err := v.run(payload, headers, true, opts); err != nil {
		return nil, err
	}
	e, err := newEvent(payload)
	return e, fail(err)
}

// Options go through a pointer; kept out of run so that run's copy stays on the stack.
func applyVerifyOptions(opts []VerifyOption) verifyOptions {
	var o verifyOptions
	for _, opt := range opts {
		opt(&o)
	}
	return o
}

func (v *Verifier) run(payload []byte, headers http.Header, unwrap bool, opts []VerifyOption) (Verification, error) {
	var o verifyOptions
	if len(opts) > 0 {
		o = applyVerifyOptions(opts)
	}
	if o.ctx == nil {
		o.ctx = context.Background()
	}
	if o.now.IsZero() {
		o.now = time.Now()
	}
	now := o.now.Unix()
	inst, err := core.Acquire()
	if err != nil {
		return Verification{}, fail(err)
	}
	defer inst.Release()
	if v.guard == nil {
		got, err := inst.Verify(v.obj, payload, headers, now, unwrap)
		return verification(got), fail(err)
	}
	// The core verifies; the store (in Go) answers for the id; the core decides what that means.
	p, err := inst.Begin(v.obj, payload, headers, now, unwrap)
	if err != nil {
		return Verification{}, fail(err)
	}
	outcome, gerr := v.guard.CheckAndRecord(o.ctx, p.Key, time.Unix(now, 0), time.Duration(p.TTL)*time.Second)
	code, msg := core.Recorded, ""
	switch {
	case gerr != nil:
		code, msg = core.StoreFailed, gerr.Error()
	case outcome == Replayed:
		code = core.Replayed
	case outcome == Unavailable:
		code = core.Unavailable
	}
	got, err := inst.Finish(code, msg)
	return verification(got), fail(err)
}

func verification(v core.Verified) Verification {
	return Verification{KeyIndex: v.KeyIndex, Scheme: v.Scheme, Replay: v.Replay, Timestamp: time.Unix(v.Timestamp, 0), ID: v.ID}
}

// UnsafeUnwrap parses an event WITHOUT verifying it, by the same rules as Unwrap. For tests and
// development only: anyone can send your endpoint a body.
func UnsafeUnwrap(payload []byte) (*Event, error) {
	inst, err := core.Acquire()
	if err != nil {
		return nil, fail(err)
	}
	err = inst.CheckEvent(payload)
	inst.Release()
	if err != nil {
		return nil, fail(err)
	}
	e, err := newEvent(payload)
	return e, fail(err)
}

// Signer signs deliveries (tests, and senders). It is safe for concurrent use.
type Signer struct{ obj *core.Object }

// NewSigner signs with key, a secret read in the ImageKit key mode unless WithKeyMode says
// otherwise.
func NewSigner(key Key, opts ...Option) (*Signer, error) {
	return newSigner(key, profileKeyMode("imagekit"), opts)
}

func newSigner(key Key, defaultMode KeyMode, opts []Option) (*Signer, error) {
	o := options{keyMode: defaultMode}
	for _, opt := range opts {
		opt(&o)
	}
	if key.mode != "" {
		o.keyMode = key.mode
	}
	cfg, err := json.Marshal(map[string]any{"secret": key.spec(), "keyMode": o.keyMode})
	if err != nil {
		return nil, fail(err)
	}
	s := &Signer{}
	if s.obj, err = core.NewObject(s, true, cfg); err != nil {
		return nil, fail(err)
	}
	return s, nil
}

// Sign returns the webhook-signature value for msgID, timestamp and payload.
func (s *Signer) Sign(msgID string, timestamp time.Time, payload []byte) (string, error) {
	inst, err := core.Acquire()
	if err != nil {
		return "", fail(err)
	}
	defer inst.Release()
	sig, err := inst.Sign(s.obj, msgID, timestamp.Unix(), payload)
	return sig, fail(err)
}

// SignLegacy returns the legacy x-ik-signature value for timestamp and payload.
func (s *Signer) SignLegacy(timestamp time.Time, payload []byte) (string, error) {
	inst, err := core.Acquire()
	if err != nil {
		return "", fail(err)
	}
	defer inst.Release()
	sig, err := inst.SignLegacy(s.obj, timestamp.UnixMilli(), payload)
	return sig, fail(err)
}

// Headers signs payload as a delivery: webhook-id (msgID, or a fresh one if ""), webhook-timestamp
// and webhook-signature, ready for a test request.
func (s *Signer) Headers(msgID string, timestamp time.Time, payload []byte) (http.Header, error) {
	if msgID == "" {
		var err error
		if msgID, err = FreshMessageID(); err != nil {
			return nil, err
		}
	}
	sig, err := s.Sign(msgID, timestamp, payload)
	if err != nil {
		return nil, err
	}
	h := http.Header{}
	h.Set("webhook-id", msgID)
	h.Set("webhook-timestamp", strconv.FormatInt(timestamp.Unix(), 10))
	h.Set("webhook-signature", sig)
	return h, nil
}

// FreshMessageID is a new random msg_… id, in the core's format.
func FreshMessageID() (string, error) {
	seed := make([]byte, 24)
	_, _ = rand.Read(seed)
	inst, err := core.Acquire()
	if err != nil {
		return "", fail(err)
	}
	defer inst.Release()
	_, id, err := inst.Text(core.MessageID, seed)
	return id, fail(err)
}

// Webhook is the Standard Webhooks reference library's shape: one secret, read in the standard
// key mode (base64 after whsec_) unless WithKeyMode says otherwise.
type Webhook struct {
	*Verifier
	signer *Signer
}

// NewWebhook is standardwebhooks.NewWebhook with hookseal's checks.
func NewWebhook(secret string, opts ...Option) (*Webhook, error) {
	return newWebhook(Secret(secret), opts)
}

// NewWebhookRaw takes the key bytes, as standardwebhooks.NewWebhookRaw.
func NewWebhookRaw(secret []byte, opts ...Option) (*Webhook, error) {
	return newWebhook(Bytes(secret), opts)
}

func newWebhook(k Key, opts []Option) (*Webhook, error) {
	mode := profileKeyMode("standard")
	v, err := newVerifier([]Key{k}, mode, opts)
	if err != nil {
		return nil, err
	}
	s, err := newSigner(k, mode, opts)
	if err != nil {
		return nil, err
	}
	return &Webhook{Verifier: v, signer: s}, nil
}

// Sign returns the webhook-signature value, as standardwebhooks' (*Webhook).Sign.
func (w *Webhook) Sign(msgID string, timestamp time.Time, payload []byte) (string, error) {
	return w.signer.Sign(msgID, timestamp, payload)
}

// Profile is what an entry point reads by default: its key mode and environment variables.
type Profile struct {
	KeyMode        KeyMode
	SecretEnv      string
	ReplayGuardEnv string
}

// ProfileOf is the core's profile "imagekit" or "standard".
func ProfileOf(name string) (Profile, error) {
	inst, err := core.Acquire()
	if err != nil {
		return Profile{}, fail(err)
	}
	defer inst.Release()
	_, out, err := inst.Text(core.Profile, []byte(name))
	if err != nil {
		return Profile{}, fail(err)
	}
	var p [3]string
	if err := json.Unmarshal([]byte(out), &p); err != nil {
		return Profile{}, fail(err)
	}
	return Profile{KeyMode: KeyMode(p[0]), SecretEnv: p[1], ReplayGuardEnv: p[2]}, nil
}

func profileKeyMode(name string) KeyMode {
	p, err := ProfileOf(name)
	if err != nil {
		return KeyModeImageKit
	}
	return p.KeyMode
}

// SampleBody is the core's sample body of a known event type (what the CLI and every language's
// test helpers send), or false for an unknown type.
func SampleBody(eventType string) ([]byte, bool) {
	inst, err := core.Acquire()
	if err != nil {
		return nil, false
	}
	defer inst.Release()
	r, out, err := inst.Text(core.SampleBody, []byte(eventType))
	return []byte(out), err == nil && r == 1
}

// EventTypeNames are the event types the core knows (the same list as EventTypes, from the core).
func EventTypeNames() []string { return core.EventTypes() }
