package deploy

// Finding is one exposure found in a deployment file.
type Finding struct {
	File string
	// Start and End are the byte offsets of the region the finding is
	// about, End excluded.
	Start, End int
	Message    string
	Fix        *Fix // nil where the change is not mechanical
}

// Fix is a suggested change of the file that removes a finding.
type Fix struct {
	Message string
	Edits   []Edit
}

// Edit replaces the bytes [Start, End) of the file with New.
type Edit struct {
	Start, End int
	New        string
}

// source is a deployment file being checked.
type source struct {
	name     string
	data     []byte
	findings []Finding
}

func (s *source) report(start, end int, msg string, fix *Fix) {
	s.findings = append(s.findings, Finding{File: s.name, Start: start, End: end, Message: msg, Fix: fix})
}

// lineStart returns the offset of the first byte of line (1-based), or
// len(data) past the last line.
func (s *source) lineStart(line int) int {
	off := 0
	for l := 1; l < line; l++ {
		i := indexByteFrom(s.data, off, '\n')
		if i < 0 {
			return len(s.data)
		}
		off = i + 1
	}
	return off
}

// lineEnd returns the offset of the newline ending the line that holds
// off, or len(data).
func (s *source) lineEnd(off int) int {
	if i := indexByteFrom(s.data, off, '\n'); i >= 0 {
		return i
	}
	return len(s.data)
}

func indexByteFrom(b []byte, from int, c byte) int {
	for i := from; i < len(b); i++ {
		if b[i] == c {
			return i
		}
	}
	return -1
}

// replaceFix is a fix that replaces [start, end) with text.
func replaceFix(msg string, start, end int, text string) *Fix {
	return &Fix{Message: msg + " (" + text + ")", Edits: []Edit{{Start: start, End: end, New: text}}}
}
