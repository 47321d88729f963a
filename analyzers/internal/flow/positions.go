package flow

import (
	"go/token"
)

// Position is a place in the source that survives the trip through a
// fact. A token.Pos means something only in the FileSet of one process:
// under go vet every package is analyzed by a process of its own, so a
// flow that starts in one package and is reported in another carries
// where it started as a file, line and column.
type Position struct {
	File      string
	Line, Col int
}

// position returns the portable form of pos.
func (e *engine) position(pos token.Pos) Position {
	p := e.pass.Fset.Position(pos)
	return Position{p.Filename, p.Line, p.Column}
}

// posOf returns a token.Pos for p in the pass's FileSet, for related
// information. The file is there already when the driver loaded its
// package from source, and with its lines when it read the package's
// export data; otherwise it is added with just enough lines to hold p, so
// that the diagnostic still prints the place.
func (e *engine) posOf(p Position) token.Pos {
	if p.File == "" || p.Line <= 0 {
		return token.NoPos
	}
	if e.files == nil {
		e.files = make(map[string]*token.File)
		e.pass.Fset.Iterate(func(f *token.File) bool {
			if _, dup := e.files[f.Name()]; !dup {
				e.files[f.Name()] = f
			}
			return true
		})
	}
	f := e.files[p.File]
	if f == nil || p.Line > f.LineCount() {
		// Lines of one byte each, the last long enough for the column.
		lines := make([]int, p.Line)
		for i := range lines {
			lines[i] = i
		}
		f = e.pass.Fset.AddFile(p.File, -1, p.Line+p.Col)
		f.SetLines(lines)
		e.files[p.File] = f
	}
	start := f.LineStart(p.Line)
	off := f.Offset(start) + max(p.Col-1, 0)
	if p.Line < f.LineCount() && off >= f.Offset(f.LineStart(p.Line+1)) || off > f.Size() {
		return start
	}
	return f.Pos(off)
}
