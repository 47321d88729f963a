package flow

import (
	"go/types"
	"slices"

	"github.com/cachevet/cachevet/analyzers/internal/model"
	"github.com/cachevet/cachevet/analyzers/internal/ssautil"
	"golang.org/x/tools/go/ssa"
)

// SinkInfo describes the key sink a hit reaches.
type SinkInfo struct {
	// Name is "(*memcache.Client).Get" or `a hand-written memcached "get" command`.
	Name       string
	Shape      model.KeyShape
	Validating bool
	// HandWritten: the key is part of a command line the program writes.
	HandWritten bool
	// Via lists the wrappers between the reported call and the sink,
	// outermost first; empty when the call is the sink itself.
	Via []string
}

// checkSinks checks every key that the call puts into a memcache command.
func (e *engine) checkSinks(call ssa.CallInstruction) {
	c := call.Common()
	as := args(c)
	ce := e.calleeOf(c)
	ks, ok := e.keySinks[ce.name]
	if !ok {
		ks, ok = e.clientSink(c)
	}
	if ok {
		if ks.Arg < len(as) {
			info := SinkInfo{Name: ks.Short, Shape: ks.Shape, Validating: ks.Client.ValidatesKeys}
			e.checkKey(call, as[ks.Arg], e.keyTaint(as[ks.Arg], ks.Shape, call), info, model.AnyUnsafe)
			e.checkLength(call, as[ks.Arg], info, MaxKeyLength, 1, 1)
			if ks.Shape == model.ItemKey {
				e.checkItemValue(call, as[ks.Arg], info)
			}
		}
		return
	}
	if kind := ce.row().Write; kind != 0 {
		e.checkHandWritten(call, kind, as)
		return
	}
	if ce.obj != nil && slices.Contains(model.WriteMethods, ce.obj.Name()) && len(as) == 2 && e.isProtocolWriter(as[0]) {
		e.checkHandWritten(call, model.WriteData, as)
		return
	}
	if ce.row().Modelled() {
		return
	}
	sums, _ := e.summariesOf(c, ce)
	for _, s := range sums {
		for _, ps := range s.Sinks {
			if ps.Param >= len(as) {
				continue
			}
			info := SinkInfo{Name: ps.Sink, Shape: ps.Shape, Validating: ps.Validating, HandWritten: ps.HandWritten, Via: ps.Via}
			arg := as[ps.Param]
			var t Taint
			if ps.Path == "" {
				t = e.keyTaint(arg, ps.Shape, call)
			} else {
				t = e.readPath(arg, ps.Path, call)
			}
			e.checkKey(call, arg, t, info, ps.Bytes)
		}
		for _, vs := range s.ValueSinks {
			if vs.Param >= len(as) {
				continue
			}
			info := SinkInfo{Name: vs.Sink, Via: vs.Via}
			arg := as[vs.Param]
			switch {
			case vs.Item:
				e.checkItemValue(call, arg, info)
			case vs.Encoder != "" && vs.Path == "":
				if enc, ok := encoderNamed(vs.Encoder); ok {
					e.checkValue(call, arg, e.encoded(arg, enc, call), info)
				}
			default:
				// A part of an argument: the sensitive fields it holds
				// travel in its taint.
				e.checkValue(call, arg, e.readPath(arg, vs.Path, call), info)
			}
		}
		for _, pb := range s.LenSinks {
			if pb.Param >= len(as) {
				continue
			}
			info := SinkInfo{Name: pb.Sink, Shape: model.KeyString, Validating: pb.Validating, HandWritten: pb.HandWritten, Via: pb.Via}
			if pb.Path == "" {
				e.checkLength(call, as[pb.Param], info, pb.Budget, pb.Num, pb.Den)
			} else {
				e.checkLengthOf(call, as[pb.Param], e.partLength(as[pb.Param], pb.Path, call), pb.Num, pb.Den, nil, info, pb.Budget)
			}
		}
	}
}

