package flow

import (
	"go/ast"
	"go/importer"
	"go/parser"
	"go/token"
	"go/types"
	"testing"

	"github.com/cachevet/cachevet/analyzers/internal/model"
	"golang.org/x/tools/go/ssa"
	"golang.org/x/tools/go/ssa/ssautil"
)

// runeFuncs are strings.Map mapping functions, interpreted on every unsafe
// byte by runeMapRemoves.
const runeFuncs = `package p

import "unicode"

func identity(r rune) rune { return r }

func dropSpace(r rune) rune {
	if unicode.IsSpace(r) {
		return -1
	}
	return r
}

func underscoreControls(r rune) rune {
	if r <= ' ' || r == 0x7f {
		return '_'
	}
	return r
}

func lowerOnly(r rune) rune { return unicode.ToLower(r) }

func dropTabSwitch(r rune) rune {
	switch r {
	case '\t', '\n':
		return -1
	}
	return r
}

func shifted(r rune) rune { return (r + 0x40) % 0x80 }

func loops(r rune) rune {
	for r >= 0 {
		r += 2
	}
	return r
}

var table = map[rune]rune{}

func opaque(r rune) rune { return table[r] }

func unknownCall(r rune) rune { return helper(r) }

func helper(r rune) rune { return r }
`

func buildRuneFuncs(t *testing.T) *ssa.Package {
	t.Helper()
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, "p.go", runeFuncs, 0)
	if err != nil {
		t.Fatal(err)
	}
	pkg, _, err := ssautil.BuildPackage(&types.Config{Importer: importer.ForCompiler(fset, "source", nil)}, fset,
		types.NewPackage("p", "p"), []*ast.File{f}, ssa.SanityCheckFunctions)
	if err != nil {
		t.Fatal(err)
	}
	return pkg
}

func TestRuneMapRemoves(t *testing.T) {
	pkg := buildRuneFuncs(t)
	controls := model.AnyUnsafe &^ model.ByteBit(' ') &^ model.ByteBit(0x7f)
	for _, tc := range []struct {
		fn   string
		want model.ByteSet
	}{
		{"identity", 0},
		{"dropSpace", model.Whitespace},
		{"underscoreControls", model.AnyUnsafe},
		{"lowerOnly", 0},
		{"dropTabSwitch", model.ByteBit('\t') | model.ByteBit('\n')},
		// 0x00-0x1f map to 0x40-0x5f and 0x7f to 0x3f; the space to 0x60.
		{"shifted", controls | model.ByteBit(' ') | model.ByteBit(0x7f)},
		// Never returns within the step budget: nothing proven.
		{"loops", 0},
		// Memory and calls the interpreter does not know prove nothing.
		{"opaque", 0},
		{"unknownCall", 0},
	} {
		fn := pkg.Func(tc.fn)
		if fn == nil {
			t.Fatalf("no function %s", tc.fn)
		}
		var e *engine // runeMapRemoves reads only the function's SSA
		if got := e.runeMapRemoves(fn); got != tc.want {
			t.Errorf("runeMapRemoves(%s) = %v (%#x), want %v (%#x)", tc.fn, got, uint64(got), tc.want, uint64(tc.want))
		}
	}
}

func TestEvalRuneFunc(t *testing.T) {
	pkg := buildRuneFuncs(t)
	for _, tc := range []struct {
		fn   string
		arg  int64
		want int64
		ok   bool
	}{
		{"identity", 'a', 'a', true},
		{"dropSpace", ' ', -1, true},
		{"dropSpace", 'x', 'x', true},
		{"lowerOnly", 'Q', 'q', true},
		{"shifted", 0x41, 0x01, true},
		{"dropTabSwitch", '\n', -1, true},
		{"dropTabSwitch", '\r', '\r', true},
		{"loops", 1, 0, false},
		{"opaque", 'a', 0, false},
	} {
		got, ok := evalRuneFunc(pkg.Func(tc.fn), tc.arg)
		if ok != tc.ok || ok && got != tc.want {
			t.Errorf("evalRuneFunc(%s, %q) = %d, %v; want %d, %v", tc.fn, rune(tc.arg), got, ok, tc.want, tc.ok)
		}
	}
}
