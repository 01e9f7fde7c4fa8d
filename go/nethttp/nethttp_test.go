package nethttp_test

import (
	"bytes"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	hookseal "github.com/hookseal/hookseal/go"
	"github.com/hookseal/hookseal/go/nethttp"
)

const secret = "whsec_nethttp-middleware-secret"

func TestMiddleware(t *testing.T) {
	v, err := hookseal.NewVerifier([]string{secret}, hookseal.WithMaxPayload(4096), hookseal.WithReplayGuard(hookseal.NewMemoryReplayGuard(0)))
	if err != nil {
		t.Fatal(err)
	}
	calls := 0
	srv := httptest.NewServer(nethttp.Middleware(v)(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		calls++
		e, ok := nethttp.EventFrom(r.Context())
		if !ok {
			t.Error("no event in the context")
			return
		}
		_, _ = io.WriteString(w, e.Type+" "+e.AsFileCreateEvent().Data.FileID)
	})))
	defer srv.Close()
	s, _ := hookseal.NewSigner(hookseal.Secret(secret))
	body, _ := hookseal.SampleBody("file.created")
	h, _ := s.Headers("", time.Now(), body)
	send := func(body []byte, h http.Header) (int, string, map[string]string) {
		req, _ := http.NewRequest(http.MethodPost, srv.URL, bytes.NewReader(body))
		for k, vs := range h {
			req.Header[k] = vs
		}
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		raw, _ := io.ReadAll(resp.Body)
		var j map[string]string
		_ = json.Unmarshal(raw, &j)
		return resp.StatusCode, string(raw), j
	}
	if code, out, _ := send(body, h); code != 200 || !strings.HasPrefix(out, "file.created ") || len(out) <= len("file.created ") {
		t.Fatalf("verified delivery: %d %q", code, out)
	}
	cases := []struct {
		name   string
		body   []byte
		h      http.Header
		status int
		code   string
	}{
		{"replay", body, h, 401, "replayed"},
		{"tampered", append([]byte(" "), body...), h, 401, "invalid_signature"},
		{"unsigned", body, http.Header{}, 401, "missing_header"},
		{"too large", bytes.Repeat([]byte("a"), 10000), must(s.Headers("", time.Now(), bytes.Repeat([]byte("a"), 10000))), 413, "payload_too_large"},
	}
	for _, c := range cases {
		status, _, j := send(c.body, c.h)
		if status != c.status || j["code"] != c.code || j["error"] == "" {
			t.Errorf("%s: %d %v", c.name, status, j)
		}
	}
	if calls != 1 {
		t.Fatalf("next ran %d times", calls)
	}
}

func must(h http.Header, err error) http.Header {
	if err != nil {
		panic(err)
	}
	return h
}
