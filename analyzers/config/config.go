// Package config is cachevet's configuration: the .cachevet.yaml file of
// the command line and the settings of the golangci-lint plugin share this
// one schema. A configuration extends the model (sources, sinks,
// sanitizers, validators, sensitive names, cache ports) by setting the
// analyzers' flags, so every driver applies it the same way.
//
//	# .cachevet.yaml
//	sources:    ["example.com/web.Param"]
//	sinks:      ["(*example.com/cache.Client).Lookup:1"]
//	sanitizers: ["example.com/keys.Clean"]
//	validators: ["example.com/keys.Valid"]
//	sensitive:  ["phone_number", "date_of_birth"]
//	sensitive-classes: {contact: false}   # secrets, contact, identity, payment: all on by default
//	cache-ports: [11211, 21211]
//	strict-length: false
//	clients:    # memcache client libraries, described as the built-in ones are
//	  - name: example/kv
//	    path: example.com/kv
//	    type: "*Store"
//	    protocol: text
//	    calls:
//	      - {func: Fetch, key: 2}
//	      - {func: Put, key: 2, value: 3}
//	    servers:
//	      - {func: Dial, arg: 1}
package config

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"

	"github.com/cachevet/cachevet/analyzers/internal/model"
	"golang.org/x/tools/go/analysis"
	"gopkg.in/yaml.v3"
)

// FileName is the configuration file cachevet looks for.
const FileName = ".cachevet.yaml"

// Config is the configuration schema. The yaml and json names are the
// keys of .cachevet.yaml and of golangci-lint's linters.settings.custom
// settings (golangci-lint lower-cases keys, hence the lower-case names).
type Config struct {
	// Sources are functions whose results are attacker-controlled.
	Sources []string `yaml:"sources" json:"sources"`
	// Sinks are functions with a key argument, as "name:index" (receiver = 0).
	Sinks []string `yaml:"sinks" json:"sinks"`
	// Sanitizers are functions whose result is a safe key.
	Sanitizers []string `yaml:"sanitizers" json:"sanitizers"`
	// Validators are functions whose true result (or nil error) proves
	// their argument a safe key.
	Validators []string `yaml:"validators" json:"validators"`
	// Sensitive are extra sensitive field-name terms, snake_case.
	Sensitive []string `yaml:"sensitive" json:"sensitive"`
	// SensitiveClasses switch classes of sensitive data on or off by
	// name (secrets, contact, identity, payment); a class not named stays
	// on.
	SensitiveClasses map[string]bool `yaml:"sensitive-classes" json:"sensitive-classes"`
	// CachePorts are the ports a listener on all interfaces must not use.
	CachePorts []int `yaml:"cache-ports" json:"cache-ports"`
	// StrictLength also reports keys whose length cannot be proven.
	StrictLength bool `yaml:"strict-length" json:"strict-length"`
	// Clients describe memcache client libraries cachevet does not know,
	// in the schema of its built-in descriptions (see model.Client).
	Clients []model.Client `yaml:"clients" json:"clients"`
}

// Find looks for FileName in dir and its parents; it returns "" if there
// is none.
func Find(dir string) (string, error) {
	dir, err := filepath.Abs(dir)
	if err != nil {
		return "", err
	}
	for {
		p := filepath.Join(dir, FileName)
		if _, err := os.Stat(p); err == nil {
			return p, nil
		} else if !errors.Is(err, os.ErrNotExist) {
			return "", err
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", nil
		}
		dir = parent
	}
}

// Load reads and checks a configuration file. Errors name the file, the
// line and the field.
func Load(path string) (*Config, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	c, err := Parse(data)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return c, nil
}

// Parse decodes a configuration, rejecting unknown fields and bad values.
func Parse(data []byte) (*Config, error) {
	var c Config
	dec := yaml.NewDecoder(bytes.NewReader(data))
	dec.KnownFields(true)
	if err := dec.Decode(&c); err != nil && err != io.EOF {
		return nil, cleanYAMLError(err)
	}
	var node yaml.Node
	if err := yaml.Unmarshal(data, &node); err != nil {
		return nil, cleanYAMLError(err)
	}
	if err := c.Validate(); err != nil {
		return nil, withLine(&node, err)
	}
	return &c, nil
}

// fieldError is a validation error about one field.
type fieldError struct {
	field string
	index int
	msg   string
}

func (e *fieldError) Error() string {
	return fmt.Sprintf("%s[%d]: %s", e.field, e.index, e.msg)
}

// keyError is a validation error about one key of a map field.
type keyError struct {
	field, key, msg string
}

func (e *keyError) Error() string { return fmt.Sprintf("%s.%s: %s", e.field, e.key, e.msg) }

