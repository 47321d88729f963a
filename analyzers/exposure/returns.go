package exposure

import (
	"slices"
	"strconv"
	"strings"
)

// returnsFact summarizes what a function returns in each of its string
// results, so that an address computed by a helper of another package is
// judged at the call: getenv(name, def string) string returns its
// parameter def (when the variable is unset) or something unknown (the
// environment's value).
type returnsFact struct {
	Results []returned // by result index; nil for a result that is no string
}

func (*returnsFact) AFact() {}

func (f *returnsFact) String() string {
	var parts []string
	for i, r := range f.Results {
		if !r.says() {
			continue
		}
		parts = append(parts, strconv.Itoa(i)+":"+r.String())
	}
	return "returns(" + strings.Join(parts, " ") + ")"
}

// returned is what one string result may be.
type returned struct {
	Consts []string // constants it may be
	Params []int    // parameters (indexes of the signature) it may pass back
	Other  bool     // something else: an unknown value
}

// says reports whether r tells more than "unknown".
func (r returned) says() bool { return len(r.Consts) > 0 || len(r.Params) > 0 }

func (r returned) String() string {
	var parts []string
	for _, c := range r.Consts {
		parts = append(parts, strconv.Quote(c))
	}
	for _, p := range r.Params {
		parts = append(parts, "param"+strconv.Itoa(p))
	}
	if r.Other {
		parts = append(parts, "?")
	}
	return strings.Join(parts, "|")
}

// summarize folds the definitions a result may hold into a returned.
func summarize(defs []def) returned {
	var r returned
	for _, d := range defs {
		switch {
		case d.param >= 0:
			if !slices.Contains(r.Params, d.param) {
				r.Params = append(r.Params, d.param)
			}
		case d.known:
			if !slices.Contains(r.Consts, d.val) {
				r.Consts = append(r.Consts, d.val)
			}
		default:
			r.Other = true
		}
	}
	slices.Sort(r.Consts)
	slices.Sort(r.Params)
	return r
}
