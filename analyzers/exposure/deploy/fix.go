package deploy

import (
	"fmt"
	"slices"
)

// ApplyFixes applies the suggested fixes of findings to data, a file's
// contents, and returns the result and how many fixes it applied. A fix
// whose edits overlap those of one applied before is left out, as the
// Go fixes are: run again to apply it.
func ApplyFixes(data []byte, findings []Finding) ([]byte, int, error) {
	var edits []Edit
	applied := 0
fixes:
	for _, f := range findings {
		if f.Fix == nil {
			continue
		}
		for _, e := range f.Fix.Edits {
			if e.Start < 0 || e.End < e.Start || e.End > len(data) {
				return nil, 0, fmt.Errorf("%s: fix %q edits outside the file", f.File, f.Fix.Message)
			}
			for _, o := range edits {
				if e.Start < o.End && o.Start < e.End || e.Start == o.Start && e.End == o.End {
					continue fixes
				}
			}
		}
		edits = append(edits, f.Fix.Edits...)
		applied++
	}
	slices.SortStableFunc(edits, func(a, b Edit) int { return a.Start - b.Start })
	out := make([]byte, 0, len(data))
	at := 0
	for _, e := range edits {
		out = append(out, data[at:e.Start]...)
		out = append(out, e.New...)
		at = e.End
	}
	return append(out, data[at:]...), applied, nil
}
