package flow

import (
	"go/ast"
	"go/parser"
	"go/token"
	"slices"
	"strings"
	"testing"

	"github.com/cachevet/cachevet/analyzers/internal/model"
)

func TestFuncPackage(t *testing.T) {
	for name, want := range map[string]string{
		"net/url.QueryEscape":                         "net/url",
		"(*net/http.Request).FormValue":               "net/http",
		"(github.com/labstack/echo/v4.Context).Param": "github.com/labstack/echo/v4",
		"(*github.com/gin-gonic/gin.Context).Query":   "github.com/gin-gonic/gin",
		"net/http.Request.Form":                       "net/http",
		"os.Args":                                     "os",
		"example.com/web.Param":                       "example.com/web",
		"nodot":                                       "",
	} {
		if got := funcPackage(name); got != want {
			t.Errorf("funcPackage(%q) = %q, want %q", name, got, want)
		}
	}
}

func TestRelevance(t *testing.T) {
	r := NewRelevance()
	for _, path := range []string{
		"net/http", "net", "os", "github.com/gorilla/mux", "github.com/go-chi/chi/v5",
		"github.com/gin-gonic/gin", "github.com/labstack/echo/v4",
		"github.com/bradfitz/gomemcache/memcache", "github.com/grafana/gomemcache/memcache",
	} {
		if !r.Modelled(path) {
			t.Errorf("%s is not modelled", path)
		}
	}
	for _, path := range []string{"strings", "fmt", "io", "bufio", "encoding/json", "net/url", ""} {
		if r.Modelled(path) {
			t.Errorf("%s is modelled: every importer would be analyzed", path)
		}
	}

	dep := PackageInfo{Path: "example.com/lib", Versioned: true, Imports: []string{"strings", "fmt"}}
	for _, tc := range []struct {
		name     string
		info     PackageInfo
		mentions bool
		want     bool
	}{
		{"a plain dependency", dep, false, false},
		{"a dependency with a command in its text", dep, true, true},
		{"a dependency importing a relevant package", with(dep, func(p *PackageInfo) { p.ImportsRelevant = true }), false, true},
		{"a dependency importing net/http", with(dep, func(p *PackageInfo) { p.Imports = append(p.Imports, "net/http") }), false, false},
		{"a dependency importing a modelled framework", with(dep, func(p *PackageInfo) { p.Imports = append(p.Imports, "github.com/labstack/echo/v4") }), false, true},
		{"a dependency importing RPC frameworks", with(dep, func(p *PackageInfo) {
			p.Imports = append(p.Imports, "google.golang.org/grpc", "google.golang.org/grpc/metadata", "connectrpc.com/connect", "github.com/99designs/gqlgen/graphql")
		}), false, false},
		{"a dependency importing gRPC and a client", with(dep, func(p *PackageInfo) {
			p.Imports = append(p.Imports, "google.golang.org/grpc", "github.com/bradfitz/gomemcache/memcache")
		}), false, true},
		{"the user's own code importing gRPC", with(dep, func(p *PackageInfo) {
			p.Versioned = false
			p.Imports = append(p.Imports, "google.golang.org/grpc/metadata")
		}), false, true},
		{"the user's own code importing net/http", with(dep, func(p *PackageInfo) { p.Versioned = false; p.Imports = append(p.Imports, "net/http") }), false, true},
		{"a dependency importing a client", with(dep, func(p *PackageInfo) { p.Imports = []string{"github.com/bradfitz/gomemcache/memcache"} }), false, true},
		{"the user's own code", with(dep, func(p *PackageInfo) { p.Versioned = false }), false, true},
		{"the standard library", PackageInfo{Path: "net/http", Standard: true, Imports: []string{"net"}, ImportsRelevant: true}, true, false},
		{"a modelled client", PackageInfo{Path: "github.com/bradfitz/gomemcache/memcache", Versioned: true, Imports: []string{"net"}}, true, false},
	} {
		if got := r.Relevant(tc.info, tc.mentions); got != tc.want {
			t.Errorf("%s: Relevant = %v, want %v", tc.name, got, tc.want)
		}
	}
}

