package flow

import (
	"bytes"
	"go/ast"
	"go/token"
	"strings"

	"github.com/cachevet/cachevet/analyzers/internal/model"
)

// A package is worth analyzing, on SSA and from source, only if it can
// carry a fact that changes a finding: a wrapper whose parameter reaches a
// memcache key or value, or a function that returns attacker data. Both
// need something the model names: a client call, a source, or a
// hand-written command. Everything else (most of a program's dependencies)
// could at best refine how a call passes its arguments through, which the
// engine then assumes it does with every byte (see propagateAll).
//
// The rule is a property of the import graph and of the package's text,
// so that a driver can apply it before type-checking anything: it loads
// the packages it selects from source and the rest from export data, and
// under go vet a package that fails it exits at once. The analyzer applies
// the same rule, so that every driver analyzes the same packages.

// PackageInfo is what Relevant needs to know of a package.
type PackageInfo struct {
	Path string
	// Standard: a package of the standard library, which the model
	// describes instead.
	Standard bool
	// Versioned: the package belongs to a module with a version, a
	// dependency from the module cache. The main module, workspace
	// modules, directory replacements and GOPATH code are the user's own:
	// their key builders and sanitizers are always analyzed.
	Versioned bool
	// Imports are the import paths of the package's direct imports.
	Imports []string
	// ImportsRelevant: a direct import is itself relevant.
	ImportsRelevant bool
}

// Relevance decides which packages the engine analyzes. It holds the
// packages the model and the configuration name.
type Relevance struct {
	modelled map[string]bool
	rpc      map[string]bool // model.RPCPackages
}

// NewRelevance returns the rule for the current model and configuration
// (the -keyinjection.sources and -keyinjection.sinks flags).
func NewRelevance() *Relevance {
	r := &Relevance{modelled: make(map[string]bool), rpc: make(map[string]bool)}
	for _, path := range model.RPCPackages {
		r.rpc[path] = true
	}
	for _, c := range KnownClients() {
		r.modelled[c.Path] = true
	}
	for name, rule := range model.Funcs {
		if rule.Source != nil {
			r.modelled[funcPackage(name)] = true
		}
	}
	for name := range model.FieldSources {
		r.modelled[memberPackage(name)] = true
	}
	for name := range model.GlobalSources {
		r.modelled[memberPackage(name)] = true
	}
	for name := range Sources {
		r.modelled[funcPackage(name)] = true
	}
	for spec := range Sinks {
		if name, _, ok := parseSinkSpec(spec); ok {
			r.modelled[funcPackage(name)] = true
		}
	}
	delete(r.modelled, "")
	return r
}

// Modelled reports whether path names a package whose API the model (or
// the configuration) treats as a source or a sink.
func (r *Relevance) Modelled(path string) bool { return r.modelled[path] }

// Relevant reports whether the package described by p can carry facts that
// matter, given whether its text mentions a hand-written command or a
// cachevet directive (see MentionsProtocol and mentions).
func (r *Relevance) Relevant(p PackageInfo, mentionsProtocol bool) bool {
	if p.Standard || isClient(p.Path) {
		return false // described by the model
	}
	if !p.Versioned || p.ImportsRelevant || mentionsProtocol {
		return true
	}
	for _, imp := range p.Imports {
		if r.makesRelevant(imp) {
			return true
		}
	}
	return false
}

// makesRelevant reports whether importing path makes a dependency
// relevant: a modelled package other than the standard library's (see
// StandardPath) and an RPC framework's.
//
// A dependency importing gRPC, its metadata package, Connect or gqlgen is
// a client SDK, an exporter, an interceptor library or generated code far
// more often than a place where request data reaches a memcache key:
// counting them made a third more of a large gRPC program's dependencies
// relevant (every importer of a relevant package is), which cost a third
// more memory and found nothing.
// The user's own service implementations and interceptors are analyzed
// anyway; what is missed is a dependency's helper that reads incoming
// metadata for its caller (a tenant from the context), which, unlike
// readsRequest's, takes nothing the engine can tell is a request.
func (r *Relevance) makesRelevant(path string) bool {
	return r.modelled[path] && !StandardPath(path) && !r.rpc[path]
}

