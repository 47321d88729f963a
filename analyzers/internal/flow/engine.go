package flow

import (
	"go/token"
	"go/types"
	"weak"

	"github.com/cachevet/cachevet/analyzers/internal/model"
	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ssa"
)

// Config is what an analyzer hands the engine.
type Config struct {
	Pass *analysis.Pass
	// Import returns the summary cachevet stored for a function of another
	// package. known is false when that package was not analyzed (the
	// standard library, a modelled client), in which case the engine falls
	// back to the model or to propagating every argument.
	Import func(fn *types.Func) (s *Summary, known bool)
	// ImportPattern returns the regexp pattern a package variable of
	// another package holds, if that package exported it.
	ImportPattern func(v *types.Var) (Pattern, bool)
	// Sanitizers and Validators are functions declared by the user, by
	// types.Func.FullName, in addition to //cachevet: directives.
	Sanitizers, Validators map[string]bool
	// Sources and Sinks extend the model (see the package variables).
	Sources, Sinks map[string]bool
	// Shared is what the imported packages stored in shared places.
	Shared []SharedValue
	// HandedOut returns the named interfaces a type of another package is
	// converted to in its own package (see reportedBy).
	HandedOut func(*types.TypeName) []string
	// Pending returns the pending flows of the packages this one depends
	// on (see dispatch.go).
	Pending func() []PendingFlow
	// SharedReads are the imports' reads of shared places waiting for a
	// store, and ExportReads receives those to pass on (see
	// sharedreads.go).
	SharedReads []SharedRead
	ExportReads func([]SharedRead)
}

// Hit is a concrete origin reaching a memcache key: one diagnostic.
type Hit struct {
	Call ssa.CallInstruction
	Sink SinkInfo
	// Key is the value in key position: the argument, the Item, or the
	// operand of a hand-written command.
	Key ssa.Value
	// Taint holds the concrete origins reaching the key with the unsafe
	// bytes each may contribute there (never empty).
	Taint Taint
	// ItemKeyStores are, for an Item sink, the stores of its Key field.
	ItemKeyStores []*ssa.Store
	// Steps lead from an origin in another package to the sink (see
	// dispatch.go and storecalls.go).
	Steps []Step
	// Remote: Key is the store a library builds its key for (see
	// storecalls.go), not the key.
	Remote bool
	// Wiring, for a Remote hit without a call (Call is nil), is the store
	// that hands the implementation out: main assigning it to another
	// package's variable or to a field (see resolveWired).
	Wiring *ssa.Store
}

// Pos is where the hit is reported: its call, or the store that wires the
// implementation in.
func (h *Hit) Pos() token.Pos { return sitePos(h.Call, h.Wiring) }

// LenHit is a key whose length may exceed its limit: one keylength
// diagnostic.
type LenHit struct {
	Call ssa.CallInstruction
	Sink SinkInfo
	Key  ssa.Value
	// Length bounds the key (or, for a wrapper call, the argument).
	Length Length
	// Limit is 250, or the bytes a wrapper leaves for the argument after
	// its prefix and whatever escaping multiplies it by.
	Limit         int
	ItemKeyStores []*ssa.Store
	Steps         []Step
	Remote        bool
	Wiring        *ssa.Store // see Hit.Wiring
}

// Pos is where the hit is reported (see Hit.Pos).
func (h *LenHit) Pos() token.Pos { return sitePos(h.Call, h.Wiring) }

func sitePos(call ssa.CallInstruction, wiring *ssa.Store) token.Pos {
	if call != nil {
		return call.Pos()
	}
	return wiring.Pos()
}

// ValueHit is a cached value that holds sensitive fields: one
// sensitivedata diagnostic.
type ValueHit struct {
	Call ssa.CallInstruction
	Sink SinkInfo
	// Value is the value argument, the Item, or the data operand.
	Value ssa.Value
	// Fields are the FromSensitive origins reaching the value.
	Fields      Taint
	ValueStores []*ssa.Store
	Steps       []Step
}

// Origins returns the origins of the hit in a stable order.
func (h *Hit) Origins() []*Origin { return h.Taint.sorted() }

