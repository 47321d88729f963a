package flow

import (
	"go/ast"
	"go/importer"
	"go/parser"
	"go/token"
	"go/types"
	"testing"

	"github.com/cachevet/cachevet/analyzers/internal/model"
	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ssa"
)

// guardForms holds one function per guard form: each calls use(k) where
// its guard, if it is one, proves something of k.
const guardForms = `package p

import (
	"encoding/base64"
	"encoding/hex"
	"errors"
	"fmt"
	"net"
	"net/netip"
	"net/url"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"unicode"
)

func use(string) {}

func containsAnyCRLF(k string) {
	if strings.ContainsAny(k, " \r\n") {
		return
	}
	use(k)
}

func containsAnyAll(k string) {
	if strings.ContainsAny(k, " \r\n\t\x00\x01\x02\x03\x04\x05\x06\x07\x08\x0b\x0c\x0e\x0f\x10\x11\x12\x13\x14\x15\x16\x17\x18\x19\x1a\x1b\x1c\x1d\x1e\x1f\x7f") {
		return
	}
	use(k)
}

func indexByte(k string) {
	if strings.IndexByte(k, ' ') >= 0 {
		return
	}
	use(k)
}

func containsLF(k string) {
	if strings.Contains(k, "\n") {
		return
	}
	use(k)
}

func containsCRLFSubstring(k string) {
	if strings.Contains(k, "\r\n") {
		return
	}
	use(k)
}

func containsFuncSpace(k string) {
	if strings.ContainsFunc(k, unicode.IsSpace) {
		return
	}
	use(k)
}

func indexFuncControls(k string) {
	if strings.IndexFunc(k, func(r rune) bool { return r <= ' ' || r == 0x7f }) != -1 {
		return
	}
	use(k)
}

func lenBound(k string) {
	if len(k) > 64 {
		return
	}
	use(k)
}

func empty(k string) {
	if k != "" {
		return
	}
	use(k)
}

func notEmpty(k string) {
	if k == "" {
		return
	}
	use(k)
}

func switchConstants(k string) {
	switch k {
	case "users", "orders":
	default:
		return
	}
	use(k)
}

func spacedConstant(k string) {
	if k != "a b" {
		return
	}
	use(k)
}

var (
	keyRE     = regexp.MustCompile(` + "`^[a-z0-9:]{1,8}$`" + `)
	nonSpace  = regexp.MustCompile(` + "`^\\S+$`" + `)
	startOnly = regexp.MustCompile(` + "`^[a-z]+`" + `)
	posixRE   = regexp.MustCompilePOSIX(` + "`^[a-z]{1,8}$`" + `)
	reused    = regexp.MustCompile(` + "`^[a-z]{1,8}$`" + `)
)

func reassign() { reused = regexp.MustCompile(".*") }

var inInit *regexp.Regexp

func init() { inInit = regexp.MustCompile(` + "`^[a-z]{1,4}$`" + `) }

func regexpInInit(k string) {
	if !inInit.MatchString(k) {
		return
	}
	use(k)
}

func regexpAnchored(k string) {
	if !keyRE.MatchString(k) {
		return
	}
	use(k)
}

func regexpNonSpace(k string) {
	if !nonSpace.MatchString(k) {
		return
	}
	use(k)
}

func regexpStartOnly(k string) {
	if !startOnly.MatchString(k) {
		return
	}
	use(k)
}

func regexpPOSIX(k string) {
	if !posixRE.MatchString(k) {
		return
	}
	use(k)
}

func regexpReassigned(k string) {
	if !reused.MatchString(k) {
		return
	}
	use(k)
}

var allowed = map[string]bool{"users": true, "orders": true}

var written = map[string]bool{"users": true}

func addAllowed(k string) { written[k] = true }

var Exported = map[string]bool{"users": true}

func mapLookup(k string) {
	if !allowed[k] {
		return
	}
	use(k)
}

func mapCommaOk(k string) {
	if _, ok := allowed[k]; !ok {
		return
	}
	use(k)
}

func mapWritten(k string) {
	if !written[k] {
		return
	}
	use(k)
}

func mapExported(k string) {
	if !Exported[k] {
		return
	}
	use(k)
}

func mapLocal(k string) {
	local := map[string]struct{}{"a": {}, "bcd": {}}
	if _, ok := local[k]; ok {
		use(k)
	}
}

var kinds = []string{"a", "b c"}

var grown = []string{"a"}

func grow(k string) { grown = append(grown, k) }

func sliceContains(k string) {
	if !slices.Contains(kinds, k) {
		return
	}
	use(k)
}

func sliceLiteral(k string) {
	if slices.Index([]string{"x", "yy"}, k) < 0 {
		return
	}
	use(k)
}

func sliceGrown(k string) {
	if !slices.Contains(grown, k) {
		return
	}
	use(k)
}

func byteLoop(k string) {
	for i := 0; i < len(k); i++ {
		if k[i] <= ' ' || k[i] == 0x7f {
			return
		}
	}
	use(k)
}

func runeLoopSpaceOnly(k string) {
	for _, r := range k {
		if r == ' ' {
			return
		}
	}
	use(k)
}

func rangeIntLoop(k string) {
	for i := range len(k) {
		if k[i] == '\t' {
			return
		}
	}
	use(k)
}

func byteSliceLoop(k string) {
	for _, c := range []byte(k) {
		if c-'0' > 9 { // byte arithmetic wraps: digits only
			return
		}
	}
	use(k)
}

func loopWithBreak(k string) {
	for i := 0; i < len(k); i++ {
		if k[i] == '#' {
			break
		}
		if k[i] <= ' ' {
			return
		}
	}
	use(k)
}

func loopSkipping(k string) {
	for i := 0; i < len(k); i++ {
		if k[i] == '\\' {
			i++
			continue
		}
		if k[i] <= ' ' || k[i] == 0x7f {
			return
		}
	}
	use(k)
}

func isKeyChar(c byte) bool {
	return 'a' <= c && c <= 'z' || '0' <= c && c <= '9' || c == ':' || c == '-'
}

func loopHelper(k string) {
	for i := 0; i < len(k); i++ {
		if !isKeyChar(k[i]) {
			return
		}
	}
	use(k)
}

const keyChars = "abcdefghijklmnopqrstuvwxyz0123456789:_-"

func loopConstantSet(k string) {
	for _, r := range k {
		if !strings.ContainsRune(keyChars, r) {
			return
		}
	}
	use(k)
}

func loopUnicode(k string) {
	for _, r := range k {
		if !unicode.IsLetter(r) && !unicode.IsDigit(r) {
			return
		}
	}
	use(k)
}

func valid(s string) bool {
	if len(s) == 0 || len(s) > 64 {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case 'a' <= c && c <= 'z', '0' <= c && c <= '9', c == ':':
		default:
			return false
		}
	}
	return true
}

var errBad = errors.New("bad key")

func check(s string) error {
	if !valid(s) {
		return errBad
	}
	return nil
}

func checkWrapped(s string) error {
	if err := check(s); err != nil {
		return fmt.Errorf("key %q: %w", s, err)
	}
	return nil
}

func checkPassedOn(s string) error {
	err := checkWrapped(s)
	if err != nil {
		return err
	}
	return nil
}

func short(s string) bool { return len(s) <= 200 && keyRE.MatchString(s) }

func spacesOnly(s string) bool { return !strings.Contains(s, " ") }

func trimmedValid(s string) bool { return valid(strings.TrimSpace(s)) }

func shortcut(s string) bool {
	if strings.HasPrefix(s, "x") {
		return true
	}
	return valid(s)
}

func validator(k string) {
	if !valid(k) {
		return
	}
	use(k)
}

func errValidator(k string) {
	if err := check(k); err != nil {
		return
	}
	use(k)
}

func wrapperOne(k string) {
	if checkWrapped(k) != nil {
		return
	}
	use(k)
}

func wrapperTwo(k string) {
	if err := checkPassedOn(k); err != nil {
		return
	}
	use(k)
}

func phiValidator(k string) {
	if short(k) {
		use(k)
	}
}

func partialValidator(k string) {
	if spacesOnly(k) {
		use(k)
	}
}

func trimmingValidator(k string) {
	if trimmedValid(k) {
		use(k)
	}
}

func shortcutValidator(k string) {
	if shortcut(k) {
		use(k)
	}
}

func atoi(k string) {
	if _, err := strconv.Atoi(k); err != nil {
		return
	}
	use(k)
}

func parseBool(k string) {
	if _, err := strconv.ParseBool(k); err == nil {
		use(k)
	}
}

func parseIP(k string) {
	if net.ParseIP(k) == nil {
		return
	}
	use(k)
}

func parseAddr(k string) {
	if _, err := netip.ParseAddr(k); err != nil {
		return
	}
	use(k)
}

func hexDecode(k string) {
	if _, err := hex.DecodeString(k); err != nil {
		return
	}
	use(k)
}

func base64Decode(k string) {
	if _, err := base64.StdEncoding.DecodeString(k); err != nil {
		return
	}
	use(k)
}

func requestURI(k string) {
	if _, err := url.ParseRequestURI(k); err != nil {
		return
	}
	use(k)
}

func urlParse(k string) {
	if _, err := url.Parse(k); err != nil {
		return
	}
	use(k)
}

func notEveryPath(k string) {
	if !valid(k) {
		println("bad key")
	}
	use(k)
}
`

