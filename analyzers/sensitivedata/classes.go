package sensitivedata

import (
	"fmt"
	"strings"

	"github.com/cachevet/cachevet/analyzers/internal/flow"
	"github.com/cachevet/cachevet/analyzers/internal/model"
)

// classList is the -classes flag: the classes of sensitive data
// reported, every one by default. A field marked by its cachevet tag or
// matched by a -patterns term has no class and is always reported.
type classList map[model.SensitiveClass]bool

// classes is the flag's value, set once before any package is analyzed.
var classes = classList{model.Secrets: true, model.Contact: true, model.Identity: true, model.Payment: true}

func (l classList) String() string {
	var names []string
	for _, c := range model.SensitiveClasses {
		if l[c.Class] {
			names = append(names, c.Name)
		}
	}
	return strings.Join(names, ",")
}

// Set replaces the list; an unknown class is an error.
func (l classList) Set(s string) error {
	next := classList{}
	for _, name := range strings.Split(s, ",") {
		if name = strings.TrimSpace(name); name == "" {
			continue
		}
		c, ok := model.SensitiveClassNamed(name)
		if !ok {
			return fmt.Errorf("%q is not a class of sensitive data (%s)", name, allClasses())
		}
		next[c] = true
	}
	clear(l)
	for c := range next {
		l[c] = true
	}
	return nil
}

func (l classList) reports(c model.SensitiveClass) bool { return c == model.NoClass || l[c] }

func allClasses() string { return strings.Join(model.SensitiveClassNames(), ", ") }

// whatLeaks names the classes of the fields and what each holds:
// "contact data (e-mail) and secrets (password, token)".
func whatLeaks(fields []*flow.Origin) string {
	var order []model.SensitiveClass
	what := map[model.SensitiveClass][]string{}
	for _, o := range fields {
		if _, ok := what[o.Class]; !ok {
			order = append(order, o.Class)
		}
		if o.What != "" && !contains(what[o.Class], o.What) {
			what[o.Class] = append(what[o.Class], o.What)
		} else if what[o.Class] == nil {
			what[o.Class] = []string{}
		}
	}
	var parts []string
	for _, c := range order {
		p := c.Desc()
		if len(what[c]) > 0 {
			p += " (" + strings.Join(what[c], ", ") + ")"
		}
		parts = append(parts, p)
	}
	return joinAnd(parts)
}
