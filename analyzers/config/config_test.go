package config_test

import (
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/cachevet/cachevet/analyzers"
	"github.com/cachevet/cachevet/analyzers/config"
	"github.com/cachevet/cachevet/analyzers/internal/model"
	"github.com/cachevet/cachevet/analyzers/keyinjection"
	"github.com/cachevet/cachevet/analyzers/sensitivedata"
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

// TestClients checks that a client description decodes into the schema of
// the built-in ones and reaches the analyzers' flag, and that a bad one is
// refused with its line.
func TestClients(t *testing.T) {
	c, err := config.Parse([]byte(`
clients:
  - name: example/kv
    path: example.com/kv
    type: "*Store"
    protocol: meta
    check: {max-length: 250, rejects: "control", error: ErrBadKey}
    item: {type: Entry, key: K, value: V}
    calls:
      - {func: Fetch, key: 2}
      - {func: FetchAll, key: 2, shape: keys}
      - {func: Put, key: 2, shape: item}
    servers:
      - {func: Dial, arg: 1, list: true}
`))
	if err != nil {
		t.Fatal(err)
	}
	cl := c.Clients[0]
	if cl.Protocol != model.ProtocolMeta || cl.Check.Rejects != model.AnyUnsafe&^model.ByteBit(' ') || cl.Calls[1].Shape != model.KeyList ||
		cl.Calls[2].Shape != model.ItemKey || cl.Item.Key != "K" || !cl.Servers[0].List {
		t.Errorf("decoded %+v", cl)
	}
	if err := c.Apply(analyzers.All()); err != nil {
		t.Fatal(err)
	}
	got := keyinjection.Analyzer.Flags.Lookup("clients").Value.String()
	if !strings.Contains(got, `"name":"example/kv"`) || !strings.Contains(got, `"protocol":"meta"`) {
		t.Errorf("keyinjection.clients = %s", got)
	}
	keyinjection.Analyzer.Flags.Set("clients", "")

	for _, tc := range []struct{ yaml, want string }{
		{"clients:\n  - name: a\n    path: example.com/a\n    protocol: smoke\n    calls: [{func: Get, key: 1}]\n", `unknown protocol "smoke"`},
		{"clients:\n  - name: a\n    path: example.com/a\n    protocol: text\n    calls: [{func: Get}]\n", "line 2: clients[0]: client a: calls[0] (Get): key must be the key's parameter"},
		{"clients:\n  - name: gomemcache\n    path: example.com/a\n    protocol: text\n    calls: [{func: Get, key: 1}]\n", `line 2: clients[0]: "gomemcache" is the name of a built-in client`},
		{"clients:\n  - name: a\n    path: example.com/a\n    protocol: text\n    check: {rejects: \"space,0x41\"}\n    calls: [{func: Get, key: 1}]\n", `"0x41" is not an unsafe byte`},
	} {
		_, err := config.Parse([]byte(tc.yaml))
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("Parse(%q) = %v, want an error with %q", tc.yaml, err, tc.want)
		}
	}
}

// TestSensitiveClasses checks that classes switched off in the file reach
// sensitivedata's -classes flag (the way go vet is given them too), that
// a class not named stays on, and that an unknown class is refused with
// its line.
func TestSensitiveClasses(t *testing.T) {
	c, err := config.Parse([]byte("sensitive-classes:\n  contact: false\n  payment: true\n"))
	if err != nil {
		t.Fatal(err)
	}
	all := analyzers.All()
	if err := c.Apply(all); err != nil {
		t.Fatal(err)
	}
	flag := sensitivedata.Analyzer.Flags.Lookup("classes")
	defer flag.Value.Set("secrets,contact,identity,payment")
	if got, want := flag.Value.String(), "secrets,identity,payment"; got != want {
		t.Errorf("sensitivedata.classes = %q, want %q", got, want)
	}

	_, err = config.Parse([]byte("sensitive: [x]\nsensitive-classes:\n  secrets: true\n  contacts: false\n"))
	if want := `line 4: sensitive-classes.contacts: "contacts" is not a class of sensitive data (secrets, contact, identity, payment)`; err == nil || !strings.Contains(err.Error(), want) {
		t.Errorf("Parse with an unknown class = %v, want an error with %q", err, want)
	}
}
