package flow

import (
	"cmp"
	"go/token"
	"go/types"
	"slices"
	"strconv"
	"strings"

	"github.com/cachevet/cachevet/analyzers/internal/model"
	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ssa"
)

// Shared places wired together by a third package.
//
// What a package stores in a shared place reaches the packages that
// import it (see sharedfacts.go). Middleware and handlers are often
// packages that do not import each other: main imports both and wires
// them (r.Use(mw.Auth); r.GET("/p", handlers.Profile)), and facts only
// flow from a package to its importers. So the reading package cannot see
// the store, and the storing package cannot see the read.
//
// Every read of a shared place therefore also carries a symbolic origin
// for the place (FromShared), as a parameter carries one for its caller's
// data. A key sink it reaches is not reported where it is: the package
// records a SharedRead (the place, the sink, which of its bytes harm
// there, and the values of the place it saw already) and passes it on to
// its importers, as it passes on what it stored. The first package that
// sees both a read and a store into its place that the reader did not see
// reports the pair in its own files, where it wires the reader in: that is
// the only package that knows the two meet, and under go vet the only one
// whose files a diagnostic may point into. It then passes the read on with
// that store marked seen, so that an importer does not report it again.

// SharedRead is a key sink in another package that a shared place
// reaches, waiting for a store into the place.
type SharedRead struct {
	// Place is the shared place, as in SharedValue.
	Place string
	// Sink, Client, Shape, HandWritten and Via describe the sink as
	// SinkInfo does; Harmful are the bytes that harm there.
	Sink        string
	Client      string
	Shape       model.KeyShape
	HandWritten bool
	Via         []string
	Harmful     model.ByteSet
	// At is the sink call; Func the full name of the function holding
	// it, which is what a wiring package refers to, and Reader its
	// short name for messages.
	At     Position
	Func   string
	Reader string
	// Seen identifies the values of Place that the reader's package saw
	// (and reported itself) or that a package on the way reported.
	Seen []string
}

// sharedReadFact holds the shared reads of a package and of its imports
// that no store has resolved everywhere yet.
type sharedReadFact struct{ Reads []SharedRead }

func (*sharedReadFact) AFact()           {}
func (f *sharedReadFact) String() string { return "sharedreads(" + strconv.Itoa(len(f.Reads)) + ")" }

// importedSharedReads returns the shared reads the imports of pass pass
// on, each once.
func importedSharedReads(pass *analysis.Pass) []SharedRead {
	var reads []SharedRead
	for _, imp := range pass.Pkg.Imports() {
		var f sharedReadFact
		if pass.ImportPackageFact(imp, &f) {
			reads = mergeSharedReads(reads, f.Reads...)
		}
	}
	return reads
}

// mergeSharedReads adds rs to reads. The same read reaching a package by
// two imports keeps the union of what was seen: a store one path reported
// is reported.
func mergeSharedReads(reads []SharedRead, rs ...SharedRead) []SharedRead {
	for _, r := range rs {
		i := slices.IndexFunc(reads, func(q SharedRead) bool { return q.Place == r.Place && q.At == r.At && q.Sink == r.Sink })
		if i < 0 {
			r.Seen = slices.Clone(r.Seen)
			reads = append(reads, r)
			continue
		}
		for _, id := range r.Seen {
			if !slices.Contains(reads[i].Seen, id) {
				reads[i].Seen = append(reads[i].Seen, id)
			}
		}
	}
	return reads
}

// sharedOrigin is the symbolic origin of what other packages may store in
// place: Desc is the place.
func (e *engine) sharedOrigin(place string, pos token.Pos) *Origin {
	return e.origin(originKey{kind: FromShared, desc: place}, func(o *Origin) { o.Pos = pos })
}

// recordSharedRead records, in the reporting round, that the shared
// place of origin o reaches the key of call with the given bytes.
func (e *engine) recordSharedRead(call ssa.CallInstruction, o *Origin, info SinkInfo, bytes model.ByteSet) {
	if !e.reporting || o.Desc == "" {
		return
	}
	fn := outermost(call.Parent())
	r := SharedRead{
		Place: o.Desc, Sink: info.Name, Client: clientName(info.Client), Shape: info.Shape, HandWritten: info.HandWritten,
		Via: info.Via, Harmful: bytes, At: e.position(call.Pos()), Func: functionName(fn), Reader: e.wrapperName(fn),
	}
	i := slices.IndexFunc(e.sharedReads, func(q SharedRead) bool { return q.Place == r.Place && q.At == r.At && q.Sink == r.Sink })
	if i < 0 {
		e.sharedReads = append(e.sharedReads, r)
	} else {
		e.sharedReads[i].Harmful |= bytes
	}
}

