package flow

import (
	"cmp"
	"go/token"
	"go/types"
	"slices"
	"strings"

	"github.com/cachevet/cachevet/analyzers/internal/model"
	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ssa"
)

// Interface calls whose implementations the calling package cannot see.
//
// A call through an interface method is a sink when an implementation the
// package sees has one (see implementations). When it sees none, the
// implementation may still come later: registered by name from a package
// that imports this one (session.Register("memcache", p) in an adapter's
// init), wired in main, pulled in by a blank import. Facts only flow from
// a package to its importers, so the call's package records what it
// passes (a PendingFlow: the method, the argument, the origins and the
// length of the data) as a fact, and the first package that both sees
// the flow and declares an implementation with a sink, converted to an
// interface there (a registration, an assignment), reports it at that
// implementation's sink call: that is where the untrusted key meets
// memcached and where it can be escaped for every caller. The related
// information leads back to the interface call and the origin.

// PendingFlow is data passed to an argument of an interface method call
// whose implementations the calling package cannot see.
type PendingFlow struct {
	// Iface is the interface declaring the method, "path.Name".
	Iface  string
	Method string
	// Arg is the argument, the receiver being 0.
	Arg int
	// Pkg is the package making the call, Caller the function, and
	// Call where.
	Pkg    string
	Caller string
	Call   Position
	Passed
}

// PendingOrigin is an Origin carried by a fact.
type PendingOrigin struct {
	Kind  OriginKind
	Desc  string
	Hint  string
	Made  Construction
	Bytes model.ByteSet
	At    Position
	Via   []string
	// Encoder is the serializer a sensitive field went through.
	Encoder string
}

// PendingOpen is an unbounded part of a length carried by a fact.
type PendingOpen struct {
	Kind OpenKind
	Desc string
	At   Position
}

// Step is a place on the way from an origin to a sink in another package,
// shown as related information: an interface call, the library function
// that builds a key.
type Step struct {
	Pos     token.Pos
	Message string
}

// pendingFact holds the pending flows into an interface method the
// package declares; pendingPackageFact those into methods declared
// elsewhere, which the package cannot attach a fact to.
type pendingFact struct{ Flows []PendingFlow }

func (*pendingFact) AFact()         {}
func (*pendingFact) String() string { return "pending" }

type pendingPackageFact struct{ Flows []PendingFlow }

func (*pendingPackageFact) AFact()         {}
func (*pendingPackageFact) String() string { return "pending" }

// paramSite is a sink in a function of this package that one of its
// parameters reaches: a pending flow into that parameter is reported
// there.
type paramSite struct {
	param int
	call  ssa.CallInstruction
	key   ssa.Value
	info  SinkInfo
	bytes model.ByteSet // for a key: the bytes of the parameter that reach it
	// decoded: the parameter is decoded on the way, so bytes reach the
	// key whatever the parameter holds.
	decoded bool
	length  *lengthSite // for a key's length
	value   bool        // for a cached value
}

// lengthSite is how a parameter makes up a key checked for length (see
// checkLengthOf): the key is ownMax bytes and pnum/pden times the
// parameter, and the sink scales it by num/den against limit.
type lengthSite struct {
	ownMax, pnum, pden, num, den, limit int
}

// recordSite remembers, in the reporting round, that parameter param of
// fn reaches a sink at call.
func (e *engine) recordSite(fn *ssa.Function, s paramSite) {
	if !e.reporting || fn.Parent() != nil {
		return
	}
	if e.sites == nil {
		e.sites = make(map[*ssa.Function][]paramSite)
	}
	e.sites[fn] = append(e.sites[fn], s)
}

