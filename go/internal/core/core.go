// Package core runs hookseal's Rust core, compiled to WebAssembly (the module the npm package
// ships), under wazero: pure Go, no cgo. It is conversion only: every check is the core's. The ABI
// is documented in bindings/wasm/src/lib.rs.
//
// A wazero instance is not safe for concurrent calls, so instances live in a pool and each call
// takes one for its duration. Objects (verifiers, signers) are created lazily in each instance
// that runs them, from the configuration their Go value keeps.
package core

import (
	"bytes"
	"context"
	_ "embed"
	"encoding/binary"
	"encoding/json"
	"fmt"
	"hash"
	"math"
	"net/http"
	"runtime"
	"strconv"
	"sync"
	"sync/atomic"

	"github.com/tetratelabs/wazero"
	"github.com/tetratelabs/wazero/api"
)

// The module, byte for byte what `make go-wasm` builds (CI fails on a stale copy).
//
//go:embed hookseal.wasm
var wasmModule []byte

// Fail is an error the core returned: its stable code and its message.
type Fail struct {
	Code    string
	Message string
}

func (f *Fail) Error() string { return f.Message }

const (
	fnInput = iota
	fnOutputPtr
	fnOutputLen
	fnErrorCodes
	fnHTTPStatuses
	fnEventTypes
	fnProfile
	fnSampleBody
	fnMessageID
	fnCheckEvent
	fnGuardNew
	fnGuardStat
	fnGuardCheck
	fnGuardSetting
	fnVerifierNew
	fnVerify
	fnUnwrap
	fnVerifyBegin
	fnVerifyFinish
	fnVerifierLimits
	fnSignerNew
	fnSign
	fnSignLegacy
	fnFree
	fnCount
)

var fnNames = [fnCount]string{
	"hs_input", "hs_output_ptr", "hs_output_len", "hs_error_codes", "hs_http_statuses",
	"hs_event_types", "hs_profile", "hs_sample_body",
	"hs_message_id", "hs_check_event", "hs_guard_new", "hs_guard_stat", "hs_guard_check",
	"hs_guard_setting", "hs_verifier_new", "hs_verify", "hs_unwrap",
	"hs_verify_begin", "hs_verify_finish", "hs_verifier_limits", "hs_signer_new", "hs_sign", "hs_sign_legacy", "hs_free",
}

type engine struct {
	rt       wazero.Runtime
	compiled wazero.CompiledModule
	free     chan *Instance

	// Tables read once from the core.
	codes    []string
	statuses []int
	types    []string

	mu    sync.Mutex
	alive map[uint64]bool
	gen   atomic.Uint64
}

var (
	once   sync.Once
	eng    *engine
	engErr error
	nextID atomic.Uint64
)

func get() (*engine, error) {
	once.Do(func() { eng, engErr = start() })
	return eng, engErr
}

func start() (*engine, error) {
	ctx := context.Background()
	// The compiler where wazero has one (amd64, arm64), its interpreter elsewhere.
	rt := wazero.NewRuntimeWithConfig(ctx, wazero.NewRuntimeConfig())
	if err := addHostModule(ctx, rt); err != nil {
		return nil, fmt.Errorf("hookseal: the host functions did not start: %w", err)
	}
	compiled, err := rt.CompileModule(ctx, wasmModule)
	if err != nil {
		return nil, fmt.Errorf("hookseal: the embedded core did not compile: %w", err)
	}
	e := &engine{rt: rt, compiled: compiled, free: make(chan *Instance, 4*runtime.GOMAXPROCS(0)), alive: map[uint64]bool{}}
	inst, err := e.instantiate()
	if err != nil {
		return nil, err
	}
	defer e.put(inst)
	for _, t := range []struct {
		fn  int
		dst any
	}{{fnErrorCodes, &e.codes}, {fnHTTPStatuses, &e.statuses}, {fnEventTypes, &e.types}} {
		if _, err := inst.call(t.fn); err != nil {
			return nil, err
		}
		if err := json.Unmarshal(inst.output(), t.dst); err != nil {
			return nil, fmt.Errorf("hookseal: the embedded core answered %s oddly: %w", fnNames[t.fn], err)
		}
	}
	return e, nil
}