// sharedStore is where a package stores a value into a shared place.
type sharedStore struct {
	at token.Pos
	fn *ssa.Function // the outermost function storing
}

type placedOrigin struct {
	place string
	o     *Origin
}

// noteSharedStore remembers, in the reporting round, the first store of
// each origin of t into the shared place root stands for, for the
// messages of the packages that resolve reads of it.
func (e *engine) noteSharedStore(root ssa.Value, at ssa.Instruction, t Taint) {
	place := e.sharedPlaces[root]
	if !e.reporting || place == "" {
		return
	}
	for o := range t {
		k := placedOrigin{place, o}
		if _, ok := e.sharedStores[k]; !ok {
			e.sharedStores[k] = sharedStore{at: at.Pos(), fn: outermost(at.Parent())}
		}
	}
}

// sharedID identifies a value of a shared place across packages.
func sharedID(o ReturnedOrigin) string {
	return strconv.Itoa(int(o.Kind)) + "|" + o.Desc + "|" + o.Hint
}

// resolveSharedReads reports the imported shared reads that a value this
// package or its imports stored reaches, and hands the package's own
// reads and the imported ones, with what was reported marked seen, to
// cfg.ExportReads.
func (e *engine) resolveSharedReads() {
	values := e.sharedValues()
	reads := mergeSharedReads(nil, e.cfg.SharedReads...)
	for i := range reads {
		r := &reads[i]
		for _, sv := range values {
			id := sharedID(sv.Origin)
			if sv.Place != r.Place || slices.Contains(r.Seen, id) || sv.Origin.Bytes&r.Harmful == 0 {
				continue
			}
			if e.reportSharedRead(*r, sv) {
				r.Seen = append(r.Seen, id)
			}
		}
	}
	for _, r := range e.sharedReads {
		for _, sv := range values {
			if sv.Place == r.Place {
				r.Seen = append(r.Seen, sharedID(sv.Origin))
			}
		}
		reads = mergeSharedReads(reads, r)
	}
	slices.SortFunc(reads, func(a, b SharedRead) int {
		return cmp.Or(cmp.Compare(a.At.File, b.At.File), cmp.Compare(a.At.Line, b.At.Line), cmp.Compare(a.At.Col, b.At.Col), cmp.Compare(a.Place, b.Place))
	})
	for i := range reads {
		slices.Sort(reads[i].Seen)
	}
	if len(reads) > 0 && e.cfg.ExportReads != nil {
		e.cfg.ExportReads(reads)
	}
}

// reportSharedRead reports sv reaching read r at the call of this package
// that wires the reader in: the first that refers to the reading
// function, else the first that refers to the storing one. A package that
// refers to neither (the two wired by init side effects of blank imports)
// does not report the pair and passes the read on unresolved.
func (e *engine) reportSharedRead(r SharedRead, sv SharedValue) bool {
	call, ref := e.wiringSite(r.Func)
	if call == nil {
		call, ref = e.wiringSite(sv.Func)
	}
	if call == nil {
		return false
	}
	desc := sv.Origin.Desc
	if len(sv.Origin.Via) > 0 {
		desc += " returned by " + strings.Join(sv.Origin.Via, " from ")
	}
	stores := " stored " + placeName(sv.Place)
	if sv.Storer != "" {
		stores = " that " + sv.Storer + " stores " + placeName(sv.Place)
	}
	o := e.origin(originKey{kind: sv.Origin.Kind, pos: e.posOf(sv.At), desc: desc + stores}, func(o *Origin) { o.Hint = sv.Origin.Hint })
	info := SinkInfo{Name: r.Sink, Shape: r.Shape, Client: e.clientTab.client(r.Client), HandWritten: r.HandWritten, Via: append([]string{r.Reader}, r.Via...)}
	h := hitAt(e.hitIndex, &e.hits, hitKey{call, ref}, func() *Hit {
		return &Hit{Call: call, Sink: info, Key: ref, Taint: Taint{}, Remote: true}
	})
	h.Taint[o] |= sv.Origin.Bytes & r.Harmful
	h.Steps = addStep(h.Steps, Step{Pos: e.posOf(r.At), Message: r.Reader + " reads what is stored " + placeName(r.Place) + " and puts it into the key of " + r.Sink + " here"})
	return true
}

