package hookseal_test

import (
	"context"
	"errors"
	"fmt"
	"net"
	"os"
	"os/exec"
	"sync"
	"testing"
	"time"

	"github.com/redis/go-redis/v9"

	hookseal "github.com/hookseal/hookseal/go"
)

// startRedis runs a redis-server on a free loopback port for the test. make test-go installs it
// and sets HOOKSEAL_REQUIRE_REDIS, so there the test cannot be skipped.
func startRedis(t *testing.T) *redis.Client {
	t.Helper()
	if _, err := exec.LookPath("redis-server"); err != nil {
		if os.Getenv("HOOKSEAL_REQUIRE_REDIS") != "" {
			t.Fatal("redis-server is required (make deps-redis)")
		}
		t.Skip("no redis-server")
	}
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	port := l.Addr().(*net.TCPAddr).Port
	l.Close()
	cmd := exec.Command("redis-server", "--port", fmt.Sprint(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no")
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = cmd.Process.Kill(); _ = cmd.Wait() })
	c := redis.NewClient(&redis.Options{Addr: fmt.Sprintf("127.0.0.1:%d", port)})
	for deadline := time.Now().Add(10 * time.Second); c.Ping(context.Background()).Err() != nil; {
		if time.Now().After(deadline) {
			t.Fatal("redis-server did not start")
		}
		time.Sleep(20 * time.Millisecond)
	}
	return c
}

func TestRedisGuard(t *testing.T) {
	c := startRedis(t)
	ctx := context.Background()
	now := time.Now()
	s, _ := hookseal.NewSigner(hookseal.Secret(secret))
	v, _ := hookseal.NewVerifier([]string{secret}, hookseal.WithReplayGuard(hookseal.NewRedisReplayGuard(c)))
	h := signed(t, s, "msg_redis", now, fileBody)
	if got, err := v.Verify(fileBody, h); err != nil || got.Replay != "recorded" {
		t.Fatal(got, err)
	}
	if _, err := v.Verify(fileBody, h); !errors.Is(err, hookseal.ErrReplayed) {
		t.Fatal(err)
	}
	// The key and TTL every language uses: prefix + id, 2 * tolerance + 1 s.
	if pttl := c.PTTL(ctx, "hookseal:replay:msg_redis").Val(); pttl < 600*time.Second || pttl > 601*time.Second {
		t.Fatalf("pttl %v", pttl)
	}
	// Another prefix is another application.
	other, _ := hookseal.NewVerifier([]string{secret}, hookseal.WithReplayGuard(hookseal.NewRedisReplayGuard(c, hookseal.WithPrefix("app2:"))))
	if _, err := other.Verify(fileBody, h); err != nil {
		t.Fatal(err)
	}
	// A forged delivery never reaches the store.
	forger, _ := hookseal.NewSigner(hookseal.Secret("whsec_not_the_receivers_secret___"))
	if _, err := v.Verify(fileBody, signed(t, forger, "msg_forged", now, fileBody)); !errors.Is(err, hookseal.ErrInvalidSignature) {
		t.Fatal(err)
	}
	if c.Exists(ctx, "hookseal:replay:msg_forged").Val() != 0 {
		t.Fatal("a forged id was recorded")
	}
	// Many goroutines, one id each 8 times: each accepted once.
	var wg sync.WaitGroup
	var mu sync.Mutex
	accepted := map[string]int{}
	for g := 0; g < 8; g++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; i < 50; i++ {
				id := fmt.Sprintf("msg_many_%d", i)
				if _, err := v.Verify(fileBody, signed(t, s, id, now, fileBody)); err == nil {
					mu.Lock()
					accepted[id]++
					mu.Unlock()
				} else if !errors.Is(err, hookseal.ErrReplayed) {
					t.Error(err)
				}
			}
		}()
	}
	wg.Wait()
	for i := 0; i < 50; i++ {
		if n := accepted[fmt.Sprintf("msg_many_%d", i)]; n != 1 {
			t.Fatalf("msg_many_%d accepted %d times", i, n)
		}
	}
}

func TestRedisDownFailsClosedOrOpen(t *testing.T) {
	dead := redis.NewClient(&redis.Options{Addr: "127.0.0.1:1", MaxRetries: -1})
	now := time.Now()
	s, _ := hookseal.NewSigner(hookseal.Secret(secret))
	closed, _ := hookseal.NewVerifier([]string{secret}, hookseal.WithReplayGuard(hookseal.NewRedisReplayGuard(dead)))
	_, err := closed.Verify(fileBody, signed(t, s, "msg_down", now, fileBody))
	var he *hookseal.Error
	if !errors.As(err, &he) || he.Code != "replay_guard_unavailable" || he.HTTPStatus() != 503 {
		t.Fatalf("fail closed: %v", err)
	}
	open, _ := hookseal.NewVerifier([]string{secret}, hookseal.WithReplayGuard(hookseal.NewRedisReplayGuard(dead, hookseal.WithFailOpen())))
	if got, err := open.Verify(fileBody, signed(t, s, "msg_down", now, fileBody)); err != nil || got.Replay != "unavailable" {
		t.Fatalf("fail open: %+v %v", got, err)
	}
}
