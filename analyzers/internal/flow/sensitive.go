package flow

import (
	"go/token"
	"go/types"
	"reflect"
	"slices"
	"strings"
	"unicode"

	"github.com/cachevet/cachevet/analyzers/internal/model"
	"github.com/cachevet/cachevet/analyzers/internal/ssautil"
	"golang.org/x/tools/go/ssa"
)

// SensitivePatterns are extra sensitive terms from the command line
// (snake_case word sequences such as "phone_number"), set once like the
// other flags.
var SensitivePatterns = NameList{}

// splitWords splits an identifier or serialized name into lower-case
// words: "PasswordHash", "password_hash" and "password-hash" all give
// [password hash]; "APIKey" gives [api key].
func splitWords(name string) []string {
	var words []string
	var cur []rune
	runes := []rune(name)
	flush := func() {
		if len(cur) > 0 {
			words = append(words, strings.ToLower(string(cur)))
			cur = cur[:0]
		}
	}
	for i, r := range runes {
		switch {
		case r == '_' || r == '-' || r == '.' || r == ' ':
			flush()
			continue
		case unicode.IsUpper(r) && i > 0:
			prevLower := unicode.IsLower(runes[i-1]) || unicode.IsDigit(runes[i-1])
			nextLower := i+1 < len(runes) && unicode.IsLower(runes[i+1])
			if prevLower || (unicode.IsUpper(runes[i-1]) && nextLower) {
				flush()
			}
		}
		cur = append(cur, r)
	}
	flush()
	return words
}

// sensitiveName reports whether a name means a secret or contact data:
// it contains a sensitive term and does not end in a metadata word.
func sensitiveName(name string) bool {
	words := splitWords(name)
	if len(words) == 0 || model.MetadataWords[words[len(words)-1]] {
		return false
	}
	terms := model.SensitiveTerms
	for p := range SensitivePatterns {
		terms = append(slices.Clip(terms), splitWords(p))
	}
	for _, term := range terms {
		if len(term) == 1 && term[0] == "mail" && len(words) != 1 {
			continue // "mail" alone is an address; MailServer is not
		}
		for i := 0; i+len(term) <= len(words); i++ {
			if slices.Equal(words[i:i+len(term)], term) {
				return true
			}
		}
	}
	return false
}

// holdsText reports whether a field of type t can hold a secret: strings,
// byte slices and pointers, slices and maps of them. Booleans and times
// (EmailVerified, PasswordChangedAt) cannot.
func holdsText(t types.Type) bool {
	switch u := t.Underlying().(type) {
	case *types.Basic:
		return u.Info()&types.IsString != 0
	case *types.Pointer:
		return holdsText(u.Elem())
	case *types.Slice:
		return ssautil.IsByte(u.Elem()) || holdsText(u.Elem())
	case *types.Array:
		return holdsText(u.Elem())
	case *types.Map:
		return holdsText(u.Elem())
	}
	return false
}

// fieldVerdict applies the cachevet struct tag and the names to a field:
// its Go name and the name it is serialized under.
func fieldVerdict(f *types.Var, tag reflect.StructTag, serialized string) bool {
	switch tag.Get("cachevet") {
	case "sensitive":
		return true
	case "-":
		return false
	}
	if !holdsText(f.Type()) {
		return false
	}
	return sensitiveName(f.Name()) || serialized != "" && sensitiveName(serialized)
}

// SensitiveField is a field whose value reaches a cached value.
type SensitiveField struct {
	Desc  string // "User.Email"
	Field *types.Var
}

type sensKey struct {
	t   types.Type
	enc string
}

// sensitiveFields lists the sensitive fields an encoder writes out of a
// value of type t, through nested structs, pointers, slices and maps.
func (e *engine) sensitiveFields(t types.Type, enc model.Encoder) []SensitiveField {
	key := sensKey{t, enc.Name}
	if fs, ok := e.sensMemo[key]; ok {
		return fs
	}
	e.sensMemo[key] = nil // recursive types
	var out []SensitiveField
	e.collectSensitive(t, enc, "", &out, map[types.Type]bool{})
	e.sensMemo[key] = out
	return out
}

