package flow

import (
	"go/token"
	"go/types"
	"reflect"
	"slices"

	"github.com/cachevet/cachevet/analyzers/internal/model"
	"golang.org/x/tools/go/ssa"
)

// CachedQuery is a query through an ORM handle on which a memcached-backed
// query cache is installed, whose rows hold sensitive fields: one
// sensitivedata diagnostic per query call and model type.
type CachedQuery struct {
	Call ssa.CallInstruction
	// Query names the query method: "(*gorm.DB).Find".
	Query string
	// Install is the call that installed the cache, Cache its name.
	Install ssa.CallInstruction
	Cache   string
	// Store is the user's method the cache stores the rows through, and
	// Sink the memcache call that method stores them with.
	Store *types.Func
	Sink  string
	// Model is the type of the rows, Encoding how the cache writes them.
	Model    types.Type
	Encoding string
	Fields   []SensitiveField
}

// cacheInstall is a cache installed on a handle.
type cacheInstall struct {
	call  ssa.CallInstruction
	row   model.CacheInstall
	store *types.Func
	sink  string
}

// handleID identifies an ORM handle across the functions of the package:
// the value a constructor returned, or the field, package variable or
// function result it is kept in.
type handleID struct {
	v      ssa.Value
	field  *types.Var
	global *ssa.Global
	fn     *ssa.Function
}

// checkCachedQueries finds the memcached-backed query caches installed on
// ORM handles and reports the queries through those handles whose rows
// hold sensitive fields. It runs once the summaries are final: whether a
// cache stores into memcached is the summary of its store method.
func (e *engine) checkCachedQueries() {
	if !e.mayInstallCaches() {
		return
	}
	installs := map[handleID][]cacheInstall{}
	var made []cacheInstall
	var queries []ssa.CallInstruction
	for _, fn := range e.funcs {
		for _, b := range fn.Blocks {
			for _, instr := range b.Instrs {
				call, ok := instr.(ssa.CallInstruction)
				if !ok {
					continue
				}
				ce := e.calleeOf(call.Common())
				if row, ok := model.CacheInstalls[ce.name]; ok {
					as := args(call.Common())
					if in, ok := e.memcachedCache(call, row, as); ok {
						switch {
						case row.Target == model.MadeHandle:
							made = append(made, in)
						case row.Target < len(as):
							for _, id := range e.handleKept(as[row.Target]) {
								installs[id] = append(installs[id], in)
							}
						}
					}
				}
				if _, ok := model.QueryDests[ce.name]; ok {
					queries = append(queries, call)
				}
			}
		}
	}
	for _, call := range queries {
		ce := e.calleeOf(call.Common())
		as := args(call.Common())
		dest := model.QueryDests[ce.name]
		if dest >= len(as) || len(as) == 0 {
			continue
		}
		if ins := installs[e.handleOf(as[0])]; len(ins) > 0 {
			e.cachedQuery(call, ins[0], dynamicType(as[dest]))
		}
	}
	for _, in := range made {
		e.madeHandleQueries(in)
	}
}

// mayInstallCaches reports whether the package can call a function that
// installs an ORM cache: one of the packages of model.CacheInstalls is
// among its imports. Most packages use no ORM, and finding the installs
// means resolving the callee of every call.
func (e *engine) mayInstallCaches() bool {
	for name := range model.CacheInstalls {
		if e.importedPackage(funcPackage(name)) != nil {
			return true
		}
	}
	return false
}

// cachedQuery records a query whose rows, of type rows, the install's
// cache stores, if they hold sensitive fields.
func (e *engine) cachedQuery(call ssa.CallInstruction, in cacheInstall, rows types.Type) {
	m := modelType(rows)
	if m == nil {
		return
	}
	fields := e.rowFields(rows, in.row.Store.Rows)
	if len(fields) == 0 {
		return
	}
	e.cachedQueries = append(e.cachedQueries, &CachedQuery{
		Call: call, Query: e.shortName(e.calleeOf(call.Common()).obj), Install: in.call, Cache: in.row.Name,
		Store: in.store, Sink: in.sink, Model: m, Encoding: in.row.Store.Rows.Encoding, Fields: fields,
	})
}