// wiring is a call that refers to a function, and the reference.
type wiring struct {
	call ssa.CallInstruction
	ref  ssa.Value
}

// wiringSite returns the first call, by position, that refers to the
// function of full name fn, as its callee or an argument (directly, as a
// method value or through a conversion), with the reference. The calls
// are indexed in one walk of the package, on the first question.
func (e *engine) wiringSite(fn string) (ssa.CallInstruction, ssa.Value) {
	if e.wirings == nil {
		e.wirings = e.wiringSites()
	}
	w := e.wirings[fn]
	return w.call, w.ref
}

// wiringSites indexes by full name the first call referring to each
// function.
func (e *engine) wiringSites() map[string]wiring {
	out := make(map[string]wiring)
	consider := func(f *ssa.Function, c ssa.CallInstruction, v ssa.Value) {
		name := functionName(f)
		if w, ok := out[name]; !ok || c.Pos() < w.call.Pos() {
			out[name] = wiring{c, v}
		}
	}
	var ops []*ssa.Value
	for _, fn := range e.funcs {
		for _, b := range fn.Blocks {
			for _, instr := range b.Instrs {
				ops = instr.Operands(ops[:0])
				for _, op := range ops {
					f, ok := (*op).(*ssa.Function)
					if !ok {
						continue
					}
					switch in := instr.(type) {
					case ssa.CallInstruction:
						consider(f, in, f)
					case *ssa.Store:
						if c := variadicCall(in); c != nil {
							consider(f, c, f)
						}
					case ssa.Value:
						if c := wiringCall(in, 0); c != nil {
							consider(f, c, in)
						}
					}
				}
			}
		}
	}
	return out
}

// wiringCall returns the call that receives v, a function converted
// (to a named func type, an interface) or bound to a receiver: as an
// argument, or as an element of its variadic arguments.
func wiringCall(v ssa.Value, depth int) ssa.CallInstruction {
	if c := callTaking(v); c != nil || depth > 3 {
		return c
	}
	for _, ref := range *v.Referrers() {
		switch r := ref.(type) {
		case *ssa.Store:
			if c := variadicCall(r); c != nil && r.Val == v {
				return c
			}
		case *ssa.ChangeType, *ssa.MakeInterface, *ssa.MakeClosure:
			if c := wiringCall(r.(ssa.Value), depth+1); c != nil {
				return c
			}
		}
	}
	return nil
}

// variadicCall returns the call that st's array is passed to as a
// variadic argument, if st stores an element of one: r.GET("/p", h)
// stores h into the array of its handlers.
func variadicCall(st *ssa.Store) ssa.CallInstruction {
	ia, ok := st.Addr.(*ssa.IndexAddr)
	if !ok {
		return nil
	}
	for _, ref := range *ia.X.Referrers() {
		if sl, ok := ref.(*ssa.Slice); ok {
			if c := callTaking(sl); c != nil {
				return c
			}
		}
	}
	return nil
}

// functionName names fn as wiringSite looks it up: a method value's or
// method expression's wrapper by the method it wraps.
func functionName(fn *ssa.Function) string {
	if obj, ok := fn.Object().(*types.Func); ok {
		return obj.FullName()
	}
	return fn.String()
}

// placeName describes a shared place for a message.
func placeName(place string) string {
	switch {
	case strings.HasPrefix(place, "field:"):
		name := strings.TrimPrefix(place, "field:")
		if i := strings.LastIndex(name, "/"); i >= 0 {
			name = name[i+1:]
		}
		return "in field " + name
	case strings.HasPrefix(place, "key:string:"):
		return "under context key " + strconv.Quote(strings.TrimPrefix(place, "key:string:"))
	case strings.HasPrefix(place, "key:var:"):
		return "under context key " + strings.TrimPrefix(place, "key:var:")
	case strings.HasPrefix(place, "key:type:"):
		return "under a context key of type " + strings.TrimPrefix(place, "key:type:")
	case place == "key:":
		return "under a computed context key"
	}
	return "under context key " + strings.TrimPrefix(place, "key:")
}
