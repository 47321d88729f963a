// Package reallibs imports the real third-party libraries whose functions
// the model describes row by row, at the versions the rows were read
// from, so that model's TestRowsMatchRealLibraries can load their types.
package reallibs

import (
	_ "github.com/vmihailenco/msgpack/v5"
)
