package keyinjection

import (
	_ "embed"
	"go/ast"
	"strconv"
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

// Analyzer reports unsafe bytes reaching a memcache key.
var Analyzer = &analysis.Analyzer{
	Name:     "keyinjection",
	Doc:      doc.Extract(docSource, "keyinjection"),
	URL:      "https://pkg.go.dev/github.com/cachevet/cachevet/analyzers/keyinjection",
	Run:      run,
	Requires: []*analysis.Analyzer{flow.Analyzer},
}

func init() {
	Analyzer.Flags.Var(flow.Sanitizers, "sanitizers", "comma-separated full names of functions whose result is a safe key (e.g. example.com/keys.Clean)")
	Analyzer.Flags.Var(flow.Validators, "validators", "comma-separated full names of functions whose true result (or nil error) proves their argument a safe key")
	Analyzer.Flags.Var(flow.Sources, "sources", "comma-separated full names of functions whose result is attacker-controlled (e.g. example.com/web.Param)")
	Analyzer.Flags.Var(flow.UserClients, "clients", "memcache client libraries to model, as a JSON array of client descriptions (the .cachevet.yaml clients schema); every cachevet analyzer uses them")
	Analyzer.Flags.Var(flow.Sinks, "sinks", "comma-separated key sinks as name:argument, receiver = 0 (e.g. (*example.com/cache.Client).Get:1)")
}

func run(pass *analysis.Pass) (any, error) {
	res := pass.ResultOf[flow.Analyzer].(*flow.Result)
	if res == nil {
		return nil, nil
	}
	reporter := suppress.NewReporter(pass)
	for _, h := range res.Hits {
		reporter.Report(diagnostic(pass, res, h))
	}
	return nil, nil
}

// primaryOrigin is the origin the message is about: one that alone brings
// every unsafe byte the message lists, attacker data before a
// construction, so that raw digest bytes beside a URI that may hold a
// space are named for what they put in; failing that, the first attacker
// data.
func primaryOrigin(t flow.Taint, origins []*flow.Origin, bytes model.ByteSet) *flow.Origin {
	rank := func(o *flow.Origin) int {
		r := 0
		if t[o] == bytes {
			r += 2
		}
		if o.Kind == flow.FromSource {
			r++
		}
		return r
	}
	primary := origins[0]
	for _, o := range origins[1:] {
		if rank(o) > rank(primary) {
			primary = o
		}
	}
	return primary
}

func diagnostic(pass *analysis.Pass, res *flow.Result, h *flow.Hit) analysis.Diagnostic {
	call := fix.CallExpr(pass, h.Call)
	var keyExpr ast.Expr
	if !h.Remote {
		keyExpr = fix.KeyExpr(pass, h.Call, h.Key, h.Sink.Shape, h.Sink.ItemKeyField(), h.ItemKeyStores, call)
	}
	origins := h.Origins()
	bytes := h.Taint.Unsafe()
	primary := primaryOrigin(h.Taint, origins, bytes)

	sink := h.Sink.Name
	if len(h.Sink.Via) > 0 {
		sink += " through " + strings.Join(h.Sink.Via, " and ")
	}
	where := "the memcache key of " + sink
	if h.Sink.HandWritten {
		where = "the key of " + sink
	}
	if h.Sink.Shape == model.ItemKey {
		where = "the Key of the Item passed to " + sink
	}
	var msg string
	from := primary.Desc
	if len(primary.Via) > 0 {
		from += " returned by " + strings.Join(primary.Via, " from ")
	}
	kl, known := res.KeyLength(h.Call, h.Key)
	if primary.Kind == flow.FromSource {
		advice := "escape it with url.QueryEscape"
		if escapeTooLong(kl, known) {
			advice = "hash it (sha256, hex encoded), since escaping would not bound its length"
		}
		msg = from + " reaches " + where + " unescaped: " + harm(h.Sink, bytes, true) + "; " + advice
	} else {
		msg = from + " puts " + bytes.String() + " into " + where + ": " + harm(h.Sink, bytes, false) + "; " + primary.Hint
	}
	if more := len(origins) - 1; more > 0 {
		msg += " (and " + plural(more, "other origin") + ")"
	}

	d := analysis.Diagnostic{Pos: h.Pos(), Message: msg, Category: "keyinjection"}
	if call != nil {
		d.Pos, d.End = call.Pos(), call.End()
	}
	if keyExpr != nil {
		d.Pos, d.End = keyExpr.Pos(), keyExpr.End()
	}
	for _, o := range origins {
		if o.Pos.IsValid() {
			what := "untrusted data enters here"
			if o.Kind == flow.FromConstruction {
				what = "unsafe bytes come from here"
			}
			pos, end := fix.Span(pass, o.Pos, keyExpr, o.Text)
			d.Related = append(d.Related, analysis.RelatedInformation{Pos: pos, End: end, Message: what + ": " + o.Desc})
		}
	}
	for _, s := range h.Steps {
		d.Related = append(d.Related, analysis.RelatedInformation{Pos: s.Pos, Message: s.Message})
	}
	if len(h.Sink.Via) > 0 && !h.Remote {
		if obj := fix.CalleeObj(h.Call); obj != nil && obj.Pos().IsValid() {
			d.Related = append(d.Related, analysis.RelatedInformation{
				Pos:     obj.Pos(),
				Message: h.Sink.Via[0] + " puts this argument into " + h.Sink.Name,
			})
		}
	}
	if keyExpr != nil {
		f := keyFix(pass, keyExpr, origins, kl, known)
		if h.Sink.Shape == model.KeyList && call != nil {
			f = keyListFix(pass, call, keyExpr, origins)
			if f == nil {
				f = keysFix(pass, call, fix.ListElements(pass, call, keyExpr), origins)
			}
		}
		if h.Sink.Shape == model.ItemList && call != nil {
			f = keysFix(pass, call, fix.ItemListKeys(pass, call, keyExpr, h.Sink.ItemKeyField()), origins)
		}
		if f != nil {
			d.SuggestedFixes = []analysis.SuggestedFix{*f}
		}
	}
	return d
}

func plural(n int, what string) string {
	if n == 1 {
		return "1 " + what
	}
	return strconv.Itoa(n) + " " + what + "s"
}

// harm says what the unsafe bytes do at this kind of sink, for keys an
// attacker chooses or for keys that are unsafe by construction.
func harm(s flow.SinkInfo, bytes model.ByteSet, attacker bool) string {
	switch {
	case s.HandWritten && bytes&model.Splitting != 0 && attacker:
		return bytes.String() + " in it splits the command line or injects memcached commands"
	case s.HandWritten && bytes&model.Splitting != 0:
		return "it splits the command line, so memcached runs a different command"
	case s.HandWritten:
		return "memcached stores the key, but clients that validate keys can never read it back"
	case s.Client != nil:
		return s.Client.KeyHarm(bytes, attacker)
	}
	return bytes.String() + " in it splits or injects memcached commands"
}

// keyFix removes the unsafe bytes of every origin: it escapes the
// attacker's operands with url.QueryEscape, which leaves no space or
// control byte in them, and rewrites the parts of the key that make such
// bytes up (see fix.Construction). Escaping may triple the length: if the
// key's bound (kl) is unknown or the tripled key would not fit, it hashes
// the operands instead, as keylength's fix does, so that the two fixes of
// one key are the same edits. It offers nothing if one origin is beyond a
// mechanical change.
func keyFix(pass *analysis.Pass, key ast.Expr, origins []*flow.Origin, kl flow.KeyLength, known bool) *analysis.SuggestedFix {
	im := fix.NewImporter(pass, key.Pos())
	if im == nil {
		return nil
	}
	var edits []analysis.TextEdit
	var what []string
	escaped := false
	made := map[flow.Construction]bool{}
	for _, o := range origins {
		switch {
		case o.Kind == flow.FromSource && !escaped:
			escaped = true
			if escapeTooLong(kl, known) {
				e, ok := fix.Hash(pass, im, key, kl.Limit)
				if !ok {
					return nil
				}
				edits = append(edits, e...)
				what = append(what, "hash the key with SHA-256 (escaping it would not bound its length)")
				continue
			}
			e, ok := escapeEdits(pass, im, key)
			if !ok {
				return nil
			}
			edits = append(edits, e...)
			what = append(what, "escape the key with url.QueryEscape")
		case o.Kind == flow.FromSource:
		case o.Kind == flow.FromConstruction && o.Made != 0:
			if made[o.Made] {
				continue
			}
			made[o.Made] = true
			e, ok := fix.Construction(pass, im, key, o.Made)
			if !ok {
				return nil
			}
			edits = append(edits, e...)
			if len(made) == 1 {
				what = append(what, "build the key without spaces or control bytes")
			}
		default:
			return nil
		}
	}
	if len(edits) == 0 {
		return nil
	}
	msg := strings.Join(what, " and ")
	return &analysis.SuggestedFix{
		Message:   strings.ToUpper(msg[:1]) + msg[1:],
		TextEdits: append(edits, im.Edits()...),
	}
}

// keyListFix hashes every key of a list that holds attacker input and
// gives the results back under the keys as passed (see fix.KeyList).
func keyListFix(pass *analysis.Pass, call *ast.CallExpr, list ast.Expr, origins []*flow.Origin) *analysis.SuggestedFix {
	for _, o := range origins {
		if o.Kind != flow.FromSource {
			return nil
		}
	}
	im := fix.NewImporter(pass, call.Pos())
	if im == nil {
		return nil
	}
	edits, ok := fix.KeyList(pass, im, call, list)
	if !ok {
		return nil
	}
	return &analysis.SuggestedFix{
		Message:   "Hash every key with SHA-256 and return the results under the keys as given",
		TextEdits: append(edits, im.Edits()...),
	}
}

// keysFix hashes each of the keys written out in a call: the elements of
// a list of keys (variadic arguments or a slice literal) where the call
// does not fit keyListFix (a variadic GetMulti, a context before the
// keys), or the key fields of a literal list of Items. Each is rewritten
// as a single key's fix rewrites it, so that the keys a call reads are the
// keys a fixed Set of the same key stores.
func keysFix(pass *analysis.Pass, call *ast.CallExpr, elems []ast.Expr, origins []*flow.Origin) *analysis.SuggestedFix {
	for _, o := range origins {
		if o.Kind != flow.FromSource {
			return nil
		}
	}
	if len(elems) == 0 {
		return nil
	}
	im := fix.NewImporter(pass, call.Pos())
	if im == nil {
		return nil
	}
	var edits []analysis.TextEdit
	for _, e := range elems {
		if tv, ok := pass.TypesInfo.Types[e]; ok && tv.Value != nil {
			continue // a constant key is what it is
		}
		es, ok := fix.Hash(pass, im, e, flow.MaxKeyLength)
		if !ok {
			return nil
		}
		edits = append(edits, es...)
	}
	if len(edits) == 0 {
		return nil
	}
	return &analysis.SuggestedFix{
		Message:   "Hash the unbounded part of every key with SHA-256",
		TextEdits: append(edits, im.Edits()...),
	}
}

// escapeGrowth is how much url.QueryEscape may lengthen a key: %XX for
// every byte.
const escapeGrowth = 3

// escapeTooLong reports whether escaping a key of bound kl could leave it
// over memcached's limit (or it has no bound), so that the fix, and the
// advice, is to hash it instead.
func escapeTooLong(kl flow.KeyLength, known bool) bool {
	return known && (!kl.Length.Finite() || escapeGrowth*kl.Length.Max > kl.Limit)
}

// escapeEdits wraps the non-constant string operands of the key in
// url.QueryEscape.
func escapeEdits(pass *analysis.Pass, im *fix.Importer, key ast.Expr) ([]analysis.TextEdit, bool) {
	targets := fix.Operands(pass, key)
	if len(targets) == 0 {
		return nil, false
	}
	name, ok := im.Name("net/url", "url", key.Pos())
	if !ok {
		return nil, false
	}
	var edits []analysis.TextEdit
	for _, t := range targets {
		edits = append(edits, fix.Wrap(t, name+".QueryEscape")...)
	}
	return edits, true
}
