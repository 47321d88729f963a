package golangci

import (
	"flag"
	"maps"
	"slices"
	"strings"
	"testing"

	"github.com/cachevet/cachevet/analyzers"
	"github.com/cachevet/cachevet/analyzers/config"
	"github.com/golangci/plugin-module-register/register"
	"golang.org/x/tools/go/analysis"
)

// resetSettings restores the analyzers' flags and the merged settings when
// the test ends, so that other tests see the defaults.
func resetSettings(t *testing.T) {
	t.Helper()
	saved := map[*flag.Flag]string{}
	for _, a := range analyzers.All() {
		a.Flags.VisitAll(func(f *flag.Flag) { saved[f] = f.Value.String() })
	}
	t.Cleanup(func() {
		for f, v := range saved {
			if err := f.Value.Set(v); err != nil {
				t.Errorf("restoring -%s=%q: %v", f.Name, v, err)
			}
		}
		mu.Lock()
		merged = config.Config{}
		mu.Unlock()
	})
}

func flags() map[string]string {
	got := map[string]string{}
	for _, a := range analyzers.All() {
		a.Flags.VisitAll(func(f *flag.Flag) { got[a.Name+"."+f.Name] = f.Value.String() })
	}
	return got
}

func build(t *testing.T, name string, settings any) (register.LinterPlugin, error) {
	t.Helper()
	newPlugin, err := register.GetPlugin(name)
	if err != nil {
		t.Fatal(err)
	}
	return newPlugin(settings)
}

func names(as []*analysis.Analyzer) []string {
	var out []string
	for _, a := range as {
		out = append(out, a.Name)
	}
	return out
}

func TestPluginsRegistered(t *testing.T) {
	resetSettings(t)
	want := map[string][]string{
		"cachevet":      names(analyzers.All()),
		"keyinjection":  {"keyinjection"},
		"keylength":     {"keylength"},
		"sensitivedata": {"sensitivedata"},
		"exposure":      {"exposure"},
	}
	for name, wantAnalyzers := range want {
		p, err := build(t, name, nil) // no settings key at all
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		as, err := p.BuildAnalyzers()
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if got := names(as); !slices.Equal(got, wantAnalyzers) {
			t.Errorf("plugin %s runs %v, want %v", name, got, wantAnalyzers)
		}
		if m := p.GetLoadMode(); m != register.LoadModeTypesInfo {
			t.Errorf("plugin %s load mode %q, want %q", name, m, register.LoadModeTypesInfo)
		}
	}
	// The per-analyzer plugins return the very analyzers of the bundle, so
	// enabling both runs each analyzer once.
	p, _ := build(t, "keyinjection", nil)
	as, _ := p.BuildAnalyzers()
	if as[0] != analyzers.All()[0] {
		t.Error("the keyinjection plugin does not share the bundle's analyzer")
	}
}

func TestSettingsRejected(t *testing.T) {
	resetSettings(t)
	before := flags()
	for _, tc := range []struct {
		name     string
		settings map[string]any
		want     string
	}{
		{"unknown key", map[string]any{"sources": []any{"example.com/web.Param"}, "sanitiser": []any{"example.com/k.Clean"}},
			`linters.settings.custom.cachevet.settings: decoding settings: json: unknown field "sanitiser"`},
		{"bad sink", map[string]any{"sinks": []any{"(*example.com/cache.Client).Lookup"}},
			`linters.settings.custom.keyinjection.settings: sinks[0]: "(*example.com/cache.Client).Lookup" needs the key argument's index`},
		{"bad sink index", map[string]any{"sinks": []any{"example.com/cache.Lookup:key"}},
			`sinks[0]: "example.com/cache.Lookup:key": "key" is not an argument index`},
		{"bad port", map[string]any{"cache-ports": []any{11211, 70000}},
			`cache-ports[1]: 70000 is not a TCP port`},
		{"wrong type", map[string]any{"strict-length": "maybe"},
			`cannot unmarshal string into Go struct field Config.strict-length of type bool`},
		{"camel case", map[string]any{"cachePorts": []any{11211}},
			`unknown field "cachePorts"`},
	} {
		plugin := "cachevet"
		if tc.name == "bad sink" {
			plugin = "keyinjection"
		}
		p, err := build(t, plugin, tc.settings)
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s: New(%v) = %v, %v; want an error containing %q", tc.name, tc.settings, p, err, tc.want)
		}
	}
	if after := flags(); !maps.Equal(before, after) {
		t.Errorf("rejected settings changed the flags: %v, then %v", before, after)
	}
}

func TestSettingsApplied(t *testing.T) {
	resetSettings(t)
	// What golangci-lint passes: its YAML decoded to maps, keys lower-cased.
	if _, err := build(t, "cachevet", map[string]any{
		"sources":       []any{"example.com/web.Param"},
		"sinks":         []any{"(*example.com/cache.Client).Lookup:1"},
		"sanitizers":    []any{"example.com/keys.Clean"},
		"validators":    []any{"example.com/keys.Valid"},
		"sensitive":     []any{"phone_number"},
		"cache-ports":   []any{11211, 21211},
		"strict-length": true,
	}); err != nil {
		t.Fatal(err)
	}
	// A second entry adds to the first rather than replacing it.
	if _, err := build(t, "sensitivedata", map[string]any{"sensitive": []any{"date_of_birth", "phone_number"}}); err != nil {
		t.Fatal(err)
	}
	got := flags()
	for k, want := range map[string]string{
		"keyinjection.sources":    "example.com/web.Param",
		"keyinjection.sinks":      "(*example.com/cache.Client).Lookup:1",
		"keyinjection.sanitizers": "example.com/keys.Clean",
		"keyinjection.validators": "example.com/keys.Valid",
		"sensitivedata.patterns":  "date_of_birth,phone_number",
		"exposure.ports":          "11211,21211",
		"keylength.strict":        "true",
	} {
		if got[k] != want {
			t.Errorf("-%s = %q, want %q", k, got[k], want)
		}
	}
}

func TestSettingsMergeInAnyOrder(t *testing.T) {
	a := map[string]any{"sanitizers": []any{"example.com/a.Clean"}, "cache-ports": []any{21211}}
	b := map[string]any{"sanitizers": []any{"example.com/b.Clean"}, "strict-length": false}
	var results []map[string]string
	for _, order := range [][]map[string]any{{a, b}, {b, a}} {
		t.Run("", func(t *testing.T) {
			resetSettings(t)
			for i, s := range order {
				if _, err := build(t, []string{"keyinjection", "cachevet"}[i], s); err != nil {
					t.Fatal(err)
				}
			}
			results = append(results, flags())
		})
	}
	if len(results) != 2 || !maps.Equal(results[0], results[1]) {
		t.Fatalf("settings depend on the order the plugins are built: %v", results)
	}
	if got := results[0]["keyinjection.sanitizers"]; got != "example.com/a.Clean,example.com/b.Clean" {
		t.Errorf("-keyinjection.sanitizers = %q", got)
	}
	if got := results[0]["exposure.ports"]; got != "21211" {
		t.Errorf("-exposure.ports = %q", got)
	}
}
