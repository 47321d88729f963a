package model

// LengthKind says how a function's result length follows from its
// arguments.
type LengthKind uint8

const (
	// LengthUnknown leaves the length to the function's summary, or
	// unbounded.
	LengthUnknown LengthKind = iota
	// LengthFixed: at most Max bytes whatever the arguments.
	LengthFixed
	// LengthSameAs: no longer than argument Arg.
	LengthSameAs
	// LengthScaled: at most Num/Den times argument Arg plus Max bytes (an
	// encoding); How names the encoding in the description of an
	// unbounded argument ("hex.EncodeToString"), if it is worth naming.
	LengthScaled
	// LengthCollection: a joined collection, unbounded; Desc names it.
	LengthCollection
	// LengthSpecial: the function's handler in the flow engine bounds it.
	LengthSpecial
)

// LengthRule bounds the length of a function's result.
type LengthRule struct {
	Kind     LengthKind
	Max      int
	Arg      int
	Num, Den int
	How      string
	Desc     string
}

func fixedLen(n int) LengthRule { return LengthRule{Kind: LengthFixed, Max: n} }

func sameLen(arg int) LengthRule { return LengthRule{Kind: LengthSameAs, Arg: arg} }

func scaledLen(arg, num, den, extra int, how string) LengthRule {
	return LengthRule{Kind: LengthScaled, Arg: arg, Num: num, Den: den, Max: extra, How: how}
}

func collectionLen(desc string) LengthRule { return LengthRule{Kind: LengthCollection, Desc: desc} }

var specialLen = LengthRule{Kind: LengthSpecial}
