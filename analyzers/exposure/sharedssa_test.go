package exposure

import (
	"fmt"
	"go/types"
	"os"
	"path/filepath"
	"reflect"
	"testing"

	"github.com/cachevet/cachevet/analyzers/internal/ssautil"
	"golang.org/x/tools/go/analysis"
	analysischecker "golang.org/x/tools/go/analysis/checker"
	"golang.org/x/tools/go/packages"
)

// summaryCheck summarizes each package's helpers both ways exportSummaries
// may: over a build of the stripped files alone, and over the SSA form of
// all the files, as the flow engine builds it. Its result is what the two
// say (the summaries, by function) and where they differ.
var summaryCheck = &analysis.Analyzer{
	Name:       "summarycheck",
	Doc:        "compare summaries over stripped and whole SSA builds",
	Run:        runSummaryCheck,
	ResultType: reflect.TypeFor[*summaryComparison](),
	FactTypes:  []analysis.Fact{new(returnsFact)},
}

type summaryComparison struct {
	said     []string // function: summary, where the stripped build says something
	differed []string
}

func runSummaryCheck(pass *analysis.Pass) (any, error) {
	out := new(summaryComparison)
	keep := summaryScope(pass)
	if keep == nil {
		return out, nil
	}
	files := stripped(pass.Files, keep)
	alone := newResolver(pass, files, false)
	over := resolverOver(pass, ssautil.Build(pass, pass.Files, 0), files)
	if len(alone.funcs) != len(over.funcs) {
		out.differed = append(out.differed, fmt.Sprintf("%s: %d functions read alone, %d over the whole build", pass.Pkg.Path(), len(alone.funcs), len(over.funcs)))
	}
	for _, fn := range over.funcs {
		obj, ok := fn.Object().(*types.Func)
		if !ok || fn.Parent() != nil {
			continue
		}
		a, o := alone.summary(alone.pkg.Prog.FuncValue(obj)), over.summary(fn)
		if !reflect.DeepEqual(a, o) {
			out.differed = append(out.differed, fmt.Sprintf("%s: alone %v, over the whole build %v", obj.FullName(), a, o))
		}
		if a != nil {
			out.said = append(out.said, fmt.Sprintf("%s: %v", obj.FullName(), a))
			pass.ExportObjectFact(obj, &returnsFact{Results: a})
		}
	}
	return out, nil
}

// TestSummariesOverSharedSSA: exportSummaries finds the same over the flow
// engine's SSA form as over a build of its own, on every package of the
// analyzer's test data, so that which one it gets (the engine's is held
// weakly) never changes a report.
func TestSummariesOverSharedSSA(t *testing.T) {
	dir, err := filepath.Abs(filepath.Join("..", "testdata"))
	if err != nil {
		t.Fatal(err)
	}
	cfg := &packages.Config{
		Mode: packages.LoadAllSyntax,
		Dir:  filepath.Join(dir, "src"),
		Env:  append(os.Environ(), "GOPATH="+dir, "GO111MODULE=off", "GOPROXY=off", "GOFLAGS="),
	}
	pkgs, err := packages.Load(cfg, "exposure/...")
	if err != nil {
		t.Fatal(err)
	}
	if packages.PrintErrors(pkgs) > 0 {
		t.Fatal("the test data does not load")
	}
	graph, err := analysischecker.Analyze([]*analysis.Analyzer{summaryCheck}, pkgs, nil)
	if err != nil {
		t.Fatal(err)
	}
	said := 0
	for _, act := range graph.Roots {
		if act.Err != nil {
			t.Fatalf("%s: %v", act.Package.PkgPath, act.Err)
		}
		res := act.Result.(*summaryComparison)
		said += len(res.said)
		for _, d := range res.differed {
			t.Error(d)
		}
	}
	if said == 0 {
		t.Fatal("no helper of the test data is summarized: the comparison compares nothing")
	}
	t.Logf("%d helpers summarized alike", said)
}