// recordPending records what an interface call passes to the methods of
// implementations the package does not see. Calls on a parameter of the
// function are left to its callers, which see what they pass (see
// storecalls.go); arguments that a known implementation already sinks
// are reported at the call.
func (e *engine) recordPending(call ssa.CallInstruction, c *ssa.CallCommon, as []ssa.Value, sums []*Summary) {
	if !e.reporting || !c.IsInvoke() {
		return
	}
	n, ok := types.Unalias(c.Method.Signature().Recv().Type()).(*types.Named)
	if !ok || n.Obj().Pkg() == nil {
		return
	}
	if _, ok := e.storeParam(call, c.Value); ok {
		return
	}
	for j := 1; j < len(as); j++ {
		if sunk(sums, j) {
			continue
		}
		p, ok := e.passed(as[j], call)
		if !ok {
			continue
		}
		f := PendingFlow{
			Iface:  n.Obj().Pkg().Path() + "." + n.Obj().Name(),
			Method: c.Method.Name(),
			Arg:    j,
			Pkg:    e.pass.Pkg.Path(),
			Caller: e.wrapperName(call.Parent()),
			Call:   e.position(call.Pos()),
			Passed: p,
		}
		e.pending = append(e.pending, pendingOut{c.Method, f})
	}
}

// sunk reports whether a summary of the call already sinks argument j.
func sunk(sums []*Summary, j int) bool {
	for _, s := range sums {
		for _, p := range s.Sinks {
			if p.Param == j {
				return true
			}
		}
		for _, p := range s.ValueSinks {
			if p.Param == j {
				return true
			}
		}
	}
	return false
}

func (e *engine) pendingOrigin(o *Origin, bytes model.ByteSet) PendingOrigin {
	return PendingOrigin{Kind: o.Kind, Desc: o.Desc, Hint: o.Hint, Made: o.Made, Bytes: bytes, At: e.position(o.Pos), Via: o.Via, Encoder: o.Encoder}
}

// pendingOut is a pending flow to export, with the method it goes into.
type pendingOut struct {
	method *types.Func
	flow   PendingFlow
}

// resolvePending reports the pending flows of other packages that reach
// a sink of an implementation this package declares and converts to an
// interface.
func (e *engine) resolvePending() {
	if e.cfg.Pending == nil {
		return
	}
	flows := e.cfg.Pending()
	slices.SortStableFunc(flows, func(a, b PendingFlow) int {
		return cmp.Or(cmp.Compare(a.Call.File, b.Call.File), cmp.Compare(a.Call.Line, b.Call.Line), cmp.Compare(a.Call.Col, b.Call.Col), cmp.Compare(a.Arg, b.Arg))
	})
	for _, f := range flows {
		m := e.lookupMethod(f.Iface, f.Method)
		if m == nil {
			continue
		}
		for _, impl := range e.convertedImplementations(m) {
			for _, s := range e.sites[impl] {
				if s.param == f.Arg {
					e.reportPending(f, impl, s)
				}
			}
		}
		e.resolveWired(f, m)
	}
}

// resolveWired reports f at the calls of this package that hand out a
// dependency's type implementing m as an interface (main passing a cache
// type of one package to another's SetCache), when that type's package
// could not see the flow itself because it does not import the package
// that recorded it. The call is where the implementation is chosen; the
// implementation's sink is in a package this one cannot report in.
func (e *engine) resolveWired(f PendingFlow, m *types.Func) {
	iface, ok := m.Signature().Recv().Type().Underlying().(*types.Interface)
	if !ok || e.cfg.Import == nil {
		return
	}
	method := f.Iface[lastDot(f.Iface)+1:] + "." + f.Method
	declared := qualifiedName(m.Signature().Recv().Type()) // m's interface, which f.Iface may embed
	convs := e.conversionsOf()
	for _, fc := range convs.foreign {
		if !convs.implements(fc, iface) || e.reportedBy(fc.named, f.Pkg, f.Iface) {
			continue
		}
		obj, _, _ := types.LookupFieldOrMethod(fc.typ, true, m.Pkg(), m.Name())
		impl, ok := obj.(*types.Func)
		if !ok {
			continue
		}
		sum, _ := e.cfg.Import(impl)
		if sum == nil {
			continue
		}
		for _, mi := range fc.at {
			if !handsOut(mi.Type(), declared) {
				continue // converted to another interface (any, a store of another library)
			}
			call := callTaking(mi)
			var wiring *ssa.Store
			if call == nil {
				if wiring = storeTaking(mi); wiring == nil {
					continue
				}
			}
			step := Step{Pos: e.posOf(f.Call), Message: f.Caller + " passes it to " + method + " here, which " + e.shortName(impl) + ", handed out here, implements"}
			e.reportRemote(call, wiring, mi, f.Passed, f.Arg, sum, []string{e.shortName(impl)}, ", passed by "+f.Caller+" to "+method, step)
		}
	}
}

