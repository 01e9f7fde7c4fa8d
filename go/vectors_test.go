package hookseal_test

// Runs every case of every shared vector file (../tests/vectors/*.json, read in place, never
// copied) through the public Go API and asserts per file that it ran exactly numberOfTests cases.

import (
	"encoding/hex"
	"encoding/json"
	"errors"
	"math"
	"net/http"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	hookseal "github.com/hookseal/hookseal/go"
	"github.com/hookseal/hookseal/go/imagekit"
	"github.com/hookseal/hookseal/go/imagekit/option"
)

const vectorDir = "../tests/vectors"

type vkey struct {
	Mode     string  `json:"mode"`
	Secret   *string `json:"secret"`
	Hex      *string `json:"hex"`
	BytesHex *string `json:"bytesHex"`
}

type vstep struct {
	Headers    [][2]string `json:"headers"`
	Body       *string     `json:"body"`
	BodyHex    *string     `json:"bodyHex"`
	BodyRepeat *struct {
		Chunk string `json:"chunk"`
		Count int    `json:"count"`
	} `json:"bodyRepeat"`
	Now      *int64  `json:"now"`
	Result   string  `json:"result"`
	Code     string  `json:"code"`
	KeyIndex *int    `json:"keyIndex"`
	Event    *vevent `json:"event"`
	Then     []vstep `json:"then"`
	Options  *vopts  `json:"options"`
	Keys     []vkey  `json:"keys"`
	Op       string  `json:"operation"`
	TcID     int     `json:"tcId"`
	Comment  string  `json:"comment"`
	MsgID    string  `json:"msgId"`
	Time     int64   `json:"timestamp"`
	Sig      string  `json:"signature"`
}

type vopts struct {
	Tolerance       *int64 `json:"tolerance"`
	Legacy          *bool  `json:"legacy"`
	MaxPayloadBytes *int   `json:"maxPayloadBytes"`
	ReplayGuard     bool   `json:"replayGuard"`
}

type vevent struct {
	Type        string         `json:"type"`
	ID          *string        `json:"id"`
	Known       bool           `json:"known"`
	CreatedAtMs *int64         `json:"createdAtMs"`
	Fields      map[string]any `json:"fields"`
}

