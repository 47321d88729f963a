package sensitivedata

import (
	_ "embed"
	"go/ast"
	"strings"

	"github.com/cachevet/cachevet/analyzers/internal/doc"
	"github.com/cachevet/cachevet/analyzers/internal/fix"
	"github.com/cachevet/cachevet/analyzers/internal/flow"
	"github.com/cachevet/cachevet/analyzers/internal/model"
	"github.com/cachevet/cachevet/analyzers/internal/suppress"
	"golang.org/x/tools/go/analysis"
)

//go:embed doc.go
var docSource string

// Analyzer reports sensitive fields reaching a cached value.
var Analyzer = &analysis.Analyzer{
	Name:     "sensitivedata",
	Doc:      doc.Extract(docSource, "sensitivedata"),
	URL:      "https://pkg.go.dev/github.com/cachevet/cachevet/analyzers/sensitivedata",
	Run:      run,
	Requires: []*analysis.Analyzer{flow.Analyzer},
}

func init() {
	Analyzer.Flags.Var(flow.SensitivePatterns, "patterns", "comma-separated extra sensitive terms in snake_case (e.g. phone_number,date_of_birth)")
	Analyzer.Flags.Var(classes, "classes", "comma-separated classes of sensitive data to report: "+allClasses())
}

func run(pass *analysis.Pass) (any, error) {
	res := pass.ResultOf[flow.Analyzer].(*flow.Result)
	if res == nil {
		return nil, nil
	}
	reporter := suppress.NewReporter(pass)
	for _, h := range res.ValueHits {
		if d, ok := diagnostic(pass, h); ok {
			reporter.Report(d)
		}
	}
	for _, q := range res.CachedQueries {
		reporter.Report(cachedQueryDiagnostic(pass, q))
	}
	return nil, nil
}

func diagnostic(pass *analysis.Pass, h *flow.ValueHit) (analysis.Diagnostic, bool) {
	var fields []*flow.Origin
	for _, o := range h.Fields.Sorted() {
		if classes.reports(o.Class) {
			fields = append(fields, o)
		}
	}
	if len(fields) == 0 {
		return analysis.Diagnostic{}, false
	}
	var names, encoders []string
	for _, o := range fields {
		name := o.Desc
		if len(o.Via) > 0 {
			name += " (written by " + strings.Join(o.Via, " and ") + ")"
		}
		if !contains(names, name) {
			names = append(names, name)
		}
		if o.Encoder != "" && !contains(encoders, o.Encoder) {
			encoders = append(encoders, o.Encoder)
		}
	}
	how := ""
	if len(encoders) > 0 {
		how = " (" + strings.Join(encoders, ", ") + ")"
	} else {
		how = " (read directly)"
	}
	sink := h.Sink.Name
	if len(h.Sink.Via) > 0 {
		sink += " through " + strings.Join(h.Sink.Via, " and ")
	}
	msg := "cached value stored by " + sink + " contains " + joinAnd(names) + how + ": " + whatLeaks(fields) +
		"; anyone who reaches memcached can list every key (stats cachedump, lru_crawler metadump) and read it; " +
		"cache a type without these fields, hide them from the encoder (json:\"-\"), or encrypt the value"

	d := analysis.Diagnostic{Pos: h.Call.Pos(), Message: msg, Category: "sensitivedata"}
	call := fix.CallExpr(pass, h.Call)
	if call != nil {
		d.Pos, d.End = call.Pos(), call.End()
	}
	if e := valueExpr(pass, h, call); e != nil {
		d.Pos, d.End = e.Pos(), e.End()
	}
	for _, o := range fields {
		if o.Field != nil && o.Field.Pos().IsValid() {
			d.Related = append(d.Related, analysis.RelatedInformation{Pos: o.Field.Pos(), Message: o.Desc + " is declared here"})
		}
	}
	for _, s := range h.Steps {
		d.Related = append(d.Related, analysis.RelatedInformation{Pos: s.Pos, Message: s.Message})
	}
	if len(h.Sink.Via) > 0 {
		if obj := fix.CalleeObj(h.Call); obj != nil && obj.Pos().IsValid() {
			d.Related = append(d.Related, analysis.RelatedInformation{Pos: obj.Pos(), Message: h.Sink.Via[0] + " stores this argument in the cache"})
		}
	}
	return d, true
}

// valueExpr finds the expression to change: the Value of the Item, or the
// argument passed to a wrapper or written as a data block.
func valueExpr(pass *analysis.Pass, h *flow.ValueHit, call *ast.CallExpr) ast.Expr {
	for _, st := range h.ValueStores {
		if e := fix.StoredExpr(pass, st, h.Sink.ItemValueField()); e != nil {
			return e
		}
	}
	return fix.KeyExpr(pass, h.Call, h.Value, model.KeyString, "", nil, call)
}

func contains(ss []string, s string) bool {
	for _, x := range ss {
		if x == s {
			return true
		}
	}
	return false
}

func joinAnd(ss []string) string {
	if len(ss) <= 1 {
		return strings.Join(ss, "")
	}
	return strings.Join(ss[:len(ss)-1], ", ") + " and " + ss[len(ss)-1]
}