// keyTaint reads the key out of a sink argument of the given shape.
func (e *engine) keyTaint(arg ssa.Value, shape model.KeyShape, at ssa.Instruction) Taint {
	if shape != model.ItemKey {
		return e.read(arg, at)
	}
	root, path := e.addr(arg)
	t := e.heapUnder(root, path+"."+model.ItemKeyField)
	mergeInto(&t, e.vals[root], model.AnyUnsafe)
	if root != arg {
		mergeInto(&t, e.vals[arg], model.AnyUnsafe)
	}
	return t
}

// checkKey records what reaches a key: concrete origins become hits, the
// parameters of the enclosing functions become sinks in their summaries.
func (e *engine) checkKey(call ssa.CallInstruction, key ssa.Value, t Taint, info SinkInfo, m model.ByteSet) {
	t = e.guarded(t, call.Block())
	for _, o := range t.sorted() {
		bytes := t[o]
		bytes &= m
		if bytes == 0 {
			continue
		}
		if o.Kind == FromParam {
			ps := ParamSink{
				Param:       o.Param,
				Path:        o.Path,
				Bytes:       bytes,
				Shape:       paramShape(o.Fn.Params[o.Param].Type(), info.Shape),
				Sink:        info.Name,
				Validating:  info.Validating,
				HandWritten: info.HandWritten,
				Via:         append([]string{wrapperName(o.Fn)}, info.Via...),
			}
			if e.summary(o.Fn).addSink(ps) {
				e.changed = true
			}
			continue
		}
		if !e.reporting {
			continue
		}
		h := hitAt(e.hitIndex, &e.hits, hitKey{call, key}, func() *Hit {
			h := &Hit{Call: call, Sink: info, Key: key, Taint: Taint{}}
			if info.Shape == model.ItemKey {
				h.ItemKeyStores = e.itemKeyStores(call.Parent(), key)
			}
			return h
		})
		h.Taint[o] |= bytes
	}
}

func isItemPointer(t types.Type) bool {
	if p, ok := t.Underlying().(*types.Pointer); ok {
		if n, ok := types.Unalias(p.Elem()).(*types.Named); ok && n.Obj().Name() == "Item" {
			return true
		}
	}
	return false
}

func paramIndex(p *ssa.Parameter) int {
	for i, q := range p.Parent().Params {
		if q == p {
			return i
		}
	}
	return -1
}

func wrapperName(fn *ssa.Function) string {
	for fn.Parent() != nil {
		fn = fn.Parent()
	}
	if obj, ok := fn.Object().(*types.Func); ok {
		return shortName(obj)
	}
	return fn.Name()
}

// paramShape is the shape of a wrapper parameter that reaches a sink: the
// Item itself, a list of keys, or (the usual case) a string the key is
// built from.
func paramShape(t types.Type, sinkShape model.KeyShape) model.KeyShape {
	if sinkShape == model.ItemKey {
		if p, ok := t.Underlying().(*types.Pointer); ok {
			if n, ok := types.Unalias(p.Elem()).(*types.Named); ok && n.Obj().Name() == "Item" {
				return model.ItemKey
			}
		}
	}
	if s, ok := t.Underlying().(*types.Slice); ok && ssautil.IsString(s.Elem()) {
		return model.KeyList
	}
	return model.KeyString
}

// itemKeyStores finds the stores to the Key field of the item.
func (e *engine) itemKeyStores(fn *ssa.Function, item ssa.Value) []*ssa.Store {
	return e.fieldStores(fn, item, model.ItemKeyField)
}

// fieldStores finds the stores to a field of the item in fn and its closures.
func (e *engine) fieldStores(fn *ssa.Function, item ssa.Value, field string) []*ssa.Store {
	root, path := e.addr(item)
	want := path + "." + field
	var out []*ssa.Store
	for _, f := range e.funcs {
		if f != fn && f.Parent() != fn {
			continue
		}
		for _, b := range f.Blocks {
			for _, instr := range b.Instrs {
				st, ok := instr.(*ssa.Store)
				if !ok {
					continue
				}
				if r, p := e.addr(st.Addr); r == root && p == want {
					out = append(out, st)
				}
			}
		}
	}
	return out
}
