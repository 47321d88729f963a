package flow

import (
	"strings"

	"github.com/cachevet/cachevet/analyzers/internal/ssautil"
	"golang.org/x/tools/go/ssa"
)

// binaryMetadataKey reports whether a gRPC metadata key may name a binary
// header, whose value the transport base64-decodes: a key ending in
// "-bin" (keys are lower-cased on receipt, so the test ignores case), or
// one that is not a constant.
func binaryMetadataKey(key ssa.Value) bool {
	s, ok := ssautil.ConstString(key)
	return !ok || strings.HasSuffix(strings.ToLower(s), "-bin")
}
