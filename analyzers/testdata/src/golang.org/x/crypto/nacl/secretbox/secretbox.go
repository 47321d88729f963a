// Package secretbox is a stub of golang.org/x/crypto/nacl/secretbox.
package secretbox

func Seal(out, message []byte, nonce *[24]byte, key *[32]byte) []byte { return nil }