// KeyLength bounds a key (or a wrapper's argument) at a sink, as a LenHit
// does, for keys that fit too: a fix that lengthens the key must know
// whether it still fits.
type KeyLength struct {
	Length Length
	Limit  int
}

// KeyLength returns the bound of key at the sink call, if it was checked.
func (r *Result) KeyLength(call ssa.CallInstruction, key ssa.Value) (KeyLength, bool) {
	l, ok := r.keyLengths[hitKey{call, key}]
	return l, ok
}

// Result is what the engine found in one package.
type Result struct {
	Hits []*Hit
	// LenHits are keys that may exceed memcached's 250-byte limit.
	LenHits []*LenHit
	// ValueHits are cached values holding sensitive fields.
	ValueHits []*ValueHit
	// CachedQueries are queries whose rows a memcached-backed ORM cache
	// stores with sensitive fields.
	CachedQueries []*CachedQuery
	// keyLengths bound every key checked, within its limit or not.
	keyLengths map[hitKey]KeyLength
	// Summaries of the package's functions that say something, for export
	// as facts.
	Summaries map[*types.Func]*Summary
	// Patterns are the regexps the package's variables hold, for export.
	Patterns map[*types.Var]Pattern
	// Shared is what the package and its imports stored in shared places.
	Shared []SharedValue
	// Pending are the flows into interface methods whose implementations
	// the package does not see, for export.
	Pending []pendingOut
	// HandedOut are the package's types with a method that reaches a sink
	// and the interfaces the package converts them to, for export.
	HandedOut map[*types.TypeName][]string
	Fset      *token.FileSet
	// pkg is the SSA form the engine built, offered to other analyzers
	// of the package without keeping it alive: the checker keeps every
	// result until the whole run ends, and a reference would keep the SSA
	// of every package analyzed.
	pkg weak.Pointer[ssa.Package]
}

// SSA returns the package's SSA form as the engine built it with
// ssautil.Build from the pass's files, or nil if it was not built (the
// package is not relevant) or is no longer held.
func (r *Result) SSA() *ssa.Package {
	if r == nil {
		return nil
	}
	return r.pkg.Value()
}

// Run analyzes the package of cfg.Pass.
func Run(cfg *Config) *Result {
	pkg, funcs := buildSSA(cfg.Pass)
	e := newEngine(cfg, pkg, funcs)
	e.inferValidators()
	e.solve()
	e.checkCachedQueries()
	e.resolvePending()
	e.resolveSharedReads()
	e.summarizeCalled()
	return e.result()
}

// engine holds the state of one package's analysis. It is created per pass:
// nothing is shared between packages except through facts. The state of
// each of the three questions the engine answers (which bytes reach a key,
// how long a key may be, which sensitive fields reach a value) is held
// apart; what they share (the package, summaries, origins, guards, the
// iteration) is held here.
type engine struct {
	cfg   *Config
	pass  *analysis.Pass
	pkg   *ssa.Package
	funcs []*ssa.Function
	local map[*ssa.Function]bool
	// importsByPath indexes the package's transitive imports (see
	// importedPackage).
	importsByPath map[string]*types.Package
	imports       []*types.Package // see transitiveImports

	sums       map[*ssa.Function]*Summary
	bindings   map[*ssa.FreeVar][]ssa.Value
	origins    map[originKey]*Origin
	guards     map[*ssa.Function][]guard
	clientTab  *clientTable
	directives map[*types.Func]string
	carryMemo  map[types.Type]bool
	implsMemo  map[*types.Func][]*ssa.Function
	fullNames  map[*types.Func]string // see fullName
	shortNames map[*types.Func]string // see shortName
	sourceMemo map[types.Type]bool    // see sourceType
	ifaceMemo  map[string]*types.Interface
	services   *[]serviceInterface // see serviceInterfaces
	clients    *[]clientType       // see clientTypes
	initStores map[*ssa.Global][]ssa.Value
	funcIdx    *funcIndex // see funcIndex
	callDepth  int        // see maxCallDepth
	callVia    []string   // see viaCalls

	sharedFields map[*types.Var]ssa.Value     // see sharedRoot
	sharedMemo   map[*ssa.FieldAddr]ssa.Value // see sharedRoot
	contextRoots map[string]ssa.Value         // see contextRoot
	sharedPlaces map[ssa.Value]string         // see seedShared
	sharedStores map[placedOrigin]sharedStore // see noteSharedStore
	sharedReads  []SharedRead                 // see recordSharedRead
	wirings      map[string]wiring            // see wiringSite
	changed      bool
	reporting    bool

	// See dispatch.go and positions.go.
	sites       map[*ssa.Function][]paramSite
	pending     []pendingOut
	conversions *conversions
	files       map[string]*token.File
	methodMemo  map[[2]string]*types.Func // see lookupMethod

	taintState
	lengthState
	sensitiveState
}