// Instance is one instantiation of the module with its own memory and handle table.
type Instance struct {
	e       *engine
	ctx     context.Context // carries the instance to the host HMAC
	mod     api.Module
	mem     api.Memory
	fns     [fnCount]api.Function
	stack   [8]uint64
	handles map[uint64]int32
	gen     uint64
	broken  bool
	macs    map[string]hash.Hash
	macSum  [32]byte
}

func (e *engine) instantiate() (*Instance, error) {
	ctx := context.Background()
	// Anonymous, so the one compiled module can be instantiated as often as goroutines need.
	mod, err := e.rt.InstantiateModule(ctx, e.compiled, wazero.NewModuleConfig().WithName(""))
	if err != nil {
		return nil, fmt.Errorf("hookseal: the embedded core did not start: %w", err)
	}
	inst := &Instance{e: e, mod: mod, mem: mod.Memory(), handles: map[uint64]int32{}, macs: map[string]hash.Hash{}}
	inst.ctx = context.WithValue(ctx, instanceKey{}, inst)
	for i, name := range fnNames {
		if inst.fns[i] = mod.ExportedFunction(name); inst.fns[i] == nil {
			_ = mod.Close(ctx)
			return nil, fmt.Errorf("hookseal: the embedded core lacks %s (a stale hookseal.wasm?)", name)
		}
	}
	return inst, nil
}

// Acquire takes an instance from the pool (or makes one); Release gives it back.
func Acquire() (*Instance, error) {
	e, err := get()
	if err != nil {
		return nil, err
	}
	select {
	case inst := <-e.free:
		inst.sweep()
		return inst, nil
	default:
		return e.instantiate()
	}
}

// Release returns the instance to the pool; an instance beyond the pool's size is closed.
func (inst *Instance) Release() { inst.e.put(inst) }

func (e *engine) put(inst *Instance) {
	if inst.broken {
		_ = inst.mod.Close(context.Background())
		return
	}
	select {
	case e.free <- inst:
	default:
		_ = inst.mod.Close(context.Background())
	}
}

// sweep frees the handles of objects whose Go values were collected.
func (inst *Instance) sweep() {
	g := inst.e.gen.Load()
	if g == inst.gen {
		return
	}
	inst.e.mu.Lock()
	for id, h := range inst.handles {
		if !inst.e.alive[id] {
			inst.stack[0] = api.EncodeI32(h)
			_ = inst.fns[fnFree].CallWithStack(inst.ctx, inst.stack[:])
			delete(inst.handles, id)
		}
	}
	inst.e.mu.Unlock()
	inst.gen = g
}

// call runs an export with the given parameters; a negative result is the core's error.
func (inst *Instance) call(fn int, params ...uint64) (int32, error) {
	copy(inst.stack[:], params)
	if err := inst.fns[fn].CallWithStack(inst.ctx, inst.stack[:]); err != nil {
		// A trap (out of memory): this instance is no longer usable (Release closes it); never a
		// panic for the caller.
		inst.broken = true
		return 0, &Fail{Code: "invalid_payload", Message: "hookseal: the core stopped: " + err.Error()}
	}
	r := api.DecodeI32(inst.stack[0])
	if r >= 0 {
		return r, nil
	}
	code := "invalid_payload"
	if i := int(-1 - r); i < len(inst.e.codes) {
		code = inst.e.codes[i]
	}
	return r, &Fail{Code: code, Message: string(inst.output())}
}

// output is a view of the last call's output, valid until the next call.
func (inst *Instance) output() []byte {
	_ = inst.fns[fnOutputPtr].CallWithStack(inst.ctx, inst.stack[:])
	ptr := uint32(inst.stack[0])
	_ = inst.fns[fnOutputLen].CallWithStack(inst.ctx, inst.stack[:])
	n := uint32(inst.stack[0])
	b, _ := inst.mem.Read(ptr, n)
	return b
}

// input makes the input buffer n bytes long and returns it as a view into the module's memory.
func (inst *Instance) input(n int) ([]byte, error) {
	if n < 0 || n > math.MaxUint32 {
		return nil, &Fail{Code: "payload_too_large", Message: "request larger than 4 GiB"}
	}
	if _, err := inst.call(fnInput, uint64(n)); err != nil {
		return nil, err
	}
	ptr := uint32(inst.stack[0])
	b, ok := inst.mem.Read(ptr, uint32(n))
	if !ok {
		return nil, &Fail{Code: "payload_too_large", Message: "request larger than the core's memory"}
	}
	return b, nil
}

