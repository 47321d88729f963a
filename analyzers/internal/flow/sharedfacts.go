package flow

import (
	"go/token"
	"go/types"
	"sort"

	"github.com/cachevet/cachevet/analyzers/internal/model"
	"golang.org/x/tools/go/ssa"
)

// SharedValue is attacker data (or unsafe construction) that a package
// stores in a shared place (see shared.go and contextvalues.go), for the
// packages that import it: a field of a request-scoped struct it
// declares, or a request context key. Each package passes on what its
// imports stored, so that a handler package reads what middleware two
// imports away stored.
type SharedValue struct {
	// Place is "field:" and the field's pkgpath.Type.Field, or "key:"
	// and the context key (see contextKey).
	Place  string
	Origin ReturnedOrigin
	// At is the first store of the value into the place, and Storer and
	// Func the short and full names of the function making it, for the
	// packages that resolve reads of the place (see sharedreads.go).
	At           Position
	Storer, Func string
}

// seedShared stores into root, the place the engine keeps for place,
// what imported packages stored there, as origins entering at pos.
func (e *engine) seedShared(root ssa.Value, place string, pos token.Pos) {
	e.sharedPlaces[root] = place
	if place != "" {
		// What packages this one does not import may store there.
		e.storeAt(root, "", Taint{e.sharedOrigin(place, pos): model.AnyUnsafe})
	}
	for _, sv := range e.cfg.Shared {
		if sv.Place != place {
			continue
		}
		ro := sv.Origin
		o := e.origin(originKey{kind: ro.Kind, pos: pos, desc: ro.Desc, via: joinVia(ro.Via)}, func(o *Origin) {
			o.Via = ro.Via
			o.Hint = ro.Hint
		})
		e.storeAt(root, "", Taint{o: ro.Bytes})
	}
}

// fieldPlace names field f of the struct ptr points to for SharedValue.
func fieldPlace(ptr types.Type, f *types.Var) string {
	if p, ok := ptr.Underlying().(*types.Pointer); ok {
		ptr = p.Elem()
	}
	if n, ok := types.Unalias(ptr).(*types.Named); ok && n.Obj().Pkg() != nil {
		return "field:" + n.Obj().Pkg().Path() + "." + n.Obj().Name() + "." + f.Name()
	}
	return ""
}

// sharedValues returns what the package and its imports stored in shared
// places that importers may read: concrete origins only, since a
// parameter means nothing outside its package.
func (e *engine) sharedValues() []SharedValue {
	type placed struct {
		place, desc, hint string
		kind              OriginKind
	}
	index := make(map[placed]int)
	var out []SharedValue
	add := func(sv SharedValue) {
		key := placed{sv.Place, sv.Origin.Desc, sv.Origin.Hint, sv.Origin.Kind}
		if i, ok := index[key]; ok {
			out[i].Origin.Bytes |= sv.Origin.Bytes
			return
		}
		index[key] = len(out)
		out = append(out, sv)
	}
	for _, sv := range e.cfg.Shared {
		add(sv)
	}
	for root, place := range e.sharedPlaces {
		if place == "" {
			continue
		}
		for o, b := range e.heapUnder(root, "") {
			if o.Kind == FromSource || o.Kind == FromConstruction {
				sv := SharedValue{Place: place, Origin: ReturnedOrigin{Kind: o.Kind, Desc: o.Desc, Hint: o.Hint, Bytes: b, Via: o.Via}}
				if st, ok := e.sharedStores[placedOrigin{place, o}]; ok {
					sv.At, sv.Storer, sv.Func = e.position(st.at), e.wrapperName(st.fn), functionName(st.fn)
				}
				add(sv)
			}
		}
	}
	sort.Slice(out, func(i, j int) bool {
		a, b := out[i], out[j]
		if a.Place != b.Place {
			return a.Place < b.Place
		}
		if a.Origin.Desc != b.Origin.Desc {
			return a.Origin.Desc < b.Origin.Desc
		}
		return a.Origin.Kind < b.Origin.Kind
	})
	return out
}