func (e *engine) collectSensitive(t types.Type, enc model.Encoder, owner string, out *[]SensitiveField, seen map[types.Type]bool) {
	if seen[t] {
		return
	}
	seen[t] = true
	if trusts(t, enc) {
		return
	}
	switch u := t.Underlying().(type) {
	case *types.Pointer:
		e.collectSensitive(u.Elem(), enc, owner, out, seen)
	case *types.Slice:
		e.collectSensitive(u.Elem(), enc, owner, out, seen)
	case *types.Array:
		e.collectSensitive(u.Elem(), enc, owner, out, seen)
	case *types.Map:
		e.collectSensitive(u.Elem(), enc, owner, out, seen)
	case *types.Struct:
		name := owner
		if n, ok := types.Unalias(t).(*types.Named); ok {
			name = n.Obj().Name()
		}
		for i := 0; i < u.NumFields(); i++ {
			f := u.Field(i)
			tag := reflect.StructTag(u.Tag(i))
			serialized := ""
			if enc.Tag != "" {
				serialized, _, _ = strings.Cut(tag.Get(enc.Tag), ",")
				if serialized == "-" && !strings.HasPrefix(tag.Get(enc.Tag), "-,") {
					continue // hidden from this encoder
				}
			}
			if !f.Exported() && !enc.Unexported && !f.Embedded() {
				continue
			}
			if fieldVerdict(f, tag, serialized) {
				*out = append(*out, SensitiveField{Desc: name + "." + f.Name(), Field: f})
				continue
			}
			e.collectSensitive(f.Type(), enc, name, out, seen)
		}
	}
}

// trusts reports whether t encodes itself for enc (a MarshalJSON method,
// a String method for fmt): cachevet trusts what it chose to write.
func trusts(t types.Type, enc model.Encoder) bool {
	for _, m := range enc.Trusted {
		obj, _, _ := types.LookupFieldOrMethod(t, true, nil, m)
		if _, ok := obj.(*types.Func); ok {
			return true
		}
	}
	return false
}

// dynamicType is the type of what an interface value was made from.
func dynamicType(v ssa.Value) types.Type {
	for {
		switch x := v.(type) {
		case *ssa.MakeInterface, *ssa.ChangeInterface:
			v = ssautil.FirstOperand(x)
			continue
		}
		return v.Type()
	}
}

// encoded returns what encoding x with enc puts into the output: the
// sensitive fields of x's type, the sensitive data already flowing in x,
// and for parameters, a record of the encoding for the summary.
func (e *engine) encoded(x ssa.Value, enc model.Encoder, at ssa.Instruction) Taint {
	t := e.read(x, at)
	out := Taint{}
	mergeInto(&out, t, model.AnyUnsafe)
	for _, f := range e.sensitiveFields(dynamicType(x), enc) {
		o := e.origin(originKey{kind: FromSensitive, pos: at.Pos(), desc: f.Desc + "\x00" + enc.Name}, func(o *Origin) {
			o.Desc = f.Desc
			o.Field = f.Field
			o.Encoder = enc.Name
		})
		out[o] |= 0
	}
	for _, o := range t.sorted() {
		if o.Kind == FromParam && o.Encoder == "" {
			out[e.paramOrigin(o.Fn, o.Param, o.Path, enc.Name)] |= 0
		}
	}
	return out
}

// fieldSensitive makes an origin for a direct read of a sensitive field.
func (e *engine) fieldSensitive(structType types.Type, field int, at ssa.Instruction) Taint {
	if p, ok := structType.Underlying().(*types.Pointer); ok {
		structType = p.Elem()
	}
	st, ok := structType.Underlying().(*types.Struct)
	if !ok || field >= st.NumFields() {
		return nil
	}
	f := st.Field(field)
	if !fieldVerdict(f, reflect.StructTag(st.Tag(field)), "") {
		return nil
	}
	name := "struct"
	if n, ok := types.Unalias(structType).(*types.Named); ok {
		name = n.Obj().Name()
	}
	desc := name + "." + f.Name()
	pos := token.NoPos
	if at != nil {
		pos = at.Pos()
	}
	o := e.origin(originKey{kind: FromSensitive, pos: pos, desc: desc}, func(o *Origin) {
		o.Field = f
	})
	return Taint{o: 0}
}
