package core

import (
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/binary"
	"hash"

	"github.com/tetratelabs/wazero"
	"github.com/tetratelabs/wazero/api"
)

// The core's HMAC-SHA256 runs here, in Go's assembly SHA-256, instead of as WebAssembly (about
// 150 MB/s under wazero): the module is built with `--features host-hmac` and imports
// hookseal_host.hmac_sha256. Only the primitive: what is signed and the comparison stay in the core.

type instanceKey struct{}

// maxKeyedMacs bounds each instance's cache of keyed HMAC states (a process that makes verifiers
// for ever new secrets must not grow it for ever).
const maxKeyedMacs = 16

func addHostModule(ctx context.Context, rt wazero.Runtime) error {
	i32 := api.ValueTypeI32
	_, err := rt.NewHostModuleBuilder("hookseal_host").
		NewFunctionBuilder().
		WithGoModuleFunction(api.GoModuleFunc(hostHMAC), []api.ValueType{i32, i32, i32, i32, i32}, nil).
		Export("hmac_sha256").
		Instantiate(ctx)
	return err
}

// hostHMAC(key, keyLen, parts, n, out): the tag of the n (ptr, len) byte ranges at parts, under
// the key, written at out. A range outside memory is never read (the tag is then all zero, which
// no signature matches); nothing here can panic.
func hostHMAC(ctx context.Context, mod api.Module, stack []uint64) {
	mem := mod.Memory()
	inst, _ := ctx.Value(instanceKey{}).(*Instance)
	if inst == nil {
		inst = &Instance{macs: map[string]hash.Hash{}}
	}
	key, ok := mem.Read(api.DecodeU32(stack[0]), api.DecodeU32(stack[1]))
	n := api.DecodeU32(stack[3])
	spans, ok2 := mem.Read(api.DecodeU32(stack[2]), n*8)
	out := api.DecodeU32(stack[4])
	sum := inst.macSum[:] // the instance's: a local array would escape to the heap
	clear(sum)
	if ok && ok2 && n <= 64 {
		h := inst.keyedMac(key)
		for i := uint32(0); i < n; i++ {
			p := binary.LittleEndian.Uint32(spans[8*i:])
			l := binary.LittleEndian.Uint32(spans[8*i+4:])
			part, ok := mem.Read(p, l)
			if !ok {
				h = nil
				break
			}
			h.Write(part)
		}
		if h != nil {
			h.Sum(sum[:0])
		}
	}
	mem.Write(out, sum)
}

// keyedMac is a reset HMAC state for key, kept per instance (an instance runs one call at a time,
// so no lock): keying costs two SHA-256 blocks and allocations, resetting a kept one neither.
func (inst *Instance) keyedMac(key []byte) hash.Hash {
	if h, ok := inst.macs[string(key)]; ok {
		h.Reset()
		return h
	}
	if len(inst.macs) >= maxKeyedMacs {
		clear(inst.macs)
	}
	h := hmac.New(sha256.New, key)
	inst.macs[string(key)] = h
	return h
}
