package sensitivedata

import (
	"go/types"

	"github.com/cachevet/cachevet/analyzers/internal/fix"
	"github.com/cachevet/cachevet/analyzers/internal/flow"
	"golang.org/x/tools/go/analysis"
)

// cachedQueryDiagnostic reports a query whose rows an ORM cache puts into
// memcached: at the query, with the installation, the store method and
// the fields in the related information.
func cachedQueryDiagnostic(pass *analysis.Pass, q *flow.CachedQuery) analysis.Diagnostic {
	var names []string
	for _, f := range q.Fields {
		if !contains(names, f.Desc) {
			names = append(names, f.Desc)
		}
	}
	qual := func(p *types.Package) string {
		if p == pass.Pkg {
			return ""
		}
		return p.Name()
	}
	model := types.TypeString(q.Model, qual)
	store := "(" + types.TypeString(q.Store.Signature().Recv().Type(), qual) + ")." + q.Store.Name()
	msg := q.Query + " reads " + model + " rows, which " + q.Cache + " caches through " + store +
		" into memcached (" + q.Sink + "): they hold " + joinAnd(names) + " (" + q.Encoding + ")" +
		", which anyone who reaches memcached can list (lru_crawler metadump) and read; " +
		"read only the columns without them into what is cached (a type without these fields, a Select of the safe columns), " +
		"or make this query on a handle without the cache"
	d := analysis.Diagnostic{Pos: q.Call.Pos(), Message: msg, Category: "sensitivedata"}
	if call := fix.CallExpr(pass, q.Call); call != nil {
		d.Pos, d.End = call.Pos(), call.End()
	}
	if call := fix.CallExpr(pass, q.Install); call != nil {
		d.Related = append(d.Related, analysis.RelatedInformation{Pos: call.Pos(), End: call.End(), Message: q.Cache + " is installed on this handle here"})
	}
	if q.Store.Pos().IsValid() {
		d.Related = append(d.Related, analysis.RelatedInformation{Pos: q.Store.Pos(), Message: store + " stores the rows in memcached"})
	}
	for _, f := range q.Fields {
		if f.Field != nil && f.Field.Pos().IsValid() {
			d.Related = append(d.Related, analysis.RelatedInformation{Pos: f.Field.Pos(), Message: f.Desc + " is declared here"})
		}
	}
	return d
}