// reportedBy reports whether the package of n reports the flows that
// package path records into methods of interface iface ("path.Name")
// itself: it does when it sees them (it imports path) and hands n out as
// that interface, as an adapter that registers itself does. An
// implementation that imports the interface's package only for its types
// or errors, and is handed out by main, is reported here.
func (e *engine) reportedBy(n *types.Named, path, iface string) bool {
	if !importsPath(n.Obj().Pkg(), path, map[*types.Package]bool{}) {
		return false
	}
	if e.cfg.HandedOut == nil {
		return true
	}
	return slices.Contains(e.cfg.HandedOut(n.Obj()), iface)
}

// handedOutFact lists the named interfaces that the package of a type
// with a method reaching a sink converts it to (see reportedBy).
type handedOutFact struct{ Ifaces []string }

func (*handedOutFact) AFact()           {}
func (f *handedOutFact) String() string { return "handedout(" + strings.Join(f.Ifaces, ", ") + ")" }

// handedOut returns, for the package's types that its importers'
// reportedBy must know of (converted to an interface here, with a method
// whose summary reaches a sink), the interfaces they are handed out as.
func (e *engine) handedOut() map[*types.TypeName][]string {
	sinking := make(map[*types.Named]bool)
	for fn, s := range e.sums {
		if recv := fn.Signature.Recv(); recv != nil && reachesSink(s) {
			if n := namedOf(recv.Type()); n != nil {
				sinking[n.Origin()] = true
			}
		}
	}
	if len(sinking) == 0 {
		return nil // nothing to hand out: the conversions are not walked
	}
	out := make(map[*types.TypeName][]string)
	for n, tos := range e.conversionsOf().local {
		if !sinking[n.Origin()] {
			continue
		}
		var names []string
		for _, to := range tos {
			names = interfaceNames(to, names)
		}
		if len(names) > 0 {
			slices.Sort(names)
			out[n.Obj()] = names
		}
	}
	return out
}

// reachesSink reports whether s says a parameter reaches a key, a key's
// length or a cached value.
func reachesSink(s *Summary) bool {
	return s != nil && (len(s.Sinks) > 0 || len(s.LenSinks) > 0 || len(s.ValueSinks) > 0)
}

// storeTaking returns the store of v into a variable or a field, if any:
// main wiring an implementation in by assignment (lib.Default = v) or in
// a composite literal (&lib.Server{Cache: v}).
func storeTaking(v ssa.Value) *ssa.Store {
	for _, ref := range *v.Referrers() {
		if st, ok := ref.(*ssa.Store); ok && st.Val == v {
			switch st.Addr.(type) {
			case *ssa.Global, *ssa.FieldAddr:
				return st
			}
		}
	}
	return nil
}

// callTaking returns the call that v is an argument of, if any.
func callTaking(v ssa.Value) ssa.CallInstruction {
	for _, ref := range *v.Referrers() {
		if call, ok := ref.(ssa.CallInstruction); ok && slices.Contains(call.Common().Args, v) {
			return call
		}
	}
	return nil
}

