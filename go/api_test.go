package hookseal_test

import (
	"context"
	"encoding/base64"
	"errors"
	"fmt"
	"net/http"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	standardwebhooks "github.com/standard-webhooks/standard-webhooks/libraries/go"

	hookseal "github.com/hookseal/hookseal/go"
)

const secret = "whsec_xeO2UNkfKMQnfJf7Q/Qx+fYptL1wabXd"

var fileBody = []byte(`{"id":"evt_1","type":"file.deleted","created_at":"2024-05-18T02:40:00Z","data":{"fileId":"abc"}}`)

func signed(t testing.TB, s *hookseal.Signer, id string, at time.Time, body []byte) http.Header {
	t.Helper()
	h, err := s.Headers(id, at, body)
	if err != nil {
		t.Fatal(err)
	}
	return h
}

func TestSentinelsAreTheCoresCodes(t *testing.T) {
	var got []string
	for _, s := range hookseal.Sentinels {
		got = append(got, s.Code)
	}
	if !slices.Equal(got, hookseal.ErrorCodes()) {
		t.Fatalf("sentinels %v, core codes %v", got, hookseal.ErrorCodes())
	}
	want := map[string]int{"missing_header": 401, "invalid_header": 400, "invalid_timestamp": 400,
		"timestamp_too_old": 401, "timestamp_too_new": 401, "invalid_signature": 401, "invalid_secret": 500,
		"invalid_payload": 400, "payload_too_large": 413, "replayed": 401, "replay_guard_unavailable": 503}
	for _, s := range hookseal.Sentinels {
		if s.HTTPStatus() != want[s.Code] {
			t.Errorf("%s: status %d, want %d", s.Code, s.HTTPStatus(), want[s.Code])
		}
	}
}

func TestEveryErrorCodeIsReachableAndMatchesItsSentinel(t *testing.T) {
	now := time.Unix(1716000000, 0)
	s, _ := hookseal.NewSigner(hookseal.Secret(secret))
	guard := hookseal.NewMemoryReplayGuard(1)
	v, err := hookseal.NewVerifier([]string{secret}, hookseal.WithMaxPayload(200), hookseal.WithReplayGuard(guard))
	if err != nil {
		t.Fatal(err)
	}
	ok := signed(t, s, "msg_ok", now, fileBody)
	with := func(k, val string) http.Header { h := ok.Clone(); h.Set(k, val); return h }
	without := func(k string) http.Header { h := ok.Clone(); h.Del(k); return h }
	big := []byte(`{"type":"x","pad":"` + strings.Repeat("a", 300) + `"}`)
	notEvent := []byte(`[1,2]`)
	_, secretErr := hookseal.NewVerifier([]string{""})
	cases := []struct {
		sentinel *hookseal.Error
		err      func() error
	}{
		{hookseal.ErrMissingHeader, func() error { _, e := v.Verify(fileBody, without("webhook-id"), hookseal.WithNow(now)); return e }},
		{hookseal.ErrInvalidHeader, func() error {
			h := ok.Clone()
			h.Add("webhook-id", "msg_conflicting")
			_, e := v.Verify(fileBody, h, hookseal.WithNow(now))
			return e
		}},
		{hookseal.ErrInvalidTimestamp, func() error {
			_, e := v.Verify(fileBody, with("webhook-timestamp", "soon"), hookseal.WithNow(now))
			return e
		}},
		{hookseal.ErrTimestampTooOld, func() error { _, e := v.Verify(fileBody, ok, hookseal.WithNow(now.Add(time.Hour))); return e }},
		{hookseal.ErrTimestampTooNew, func() error { _, e := v.Verify(fileBody, ok, hookseal.WithNow(now.Add(-time.Hour))); return e }},
		{hookseal.ErrInvalidSignature, func() error { _, e := v.Verify(append([]byte(" "), fileBody...), ok, hookseal.WithNow(now)); return e }},
		{hookseal.ErrInvalidSecret, func() error { return secretErr }},
		{hookseal.ErrInvalidPayload, func() error {
			_, e := v.Unwrap(notEvent, signed(t, s, "msg_arr", now, notEvent), hookseal.WithNow(now))
			return e
		}},
		{hookseal.ErrPayloadTooLarge, func() error {
			_, e := v.Verify(big, signed(t, s, "msg_big", now, big), hookseal.WithNow(now))
			return e
		}},
		{hookseal.ErrReplayed, func() error {
			if _, e := v.Verify(fileBody, ok, hookseal.WithNow(now)); e != nil {
				return e
			}
			_, e := v.Verify(fileBody, ok, hookseal.WithNow(now))
			return e
		}},
		// The guard holds one id (msg_ok): a second one finds it full.
		{hookseal.ErrReplayGuardUnavailable, func() error {
			_, e := v.Verify(fileBody, signed(t, s, "msg_other", now, fileBody), hookseal.WithNow(now))
			return e
		}},
	}
	for _, c := range cases {
		err := c.err()
		var he *hookseal.Error
		if !errors.As(err, &he) || he.Code != c.sentinel.Code || !errors.Is(err, c.sentinel) {
			t.Errorf("%s: got %v (%T)", c.sentinel.Code, err, err)
			continue
		}
		for _, other := range hookseal.Sentinels {
			if other != c.sentinel && errors.Is(err, other) {
				t.Errorf("%s also matches %s", c.sentinel.Code, other.Code)
			}
		}
		if he.Message == "" || strings.Contains(he.Message, secret) {
			t.Errorf("%s: message %q", c.sentinel.Code, he.Message)
		}
	}
}