// write puts the parts one after another into the input buffer.
func (inst *Instance) write(parts ...[]byte) error {
	n := 0
	for _, p := range parts {
		n += len(p)
	}
	buf, err := inst.input(n)
	if err != nil {
		return err
	}
	at := 0
	for _, p := range parts {
		at += copy(buf[at:], p)
	}
	return nil
}

// Tables the core reports (empty if the embedded module did not start: every call that needs
// the core returns that error instead).

func ErrorCodes() []string { return tables(func(e *engine) []string { return e.codes }) }
func EventTypes() []string { return tables(func(e *engine) []string { return e.types }) }

func tables(pick func(*engine) []string) []string {
	e, err := get()
	if err != nil {
		return nil
	}
	return append([]string(nil), pick(e)...)
}

// HTTPStatus is the status the core gives an error code (400 for one it does not know).
func HTTPStatus(code string) int {
	if e, err := get(); err == nil {
		for i, c := range e.codes {
			if c == code && i < len(e.statuses) {
				return e.statuses[i]
			}
		}
	}
	return http.StatusBadRequest
}

// Object is a verifier or signer configuration with an id; each instance makes its own handle
// from it on first use. The owner (the Go value users hold) releases it when collected.
type Object struct {
	id     uint64
	signer bool
	config []byte
}

// NewObject checks cfg by creating it once, and registers it until owner is collected.
func NewObject[T any](owner *T, signer bool, cfg []byte) (*Object, error) {
	e, err := get()
	if err != nil {
		return nil, err
	}
	o := &Object{id: nextID.Add(1), signer: signer, config: cfg}
	inst, err := Acquire()
	if err != nil {
		return nil, err
	}
	defer inst.Release()
	e.mu.Lock()
	e.alive[o.id] = true
	e.mu.Unlock()
	if _, err := inst.handle(o); err != nil {
		o.forget()
		return nil, err
	}
	runtime.AddCleanup(owner, func(o *Object) { o.forget() }, o)
	return o, nil
}

func (o *Object) forget() {
	e, err := get()
	if err != nil {
		return
	}
	e.mu.Lock()
	delete(e.alive, o.id)
	e.mu.Unlock()
	e.gen.Add(1)
}

func (inst *Instance) handle(o *Object) (int32, error) {
	if h, ok := inst.handles[o.id]; ok {
		return h, nil
	}
	if err := inst.write(o.config); err != nil {
		return 0, err
	}
	fn := fnVerifierNew
	if o.signer {
		fn = fnSignerNew
	}
	h, err := inst.call(fn, uint64(len(o.config)), 0)
	if err != nil {
		return 0, err
	}
	inst.handles[o.id] = h
	return h, nil
}

// Delivery writes a body and headers into the input: the headers as (u32 LE length, bytes) for
// each name and value, every value of a repeated name in turn (the core decides what repeats mean).
func (inst *Instance) delivery(body []byte, headers http.Header) (uint32, uint32, error) {
	hn := 0
	for name, values := range headers {
		for _, v := range values {
			hn += 8 + len(name) + len(v)
		}
	}
	buf, err := inst.input(len(body) + hn)
	if err != nil {
		return 0, 0, err
	}
	at := copy(buf, body)
	for name, values := range headers {
		for _, v := range values {
			binary.LittleEndian.PutUint32(buf[at:], uint32(len(name)))
			at += 4 + copy(buf[at+4:], name)
			binary.LittleEndian.PutUint32(buf[at:], uint32(len(v)))
			at += 4 + copy(buf[at+4:], v)
		}
	}
	return uint32(len(body)), uint32(hn), nil
}

// Verified is what a delivery verified as.
type Verified struct {
	KeyIndex  int
	Scheme    string
	Replay    string
	Timestamp int64
	ID        string
}

func (inst *Instance) verified() (Verified, error) {
	// keyIndex\0scheme\0replay\0timestamp[\0id], read without allocating but for the id.
	out := inst.output()
	var p [4][]byte
	for i := range p {
		j := bytes.IndexByte(out, 0)
		if j < 0 {
			if i < 3 {
				return Verified{}, &Fail{Code: "invalid_payload", Message: "hookseal: the core answered verify oddly"}
			}
			p[i], out = out, nil
			break
		}
		p[i], out = out[:j], out[j+1:]
	}
	v := Verified{KeyIndex: int(atoi(p[0])), Scheme: intern(p[1]), Replay: intern(p[2]), Timestamp: atoi(p[3])}
	if len(out) > 0 {
		v.ID = string(out)
	}
	return v, nil
}