// importsPath reports whether p is, or imports, the package path.
func importsPath(p *types.Package, path string, seen map[*types.Package]bool) bool {
	if p.Path() == path {
		return true
	}
	if seen[p] {
		return false
	}
	seen[p] = true
	for _, imp := range p.Imports() {
		if importsPath(imp, path, seen) {
			return true
		}
	}
	return false
}

// reportPending reports flow f at site s of implementation impl.
func (e *engine) reportPending(f PendingFlow, impl *ssa.Function, s paramSite) {
	method := f.Iface[lastDot(f.Iface)+1:] + "." + f.Method
	step := Step{Pos: e.posOf(f.Call), Message: f.Caller + " passes it to " + method + " here, which " + e.wrapperName(impl) + " implements"}
	origin := func(po PendingOrigin) *Origin {
		desc := po.describe() + ", passed by " + f.Caller + " to " + method
		if po.Kind == FromSensitive {
			desc = po.Desc // a field's name, which the message lists
		}
		return e.origin(originKey{kind: po.Kind, pos: e.posOf(po.At), desc: desc, path: po.Encoder}, func(o *Origin) {
			o.Hint, o.Made, o.Encoder = po.Hint, po.Made, po.Encoder
		})
	}
	switch {
	case s.length != nil:
		ls := s.length
		arg := Length{Max: f.MaxLen}
		for _, p := range f.Open {
			arg.Open = append(arg.Open, OpenPart{Kind: p.Kind, Desc: p.Desc + ", passed by " + f.Caller + " to " + method, Pos: e.posOf(p.At), Num: 1, Den: 1})
		}
		key := scaled(arg, ls.pnum, ls.pden, ls.ownMax, "")
		if sl := scaled(key, ls.num, ls.den, 0, ""); sl.Finite() && sl.Max <= ls.limit {
			return
		}
		k := hitKey{s.call, s.key}
		if e.lenHitIndex[k] != nil {
			return
		}
		h := &LenHit{Call: s.call, Sink: s.info, Key: s.key, Length: key, Limit: ls.limit * ls.den / ls.num, Steps: []Step{step}}
		e.lenHitIndex[k] = h
		e.lenHits = append(e.lenHits, h)
	case s.value:
		for _, po := range f.Origins {
			if po.Kind != FromSensitive {
				continue
			}
			h := hitAt(e.valueHitIndex, &e.valueHits, hitKey{s.call, s.key}, func() *ValueHit {
				return &ValueHit{Call: s.call, Sink: s.info, Value: s.key, Fields: Taint{}}
			})
			h.Fields[origin(po)] = 0
			h.Steps = addStep(h.Steps, step)
		}
	default:
		for _, po := range f.Origins {
			bytes := passedBytes(po.Bytes, s.bytes, s.decoded)
			if po.Kind == FromSensitive || bytes == 0 {
				continue
			}
			h := hitAt(e.hitIndex, &e.hits, hitKey{s.call, s.key}, func() *Hit {
				return &Hit{Call: s.call, Sink: s.info, Key: s.key, Taint: Taint{}}
			})
			h.Taint[origin(po)] |= bytes
			h.Steps = addStep(h.Steps, step)
		}
	}
}

func addStep(steps []Step, s Step) []Step {
	if slices.Contains(steps, s) {
		return steps
	}
	return append(steps, s)
}

func lastDot(s string) int {
	for i := len(s) - 1; i >= 0; i-- {
		if s[i] == '.' {
			return i
		}
	}
	return -1
}

// lookupMethod finds method name of the interface "path.Name" among the
// packages this one depends on.
func (e *engine) lookupMethod(iface, name string) *types.Func {
	k := [2]string{iface, name}
	if m, ok := e.methodMemo[k]; ok {
		return m
	}
	m := e.findMethod(iface, name)
	if e.methodMemo == nil {
		e.methodMemo = make(map[[2]string]*types.Func)
	}
	e.methodMemo[k] = m
	return m
}