// Validate checks values that decode but cannot work.
func (c *Config) Validate() error {
	for i, s := range c.Sinks {
		j := strings.LastIndex(s, ":")
		if j < 0 {
			return &fieldError{"sinks", i, fmt.Sprintf("%q needs the key argument's index, as in \"(*example.com/cache.Client).Get:1\"", s)}
		}
		if n, err := strconv.Atoi(s[j+1:]); err != nil || n < 0 {
			return &fieldError{"sinks", i, fmt.Sprintf("%q: %q is not an argument index", s, s[j+1:])}
		}
	}
	for _, list := range []struct {
		name  string
		items []string
	}{{"sources", c.Sources}, {"sanitizers", c.Sanitizers}, {"validators", c.Validators}, {"sensitive", c.Sensitive}} {
		for i, s := range list.items {
			if strings.TrimSpace(s) == "" || strings.Contains(s, ",") {
				return &fieldError{list.name, i, fmt.Sprintf("%q is not a name", s)}
			}
		}
	}
	for i := range c.Clients {
		if err := c.Clients[i].Validate(); err != nil {
			return &fieldError{"clients", i, err.Error()}
		}
		if _, ok := model.BuiltinClient(c.Clients[i].Name); ok {
			return &fieldError{"clients", i, fmt.Sprintf("%q is the name of a built-in client", c.Clients[i].Name)}
		}
	}
	for _, name := range slices.Sorted(maps.Keys(c.SensitiveClasses)) {
		if _, ok := model.SensitiveClassNamed(name); !ok {
			return &keyError{"sensitive-classes", name, fmt.Sprintf("%q is not a class of sensitive data (%s)", name, strings.Join(model.SensitiveClassNames(), ", "))}
		}
	}
	for i, p := range c.CachePorts {
		if p <= 0 || p > 65535 {
			return &fieldError{"cache-ports", i, fmt.Sprintf("%d is not a TCP port", p)}
		}
	}
	return nil
}

// withLine adds the line of the offending item to a validation error.
func withLine(doc *yaml.Node, err error) error {
	var fe *fieldError
	var ke *keyError
	var field string
	switch {
	case errors.As(err, &fe):
		field = fe.field
	case errors.As(err, &ke):
		field = ke.field
	default:
		return err
	}
	if len(doc.Content) == 0 {
		return err
	}
	m := doc.Content[0]
	for i := 0; i+1 < len(m.Content); i += 2 {
		if m.Content[i].Value != field {
			continue
		}
		items := m.Content[i+1]
		if fe != nil && fe.index < len(items.Content) {
			return fmt.Errorf("line %d: %w", items.Content[fe.index].Line, err)
		}
		for j := 0; ke != nil && j+1 < len(items.Content); j += 2 {
			if items.Content[j].Value == ke.key {
				return fmt.Errorf("line %d: %w", items.Content[j].Line, err)
			}
		}
		return fmt.Errorf("line %d: %w", m.Content[i].Line, err)
	}
	return err
}

func cleanYAMLError(err error) error {
	return errors.New(strings.TrimPrefix(err.Error(), "yaml: "))
}

// Apply sets the flags of the analyzers the configuration concerns.
// Analyzers absent from the list are left alone.
func (c *Config) Apply(analyzers []*analysis.Analyzer) error {
	ports := make([]string, len(c.CachePorts))
	for i, p := range c.CachePorts {
		ports[i] = strconv.Itoa(p)
	}
	var clients []byte
	if len(c.Clients) > 0 {
		var err error
		if clients, err = json.Marshal(c.Clients); err != nil {
			return err
		}
	}
	var classes []string
	for _, name := range model.SensitiveClassNames() {
		if on, named := c.SensitiveClasses[name]; on || !named {
			classes = append(classes, name)
		}
	}
	settings := []struct {
		analyzer, flag, value string
		set                   bool
	}{
		{"keyinjection", "sources", strings.Join(c.Sources, ","), len(c.Sources) > 0},
		{"keyinjection", "sinks", strings.Join(c.Sinks, ","), len(c.Sinks) > 0},
		{"keyinjection", "sanitizers", strings.Join(c.Sanitizers, ","), len(c.Sanitizers) > 0},
		{"keyinjection", "validators", strings.Join(c.Validators, ","), len(c.Validators) > 0},
		{"sensitivedata", "patterns", strings.Join(c.Sensitive, ","), len(c.Sensitive) > 0},
		{"sensitivedata", "classes", strings.Join(classes, ","), len(c.SensitiveClasses) > 0},
		{"exposure", "ports", strings.Join(ports, ","), len(ports) > 0},
		{"keyinjection", "clients", string(clients), len(c.Clients) > 0},
		{"keylength", "strict", strconv.FormatBool(c.StrictLength), c.StrictLength},
	}
	for _, s := range settings {
		if !s.set {
			continue
		}
		for _, a := range analyzers {
			if a.Name != s.analyzer {
				continue
			}
			if a.Flags.Lookup(s.flag) == nil {
				return fmt.Errorf("analyzer %s has no flag %s", a.Name, s.flag)
			}
			if err := a.Flags.Set(s.flag, s.value); err != nil {
				return fmt.Errorf("%s.%s: %v", a.Name, s.flag, err)
			}
		}
	}
	return nil
}
