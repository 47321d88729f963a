package flow

import (
	"go/build"
	"go/types"
	"path/filepath"
	"reflect"
	"slices"
	"strconv"
	"strings"

	"golang.org/x/tools/go/analysis"
)

// Analyzer runs the engine once per package for every cachevet analyzer
// that reports from it, and carries the function summaries between packages
// as facts. It reports nothing itself.
var Analyzer = &analysis.Analyzer{
	Name:       "cacheflow",
	Doc:        "track unsafe bytes and lengths into memcache keys (internal to cachevet)",
	URL:        "https://pkg.go.dev/github.com/cachevet/cachevet/analyzers/internal/flow",
	Run:        run,
	ResultType: reflect.TypeFor[*Result](),
	FactTypes:  []analysis.Fact{new(summaryFact), new(analyzedFact), new(patternFact), new(sharedFact), new(pendingFact), new(pendingPackageFact), new(sharedReadFact), new(handedOutFact)},
}

// Sanitizers and Validators are the user's declarations by full function
// name. Like the printf checker's -funcs, they are flag values set once
// before any package is analyzed; the analyzers that own the flags
// register them.
var Sanitizers, Validators = NameList{}, NameList{}

// Sources are extra functions whose results are attacker-controlled, and
// Sinks extra functions whose argument is a key, written "name:index"
// with the receiver as index 0 (e.g. "(*example.com/cache.Client).Get:1").
// They are flag values too, registered by keyinjection.
var Sources, Sinks = NameList{}, NameList{}

// NameList is a flag.Value holding names (of functions, or of sensitive terms), comma separated.
type NameList map[string]bool

func (l NameList) String() string {
	var names []string
	for n := range l {
		names = append(names, n)
	}
	slices.Sort(names)
	return strings.Join(names, ",")
}

// Set replaces the list.
func (l NameList) Set(s string) error {
	clear(l)
	for _, name := range strings.Split(s, ",") {
		if name = strings.TrimSpace(name); name != "" {
			l[name] = true
		}
	}
	return nil
}

// summaryFact is a function's summary.
type summaryFact struct{ Summary }

func (*summaryFact) AFact()           {}
func (f *summaryFact) String() string { return "cacheflow(" + f.Summary.String() + ")" }

// patternFact is the regexp a package variable holds.
type patternFact struct{ Pattern }

func (*patternFact) AFact()           {}
func (f *patternFact) String() string { return "regexp(" + strconv.Quote(f.Expr) + ")" }

// sharedFact is what a package and its imports stored in shared places.
type sharedFact struct{ Values []SharedValue }

func (*sharedFact) AFact()           {}
func (f *sharedFact) String() string { return "shared(" + strconv.Itoa(len(f.Values)) + ")" }

// importedShared returns what the imports of pass stored in shared places.
func importedShared(pass *analysis.Pass) []SharedValue {
	var out []SharedValue
	for _, imp := range pass.Pkg.Imports() {
		var f sharedFact
		if pass.ImportPackageFact(imp, &f) {
			out = append(out, f.Values...)
		}
	}
	return out
}

// analyzedFact marks a package whose functions have summaries: a function
// of such a package without a summaryFact passes nothing through.
type analyzedFact struct{}

func (*analyzedFact) AFact()         {}
func (*analyzedFact) String() string { return "analyzed" }

func run(pass *analysis.Pass) (any, error) {
	if skipped(pass) || !relevant(pass) {
		return (*Result)(nil), nil
	}
	res := Run(&Config{
		Pass: pass,
		Import: func(fn *types.Func) (*Summary, bool) {
			if fn.Pkg() == nil || !pass.ImportPackageFact(fn.Pkg(), new(analyzedFact)) {
				return nil, false
			}
			var f summaryFact
			if pass.ImportObjectFact(fn, &f) {
				return &f.Summary, true
			}
			return nil, true
		},
		ImportPattern: func(v *types.Var) (Pattern, bool) {
			var f patternFact
			ok := v.Pkg() != nil && pass.ImportObjectFact(v, &f)
			return f.Pattern, ok
		},
		Pending: func() []PendingFlow { return importPending(pass) },
		HandedOut: func(tn *types.TypeName) []string {
			var f handedOutFact
			pass.ImportObjectFact(tn, &f)
			return f.Ifaces
		},
		Sanitizers:  Sanitizers,
		Validators:  Validators,
		Sources:     Sources,
		Sinks:       Sinks,
		Shared:      importedShared(pass),
		SharedReads: importedSharedReads(pass),
		ExportReads: func(reads []SharedRead) { pass.ExportPackageFact(&sharedReadFact{reads}) },
	})
	for fn, s := range res.Summaries {
		pass.ExportObjectFact(fn, &summaryFact{*s})
	}
	for v, p := range res.Patterns {
		pass.ExportObjectFact(v, &patternFact{p})
	}
	if len(res.Shared) > 0 {
		pass.ExportPackageFact(&sharedFact{res.Shared})
	}
	exportPending(pass, res.Pending)
	for tn, ifaces := range res.HandedOut {
		pass.ExportObjectFact(tn, &handedOutFact{ifaces})
	}
	pass.ExportPackageFact(new(analyzedFact))
	return res, nil
}

// skipped reports whether the package is one cachevet does not summarize:
// the standard library and the modelled clients, which the model describes.
func skipped(pass *analysis.Pass) bool {
	path := pass.Pkg.Path()
	if isClient(path) {
		return true
	}
	if len(pass.Files) == 0 {
		return true
	}
	file := pass.Fset.File(pass.Files[0].Pos())
	if file == nil {
		return false
	}
	goroot := filepath.Join(build.Default.GOROOT, "src") + string(filepath.Separator)
	return strings.HasPrefix(file.Name(), goroot)
}

// relevant applies the Relevance rule to the package of pass: packages
// that fail it get no SSA and no facts, under every driver.
func relevant(pass *analysis.Pass) bool {
	info := PackageInfo{
		Path:      pass.Pkg.Path(),
		Versioned: pass.Module != nil && pass.Module.Version != "",
	}
	for _, imp := range pass.Pkg.Imports() {
		info.Imports = append(info.Imports, imp.Path())
		if pass.ImportPackageFact(imp, new(analyzedFact)) {
			info.ImportsRelevant = true
		}
	}
	return NewRelevance().Relevant(info, mentionsProtocol(pass.Files))
}