// findMethod is lookupMethod without the memo: every call through a
// parameter applies its method by name, every round.
func (e *engine) findMethod(iface, name string) *types.Func {
	i := lastDot(iface)
	if i < 0 {
		return nil
	}
	pkg := e.importedPackage(iface[:i])
	if pkg == nil {
		return nil
	}
	tn, ok := pkg.Scope().Lookup(iface[i+1:]).(*types.TypeName)
	if !ok {
		return nil
	}
	obj, _, _ := types.LookupFieldOrMethod(tn.Type(), false, pkg, name)
	m, _ := obj.(*types.Func)
	return m
}

// importedPackage returns the package of this one's transitive imports
// (or this one) with the given path: the first in depth-first order. The
// index is built once per package, not once per interface call, which on
// a program of thousands of packages cost more than the calls' analysis.
func (e *engine) importedPackage(path string) *types.Package {
	if e.importsByPath == nil {
		e.importsByPath = make(map[string]*types.Package)
		for _, p := range e.transitiveImports() {
			if _, ok := e.importsByPath[p.Path()]; !ok {
				e.importsByPath[p.Path()] = p
			}
		}
	}
	return e.importsByPath[path]
}

// transitiveImports returns this package and those it imports, directly
// or not, in depth-first order, once.
func (e *engine) transitiveImports() []*types.Package {
	if e.imports != nil {
		return e.imports
	}
	seen := make(map[*types.Package]bool)
	var walk func(p *types.Package)
	walk = func(p *types.Package) {
		if seen[p] {
			return
		}
		seen[p] = true
		e.imports = append(e.imports, p)
		for _, imp := range p.Imports() {
			walk(imp)
		}
	}
	walk(e.pass.Pkg)
	return e.imports
}

// convertedImplementations returns the methods implementing m of this
// package's types that the package converts to m's interface: a type only
// counts once something hands it out as one (a registration, an
// assignment to an interface variable), so that a type that merely has
// the method's name and signature, or is handed out as another interface
// with the same methods (a Get(key) store given to a page cache), stays
// quiet.
func (e *engine) convertedImplementations(m *types.Func) []*ssa.Function {
	iface := qualifiedName(m.Signature().Recv().Type())
	var out []*ssa.Function
	for _, fn := range e.implementations(m) {
		recv := fn.Signature.Recv()
		if recv != nil && slices.ContainsFunc(e.conversionsOf().local[namedOf(recv.Type())], func(to types.Type) bool { return handsOut(to, iface) }) {
			out = append(out, fn)
		}
	}
	return out
}

// handsOut reports whether a conversion to interface type to hands the
// value out as the named interface iface ("path.Name"): to is it, or
// embeds it.
func handsOut(to types.Type, iface string) bool {
	return slices.Contains(interfaceNames(to, nil), iface)
}

// interfaceNames returns the qualified names of the named interfaces a
// conversion to t hands a value out as: t and those it embeds.
func interfaceNames(t types.Type, out []string) []string {
	if name := qualifiedName(t); name != "" && !slices.Contains(out, name) {
		out = append(out, name)
	}
	if it, ok := t.Underlying().(*types.Interface); ok {
		for i := range it.NumEmbeddeds() {
			out = interfaceNames(it.EmbeddedType(i), out)
		}
	}
	return out
}

// conversions are the package's conversions of named types, as values or
// pointers, to interfaces: of its own types, and of its dependencies'.
type conversions struct {
	// local maps the package's own types to the interfaces they are
	// converted to.
	local   map[*types.Named][]types.Type
	foreign []*foreignConversion
	// implMemo caches types.Implements for a foreign type and an
	// interface: a package converts few types, each often, and checks
	// them against every pending flow's interface.
	implMemo map[implKey]bool
}

// foreignConversion is a dependency's type, as a value or a pointer, and
// where the package converts it to an interface.
type foreignConversion struct {
	named *types.Named
	typ   types.Type
	at    []*ssa.MakeInterface
}