// memcachedCache reports whether the install call installs the row's
// cache with a store callback whose rows reach a memcached value, and
// which.
func (e *engine) memcachedCache(call ssa.CallInstruction, row model.CacheInstall, as []ssa.Value) (cacheInstall, bool) {
	if row.Plugin >= len(as) || row.PluginType != "" && types.TypeString(dynamicType(as[row.Plugin]), nil) != row.PluginType {
		return cacheInstall{}, false
	}
	iface := e.interfaceNamed(row.Store.Interface)
	if iface == nil {
		return cacheInstall{}, false
	}
	var impls []types.Type
	e.implementationsIn(as[row.Plugin], iface, 0, map[ssa.Value]bool{}, &impls)
	for _, impl := range impls {
		sel := e.pkg.Prog.MethodSets.MethodSet(impl).Lookup(nil, row.Store.Method)
		if sel == nil {
			continue
		}
		obj, ok := sel.Obj().(*types.Func)
		if !ok {
			continue
		}
		var sum *Summary
		if fn := e.pkg.Prog.MethodValue(sel); fn != nil && e.local[fn] {
			sum = e.sums[fn]
		} else if e.cfg.Import != nil {
			sum, _ = e.cfg.Import(obj)
		}
		if sum == nil {
			continue
		}
		for _, vs := range sum.ValueSinks {
			if vs.Param == row.Store.Param {
				return cacheInstall{call: call, row: row, store: obj, sink: vs.Sink}, true
			}
		}
	}
	return cacheInstall{}, false
}

// implementationsIn collects the concrete types of the values of interface
// iface that v holds: made into the interface there, stored in the fields
// or elements of what v points to, or passed to the call that made v (an
// option such as entcache.Levels(lru, mc)).
func (e *engine) implementationsIn(v ssa.Value, iface *types.Interface, depth int, seen map[ssa.Value]bool, out *[]types.Type) {
	if depth > 8 || seen[v] {
		return
	}
	seen[v] = true
	switch x := v.(type) {
	case *ssa.MakeInterface:
		if types.Identical(x.Type().Underlying(), iface) {
			*out = append(*out, x.X.Type())
			return
		}
		e.implementationsIn(x.X, iface, depth+1, seen, out)
	case *ssa.ChangeType:
		e.implementationsIn(x.X, iface, depth+1, seen, out)
	case *ssa.ChangeInterface:
		e.implementationsIn(x.X, iface, depth+1, seen, out)
	case *ssa.Slice:
		e.implementationsIn(x.X, iface, depth+1, seen, out)
	case *ssa.Phi:
		for _, edge := range x.Edges {
			e.implementationsIn(edge, iface, depth+1, seen, out)
		}
	case *ssa.Call:
		for _, a := range args(x.Common()) {
			e.implementationsIn(a, iface, depth+1, seen, out)
		}
	case *ssa.FreeVar:
		// A closure's captured variable: what each making of it binds.
		for _, b := range e.bindings[x] {
			e.implementationsIn(b, iface, depth+1, seen, out)
		}
	case *ssa.UnOp:
		if x.Op == token.MUL {
			e.implementationsIn(x.X, iface, depth+1, seen, out)
		}
	case *ssa.Alloc:
		for _, ref := range *x.Referrers() {
			var elem ssa.Value
			switch a := ref.(type) {
			case *ssa.FieldAddr:
				elem = a
			case *ssa.IndexAddr:
				elem = a
			case *ssa.Store:
				if a.Addr == x { // the variable itself, captured by a closure
					e.implementationsIn(a.Val, iface, depth+1, seen, out)
				}
				continue
			default:
				continue
			}
			for _, r := range *elem.Referrers() {
				if st, ok := r.(*ssa.Store); ok && st.Addr == elem {
					e.implementationsIn(st.Val, iface, depth+1, seen, out)
				}
			}
		}
	}
}

