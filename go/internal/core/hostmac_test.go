package core

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"fmt"
	"hash"
	"testing"
)

// The embedded module computes its tags through hostHMAC, and they are Go's HMAC-SHA256.
func TestTagsComeFromTheHostHMAC(t *testing.T) {
	type owner struct{}
	o := &owner{}
	obj, err := NewObject(o, true, []byte(`{"secret":{"text":"whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"},"keyMode":"standard"}`))
	if err != nil {
		t.Fatal(err)
	}
	inst, err := Acquire()
	if err != nil {
		t.Fatal(err)
	}
	defer inst.Release()
	clear(inst.macs)
	got, err := inst.Sign(obj, "msg_1", 1700000000, []byte("{}"))
	if err != nil {
		t.Fatal(err)
	}
	key, _ := base64.StdEncoding.DecodeString("MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw")
	m := hmac.New(sha256.New, key)
	m.Write([]byte("msg_1.1700000000.{}"))
	if want := "v1," + base64.StdEncoding.EncodeToString(m.Sum(nil)); got != want {
		t.Fatalf("sign: got %s, want %s", got, want)
	}
	if _, ok := inst.macs[string(key)]; !ok || len(inst.macs) != 1 {
		t.Fatalf("the tag was not computed by the host HMAC (%d keyed states)", len(inst.macs))
	}
}

// More secrets than the cache holds: it never grows past its bound, and a kept state is reset
// before reuse.
func TestKeyedMacCacheIsBoundedAndReset(t *testing.T) {
	inst := &Instance{macs: map[string]hash.Hash{}}
	for round := 0; round < 2; round++ {
		for i := 0; i < 3*maxKeyedMacs; i++ {
			key := []byte(fmt.Sprintf("key-%d", i%(maxKeyedMacs/2+i%2*maxKeyedMacs)))
			h := inst.keyedMac(key)
			h.Write([]byte("body"))
			want := hmac.New(sha256.New, key)
			want.Write([]byte("body"))
			if !hmac.Equal(h.Sum(nil), want.Sum(nil)) {
				t.Fatalf("round %d, key %q: wrong tag", round, key)
			}
			if len(inst.macs) > maxKeyedMacs {
				t.Fatalf("%d keyed states kept, bound %d", len(inst.macs), maxKeyedMacs)
			}
		}
	}
}
