package config_test

import (
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/cachevet/cachevet/analyzers"
	"github.com/cachevet/cachevet/analyzers/config"
)

func TestParse(t *testing.T) {
	c, err := config.Parse([]byte(`
sources: ["example.com/web.Param"]
sinks: ["(*example.com/cache.Client).Lookup:1"]
sanitizers: [example.com/keys.Clean]
validators: [example.com/keys.Valid]
sensitive: [phone_number]
cache-ports: [11211, 21211]
strict-length: true
`))
	if err != nil {
		t.Fatal(err)
	}
	if len(c.Sources) != 1 || c.Sinks[0] != "(*example.com/cache.Client).Lookup:1" || c.CachePorts[1] != 21211 || !c.StrictLength {
		t.Errorf("decoded %+v", c)
	}
}

func TestErrorsNameFieldAndLine(t *testing.T) {
	for _, tc := range []struct{ yaml, want string }{
		{"sources: [a]\nsanitiser: [b]\n", "line 2: field sanitiser not found"},
		{"sinks:\n  - good.F:1\n  - bad.F\n", "line 3: sinks[1]: \"bad.F\" needs the key argument's index"},
		{"cache-ports: [11211, 70000]\n", "line 1: cache-ports[1]: 70000 is not a TCP port"},
		{"cache-ports: [eleven]\n", "line 1: cannot unmarshal !!str `eleven` into int"},
		{"strict-length: maybe\n", "line 1: cannot unmarshal !!str `maybe` into bool"},
	} {
		_, err := config.Parse([]byte(tc.yaml))
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("Parse(%q) = %v, want an error containing %q", tc.yaml, err, tc.want)
		}
	}
}

func TestFind(t *testing.T) {
	root := t.TempDir()
	sub := filepath.Join(root, "a", "b")
	if err := os.MkdirAll(sub, 0o755); err != nil {
		t.Fatal(err)
	}
	if p, err := config.Find(sub); err != nil || p != "" {
		t.Fatalf("Find without a file = %q, %v", p, err)
	}
	want := filepath.Join(root, "a", config.FileName)
	if err := os.WriteFile(want, []byte("sensitive: [x]\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if p, err := config.Find(sub); err != nil || p != want {
		t.Fatalf("Find = %q, %v; want %q", p, err, want)
	}
}

func TestApply(t *testing.T) {
	all := analyzers.All()
	c := &config.Config{Sanitizers: []string{"example.com/k.Clean"}, StrictLength: true, Sensitive: []string{"phone"}, CachePorts: []int{11211, 21211}}
	if err := c.Apply(all); err != nil {
		t.Fatal(err)
	}
	defer func() {
		for _, a := range all {
			switch a.Name {
			case "keyinjection":
				a.Flags.Set("sanitizers", "")
			case "keylength":
				a.Flags.Set("strict", "false")
			case "sensitivedata":
				a.Flags.Set("patterns", "")
			case "exposure":
				a.Flags.Set("ports", "11211")
			}
		}
	}()
	got := map[string]string{}
	for _, a := range all {
		a.Flags.VisitAll(func(f *flag.Flag) { got[a.Name+"."+f.Name] = f.Value.String() })
	}
	for k, want := range map[string]string{
		"keyinjection.sanitizers": "example.com/k.Clean",
		"keylength.strict":        "true",
		"sensitivedata.patterns":  "phone",
		"exposure.ports":          "11211,21211",
	} {
		if got[k] != want {
			t.Errorf("%s = %q, want %q", k, got[k], want)
		}
	}
}