// handleOf identifies the handle v is derived from: through the methods
// that return a handle sharing the receiver's plugins (db.Where(...)), to
// the value, field, package variable or local function result it is.
func (e *engine) handleOf(v ssa.Value) handleID {
	for range 64 {
		switch x := v.(type) {
		case *ssa.Call:
			ce := e.calleeOf(x.Common())
			if model.DerivedHandles[ce.name] && len(args(x.Common())) > 0 {
				v = args(x.Common())[0]
				continue
			}
			if ce.fn != nil && e.local[ce.fn] {
				return handleID{fn: ce.fn}
			}
		case *ssa.Extract:
			if call, ok := x.Tuple.(*ssa.Call); ok {
				if ce := e.calleeOf(call.Common()); ce.fn != nil && e.local[ce.fn] {
					return handleID{fn: ce.fn}
				}
			}
		case *ssa.ChangeType:
			v = x.X
			continue
		case *ssa.UnOp:
			switch a := x.X.(type) {
			case *ssa.FieldAddr:
				return handleID{field: fieldVar(a.X.Type(), a.Field)}
			case *ssa.Global:
				return handleID{global: a}
			}
		}
		return handleID{v: v}
	}
	return handleID{v: v}
}

// handleKept returns the identities of the handle v is derived from, and
// of where that handle is kept: the fields and package variables it is
// stored in, and the function returning it.
func (e *engine) handleKept(v ssa.Value) []handleID {
	id := e.handleOf(v)
	ids := []handleID{id}
	if id.v == nil {
		return ids
	}
	for _, ref := range *id.v.Referrers() {
		switch r := ref.(type) {
		case *ssa.Store:
			if r.Val != id.v {
				continue
			}
			switch a := r.Addr.(type) {
			case *ssa.FieldAddr:
				ids = append(ids, handleID{field: fieldVar(a.X.Type(), a.Field)})
			case *ssa.Global:
				ids = append(ids, handleID{global: a})
			}
		case *ssa.Return:
			ids = append(ids, handleID{fn: r.Parent()})
		}
	}
	return slices.Compact(ids)
}

// fieldVar is field i of the struct ptr points to.
func fieldVar(ptr types.Type, i int) *types.Var {
	if p, ok := ptr.Underlying().(*types.Pointer); ok {
		if st, ok := p.Elem().Underlying().(*types.Struct); ok && i < st.NumFields() {
			return st.Field(i)
		}
	}
	return nil
}

// modelType is the named type of the rows a query reads into dest: the
// element of a pointer, slice or array.
func modelType(dest types.Type) types.Type {
	for range 8 {
		switch u := dest.(type) {
		case *types.Pointer:
			dest = u.Elem()
			continue
		case *types.Slice:
			dest = u.Elem()
			continue
		case *types.Array:
			dest = u.Elem()
			continue
		case *types.Alias:
			dest = types.Unalias(u)
			continue
		case *types.Named:
			if _, ok := u.Underlying().(*types.Struct); ok {
				return u
			}
			if _, ok := u.Underlying().(*types.Basic); ok {
				return nil
			}
			dest = u.Underlying()
			continue
		}
		return nil
	}
	return nil
}

// rowFields lists the sensitive fields of the rows a cache stores: those
// its encoder writes out of the model value, or, for a cache of raw
// columns, every sensitive column field of the model whatever the Go type
// hides from encoders, and those the generator hid because the schema
// marks them sensitive.
func (e *engine) rowFields(rows types.Type, layout model.RowLayout) []SensitiveField {
	if layout.Encoder != nil {
		return e.sensitiveFields(rows, *layout.Encoder)
	}
	m, ok := modelType(rows).(*types.Named)
	if !ok {
		return nil
	}
	st := m.Underlying().(*types.Struct)
	var out []SensitiveField
	for i := 0; i < st.NumFields(); i++ {
		f := st.Field(i)
		if !f.Exported() {
			continue
		}
		tag := reflect.StructTag(st.Tag(i))
		term, ok := fieldVerdict(f, tag, "")
		if !ok && layout.MarkedBy != "" && tag.Get(layout.MarkedBy) == "-" && tag.Get("cachevet") != "-" {
			// The schema marked it Sensitive(): the generator hides it from
			// encoders, but the cache stores raw columns.
			term, ok = model.SensitiveTerm{What: "a field its schema marks sensitive"}, true
		}
		if ok {
			out = append(out, SensitiveField{Desc: m.Obj().Name() + "." + f.Name(), Field: f, Term: term})
		}
	}
	return out
}