// taintState is what the engine knows of the unsafe bytes values carry.
type taintState struct {
	vals     map[ssa.Value]Taint
	heap     map[ssa.Value]map[string]Taint
	partMemo map[rootPart]Taint // see rootTaint
	hits     []*Hit
	hitIndex map[hitKey]*Hit
}

// lengthState is what the engine knows of the lengths of keys.
type lengthState struct {
	lenMemo     map[ssa.Value]Length
	lenHits     []*LenHit
	lenHitIndex map[hitKey]*LenHit
	keyLengths  map[hitKey]KeyLength
}

// sensitiveState is what the engine knows of sensitive fields in values.
type sensitiveState struct {
	sensMemo      map[sensKey][]SensitiveField
	valueHits     []*ValueHit
	valueHitIndex map[hitKey]*ValueHit
	cachedQueries []*CachedQuery
}

// hitKey identifies a diagnostic: one call, one key (or value) in it.
type hitKey struct {
	call ssa.CallInstruction
	key  ssa.Value
}

// hitAt returns the hit recorded for k, recording the one newHit makes
// the first time, so that every origin reaching k adds to one diagnostic.
func hitAt[H any](index map[hitKey]*H, hits *[]*H, k hitKey, newHit func() *H) *H {
	h := index[k]
	if h == nil {
		h = newHit()
		index[k] = h
		*hits = append(*hits, h)
	}
	return h
}

func newEngine(cfg *Config, pkg *ssa.Package, funcs []*ssa.Function) *engine {
	e := &engine{
		cfg:          cfg,
		pass:         cfg.Pass,
		pkg:          pkg,
		funcs:        funcs,
		local:        make(map[*ssa.Function]bool),
		sums:         make(map[*ssa.Function]*Summary),
		bindings:     make(map[*ssa.FreeVar][]ssa.Value),
		origins:      make(map[originKey]*Origin),
		guards:       make(map[*ssa.Function][]guard),
		clientTab:    newClientTable(KnownClients(), cfg.Sinks),
		carryMemo:    make(map[types.Type]bool),
		implsMemo:    make(map[*types.Func][]*ssa.Function),
		fullNames:    make(map[*types.Func]string),
		shortNames:   make(map[*types.Func]string),
		sourceMemo:   make(map[types.Type]bool),
		sharedFields: make(map[*types.Var]ssa.Value),
		sharedMemo:   make(map[*ssa.FieldAddr]ssa.Value),
		contextRoots: make(map[string]ssa.Value),
		sharedPlaces: make(map[ssa.Value]string),
		sharedStores: make(map[placedOrigin]sharedStore),
		ifaceMemo:    make(map[string]*types.Interface),
		taintState: taintState{
			vals:     make(map[ssa.Value]Taint),
			heap:     make(map[ssa.Value]map[string]Taint),
			partMemo: make(map[rootPart]Taint),
			hitIndex: make(map[hitKey]*Hit),
		},
		lengthState: lengthState{
			lenMemo:     make(map[ssa.Value]Length),
			lenHitIndex: make(map[hitKey]*LenHit),
			keyLengths:  make(map[hitKey]KeyLength),
		},
		sensitiveState: sensitiveState{
			sensMemo:      make(map[sensKey][]SensitiveField),
			valueHitIndex: make(map[hitKey]*ValueHit),
		},
	}
	for _, fn := range funcs {
		e.local[fn] = true
	}
	e.directives = readDirectives(cfg.Pass)
	e.initStores = globalInitStores(pkg, funcs)
	for _, fn := range funcs {
		obj, ok := fn.Object().(*types.Func)
		if !ok {
			continue
		}
		kind := e.directives[obj]
		if kind == "sanitizer" || cfg.Sanitizers[obj.FullName()] {
			e.summary(fn).Sanitizer = true
		}
		if kind == "validator" || cfg.Validators[obj.FullName()] {
			e.summary(fn).Validator = true
		}
	}
	return e
}

