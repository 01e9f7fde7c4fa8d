package hookseal

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"runtime"
	"strings"
	"time"

	"github.com/redis/go-redis/v9"

	"github.com/hookseal/hookseal/go/internal/core"
)

// GuardOutcome is what a replay store says about a message id.
type GuardOutcome int

const (
	// Recorded: the first delivery of this id; it is now recorded.
	Recorded GuardOutcome = iota
	// Replayed: the id was recorded before and has not expired.
	Replayed
	// Unavailable: the store could not be reached and fails open; the delivery is accepted
	// without a replay check (Verification.Replay says "unavailable").
	Unavailable
)

// ReplayGuard is a store that checks and records message ids in one atomic step. The verifier
// asks it only after a signature verified, for the id and time to live the core gives (twice the
// tolerance plus a second, contract §5). An error refuses the delivery with
// replay_guard_unavailable (fail closed): the sender retries later.
type ReplayGuard interface {
	CheckAndRecord(ctx context.Context, id string, now time.Time, ttl time.Duration) (GuardOutcome, error)
}

// MemoryReplayGuard is the core's in-memory guard for a single receiver process: bounded, and
// failing closed when it is full of ids that have not expired (rather than forgetting one early).
type MemoryReplayGuard struct {
	g   *core.Guard
	err error
}

// NewMemoryReplayGuard keeps at most capacity ids (0: the core's default, 100,000).
func NewMemoryReplayGuard(capacity int) *MemoryReplayGuard {
	g, err := core.NewGuard(capacity)
	m := &MemoryReplayGuard{g: g, err: err}
	if g != nil {
		// The guard's instance goes when the guard does.
		runtime.AddCleanup(m, func(g *core.Guard) { g.Close() }, g)
	}
	return m
}

// CheckAndRecord implements ReplayGuard.
func (m *MemoryReplayGuard) CheckAndRecord(_ context.Context, id string, now time.Time, ttl time.Duration) (GuardOutcome, error) {
	if m.err != nil {
		return Recorded, fail(m.err)
	}
	replayed, err := m.g.Check(id, now.Unix(), int64(ttl/time.Second))
	if err != nil {
		return Recorded, fail(err)
	}
	if replayed {
		return Replayed, nil
	}
	return Recorded, nil
}

// Len is how many ids are held (expired ones included until the next check prunes them).
func (m *MemoryReplayGuard) Len() int {
	if m.g == nil {
		return 0
	}
	return m.g.Stat(0)
}

// Cap is the most ids held at once.
func (m *MemoryReplayGuard) Cap() int {
	if m.g == nil {
		return 0
	}
	return m.g.Stat(1)
}

// DefaultRedisPrefix is the key prefix every hookseal language uses, so Go, Python and Node
// receivers share one Redis.
const DefaultRedisPrefix = "hookseal:replay:"

// RedisReplayGuard records ids in Redis with one `SET prefix+id 1 NX PX ttl`, for receivers that
// run as several processes or machines. It fails closed unless WithFailOpen.
type RedisReplayGuard struct {
	client   redis.UniversalClient
	prefix   string
	timeout  time.Duration
	failOpen bool
}

// A RedisOption configures a RedisReplayGuard.
type RedisOption func(*RedisReplayGuard)

// WithPrefix sets the key prefix (default DefaultRedisPrefix).
func WithPrefix(p string) RedisOption { return func(g *RedisReplayGuard) { g.prefix = p } }

// WithFailOpen accepts deliveries without a replay check while Redis cannot be reached.
func WithFailOpen() RedisOption { return func(g *RedisReplayGuard) { g.failOpen = true } }

// WithRedisTimeout bounds each command (default 500 ms, as the other languages).
func WithRedisTimeout(d time.Duration) RedisOption {
	return func(g *RedisReplayGuard) { g.timeout = d }
}

// NewRedisReplayGuard uses client (a *redis.Client, a cluster or a ring).
func NewRedisReplayGuard(client redis.UniversalClient, opts ...RedisOption) *RedisReplayGuard {
	g := &RedisReplayGuard{client: client, prefix: DefaultRedisPrefix, timeout: 500 * time.Millisecond}
	for _, o := range opts {
		o(g)
	}
	return g
}

// CheckAndRecord implements ReplayGuard. Redis expires keys on its own clock: now is unused.
func (g *RedisReplayGuard) CheckAndRecord(ctx context.Context, id string, _ time.Time, ttl time.Duration) (GuardOutcome, error) {
	if g.timeout > 0 {
		var cancel context.CancelFunc
		ctx, cancel = context.WithTimeout(ctx, g.timeout)
		defer cancel()
	}
	ms := ttl.Milliseconds()
	if ms < 1 {
		ms = 1
	}
	err := g.client.Do(ctx, "SET", g.prefix+id, 1, "NX", "PX", ms).Err()
	switch {
	case err == nil:
		return Recorded, nil
	case errors.Is(err, redis.Nil):
		return Replayed, nil
	case g.failOpen:
		return Unavailable, nil
	default:
		return Recorded, fmt.Errorf("the replay guard's Redis did not answer (%v); the delivery was refused so the sender retries", err)
	}
}

// ReplayGuardFromSetting builds the guard a HOOKSEAL_REPLAY_GUARD value names (contract §5):
// "" or "off" (nil, no guard), "memory", "memory:N", or a redis://, rediss:// or redis+unix://
// URL, optionally followed by #fail-open. The core parses it; a bad value is
// replay_guard_unavailable.
func ReplayGuardFromSetting(spec string) (ReplayGuard, error) {
	inst, err := core.Acquire()
	if err != nil {
		return nil, fail(err)
	}
	_, out, err := inst.Text(core.GuardSetting, []byte(spec))
	inst.Release()
	if err != nil {
		return nil, fail(err)
	}
	var s struct {
		Kind     string `json:"kind"`
		Capacity int    `json:"capacity"`
		URL      string `json:"url"`
		FailOpen bool   `json:"failOpen"`
	}
	if err := json.Unmarshal([]byte(out), &s); err != nil {
		return nil, fail(err)
	}
	switch s.Kind {
	case "memory":
		return NewMemoryReplayGuard(s.Capacity), nil
	case "redis":
		// go-redis names the unix-socket scheme unix://.
		u := s.URL
		if rest, ok := strings.CutPrefix(u, "redis+unix://"); ok {
			u = "unix://" + rest
		}
		opt, err := redis.ParseURL(u)
		if err != nil {
			return nil, &Error{Code: "replay_guard_unavailable", Message: "invalid Redis URL in the replay guard setting"}
		}
		var opts []RedisOption
		if s.FailOpen {
			opts = append(opts, WithFailOpen())
		}
		return NewRedisReplayGuard(redis.NewClient(opt), opts...), nil
	}
	return nil, nil
}

// ReplayGuardFromEnv is ReplayGuardFromSetting of the HOOKSEAL_REPLAY_GUARD variable.
func ReplayGuardFromEnv() (ReplayGuard, error) {
	p, err := ProfileOf("imagekit")
	if err != nil {
		return nil, err
	}
	return ReplayGuardFromSetting(os.Getenv(p.ReplayGuardEnv))
}
