// Package uuid is a stub of github.com/google/uuid.
package uuid

type UUID [16]byte

func Parse(s string) (UUID, error)      { return UUID{}, nil }
func ParseBytes(b []byte) (UUID, error) { return UUID{}, nil }
func Validate(s string) error           { return nil }
func (u UUID) String() string           { return "" }
func NewString() string                 { return "" }