// solve iterates the package's functions to a fixed point, then makes one
// more pass that records hits with the final taints.
func (e *engine) solve() {
	for _, fn := range e.funcs {
		e.seedParams(fn)
	}
	for iter := 0; iter < 50; iter++ {
		e.changed = false
		clear(e.lenMemo) // lengths depend on summaries, which may have grown
		clear(e.partMemo)
		clear(e.sensMemo) // and so do the fields a type's marshaler writes
		for _, fn := range e.funcs {
			e.visit(fn)
		}
		if !e.changed {
			break
		}
	}
	e.reporting = true
	clear(e.lenMemo)
	clear(e.partMemo)
	clear(e.sensMemo)
	for _, fn := range e.funcs {
		e.visit(fn)
	}
}

func (e *engine) seedParams(fn *ssa.Function) {
	for i, p := range fn.Params {
		if e.canCarry(p.Type()) && !e.sourceType(p.Type()) {
			e.vals[p] = Taint{e.paramOrigin(fn, i, "", ""): model.AnyUnsafe}
		}
	}
	e.seedCallbackKeys(fn)
	e.seedServiceParams(fn)
}

// setVal merges t into the taint of v.
func (e *engine) setVal(v ssa.Value, t Taint) {
	if len(t) == 0 || !e.canCarry(v.Type()) {
		return
	}
	cur := e.vals[v]
	if mergeInto(&cur, t, model.AnyUnsafe) {
		e.vals[v] = cur
		e.changed = true
	}
}

func (e *engine) summary(fn *ssa.Function) *Summary {
	s := e.sums[fn]
	if s == nil {
		s = &Summary{}
		e.sums[fn] = s
	}
	return s
}

func (e *engine) result() *Result {
	r := &Result{Hits: e.hits, LenHits: e.lenHits, ValueHits: e.valueHits, keyLengths: e.keyLengths, Summaries: make(map[*types.Func]*Summary), Patterns: e.packagePatterns(), CachedQueries: e.cachedQueries, Shared: e.sharedValues(), Pending: e.pending, HandedOut: e.handedOut(), Fset: e.pass.Fset, pkg: weak.Make(e.pkg)}
	for fn, s := range e.sums {
		obj, ok := fn.Object().(*types.Func)
		if !ok || fn.Parent() != nil || s.IsEmpty() {
			continue
		}
		r.Summaries[obj] = s
	}
	for obj, kind := range e.directives {
		s := r.Summaries[obj]
		if s == nil {
			s = &Summary{}
			r.Summaries[obj] = s
		}
		switch kind {
		case "sanitizer":
			s.Sanitizer = true
		case "validator":
			s.Validator = true
		}
	}
	// Interface methods declared here summarize their implementations here,
	// so callers in other packages that only see the interface still learn
	// where their arguments go.
	for _, m := range e.interfaceMethods() {
		var merged Summary
		for _, impl := range e.implementations(m) {
			if s := e.sums[impl]; s != nil {
				mergeSummary(&merged, s)
			}
		}
		if !merged.IsEmpty() {
			r.Summaries[m] = &merged
		}
	}
	return r
}

func mergeSummary(dst, src *Summary) {
	for _, p := range src.Sinks {
		dst.addSink(p)
	}
	for _, r := range src.Returns {
		dst.addReturn(r)
	}
	for _, o := range src.Origins {
		dst.addOrigin(o)
	}
	for _, w := range src.Writes {
		dst.addWrite(w)
	}
	for _, c := range src.Calls {
		dst.addCall(c.clone())
	}
	for _, b := range src.LenSinks {
		dst.addBudget(b)
	}
	for _, v := range src.ValueSinks {
		dst.addValueSink(v)
	}
}