// The core's scheme and replay names: one string each, not one per delivery.
var names = map[string]string{}

func init() {
	for _, n := range []string{"v1", "v1a", "legacy", "not_checked", "new", "replayed", "unavailable"} {
		names[n] = n
	}
}

func intern(b []byte) string {
	if s, ok := names[string(b)]; ok {
		return s
	}
	return string(b)
}

// atoi reads the core's non-negative decimals (0 for anything else).
func atoi(b []byte) int64 {
	var n int64
	for _, c := range b {
		if c < '0' || c > '9' || n > (math.MaxInt64-9)/10 {
			return 0
		}
		n = n*10 + int64(c-'0')
	}
	return n
}

// Pending is a delivery whose signature verified, waiting for the host's replay store.
type Pending struct {
	Key string
	TTL int64
}

// prepare writes a delivery for the verifier o: the parameters every verify export starts with.
// An array, not a slice: it stays on the stack.
func (inst *Instance) prepare(o *Object, body []byte, headers http.Header, now int64) ([6]uint64, error) {
	h, err := inst.handle(o)
	if err != nil {
		return [6]uint64{}, err
	}
	bl, hl, err := inst.delivery(body, headers)
	if err != nil {
		return [6]uint64{}, err
	}
	// handle, body length, headers length, now, the (u32-prefixed) headers form; the sixth is
	// hs_verify_begin's unwrap flag.
	return [6]uint64{api.EncodeI32(h), uint64(bl), uint64(hl), api.EncodeF64(float64(now)), 0}, nil
}

// Verify checks a delivery with the verifier o at now (unix seconds), with the guard the core
// holds for it (none: the Go package keeps its guards itself, see Begin). unwrap also checks that
// the body is an event; hs_unwrap answers with the key index only.
func (inst *Instance) Verify(o *Object, body []byte, headers http.Header, now int64, unwrap bool) (Verified, error) {
	params, err := inst.prepare(o, body, headers, now)
	if err != nil {
		return Verified{}, err
	}
	if unwrap {
		r, err := inst.call(fnUnwrap, params[:5]...)
		return Verified{KeyIndex: int(r), Replay: "not_checked"}, err
	}
	if _, err := inst.call(fnVerify, params[:5]...); err != nil {
		return Verified{}, err
	}
	return inst.verified()
}

// Begin checks a delivery except for the replay guard: the caller asks its store about the
// pending delivery's key and must then call Finish on the same instance.
func (inst *Instance) Begin(o *Object, body []byte, headers http.Header, now int64, unwrap bool) (Pending, error) {
	params, err := inst.prepare(o, body, headers, now)
	if err != nil {
		return Pending{}, err
	}
	if unwrap {
		params[5] = 1
	}
	if _, err := inst.call(fnVerifyBegin, params[:]...); err != nil {
		return Pending{}, err
	}
	// replayKey\0ttl (the key may hold anything but NUL: it is split at the last one).
	out := inst.output()
	i := bytes.LastIndexByte(out, 0)
	ttl, perr := strconv.ParseInt(string(out[i+1:]), 10, 64)
	if i < 0 || perr != nil {
		return Pending{}, &Fail{Code: "invalid_payload", Message: "hookseal: the core answered verify oddly"}
	}
	return Pending{Key: string(out[:i]), TTL: ttl}, nil
}

// Limits are a verifier's settings: tolerance (s), largest body (bytes), replay TTL (s).
func (inst *Instance) Limits(o *Object) ([3]int64, error) {
	var out [3]int64
	h, err := inst.handle(o)
	if err != nil {
		return out, err
	}
	if _, err := inst.call(fnVerifierLimits, api.EncodeI32(h)); err != nil {
		return out, err
	}
	for i, p := range bytes.SplitN(inst.output(), []byte{0}, 3) {
		out[i], _ = strconv.ParseInt(string(p), 10, 64)
	}
	return out, nil
}

// Outcome of a host replay store, as hs_verify_finish takes it.
const (
	Recorded    = 0
	Replayed    = 1
	Unavailable = 2
	StoreFailed = 3
)

