package fix

import (
	"go/ast"
	"strconv"
	"strings"

	"golang.org/x/tools/go/analysis"
)

// digestLen is the length of a SHA-256 digest in hex.
const digestLen = 64

// Hash returns the edits that replace each non-constant operand of the key
// by its SHA-256 digest in hex, which is 64 bytes whatever the input and
// holds no unsafe byte. If the constant parts and the digests would still
// not fit in limit bytes, or the key has no such operand (a constant too
// long, fmt's rendering of a slice), the whole key is hashed.
func Hash(pass *analysis.Pass, im *Importer, key ast.Expr, limit int) ([]analysis.TextEdit, bool) {
	key = StringOf(pass, key)
	targets := Operands(pass, key)
	constLen := constantLength(pass, key)
	if len(targets) == 0 || constLen < 0 || constLen+digestLen*len(targets) > limit {
		if !IsPlainString(pass.TypesInfo.TypeOf(key)) || limit < digestLen {
			return nil, false
		}
		targets = []ast.Expr{key}
	}
	fmtName, ok1 := im.Name("fmt", "fmt", key.Pos())
	shaName, ok2 := im.Name("crypto/sha256", "sha256", key.Pos())
	if !ok1 || !ok2 {
		return nil, false
	}
	var edits []analysis.TextEdit
	for _, t := range targets {
		edits = append(edits,
			analysis.TextEdit{Pos: t.Pos(), End: t.Pos(), NewText: []byte(fmtName + `.Sprintf("%x", ` + shaName + ".Sum256([]byte(")},
			analysis.TextEdit{Pos: t.End(), End: t.End(), NewText: []byte(")))")})
	}
	return edits, true
}

// constantLength sums the constant string operands of a key expression,
// or returns -1 if it is not a concatenation or fmt.Sprintf of parts.
func constantLength(pass *analysis.Pass, key ast.Expr) int {
	key = ast.Unparen(key)
	if tv, ok := pass.TypesInfo.Types[key]; ok && tv.Value != nil {
		s, err := strconv.Unquote(tv.Value.ExactString())
		if err != nil {
			return -1
		}
		return len(s)
	}
	if b, ok := key.(*ast.BinaryExpr); ok && b.Op.String() == "+" {
		x, y := constantLength(pass, b.X), constantLength(pass, b.Y)
		if x < 0 || y < 0 {
			return -1
		}
		return x + y
	}
	if call, ok := key.(*ast.CallExpr); ok && isSprintf(pass, call) {
		return formatLength(pass, call)
	}
	if tv, ok := pass.TypesInfo.Types[key]; ok && IsPlainString(tv.Type) {
		return 0 // an operand the fix replaces
	}
	return -1
}

// formatLength is constantLength for fmt.Sprintf: the format's text
// without its verbs, plus the constant parts of the operands; -1 unless
// every verb is %s or %v, which print a digest as it is.
func formatLength(pass *analysis.Pass, call *ast.CallExpr) int {
	if len(call.Args) == 0 || !onlyPlainVerbs(pass, call.Args[0]) {
		return -1
	}
	format, _ := strconv.Unquote(pass.TypesInfo.Types[call.Args[0]].Value.ExactString())
	escapes := strings.Count(format, "%%") // two bytes that print one
	verbs := strings.Count(format, "%") - 2*escapes
	n := len(format) - 2*verbs - escapes
	for _, a := range call.Args[1:] {
		l := constantLength(pass, a)
		if l < 0 {
			return -1
		}
		n += l
	}
	return n
}
