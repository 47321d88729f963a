package flow

import (
	"go/token"

	"golang.org/x/tools/go/ssa"
)

type originKey struct {
	kind  OriginKind
	pos   token.Pos
	desc  string
	fn    *ssa.Function
	param int
	path  string
	via   string
}

// origin returns the unique origin for key, creating it with init.
func (e *engine) origin(key originKey, init func(*Origin)) *Origin {
	if o, ok := e.origins[key]; ok {
		return o
	}
	o := &Origin{Kind: key.kind, Pos: key.pos, Desc: key.desc, Fn: key.fn, Param: key.param, Path: key.path, id: len(e.origins)}
	if init != nil {
		init(o)
	}
	e.origins[key] = o
	return o
}

// paramOrigin returns the origin of part path of parameter i of fn, as
// encoded by enc ("" for none).
func (e *engine) paramOrigin(fn *ssa.Function, i int, path, enc string) *Origin {
	desc := ""
	if enc != "" {
		desc = "encoded:" + enc
	}
	return e.origin(originKey{kind: FromParam, fn: fn, param: i, path: path, desc: desc}, func(o *Origin) {
		o.Desc = "parameter " + fn.Params[i].Name() + path
		o.Path = path
		o.Encoder = enc
	})
}

// decodedParam returns the decoded form of parameter origin o (see
// Origin.Decoded).
func (e *engine) decodedParam(o *Origin) *Origin {
	return e.origin(originKey{kind: FromParam, fn: o.Fn, param: o.Param, path: o.Path, desc: "decoded"}, func(d *Origin) {
		d.Desc = o.Desc
		d.Path = o.Path
		d.Decoded = true
	})
}

// construction returns the origin of unsafe bytes a call site makes up.
func (e *engine) construction(at ssa.Instruction, key, desc, hint string, made Construction) *Origin {
	return e.origin(originKey{kind: FromConstruction, pos: at.Pos(), desc: key}, func(o *Origin) {
		o.Desc = desc
		o.Hint = hint
		o.Made = made
	})
}
