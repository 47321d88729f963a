package keylength

import (
	_ "embed"
	"fmt"
	"go/ast"
	"strconv"
	"strings"

	"github.com/cachevet/cachevet/analyzers/internal/doc"
	"github.com/cachevet/cachevet/analyzers/internal/fix"
	"github.com/cachevet/cachevet/analyzers/internal/flow"
	"github.com/cachevet/cachevet/analyzers/internal/suppress"
	"golang.org/x/tools/go/analysis"
)

//go:embed doc.go
var docSource string

// Analyzer reports memcache keys that may exceed 250 bytes.
var Analyzer = &analysis.Analyzer{
	Name:     "keylength",
	Doc:      doc.Extract(docSource, "keylength"),
	URL:      "https://pkg.go.dev/github.com/cachevet/cachevet/analyzers/keylength",
	Run:      run,
	Requires: []*analysis.Analyzer{flow.Analyzer},
}

// strict, set once from the command line, also reports keys whose length
// cannot be proven.
var strict bool

func init() {
	Analyzer.Flags.BoolVar(&strict, "strict", false, "also report keys whose length cannot be proven to fit in 250 bytes")
}

func run(pass *analysis.Pass) (any, error) {
	res := pass.ResultOf[flow.Analyzer].(*flow.Result)
	if res == nil {
		return nil, nil
	}
	reporter := suppress.NewReporter(pass)
	for _, h := range res.LenHits {
		if d, ok := diagnostic(pass, h); ok {
			reporter.Report(d)
		}
	}
	return nil, nil
}

func diagnostic(pass *analysis.Pass, h *flow.LenHit) (analysis.Diagnostic, bool) {
	l := h.Length
	over := l.Finite() && l.Max > h.Limit
	if !over && !l.Known() && !strict {
		return analysis.Diagnostic{}, false
	}
	call := fix.CallExpr(pass, h.Call)
	var keyExpr ast.Expr
	if !h.Remote {
		keyExpr = fix.KeyExpr(pass, h.Call, h.Key, h.Sink.Shape, h.Sink.ItemKeyField(), h.ItemKeyStores, call)
	}

	sink := h.Sink.Name
	if len(h.Sink.Via) > 0 {
		sink += " through " + strings.Join(h.Sink.Via, " and ")
	}
	subject := "the memcache key of " + sink
	if h.Sink.HandWritten {
		subject = "the key of " + sink
	}
	if len(h.Sink.Via) > 0 {
		subject = "the argument that " + h.Sink.Via[0] + " puts into the key of " + h.Sink.Name
	}
	limit := fmt.Sprintf("over memcached's %d-byte limit", flow.MaxKeyLength)
	if len(h.Sink.Via) > 0 {
		limit = fmt.Sprintf("over the %d bytes %s leaves it of the %d-byte key", max(h.Limit, 0), h.Sink.Via[0], flow.MaxKeyLength)
	}
	var msg string
	switch {
	case over:
		msg = fmt.Sprintf("%s is up to %d bytes, %s", subject, l.Max, limit)
	case l.Known():
		msg = fmt.Sprintf("%s may be %s bytes (%s), %s", subject, bound(l), openParts(l, true), limit)
	default:
		msg = fmt.Sprintf("cannot prove that %s fits in %d bytes: it may be %s bytes (%s)", subject, h.Limit, bound(l), openParts(l, false))
	}
	msg += ": " + consequence(h.Sink, l)
	if over {
		msg += "; shorten the key or hash it (sha256, hex encoded: 64 bytes)"
	} else {
		msg += "; hash the unbounded part (sha256, hex encoded: 64 bytes)"
	}

	d := analysis.Diagnostic{Pos: h.Pos(), Message: msg, Category: "keylength"}
	if call != nil {
		d.Pos, d.End = call.Pos(), call.End()
	}
	if keyExpr != nil {
		d.Pos, d.End = keyExpr.Pos(), keyExpr.End()
	}
	for _, p := range l.Open {
		if p.Pos.IsValid() && p.Kind == flow.OpenAttacker {
			pos, end := fix.Span(pass, p.Pos, nil, "")
			d.Related = append(d.Related, analysis.RelatedInformation{Pos: pos, End: end, Message: "unbounded data enters here: " + p.Desc})
		}
	}
	for _, s := range h.Steps {
		d.Related = append(d.Related, analysis.RelatedInformation{Pos: s.Pos, Message: s.Message})
	}
	if len(h.Sink.Via) > 0 && !h.Remote {
		if obj := fix.CalleeObj(h.Call); obj != nil && obj.Pos().IsValid() {
			d.Related = append(d.Related, analysis.RelatedInformation{Pos: obj.Pos(), Message: h.Sink.Via[0] + " puts this argument into " + h.Sink.Name})
		}
	}
	if keyExpr != nil {
		if f := hashFix(pass, keyExpr, h.Limit); f != nil {
			d.SuggestedFixes = []analysis.SuggestedFix{*f}
		}
	}
	return d, true
}

func bound(l flow.Length) string {
	s := strconv.Itoa(l.Max)
	if !l.Finite() {
		if l.Max == 0 {
			return "unbounded"
		}
		s += " + unbounded"
	}
	return s
}

func openParts(l flow.Length, knownOnly bool) string {
	var descs []string
	for _, p := range l.Open {
		if knownOnly && p.Kind != flow.OpenAttacker && p.Kind != flow.OpenCollection {
			continue
		}
		descs = append(descs, p.Desc)
	}
	return strings.Join(descs, ", ")
}

// consequence says what a too-long key, of length l, does with this kind
// of sink.
func consequence(s flow.SinkInfo, l flow.Length) string {
	if s.Client != nil && !s.HandWritten {
		return s.Client.LengthHarm(l.Max, l.Finite())
	}
	return "memcached rejects the command line, and before 1.6.40 runs the data block of a rejected set as a command"
}

// hashFix hashes the unbounded part of the key (see fix.Hash).
func hashFix(pass *analysis.Pass, key ast.Expr, limit int) *analysis.SuggestedFix {
	im := fix.NewImporter(pass, key.Pos())
	if im == nil {
		return nil
	}
	edits, ok := fix.Hash(pass, im, key, limit)
	if !ok {
		return nil
	}
	return &analysis.SuggestedFix{
		Message:   "Hash the unbounded part of the key with SHA-256",
		TextEdits: append(edits, im.Edits()...),
	}
}
