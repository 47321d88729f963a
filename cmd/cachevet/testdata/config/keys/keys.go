// Package keys makes cache keys of request data.
package keys

// Clean maps a user name to a safe key. cachevet cannot tell from its
// body that the result is safe: .cachevet.yaml declares it a sanitizer.
func Clean(s string) string {
	b := []byte(s)
	for i, c := range b {
		if c <= ' ' || c == 0x7f {
			b[i] = '_'
		}
	}
	return string(b)
}