func TestSecretsNeverPrint(t *testing.T) {
	k := hookseal.Secret(secret)
	for _, s := range []string{fmt.Sprint(k), fmt.Sprintf("%v %+v %#v %s", k, k, k, k)} {
		if strings.Contains(s, "xeO2") {
			t.Fatalf("secret printed: %s", s)
		}
	}
	v, _ := hookseal.NewVerifier([]string{secret})
	if strings.Contains(fmt.Sprintf("%v %+v %#v", v, v, v), "xeO2") {
		t.Fatal("verifier prints its secret")
	}
	_, err := hookseal.NewVerifier([]string{"whsec_%%%"}, hookseal.WithKeyMode(hookseal.KeyModeStandard))
	if err == nil || strings.Contains(err.Error(), "%%%") {
		t.Fatalf("bad secret error %v", err)
	}
}

// NewWebhook reads the secret as the Standard Webhooks reference library does: each verifies the
// other's signatures.
func TestWebhookInteroperatesWithTheReferenceLibrary(t *testing.T) {
	std := "whsec_" + base64.StdEncoding.EncodeToString([]byte("a 24-byte reference key!"))
	ref, err := standardwebhooks.NewWebhook(std)
	if err != nil {
		t.Fatal(err)
	}
	ours, err := hookseal.NewWebhook(std)
	if err != nil {
		t.Fatal(err)
	}
	now := time.Now()
	sig, err := ref.Sign("msg_ref", now, fileBody)
	if err != nil {
		t.Fatal(err)
	}
	h := http.Header{}
	h.Set("webhook-id", "msg_ref")
	h.Set("webhook-timestamp", fmt.Sprint(now.Unix()))
	h.Set("webhook-signature", sig)
	got, err := ours.Verify(fileBody, h)
	if err != nil || got.ID != "msg_ref" || got.Scheme != "v1" || got.Replay != "not_checked" || got.Timestamp.Unix() != now.Unix() {
		t.Fatalf("ours on the reference's signature: %+v %v", got, err)
	}
	mine, err := ours.Sign("msg_ours", now, fileBody)
	if err != nil || mine != func() string { s, _ := ref.Sign("msg_ours", now, fileBody); return s }() {
		t.Fatalf("signatures differ: %s %v", mine, err)
	}
	h.Set("webhook-id", "msg_ours")
	h.Set("webhook-signature", mine)
	if err := ref.Verify(fileBody, h); err != nil {
		t.Fatalf("the reference on ours: %v", err)
	}
	raw, _ := hookseal.NewWebhookRaw([]byte("a 24-byte reference key!"))
	if _, err := raw.Verify(fileBody, h); err != nil {
		t.Fatalf("NewWebhookRaw: %v", err)
	}
}

func TestUnwrapTypesTheEvent(t *testing.T) {
	now := time.Unix(1716000000, 0)
	s, _ := hookseal.NewSigner(hookseal.Secret(secret))
	v, _ := hookseal.NewVerifier([]string{"whsec_old_secret_rotated_out_____", secret})
	e, err := v.Unwrap(fileBody, signed(t, s, "", now, fileBody), hookseal.WithNow(now))
	if err != nil {
		t.Fatal(err)
	}
	if e.Type != "file.deleted" || e.ID != "evt_1" || !e.Known() || e.AsFileDeleteEvent().Data.FileID != "abc" ||
		e.CreatedAt.Unix() != 1716000000 || e.AsFileCreateEvent().Type != "" || e.RawJSON() != string(fileBody) {
		t.Fatalf("event %+v", e)
	}
	if _, ok := e.AsAny().(hookseal.FileDeleteEvent); !ok {
		t.Fatalf("AsAny %T", e.AsAny())
	}
	unknown := []byte(`{"type":"file.archived","id":"evt_2","data":{"x":1}}`)
	u, err := v.Unwrap(unknown, signed(t, s, "", now, unknown), hookseal.WithNow(now))
	if err != nil || u.Known() || u.AsAny() != nil || u.Type != "file.archived" {
		t.Fatalf("unknown event %+v %v", u, err)
	}
	if got := hookseal.EventTypeNames(); !slices.Equal(got, hookseal.EventTypes) {
		t.Fatalf("generated event types %v, core %v", hookseal.EventTypes, got)
	}
	tol, max := v.Limits()
	if tol != 5*time.Minute || max != 1<<20 {
		t.Fatalf("limits %v %d", tol, max)
	}
}