// TestRPCPackages checks that model.RPCPackages lists every modelled
// package of the RPC frameworks, so that a row added for one of their
// packages does not make its importers relevant again.
func TestRPCPackages(t *testing.T) {
	r := NewRelevance()
	for _, path := range model.RPCPackages {
		if !r.Modelled(path) {
			t.Errorf("model.RPCPackages lists %s, which the model does not name", path)
		}
	}
	for path := range r.modelled {
		for _, module := range []string{"google.golang.org/grpc", "connectrpc.com/connect", "github.com/99designs/gqlgen"} {
			if (path == module || strings.HasPrefix(path, module+"/")) && !slices.Contains(model.RPCPackages, path) {
				t.Errorf("%s is modelled but not in model.RPCPackages: its importers are relevant", path)
			}
		}
	}
}

func with(p PackageInfo, f func(*PackageInfo)) PackageInfo {
	p.Imports = append([]string(nil), p.Imports...)
	f(&p)
	return p
}

func TestRelevanceOfConfiguredNames(t *testing.T) {
	defer Sources.Set("")
	defer Sinks.Set("")
	Sources.Set("example.com/web.Param")
	Sinks.Set("(*example.com/cache.Client).Lookup:1")
	r := NewRelevance()
	if !r.Modelled("example.com/web") || !r.Modelled("example.com/cache") {
		t.Error("the packages of configured sources and sinks are not modelled")
	}
}

func TestMentionsProtocol(t *testing.T) {
	for src, want := range map[string]bool{
		"fmt.Fprintf(w, \"get %s\\r\\n\", k)":                                    true,
		"io.WriteString(c, `set ` + k + \"\\r\\n\")":                             true,
		"io.WriteString(c, `set ` + k)":                                          false,
		"b.WriteString(\"add headers \")":                                        false,
		"fmt.Errorf(\"get token: %v\", err); strings.ContainsAny(t, \"\\r\\n\")": false,
		"w.WriteString(\"gets \" + k + \"\\r\\n\")":                              true,
		"//cachevet:sanitizer\nfunc clean() {}":                                  true,
		"//cachevet:validator":                                                   true,
		"errors.New(\"cannot get user\")":                                        false,
		"fmt.Errorf(\"target: %w\", err)":                                        false,
		"log.Print(\"getter \")":                                                 false,
		"var getKey = \"key\"":                                                   false,
		"fmt.Fprintf(w, \"incr %s 1\\r\\n\", key)":                               true,
	} {
		if got := MentionsProtocol([]byte(src)); got != want {
			t.Errorf("MentionsProtocol(%q) = %v, want %v", src, got, want)
		}
	}
}

// The analyzer finds markers in literals and comments only, the driver in
// the raw text: a subset, so the driver never misses a package the
// analyzer analyzes.
func TestMentionsProtocolInSyntax(t *testing.T) {
	for want, srcs := range map[bool][]string{
		true: {
			"package p\nvar f = \"get %s\\r\\n\"",
			"package p\n//cachevet:sanitizer\nfunc c() {}",
			"package p\n// sends \"get %s\\r\\n\"\nfunc s() {}",
			"package p\nvar f = \"get \" // then \\r\\n",
		},
		false: {
			"package p\nvar f = \"add headers \"",
			"package p\nvar get, set = 1, 2",
		},
	} {
		for _, src := range srcs {
			f, err := parser.ParseFile(token.NewFileSet(), "p.go", src, parser.ParseComments)
			if err != nil {
				t.Fatal(err)
			}
			if got := mentionsProtocol([]*ast.File{f}); got != want {
				t.Errorf("mentionsProtocol(%q) = %v, want %v", src, got, want)
			}
			if want && !MentionsProtocol([]byte(src)) {
				t.Errorf("the raw text of %q does not mention the protocol, its syntax does", src)
			}
		}
	}
}