func mustHex(t *testing.T, s string) []byte {
	b, err := hex.DecodeString(s)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func keysOf(t *testing.T, ks []vkey) []hookseal.Key {
	out := make([]hookseal.Key, len(ks))
	for i, k := range ks {
		switch {
		case k.BytesHex != nil:
			out[i] = hookseal.Bytes(mustHex(t, *k.BytesHex)).Mode(hookseal.KeyMode(k.Mode))
		case k.Mode == "raw":
			out[i] = hookseal.Bytes(mustHex(t, *k.Hex)).Mode(hookseal.KeyModeRaw)
		default:
			out[i] = hookseal.Secret(*k.Secret).Mode(hookseal.KeyMode(k.Mode))
		}
	}
	return out
}

func optsOf(o *vopts) []hookseal.Option {
	var out []hookseal.Option
	if o == nil {
		return out
	}
	if o.Tolerance != nil {
		out = append(out, hookseal.WithTolerance(time.Duration(*o.Tolerance)*time.Second))
	}
	if o.Legacy != nil {
		out = append(out, hookseal.WithLegacy(*o.Legacy))
	}
	if o.MaxPayloadBytes != nil {
		out = append(out, hookseal.WithMaxPayload(*o.MaxPayloadBytes))
	}
	if o.ReplayGuard {
		out = append(out, hookseal.WithReplayGuard(hookseal.NewMemoryReplayGuard(0)))
	}
	return out
}

func bodyOf(t *testing.T, s vstep) []byte {
	switch {
	case s.Body != nil:
		return []byte(*s.Body)
	case s.BodyHex != nil:
		return mustHex(t, *s.BodyHex)
	case s.BodyRepeat != nil:
		return []byte(strings.Repeat(s.BodyRepeat.Chunk, s.BodyRepeat.Count))
	}
	return nil
}

// headersOf builds an http.Header two ways: as a server hands it over (canonical names, Add) and
// with the names exactly as sent (a raw map), alternating by case.
func headersOf(pairs [][2]string, tcID int) http.Header {
	h := http.Header{}
	for _, p := range pairs {
		if tcID%2 == 0 {
			h.Add(p[0], p[1])
		} else {
			h[p[0]] = append(h[p[0]], p[1])
		}
	}
	return h
}

// inherit: a `then` step takes what it omits from the delivery before it.
func inherit(prev, s vstep) vstep {
	out := prev
	if s.Headers != nil {
		out.Headers = s.Headers
	}
	if s.Body != nil || s.BodyHex != nil || s.BodyRepeat != nil {
		out.Body, out.BodyHex, out.BodyRepeat = s.Body, s.BodyHex, s.BodyRepeat
	}
	if s.Now != nil {
		out.Now = s.Now
	}
	return out
}

// expectOutcome compares err with a step's expectation; it returns whether the call succeeded.
func expectOutcome(t *testing.T, ctx string, s vstep, err error) bool {
	t.Helper()
	if err != nil {
		var he *hookseal.Error
		if !errors.As(err, &he) {
			t.Errorf("%s: not a *hookseal.Error: %T %v", ctx, err, err)
			return false
		}
		if !errors.Is(err, &hookseal.Error{Code: he.Code}) {
			t.Errorf("%s: errors.Is does not match its own code %s", ctx, he.Code)
		}
		if s.Result == "ok" {
			t.Errorf("%s: expected ok, got %s (%s)", ctx, he.Code, he.Message)
		} else if he.Code != s.Code {
			t.Errorf("%s: code %s, want %s (%s)", ctx, he.Code, s.Code, he.Message)
		}
		return false
	}
	if s.Result != "ok" {
		t.Errorf("%s: expected %s, got ok", ctx, s.Code)
	}
	return true
}

func get(v any, path string) (any, bool) {
	for _, k := range strings.Split(path, ".") {
		m, ok := v.(map[string]any)
		if !ok {
			return nil, false
		}
		if v, ok = m[k]; !ok {
			return nil, false
		}
	}
	return v, true
}

func same(a, b any) bool {
	if x, ok := a.(float64); ok {
		y, ok := b.(float64)
		return ok && (x == y || (math.IsNaN(x) && math.IsNaN(y)))
	}
	return reflect.DeepEqual(a, b)
}

func checkEvent(t *testing.T, ctx string, e *hookseal.Event, want *vevent) {
	t.Helper()
	if e.Type != want.Type {
		t.Errorf("%s: type %q, want %q", ctx, e.Type, want.Type)
	}
	wantID := ""
	if want.ID != nil {
		wantID = *want.ID
	}
	if e.ID != wantID {
		t.Errorf("%s: id %q, want %q", ctx, e.ID, wantID)
	}
	if e.Known() != want.Known {
		t.Errorf("%s: known %v, want %v", ctx, e.Known(), want.Known)
	}
	if want.CreatedAtMs != nil && e.CreatedAt.UnixMilli() != *want.CreatedAtMs {
		t.Errorf("%s: created_at %v (%d ms), want %d ms", ctx, e.CreatedAt, e.CreatedAt.UnixMilli(), *want.CreatedAtMs)
	}
	if want.CreatedAtMs == nil && !e.CreatedAt.IsZero() {
		t.Errorf("%s: created_at %v, want none", ctx, e.CreatedAt)
	}
	var raw any
	if err := json.Unmarshal(e.Raw, &raw); err != nil {
		t.Fatalf("%s: raw: %v", ctx, err)
	}
	// The typed event, through its JSON names, must carry the same values.
	var typed any
	if e.Known() {
		b, err := json.Marshal(e.AsAny())
		if err != nil {
			t.Fatalf("%s: typed: %v", ctx, err)
		}
		_ = json.Unmarshal(b, &typed)
	}
	for path, w := range want.Fields {
		if g, ok := get(raw, path); !ok || !same(g, w) {
			t.Errorf("%s: raw %s = %v, want %v", ctx, path, g, w)
		}
		top := strings.SplitN(path, ".", 2)[0]
		if typed != nil && slices.Contains([]string{"data", "request", "timings"}, top) {
			if g, ok := get(typed, path); !ok || !same(g, w) {
				t.Errorf("%s: typed %s = %v, want %v", ctx, path, g, w)
			}
		}
	}
}

func nowOf(s vstep) []hookseal.VerifyOption {
	if s.Now == nil {
		return nil
	}
	return []hookseal.VerifyOption{hookseal.WithNow(time.Unix(*s.Now, 0))}
}

func runCase(t *testing.T, ctx string, c vstep) {
	switch c.Op {
	case "build":
		_, err := hookseal.NewVerifierKeys(keysOf(t, c.Keys), optsOf(c.Options)...)
		expectOutcome(t, ctx, c, err)
	case "verify", "unwrap":
		steps := append([]vstep{c}, c.Then...)
		var v *hookseal.Verifier
		var client *imagekit.Client
		var buildErr error
		cur := c
		for i, s := range steps {
			cur = inherit(cur, s)
			sctx := ctx
			if i > 0 {
				sctx = ctx + " then[" + strconv.Itoa(i-1) + "]"
			}
			body, headers := bodyOf(t, cur), headersOf(cur.Headers, c.TcID+i)
			if c.Op == "verify" {
				if v == nil && buildErr == nil {
					v, buildErr = hookseal.NewVerifierKeys(keysOf(t, c.Keys), optsOf(c.Options)...)
				}
				if buildErr != nil {
					expectOutcome(t, sctx, s, buildErr)
					continue
				}
				got, err := v.Verify(body, headers, nowOf(cur)...)
				if expectOutcome(t, sctx, s, err) && s.KeyIndex != nil && got.KeyIndex != *s.KeyIndex {
					t.Errorf("%s: keyIndex %d, want %d", sctx, got.KeyIndex, *s.KeyIndex)
				}
				continue
			}
			// The ImageKit entry point, with the case's keys as the webhook secret.
			if client == nil {
				opts := []option.RequestOption{option.WithWebhookKeys(keysOf(t, c.Keys)...)}
				if c.Options != nil {
					opts = append(opts, option.WithVerifierOptions(optsOf(c.Options)...))
				}
				cl := imagekit.NewClient(opts...)
				client = &cl
			}
			event, err := client.Webhooks.Unwrap(body, headers, option.WithNow(nowTime(cur)))
			if expectOutcome(t, sctx, s, err) && s.Event != nil {
				checkEvent(t, sctx, event, s.Event)
			}
		}
	case "unsafe_unwrap":
		e, err := hookseal.UnsafeUnwrap(bodyOf(t, c))
		if expectOutcome(t, ctx, c, err) && c.Event != nil {
			checkEvent(t, ctx, e, c.Event)
		}
	case "sign", "sign_legacy":
		s, err := hookseal.NewSigner(keysOf(t, c.Keys)[0])
		var sig string
		if err == nil {
			if c.Op == "sign" {
				sig, err = s.Sign(c.MsgID, time.Unix(c.Time, 0), bodyOf(t, c))
			} else {
				sig, err = s.SignLegacy(time.UnixMilli(c.Time), bodyOf(t, c))
			}
		}
		if expectOutcome(t, ctx, c, err) && sig != c.Sig {
			t.Errorf("%s: signature %q, want %q", ctx, sig, c.Sig)
		}
	default:
		t.Errorf("%s: unknown operation %q", ctx, c.Op)
	}
}

func nowTime(s vstep) time.Time {
	if s.Now == nil {
		return time.Time{}
	}
	return time.Unix(*s.Now, 0)
}

func TestVectors(t *testing.T) {
	files, err := filepath.Glob(filepath.Join(vectorDir, "*.json"))
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, f := range files {
		if filepath.Base(f) != "schema.json" {
			names = append(names, filepath.Base(f))
		}
	}
	want := []string{"legacy.json", "replay.json", "secrets.json", "sign.json", "standard.json", "unwrap.json", "v1a.json"}
	if !slices.Equal(names, want) {
		t.Fatalf("vector files %v, want %v", names, want)
	}
	total := 0
	for _, name := range names {
		t.Run(name, func(t *testing.T) {
			raw, err := os.ReadFile(filepath.Join(vectorDir, name))
			if err != nil {
				t.Fatal(err)
			}
			var doc struct {
				NumberOfTests int     `json:"numberOfTests"`
				Tests         []vstep `json:"tests"`
			}
			if err := json.Unmarshal(raw, &doc); err != nil {
				t.Fatal(err)
			}
			ran := 0
			for _, c := range doc.Tests {
				runCase(t, name+" #"+strconv.Itoa(c.TcID)+" ("+c.Comment+")", c)
				ran++
			}
			if ran != doc.NumberOfTests || len(doc.Tests) != doc.NumberOfTests {
				t.Fatalf("%s: ran %d of numberOfTests=%d", name, ran, doc.NumberOfTests)
			}
			total += ran
		})
	}
	t.Logf("ran %d vectors", total)
}
