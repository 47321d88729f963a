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

// sensitiveName returns the term that makes a name mean sensitive data:
// the name contains it, and does not end in a metadata word unless the
// term itself ends there ("NationalID"; "EmailVerified" only describes).
func sensitiveName(name string) (model.SensitiveTerm, bool) {
	words := splitWords(name)
	if len(words) == 0 {
		return model.SensitiveTerm{}, false
	}
	metadataEnd := model.MetadataWords[words[len(words)-1]]
	terms := model.SensitiveTerms
	for p := range SensitivePatterns {
		terms = append(slices.Clip(terms), model.SensitiveTerm{Words: splitWords(p), What: p})
	}
	for _, term := range terms {
		n := len(term.Words)
		if n == 1 && term.Words[0] == "mail" && len(words) != 1 {
			continue // "mail" alone is an address; MailServer is not
		}
		for i := 0; i+n <= len(words); i++ {
			if slices.Equal(words[i:i+n], term.Words) && (!metadataEnd || i+n == len(words)) {
				return term, true
			}
		}
	}
	return model.SensitiveTerm{}, false
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
// its Go name and the name it is serialized under. A field the tag marks
// has no class: the user's word is not switched off with a class.
func fieldVerdict(f *types.Var, tag reflect.StructTag, serialized string) (model.SensitiveTerm, bool) {
	switch tag.Get("cachevet") {
	case "sensitive":
		return model.SensitiveTerm{What: "its cachevet tag"}, true
	case "-":
		return model.SensitiveTerm{}, false
	}
	if !holdsText(f.Type()) {
		return model.SensitiveTerm{}, false
	}
	if term, ok := sensitiveName(f.Name()); ok {
		return term, true
	}
	if serialized != "" {
		return sensitiveName(serialized)
	}
	return model.SensitiveTerm{}, false
}

// SensitiveField is a field whose value reaches a cached value.
type SensitiveField struct {
	Desc  string // "User.Email"
	Field *types.Var
	Term  model.SensitiveTerm
	// Via names the method that wrote the field, if the type encodes
	// itself (a MarshalJSON that still writes the e-mail).
	Via []string
}

type sensKey struct {
	t   types.Type
	enc string
}

// sensitiveFields lists the sensitive fields an encoder writes out of a
// value of type t, through nested structs, pointers, slices and maps.
func (e *engine) sensitiveFields(t types.Type, enc model.Encoder) []SensitiveField {
	key := sensKey{t, enc.Name + "\x00" + enc.FallbackTag}
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
	if m, ok := selfEncoder(t, enc); ok {
		*out = append(*out, e.marshalerFields(m)...)
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
		} else if name == "" {
			name = "struct" // as fieldSensitive names a field of a literal type
		}
		for i := 0; i < u.NumFields(); i++ {
			f := u.Field(i)
			tag := reflect.StructTag(u.Tag(i))
			serialized, hidden := encodedName(f, tag, enc)
			if hidden {
				continue
			}
			if term, ok := fieldVerdict(f, tag, serialized); ok {
				*out = append(*out, SensitiveField{Desc: name + "." + f.Name(), Field: f, Term: term})
				continue
			}
			e.collectSensitive(f.Type(), enc, name, out, seen)
		}
	}
}

// encodedName returns the name enc writes field f under ("" for its Go
// name), or hidden if enc does not write it: its tag says "-", or it is
// unexported and enc writes only exported fields.
func encodedName(f *types.Var, tag reflect.StructTag, enc model.Encoder) (name string, hidden bool) {
	if enc.Tag != "" {
		value := tag.Get(enc.Tag)
		if value == "" && enc.FallbackTag != "" {
			value = tag.Get(enc.FallbackTag)
		}
		name, _, _ = strings.Cut(value, ",")
		if name == "-" && (value == "-" || enc.DashCommaHides) {
			return "", true
		}
	}
	return name, !f.Exported() && !enc.Unexported && !f.Embedded()
}

// selfEncoder returns the method by which t encodes itself for enc, if
// t has one.
func selfEncoder(t types.Type, enc model.Encoder) (m *types.Func, ok bool) {
	for _, name := range enc.Marshalers {
		obj, _, _ := types.LookupFieldOrMethod(t, true, nil, name)
		if fn, isFunc := obj.(*types.Func); isFunc {
			return fn, true
		}
	}
	return nil, false
}

// marshalerFields judges a method that encodes its receiver (MarshalJSON,
// GobEncode, String, MarshalXML) by its body: the sensitive fields its
// summary says its result carries or it writes into the encoder or the
// fmt.State it is given, in this package or, through facts, in another. A
// method of a package cachevet does not analyze (the standard library's
// time.Time) carries none.
func (e *engine) marshalerFields(m *types.Func) []SensitiveField {
	ce := callee{obj: m, name: m.FullName()}
	if fn := e.pkg.Prog.FuncValue(m); fn != nil {
		ce.fn = fn
	}
	sums, _ := e.summariesOf(nil, ce)
	var out []SensitiveField
	via := []string{e.shortName(m)}
	field := func(o ReturnedOrigin) {
		if o.Kind == FromSensitive {
			out = append(out, SensitiveField{Desc: o.Desc, Field: e.declaredField(m, o.Desc), Term: model.SensitiveTerm{Class: o.Class, What: o.What}, Via: appendVia(o.Via, via[0])})
		}
	}
	for _, s := range sums {
		for _, o := range s.Origins {
			field(o)
		}
		for _, w := range s.Writes {
			if w.Own {
				field(w.Origin)
			}
		}
	}
	return out
}