type implKey struct {
	named *types.Named
	ptr   bool
	iface *types.Interface
}

func (c *conversions) implements(fc *foreignConversion, iface *types.Interface) bool {
	_, ptr := fc.typ.Underlying().(*types.Pointer)
	k := implKey{fc.named, ptr, iface}
	ok, seen := c.implMemo[k]
	if !seen {
		ok = types.Implements(fc.typ, iface)
		c.implMemo[k] = ok
	}
	return ok
}

func (e *engine) conversionsOf() *conversions {
	if e.conversions != nil {
		return e.conversions
	}
	c := &conversions{local: make(map[*types.Named][]types.Type), implMemo: make(map[implKey]bool)}
	byType := make(map[implKey]*foreignConversion)
	for _, fn := range e.funcs {
		for _, b := range fn.Blocks {
			for _, instr := range b.Instrs {
				mi, ok := instr.(*ssa.MakeInterface)
				if !ok {
					continue
				}
				switch n := namedOf(mi.X.Type()); {
				case n == nil || n.Obj().Pkg() == nil:
				case n.Obj().Pkg() == e.pass.Pkg:
					if !slices.ContainsFunc(c.local[n], func(t types.Type) bool { return types.Identical(t, mi.Type()) }) {
						c.local[n] = append(c.local[n], mi.Type())
					}
				default:
					_, ptr := mi.X.Type().Underlying().(*types.Pointer)
					k := implKey{named: n, ptr: ptr}
					fc := byType[k]
					if fc == nil {
						fc = &foreignConversion{named: n, typ: mi.X.Type()}
						byType[k] = fc
						c.foreign = append(c.foreign, fc)
					}
					fc.at = append(fc.at, mi)
				}
			}
		}
	}
	e.conversions = c
	return c
}

// namedOf returns the named type of t or of what t points to.
func namedOf(t types.Type) *types.Named {
	if p, ok := t.Underlying().(*types.Pointer); ok {
		t = p.Elem()
	}
	n, _ := types.Unalias(t).(*types.Named)
	return n
}

// exportPending stores the package's pending flows: on the interface
// method when the package declares it, in a package fact otherwise.
func exportPending(pass *analysis.Pass, pending []pendingOut) {
	byMethod := make(map[*types.Func]*pendingFact)
	var methods []*types.Func
	var elsewhere pendingPackageFact
	for _, p := range pending {
		if p.method.Pkg() != pass.Pkg {
			elsewhere.Flows = append(elsewhere.Flows, p.flow)
			continue
		}
		f := byMethod[p.method]
		if f == nil {
			f = new(pendingFact)
			byMethod[p.method] = f
			methods = append(methods, p.method)
		}
		f.Flows = append(f.Flows, p.flow)
	}
	for _, m := range methods {
		pass.ExportObjectFact(m, byMethod[m])
	}
	if len(elsewhere.Flows) > 0 {
		pass.ExportPackageFact(&elsewhere)
	}
}

// importPending returns the pending flows of the packages this one
// depends on.
func importPending(pass *analysis.Pass) []PendingFlow {
	var flows []PendingFlow
	for _, f := range pass.AllObjectFacts() {
		if p, ok := f.Fact.(*pendingFact); ok {
			flows = append(flows, p.Flows...)
		}
	}
	for _, f := range pass.AllPackageFacts() {
		if p, ok := f.Fact.(*pendingPackageFact); ok && f.Package != pass.Pkg {
			flows = append(flows, p.Flows...)
		}
	}
	return flows
}

// describe names the origin with the wrappers it came out of, for an
// origin that the message then says more of.
func (o PendingOrigin) describe() string {
	if len(o.Via) == 0 {
		return o.Desc
	}
	return o.Desc + " returned by " + strings.Join(o.Via, " from ")
}
