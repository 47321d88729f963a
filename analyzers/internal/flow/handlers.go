package flow

import (
	"strings"
	"unicode"

	"golang.org/x/tools/go/ssa"
)

// A handler is the code one library function needs beyond its model row
// (model.Func.NeedsHandler): its taint for a Special transform (ok false
// when the arguments are not what it follows: the call then propagates),
// its length for a LengthSpecial rule, and whether a call of it holds only
// characters URL escaping leaves alone when that depends on its arguments;
// for a model.Func.RuneFunc, the real function the rune interpreter runs;
// for a search of a constant string that a byte or rune loop may call on
// its element (strings.ContainsRune(keyChars, r)), the real search.
type handler struct {
	taint         func(e *engine, as []ssa.Value, at ssa.CallInstruction) (Taint, bool)
	length        lengthRule
	unreserved    func(call *ssa.Call) bool
	runePredicate func(rune) bool
	runeMapper    func(rune) rune
	runeSearch    func(s string, r int64) int64
}

// A lengthRule bounds a call from its arguments; b is the call's block,
// where guards on the arguments apply, and arg(i) bounds argument i there.
type lengthRule func(e *engine, b *ssa.BasicBlock, as []ssa.Value, arg func(int) Length) Length

// handlers is the registry of handlers, keyed by types.Func.FullName like
// model.Funcs. It is filled by init because the handlers call back into
// the engine, which looks them up.
var handlers map[string]handler

func init() {
	handlers = map[string]handler{
		"fmt.Sprintf":                 {taint: sprintfTaint, length: sprintfLength, unreserved: unreservedSprintf},
		"fmt.Sprint":                  {taint: sprintTaint(false), length: sprintLength},
		"fmt.Sprintln":                {taint: sprintTaint(true)},
		"fmt.Fprintf":                 {taint: afterWriter(sprintfTaint)},
		"fmt.Fprint":                  {taint: afterWriter(sprintTaint(false))},
		"fmt.Fprintln":                {taint: afterWriter(sprintTaint(true))},
		"fmt.Appendf":                 {taint: appended(sprintfTaint), length: appendedLength(sprintfLength)},
		"fmt.Append":                  {taint: appended(sprintTaint(false)), length: appendedLength(sprintLength)},
		"fmt.Appendln":                {taint: appended(sprintTaint(true))},
		"strings.Fields":              {taint: fieldsTaint},
		"strings.Split":               {taint: splitTaint},
		"strings.SplitN":              {taint: splitTaint},
		"strings.ReplaceAll":          {taint: replaceTaint(false), length: replaceLength},
		"strings.Replace":             {taint: replaceTaint(true), length: replaceLength},
		"strings.Map":                 {taint: mapTaint},
		"(*strings.Replacer).Replace": {taint: replacerTaint},
		"strings.Repeat":              {length: repeatLength},
		"strconv.FormatInt":           {length: formatIntLength},
		"strconv.FormatUint":          {length: formatIntLength},
		"(time.Time).Format":          {length: timeFormatLength},
		"net/url.QueryEscape":         {length: urlEscapeLength("url.QueryEscape")},
		"net/url.PathEscape":          {length: urlEscapeLength("url.PathEscape")},
		"unicode.IsSpace":             {runePredicate: unicode.IsSpace},
		"unicode.IsControl":           {runePredicate: unicode.IsControl},
		"unicode.IsPrint":             {runePredicate: unicode.IsPrint},
		"unicode.IsGraphic":           {runePredicate: unicode.IsGraphic},
		"unicode.IsLetter":            {runePredicate: unicode.IsLetter},
		"unicode.IsDigit":             {runePredicate: unicode.IsDigit},
		"unicode.IsNumber":            {runePredicate: unicode.IsNumber},
		"unicode.IsPunct":             {runePredicate: unicode.IsPunct},
		"unicode.IsUpper":             {runePredicate: unicode.IsUpper},
		"unicode.IsLower":             {runePredicate: unicode.IsLower},
		"unicode.IsSymbol":            {runePredicate: unicode.IsSymbol},
		"unicode.IsMark":              {runePredicate: unicode.IsMark},
		"unicode.ToLower":             {runeMapper: unicode.ToLower},
		"unicode.ToUpper":             {runeMapper: unicode.ToUpper},
		"strings.ContainsRune":        {runeSearch: func(s string, r int64) int64 { return boolInt(strings.ContainsRune(s, rune(r))) }},
		"strings.IndexRune":           {runeSearch: func(s string, r int64) int64 { return int64(strings.IndexRune(s, rune(r))) }},
		"strings.IndexByte":           {runeSearch: func(s string, r int64) int64 { return int64(strings.IndexByte(s, byte(r))) }},
	}
}

// special judges a call the model marks Special by its handler.
func (e *engine) special(ce callee, as []ssa.Value, at ssa.CallInstruction) Taint {
	if h := handlers[ce.name].taint; h != nil {
		if t, ok := h(e, as, at); ok {
			return t
		}
	}
	return e.propagateAll(ce, as, at)
}