// TestGuardForms checks what each form of guard proves of the key where
// it is used: the one interpretation keyinjection and keylength share.
func TestGuardForms(t *testing.T) {
	e := guardEngine(t, guardForms)
	const none = model.NoBound
	space := model.ByteBit(' ')
	perlSpace := model.ByteSet(1<<'\t' | 1<<'\n' | 1<<'\f' | 1<<'\r' | 1<<' ')
	for _, tc := range []struct {
		fn      string
		removes model.ByteSet
		maxLen  int
	}{
		// strings: exactly the bytes looked for.
		{"containsAnyCRLF", space | model.ByteBit('\r') | model.ByteBit('\n'), none},
		{"containsAnyAll", model.AnyUnsafe, none},
		{"indexByte", space, none},
		{"containsLF", model.ByteBit('\n'), none},
		{"containsCRLFSubstring", 0, none}, // a two-byte substring proves nothing of a byte
		{"containsFuncSpace", model.Whitespace, none},
		{"indexFuncControls", model.AnyUnsafe, none},
		// Lengths and constants.
		{"lenBound", 0, 64},
		{"empty", model.AnyUnsafe, 0},
		{"notEmpty", 0, none},
		{"switchConstants", model.AnyUnsafe, 6},
		{"spacedConstant", model.AnyUnsafe &^ space, 3},
		// Regexps: anchored at both ends, in Perl syntax, held by a
		// variable nothing assigns again.
		{"regexpAnchored", model.AnyUnsafe, 8},
		{"regexpNonSpace", perlSpace, none},
		{"regexpStartOnly", 0, none},
		{"regexpPOSIX", 0, none},
		{"regexpReassigned", 0, none},
		{"regexpInInit", model.AnyUnsafe, 4},
		// Allow lists of constants that nothing changes.
		{"mapLookup", model.AnyUnsafe, 6},
		{"mapCommaOk", model.AnyUnsafe, 6},
		{"mapWritten", 0, none},
		{"mapExported", 0, none},
		{"mapLocal", model.AnyUnsafe, 3},
		{"sliceContains", model.AnyUnsafe &^ space, 3},
		{"sliceLiteral", model.AnyUnsafe, 2},
		{"sliceGrown", 0, none},
		// Loops: what the body never lets through.
		{"byteLoop", model.AnyUnsafe, none},
		{"runeLoopSpaceOnly", space, none},
		{"rangeIntLoop", model.ByteBit('\t'), none},
		{"byteSliceLoop", model.AnyUnsafe, none},
		{"loopWithBreak", 0, none},
		{"loopSkipping", 0, none},
		{"loopHelper", model.AnyUnsafe, none},
		{"loopConstantSet", model.AnyUnsafe, none},
		{"loopUnicode", model.AnyUnsafe, none},
		// Validators inferred from their bodies, and their wrappers.
		{"validator", model.AnyUnsafe, 64},
		{"errValidator", model.AnyUnsafe, 64},
		{"wrapperOne", model.AnyUnsafe, 64},
		{"wrapperTwo", model.AnyUnsafe, 64},
		{"phiValidator", model.AnyUnsafe, 8},
		{"partialValidator", space, none},
		{"trimmingValidator", 0, none},
		{"shortcutValidator", 0, none},
		{"notEveryPath", 0, none},
		// Library validators, each with what it proves.
		{"atoi", model.AnyUnsafe, none},
		{"parseBool", model.AnyUnsafe, 5},
		{"parseIP", model.AnyUnsafe, 45},
		{"parseAddr", 0, none},
		{"hexDecode", model.AnyUnsafe, none},
		{"base64Decode", model.AnyUnsafe &^ model.ByteBit('\r') &^ model.ByteBit('\n'), none},
		{"requestURI", model.AnyUnsafe &^ space, none},
		{"urlParse", 0, none},
	} {
		fn := e.pkg.Func(tc.fn)
		if fn == nil {
			t.Fatalf("no function %s", tc.fn)
		}
		call := useCall(fn)
		if call == nil {
			t.Fatalf("%s: no call of use", tc.fn)
		}
		got := e.provenAt(fn.Params[0], call.Block())
		if got.removes != tc.removes || got.maxLen != tc.maxLen {
			t.Errorf("%s: proves removes %v (%#x), maxLen %d; want removes %v (%#x), maxLen %d",
				tc.fn, got.removes, uint64(got.removes), got.maxLen, tc.removes, uint64(tc.removes), tc.maxLen)
		}
	}
}