// Many goroutines verify at once through the pool of instances; with one shared guard, each of
// the 200 ids is accepted exactly once however the deliveries interleave.
func TestConcurrentVerification(t *testing.T) {
	now := time.Now()
	s, _ := hookseal.NewSigner(hookseal.Secret(secret))
	v, _ := hookseal.NewVerifier([]string{secret}, hookseal.WithReplayGuard(hookseal.NewMemoryReplayGuard(0)))
	plain, _ := hookseal.NewVerifier([]string{secret})
	const ids, workers = 200, 32
	headers := make([]http.Header, ids)
	for i := range headers {
		headers[i] = signed(t, s, fmt.Sprintf("msg_c%d", i), now, fileBody)
	}
	var accepted, replayed, other atomic.Int64
	var wg sync.WaitGroup
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func(w int) {
			defer wg.Done()
			for i := 0; i < ids; i++ {
				h := headers[(i+w*7)%ids]
				if _, err := plain.Verify(fileBody, h); err != nil {
					other.Add(1)
				}
				_, err := v.Verify(fileBody, h)
				switch {
				case err == nil:
					accepted.Add(1)
				case errors.Is(err, hookseal.ErrReplayed):
					replayed.Add(1)
				default:
					other.Add(1)
				}
			}
		}(w)
	}
	wg.Wait()
	if accepted.Load() != ids || replayed.Load() != ids*(workers-1) || other.Load() != 0 {
		t.Fatalf("accepted %d replayed %d other %d", accepted.Load(), replayed.Load(), other.Load())
	}
}

// A custom store: the Verifier asks it only after the signature verified, for the core's TTL.
type recordingStore struct {
	mu   sync.Mutex
	seen map[string]time.Duration
	down bool
}

func (r *recordingStore) CheckAndRecord(_ context.Context, id string, _ time.Time, ttl time.Duration) (hookseal.GuardOutcome, error) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.down {
		return hookseal.Recorded, errors.New("store down")
	}
	if _, ok := r.seen[id]; ok {
		return hookseal.Replayed, nil
	}
	r.seen[id] = ttl
	return hookseal.Recorded, nil
}

func TestCustomStoreSeesOnlyVerifiedIdsWithTheCoresTTL(t *testing.T) {
	now := time.Now()
	s, _ := hookseal.NewSigner(hookseal.Secret(secret))
	other, _ := hookseal.NewSigner(hookseal.Secret("whsec_someone_else_entirely_____"))
	store := &recordingStore{seen: map[string]time.Duration{}}
	v, _ := hookseal.NewVerifier([]string{secret}, hookseal.WithReplayGuard(store), hookseal.WithTolerance(60*time.Second))
	if _, err := v.Verify(fileBody, signed(t, other, "msg_forged", now, fileBody)); !errors.Is(err, hookseal.ErrInvalidSignature) {
		t.Fatal(err)
	}
	got, err := v.Verify(fileBody, signed(t, s, "msg_real", now, fileBody))
	if err != nil || got.Replay != "recorded" {
		t.Fatal(got, err)
	}
	if len(store.seen) != 1 || store.seen["msg_real"] != 121*time.Second {
		t.Fatalf("store saw %v", store.seen)
	}
	store.down = true
	_, err = v.Verify(fileBody, signed(t, s, "msg_later", now, fileBody))
	var he *hookseal.Error
	if !errors.As(err, &he) || he.Code != "replay_guard_unavailable" || he.HTTPStatus() != 503 || !strings.Contains(he.Message, "store down") {
		t.Fatalf("store down: %v", err)
	}
}

func TestReplayGuardSettings(t *testing.T) {
	for spec, want := range map[string]string{"": "<nil>", "off": "<nil>", "memory": "*hookseal.MemoryReplayGuard",
		"memory:5": "*hookseal.MemoryReplayGuard", "redis://127.0.0.1:1/0#fail-open": "*hookseal.RedisReplayGuard"} {
		g, err := hookseal.ReplayGuardFromSetting(spec)
		if err != nil || fmt.Sprintf("%T", g) != want && !(want == "<nil>" && g == nil) {
			t.Errorf("%q: %T %v", spec, g, err)
		}
	}
	if g, _ := hookseal.ReplayGuardFromSetting("memory:5"); g.(*hookseal.MemoryReplayGuard).Cap() != 5 {
		t.Error("capacity")
	}
	for _, bad := range []string{"memory:0", "memcached://x", "redis"} {
		if _, err := hookseal.ReplayGuardFromSetting(bad); !errors.Is(err, hookseal.ErrReplayGuardUnavailable) {
			t.Errorf("%q: %v", bad, err)
		}
	}
	t.Setenv("HOOKSEAL_REPLAY_GUARD", "memory:7")
	if g, err := hookseal.ReplayGuardFromEnv(); err != nil || g.(*hookseal.MemoryReplayGuard).Cap() != 7 {
		t.Errorf("env: %v %v", g, err)
	}
}