// StandardPath reports whether path names a package of the standard library:
// its first element has no dot.
//
// A dependency does not become relevant by importing a modelled package of
// the standard library (net/http, net, os): nearly every SDK and
// middleware does, to send requests or read files, and analyzing them all
// would load most of a program from source. Request data reaches a key
// through the user's own handlers and through the frameworks the model
// names (gin, echo, chi, gorilla/mux, fiber); a third-party helper that
// reads a request for its caller (realip.FromRequest(r)) is not analyzed,
// and its text result is taken for request data (see readsRequest).
func StandardPath(path string) bool {
	first, _, _ := strings.Cut(path, "/")
	return !strings.Contains(first, ".")
}

func isClient(path string) bool {
	for _, c := range KnownClients() {
		if c.Path == path {
			return true
		}
	}
	return false
}

// protocolMarkers are the texts that make a package relevant whatever it
// imports: a string literal holding just a memcached command verb and its
// space (`"get "`, "`set `"), or starting a format with one (`"get %`),
// together with the escaped line end `\r\n` that ends a command, in the
// same file. These are how command lines are written by hand ("get " + key
// + "\r\n", fmt.Fprintf(w, "get %s\r\n", key)); a verb starting prose
// ("get authorization token: %v", "add headers") is not one.
// cachevet's function directives are markers on their own.
var protocolMarkers = func() [][]byte {
	var ms [][]byte
	for _, v := range model.CommandVerbs {
		ms = append(ms, []byte(`"`+v+` "`), []byte(`"`+v+` %`), []byte("`"+v+" `"), []byte("`"+v+" %"))
	}
	return ms
}()

var (
	lineEnd    = []byte(`\r\n`)
	directives = [][]byte{[]byte("//cachevet:sanitizer"), []byte("//cachevet:validator")}
)

// MentionsProtocol reports whether the Go source text of one file holds a
// protocolMarker and a line end, or a directive. It reads the raw text, so
// it also matches markers in comments: it is a superset of what the
// analyzer finds in the syntax tree, which keeps a driver that selects
// packages by it from missing one the analyzer would analyze.
func MentionsProtocol(src []byte) bool {
	for _, d := range directives {
		if bytes.Contains(src, d) {
			return true
		}
	}
	return hasVerb(src) && bytes.Contains(src, lineEnd)
}

func hasVerb(src []byte) bool {
	for _, m := range protocolMarkers {
		if bytes.Contains(src, m) {
			return true
		}
	}
	return false
}

// mentionsProtocol is MentionsProtocol on parsed files: string literals
// and comments, file by file.
func mentionsProtocol(files []*ast.File) bool {
	for _, f := range files {
		var verb, end bool
		see := func(text string) bool {
			for _, d := range directives {
				if strings.Contains(text, string(d)) {
					return true
				}
			}
			verb = verb || hasVerb([]byte(text))
			end = end || strings.Contains(text, string(lineEnd))
			return verb && end
		}
		for _, cg := range f.Comments {
			for _, c := range cg.List {
				if see(c.Text) {
					return true
				}
			}
		}
		found := false
		ast.Inspect(f, func(n ast.Node) bool {
			if found {
				return false
			}
			if lit, ok := n.(*ast.BasicLit); ok && lit.Kind == token.STRING && see(lit.Value) {
				found = true
			}
			return true
		})
		if found {
			return true
		}
	}
	return false
}

// funcPackage returns the package path of a types.Func.FullName:
// "net/url.QueryEscape", "(*net/http.Request).FormValue" and
// "(github.com/labstack/echo/v4.Context).Param" give "net/url", "net/http"
// and "github.com/labstack/echo/v4".
func funcPackage(name string) string {
	if strings.HasPrefix(name, "(") {
		recv := strings.TrimPrefix(name[1:], "*")
		if i := strings.Index(recv, ")"); i >= 0 {
			recv = recv[:i]
		}
		return memberPackage(recv)
	}
	return memberPackage(name)
}

// memberPackage returns the package path of "path.Name" or
// "path.Type.Field": everything up to the first dot after the last slash.
func memberPackage(name string) string {
	slash := strings.LastIndex(name, "/")
	dot := strings.Index(name[slash+1:], ".")
	if dot < 0 {
		return ""
	}
	return name[:slash+1+dot]
}