// guardEngine type-checks src, builds its SSA and infers its validators,
// as Run does before solving.
func guardEngine(t *testing.T, src string) *engine {
	t.Helper()
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, "p.go", src, parser.ParseComments)
	if err != nil {
		t.Fatal(err)
	}
	info := &types.Info{
		Types:        make(map[ast.Expr]types.TypeAndValue),
		Defs:         make(map[*ast.Ident]types.Object),
		Uses:         make(map[*ast.Ident]types.Object),
		Implicits:    make(map[ast.Node]types.Object),
		Instances:    make(map[*ast.Ident]types.Instance),
		Scopes:       make(map[ast.Node]*types.Scope),
		Selections:   make(map[*ast.SelectorExpr]*types.Selection),
		FileVersions: make(map[*ast.File]string),
	}
	pkg, err := (&types.Config{Importer: importer.ForCompiler(fset, "source", nil)}).Check("p", fset, []*ast.File{f}, info)
	if err != nil {
		t.Fatal(err)
	}
	pass := &analysis.Pass{Fset: fset, Files: []*ast.File{f}, Pkg: pkg, TypesInfo: info}
	ssaPkg, funcs := buildSSA(pass)
	e := newEngine(&Config{Pass: pass}, ssaPkg, funcs)
	e.inferValidators()
	return e
}

// useCall finds the call of use in fn.
func useCall(fn *ssa.Function) *ssa.Call {
	for _, b := range fn.Blocks {
		for _, instr := range b.Instrs {
			if call, ok := instr.(*ssa.Call); ok {
				if callee := call.Call.StaticCallee(); callee != nil && callee.Name() == "use" {
					return call
				}
			}
		}
	}
	return nil
}