// declaredField finds the field a marshaler's summary names ("User.Email")
// among the fields of its receiver's type, for the related information.
func (e *engine) declaredField(m *types.Func, desc string) *types.Var {
	_, field, ok := strings.Cut(desc, ".")
	if !ok {
		return nil
	}
	recv := m.Signature().Recv().Type()
	if obj, _, _ := types.LookupFieldOrMethod(recv, true, m.Pkg(), field); obj != nil {
		if v, ok := obj.(*types.Var); ok && v.IsField() {
			return v
		}
	}
	return nil
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
	t := e.encodedRead(x, enc, at)
	out := Taint{}
	mergeInto(&out, t, model.AnyUnsafe)
	for _, f := range e.sensitiveFields(dynamicType(x), enc) {
		o := e.origin(originKey{kind: FromSensitive, pos: at.Pos(), desc: f.Desc + "\x00" + enc.Name, via: joinVia(f.Via)}, func(o *Origin) {
			o.Desc = f.Desc
			o.Field = f.Field
			o.Encoder = enc.Name
			o.Class, o.What = f.Term.Class, f.Term.What
			o.Via = f.Via
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
	term, ok := fieldVerdict(f, reflect.StructTag(st.Tag(field)), "")
	if !ok {
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
		o.Class, o.What = term.Class, term.What
	})
	return Taint{o: 0}
}

// encodedRead is what encoding x reads of the data flowing in it. A
// struct built in this function (a composite literal, a local variable)
// or returned by a constructor is read part by part, leaving out the parts under fields enc does not
// write: a DTO whose Email is json:"-" carries the user's e-mail into its
// field, but not into its JSON. Anything else is read whole.
func (e *engine) encodedRead(x ssa.Value, enc model.Encoder, at ssa.Instruction) Taint {
	v := x
	for {
		if mi, ok := v.(*ssa.MakeInterface); ok {
			v = mi.X
			continue
		}
		break
	}
	var root ssa.Value
	var path string
	typ := v.Type()
	switch {
	case structPointer(typ):
		root, path = e.addr(v)
		typ = typ.Underlying().(*types.Pointer).Elem()
	case isStruct(typ):
		var ok bool
		if root, path, ok = e.valueAddr(v); !ok {
			return e.read(x, at)
		}
	default:
		return e.read(x, at)
	}
	switch root.(type) {
	case *ssa.Alloc, *ssa.Call:
		// Memory whose parts are what was stored in them: a literal, or
		// what a constructor's summary put into its result's fields.
	default:
		return e.read(x, at)
	}
	t, below := e.heapParts(root, path)
	mergeInto(&t, e.rootTaint(root, path), model.AnyUnsafe)
	for _, p := range below {
		if !hiddenPart(typ, p.at, enc) {
			mergeInto(&t, p.t, model.AnyUnsafe)
		}
	}
	return t
}

// hiddenPart reports whether part (".dto.Email", "[].Token") of a value
// of type t lies under a field enc does not write.
func hiddenPart(t types.Type, part string, enc model.Encoder) bool {
	for part != "" {
		end := 1
		for end < len(part) && !isSep(part[end]) {
			end++
		}
		seg := part[:end]
		part = part[end:]
		if p, ok := t.Underlying().(*types.Pointer); ok {
			t = p.Elem()
		}
		switch {
		case seg[0] == '.':
			st, ok := t.Underlying().(*types.Struct)
			if !ok {
				return false
			}
			i := fieldIndex(st, seg[1:])
			if i < 0 {
				return false
			}
			if _, hidden := encodedName(st.Field(i), reflect.StructTag(st.Tag(i)), enc); hidden {
				return true
			}
			t = st.Field(i).Type()
		case seg == mapKeys:
			m, ok := t.Underlying().(*types.Map)
			if !ok {
				return false
			}
			t = m.Key()
		case seg == "[]":
			switch u := t.Underlying().(type) {
			case *types.Slice:
				t = u.Elem()
			case *types.Array:
				t = u.Elem()
			case *types.Map:
				t = u.Elem()
			default:
				return false
			}
		default:
			return false
		}
	}
	return false
}

func fieldIndex(st *types.Struct, name string) int {
	for i := 0; i < st.NumFields(); i++ {
		if st.Field(i).Name() == name {
			return i
		}
	}
	return -1
}

// fallbackTag returns the struct tag an encoder was told to read where
// its own is absent, by a call on the same encoder value
// (enc.SetCustomStructTag("json")).
func (e *engine) fallbackTag(enc ssa.Value) string {
	enc = e.resolve(enc)
	refs := enc.Referrers()
	if refs == nil {
		return ""
	}
	for _, ref := range *refs {
		call, ok := ref.(*ssa.Call)
		if !ok || len(call.Call.Args) != 2 || call.Call.Args[0] != enc {
			continue
		}
		switch e.calleeOf(call.Common()).row().Role {
		case model.SetsFallbackTag:
			if tag, ok := ssautil.ConstString(call.Call.Args[1]); ok {
				return tag
			}
		}
	}
	return ""
}
