package deploy

import (
	"regexp"
	"slices"
	"strings"
)

// directive matches "# cachevet:ignore exposure reason" and its variants
// in the comment syntaxes of deployment files: # (YAML, Dockerfile, HCL,
// shell, unit files), // (HCL) and ; (unit files).
var directive = regexp.MustCompile(`(?:#|//|;)\s*cachevet:ignore(?:[ \t]+(\S+))?[ \t]*(.*)$`)

// suppress drops the findings that a directive naming exposure, on their
// line or the line above, silences, and reports directives without a
// reason, as the //cachevet:ignore directive of Go code does.
func (s *source) suppress() {
	lines := strings.Split(string(s.data), "\n")
	silenced := map[int]bool{} // 1-based lines
	var bare []Finding
	off := 0
	for i, l := range lines {
		m := directive.FindStringSubmatchIndex(l)
		if m != nil && m[2] >= 0 && slices.Contains(strings.Split(l[m[2]:m[3]], ","), "exposure") {
			if strings.TrimSpace(l[m[4]:m[5]]) == "" {
				bare = append(bare, Finding{File: s.name, Start: off + m[0], End: off + len(l),
					Message: "cachevet:ignore exposure needs a reason after the analyzer name, so that reviewers can judge the suppression"})
			} else {
				silenced[i+1], silenced[i+2] = true, true
			}
		}
		off += len(l) + 1
	}
	kept := bare
	for _, f := range s.findings {
		if !silenced[s.line(f.Start)] {
			kept = append(kept, f)
		}
	}
	s.findings = kept
}

// line returns the 1-based line of offset off.
func (s *source) line(off int) int {
	return 1 + strings.Count(string(s.data[:min(off, len(s.data))]), "\n")
}