// Finish completes the delivery Verify(begin) left pending, with the store's answer.
func (inst *Instance) Finish(outcome int, message string) (Verified, error) {
	n := 0
	if outcome == StoreFailed {
		if err := inst.write([]byte(message)); err != nil {
			return Verified{}, err
		}
		n = len(message)
	}
	if _, err := inst.call(fnVerifyFinish, uint64(outcome), uint64(n)); err != nil {
		return Verified{}, err
	}
	return inst.verified()
}

// CheckEvent checks that body is an event by the core's rules (unsafe_unwrap's).
func (inst *Instance) CheckEvent(body []byte) error {
	if err := inst.write(body); err != nil {
		return err
	}
	_, err := inst.call(fnCheckEvent, uint64(len(body)))
	return err
}

// Sign returns the webhook-signature entry for id, timestamp and body.
func (inst *Instance) Sign(o *Object, id string, timestamp int64, body []byte) (string, error) {
	h, err := inst.handle(o)
	if err != nil {
		return "", err
	}
	if err := inst.write([]byte(id), body); err != nil {
		return "", err
	}
	if _, err := inst.call(fnSign, api.EncodeI32(h), uint64(len(id)), api.EncodeF64(float64(timestamp)), uint64(len(body))); err != nil {
		return "", err
	}
	return string(inst.output()), nil
}

// SignLegacy returns the x-ik-signature value for timestampMs and body.
func (inst *Instance) SignLegacy(o *Object, timestampMs int64, body []byte) (string, error) {
	h, err := inst.handle(o)
	if err != nil {
		return "", err
	}
	if err := inst.write(body); err != nil {
		return "", err
	}
	if _, err := inst.call(fnSignLegacy, api.EncodeI32(h), api.EncodeF64(float64(timestampMs)), uint64(len(body))); err != nil {
		return "", err
	}
	return string(inst.output()), nil
}

// The exports that take one string and answer with text.
const (
	Profile      = fnProfile
	SampleBody   = fnSampleBody
	MessageID    = fnMessageID
	GuardSetting = fnGuardSetting
)

// Text calls one of those exports with in; it returns the result code and the output.
func (inst *Instance) Text(fn int, in []byte) (int32, string, error) {
	if err := inst.write(in); err != nil {
		return 0, "", err
	}
	r, err := inst.call(fn, uint64(len(in)))
	if err != nil {
		return r, "", err
	}
	return r, string(inst.output()), nil
}

// A Guard is the core's in-memory replay guard, in one instance of its own behind a mutex, so
// every goroutine (whatever pool instance verified its delivery) consults the same ids.
type Guard struct {
	mu     sync.Mutex
	inst   *Instance
	handle int32
}

// NewGuard makes an in-memory guard holding at most capacity ids (0: the core's default).
func NewGuard(capacity int) (*Guard, error) {
	e, err := get()
	if err != nil {
		return nil, err
	}
	inst, err := e.instantiate()
	if err != nil {
		return nil, err
	}
	if capacity < 0 || capacity > math.MaxInt32 {
		capacity = 0
	}
	h, err := inst.call(fnGuardNew, uint64(capacity))
	if err != nil {
		_ = inst.mod.Close(context.Background())
		return nil, err
	}
	g := &Guard{inst: inst, handle: h}
	return g, nil
}

// Close releases the guard's instance.
func (g *Guard) Close() {
	g.mu.Lock()
	defer g.mu.Unlock()
	if g.inst != nil {
		_ = g.inst.mod.Close(context.Background())
		g.inst = nil
	}
}

// Check records id for ttl seconds from now unless it is held: replayed is true for a held id.
func (g *Guard) Check(id string, now, ttl int64) (replayed bool, err error) {
	g.mu.Lock()
	defer g.mu.Unlock()
	if g.inst == nil {
		return false, &Fail{Code: "replay_guard_unavailable", Message: "the in-memory replay guard was closed"}
	}
	if err := g.inst.write([]byte(id)); err != nil {
		return false, err
	}
	r, err := g.inst.call(fnGuardCheck, api.EncodeI32(g.handle), uint64(len(id)), api.EncodeF64(float64(now)), api.EncodeF64(float64(ttl)))
	return r == 1, err
}

// Stat is the guard's size (which 0) or capacity (which 1).
func (g *Guard) Stat(which int) int {
	g.mu.Lock()
	defer g.mu.Unlock()
	if g.inst == nil {
		return 0
	}
	r, _ := g.inst.call(fnGuardStat, api.EncodeI32(g.handle), uint64(which))
	return int(r)
}
