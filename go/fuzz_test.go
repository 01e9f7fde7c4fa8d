package hookseal_test

import (
	"errors"
	"net/http"
	"testing"
	"time"

	hookseal "github.com/hookseal/hookseal/go"
)

// Hostile input never panics and always gets a *hookseal.Error: `go test -fuzz=FuzzVerify`
// (make test runs it briefly; make fuzz-go longer).
func FuzzVerify(f *testing.F) {
	now := time.Unix(1716000000, 0)
	s, _ := hookseal.NewSigner(hookseal.Secret(secret))
	h, _ := s.Headers("msg_seed", now, fileBody)
	f.Add(fileBody, h.Get("webhook-id"), h.Get("webhook-timestamp"), h.Get("webhook-signature"), "")
	f.Add([]byte(`{"type":"video.transformation.ready","data":{}}`), "msg\x00", "1716000000", "v1,,v1a,", "t=1,v1=00")
	f.Add([]byte{0xff, 0xfe}, "", "-1", "v1,"+string(make([]byte, 300)), "t=99999999999999999999")
	v, _ := hookseal.NewVerifier([]string{secret}, hookseal.WithLegacy(true), hookseal.WithReplayGuard(hookseal.NewMemoryReplayGuard(0)))
	f.Fuzz(func(t *testing.T, body []byte, id, ts, sig, legacy string) {
		hdr := http.Header{}
		for k, val := range map[string]string{"webhook-id": id, "webhook-timestamp": ts, "webhook-signature": sig, "x-ik-signature": legacy} {
			if val != "" {
				hdr[k] = []string{val, val}[:1+len(val)%2]
			}
		}
		for _, err := range []error{
			func() error { _, e := v.Verify(body, hdr, hookseal.WithNow(now)); return e }(),
			func() error { _, e := v.Unwrap(body, hdr, hookseal.WithNow(now)); return e }(),
			func() error { _, e := hookseal.UnsafeUnwrap(body); return e }(),
		} {
			var he *hookseal.Error
			if err != nil && (!errors.As(err, &he) || he.Code == "" || he.HTTPStatus() < 400) {
				t.Fatalf("untyped error %T %v", err, err)
			}
		}
	})
}
