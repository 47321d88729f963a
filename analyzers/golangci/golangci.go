package golangci

import (
	"fmt"
	"maps"
	"slices"
	"sync"

	"github.com/cachevet/cachevet/analyzers"
	"github.com/cachevet/cachevet/analyzers/config"
	"github.com/cachevet/cachevet/analyzers/internal/model"
	"github.com/golangci/plugin-module-register/register"
	"golang.org/x/tools/go/analysis"
)

// BundleName is the plugin that runs every cachevet analyzer.
const BundleName = "cachevet"

func init() {
	register.Plugin(BundleName, newPlugin(BundleName, analyzers.All))
	for _, a := range analyzers.All() {
		register.Plugin(a.Name, newPlugin(a.Name, func() []*analysis.Analyzer {
			return []*analysis.Analyzer{a}
		}))
	}
}

// plugin is one registered linter: the bundle or a single analyzer.
type plugin struct {
	analyzers []*analysis.Analyzer
}

func (p *plugin) BuildAnalyzers() ([]*analysis.Analyzer, error) { return p.analyzers, nil }

func (*plugin) GetLoadMode() string { return register.LoadModeTypesInfo }

func newPlugin(name string, build func() []*analysis.Analyzer) register.NewPlugin {
	return func(settings any) (register.LinterPlugin, error) {
		c, err := register.DecodeSettings[config.Config](settings)
		if err != nil {
			return nil, fmt.Errorf("linters.settings.custom.%s.settings: %w (the keys are those of %s)", name, err, config.FileName)
		}
		if err := c.Validate(); err != nil {
			return nil, fmt.Errorf("linters.settings.custom.%s.settings: %w", name, err)
		}
		if err := apply(&c); err != nil {
			return nil, fmt.Errorf("linters.settings.custom.%s.settings: %w", name, err)
		}
		return &plugin{analyzers: build()}, nil
	}
}

// The analyzers keep their model in package-level flags, which every
// plugin shares, so the settings of all cachevet plugins are merged and
// the union is applied to every analyzer. The union does not depend on the
// order in which golangci-lint builds the plugins (a map's order).
var (
	mu     sync.Mutex
	merged config.Config
)

func apply(c *config.Config) error {
	mu.Lock()
	defer mu.Unlock()
	next := merged
	next.Sources = union(next.Sources, c.Sources)
	next.Sinks = union(next.Sinks, c.Sinks)
	next.Sanitizers = union(next.Sanitizers, c.Sanitizers)
	next.Validators = union(next.Validators, c.Validators)
	next.Sensitive = union(next.Sensitive, c.Sensitive)
	next.CachePorts = union(next.CachePorts, c.CachePorts)
	// A class switched off by any plugin is off: the result does not
	// depend on the order either.
	next.SensitiveClasses = maps.Clone(next.SensitiveClasses)
	for name, on := range c.SensitiveClasses {
		if next.SensitiveClasses == nil {
			next.SensitiveClasses = map[string]bool{}
		}
		if prev, ok := next.SensitiveClasses[name]; !ok || prev {
			next.SensitiveClasses[name] = on
		}
	}
	next.StrictLength = next.StrictLength || c.StrictLength
	next.Clients = slices.Clone(next.Clients)
	for _, cl := range c.Clients {
		if !slices.ContainsFunc(next.Clients, func(x model.Client) bool { return x.Name == cl.Name }) {
			next.Clients = append(next.Clients, cl)
		}
	}
	if err := next.Apply(analyzers.All()); err != nil {
		return err
	}
	merged = next
	return nil
}

// union returns a new slice with the items of a, then those of b not in a.
func union[T comparable](a, b []T) []T {
	out := slices.Clone(a)
	for _, x := range b {
		if !slices.Contains(out, x) {
			out = append(out, x)
		}
	}
	return out
}
