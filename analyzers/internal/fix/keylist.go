package fix

import (
	"go/ast"
	"go/token"
	"go/types"
	"strings"

	"golang.org/x/tools/go/analysis"
)

// KeyList returns the edit that makes a call passing a list of keys, such
// as GetMulti(keys), send each key's SHA-256 digest in hex instead, which
// holds no unsafe byte and is 64 bytes long, and give the items back under
// the keys as the caller passed them, so that code reading
// items[key] keeps working:
//
//	items, err := func(getMulti func([]string) (map[string]*memcache.Item, error), keys []string) (map[string]*memcache.Item, error) {
//		hashed := make([]string, len(keys))
//		original := make(map[string]string, len(keys))
//		...
//	}(mc.GetMulti, keys)
//
// The function literal keeps the fix to the call's own syntax: it names
// nothing in the enclosing scope. ok is false unless the call takes the
// list alone and returns nothing but, possibly, a map by key and an error.
func KeyList(pass *analysis.Pass, im *Importer, call *ast.CallExpr, list ast.Expr) (edits []analysis.TextEdit, ok bool) {
	sig, _ := pass.TypesInfo.TypeOf(call.Fun).(*types.Signature)
	if sig == nil || sig.Variadic() || sig.Params().Len() != 1 || len(call.Args) != 1 || call.Args[0] != list {
		return nil, false
	}
	if s, ok := sig.Params().At(0).Type().(*types.Slice); !ok || !types.Identical(s.Elem(), types.Typ[types.String]) {
		return nil, false
	}
	res := sig.Results()
	var byKey *types.Map // the result to give back under the original keys
	for i := range res.Len() {
		switch t := res.At(i).Type().(type) {
		case *types.Map:
			if i != 0 || !types.Identical(t.Key(), types.Typ[types.String]) {
				return nil, false
			}
			byKey = t
		default:
			if !types.Identical(t, types.Universe.Lookup("error").Type()) {
				return nil, false
			}
		}
	}

	pos := call.Pos()
	fmtName, ok1 := im.Name("fmt", "fmt", pos)
	shaName, ok2 := im.Name("crypto/sha256", "sha256", pos)
	if !ok1 || !ok2 {
		return nil, false
	}
	qualifyOK := true
	qualify := func(p *types.Package) string {
		if p == pass.Pkg {
			return ""
		}
		name, ok := im.Name(p.Path(), p.Name(), pos)
		qualifyOK = qualifyOK && ok
		return name
	}
	sigText := strings.TrimPrefix(types.TypeString(types.NewSignatureType(nil, nil, nil, sig.Params(), res, false), qualify), "func")
	resText := strings.TrimPrefix(types.TypeString(types.NewSignatureType(nil, nil, nil, nil, res, false), qualify), "func() ")
	var itemText string
	if byKey != nil {
		itemText = types.TypeString(byKey, qualify)
	}
	if !qualifyOK {
		return nil, false
	}

	var b strings.Builder
	b.WriteString("func(getMulti func" + sigText + ", keys []string) " + resText + " {\n")
	b.WriteString("// Memcached keys hold no spaces or control bytes and at most 250 bytes:\n")
	b.WriteString("// send each key's SHA-256 digest, and give the items back under the keys.\n")
	b.WriteString("hashed := make([]string, len(keys))\n")
	b.WriteString("original := make(map[string]string, len(keys))\n")
	b.WriteString("for i, k := range keys {\n")
	b.WriteString("hashed[i] = " + fmtName + `.Sprintf("%x", ` + shaName + ".Sum256([]byte(k)))\n")
	b.WriteString("original[hashed[i]] = k\n")
	b.WriteString("}\n")
	switch {
	case byKey == nil:
		b.WriteString("return getMulti(hashed)\n")
	default:
		rest := ""
		if res.Len() == 2 {
			rest = ", err"
		}
		b.WriteString("items" + rest + " := getMulti(hashed)\n")
		b.WriteString("byKey := make(" + itemText + ", len(items))\n")
		b.WriteString("for h, it := range items {\n")
		b.WriteString("byKey[original[h]] = it\n")
		b.WriteString("}\n")
		b.WriteString("return byKey" + rest + "\n")
	}
	b.WriteString("}(")
	// The call's function, a method value now, stays where it is and is
	// evaluated before the list, as in the original call.
	return []analysis.TextEdit{
		{Pos: call.Pos(), End: call.Pos(), NewText: []byte(b.String())},
		{Pos: call.Lparen, End: call.Lparen + 1, NewText: []byte(", ")},
	}, true
}

// ListElements returns the keys of a list written out in a call: the
// elements of a slice literal, or the variadic arguments from list on.
// It returns nil when the keys are not written there.
func ListElements(pass *analysis.Pass, call *ast.CallExpr, list ast.Expr) []ast.Expr {
	if lit, ok := ast.Unparen(list).(*ast.CompositeLit); ok {
		if _, ok := pass.TypesInfo.TypeOf(lit).Underlying().(*types.Slice); !ok {
			return nil
		}
		for _, e := range lit.Elts {
			if _, kv := e.(*ast.KeyValueExpr); kv {
				return nil // an indexed literal: keys are not in order
			}
		}
		return lit.Elts
	}
	sig, _ := pass.TypesInfo.TypeOf(call.Fun).(*types.Signature)
	if sig == nil || !sig.Variadic() || call.Ellipsis.IsValid() {
		return nil
	}
	first := sig.Params().Len() - 1
	if recv := sig.Recv(); recv != nil && len(call.Args) > sig.Params().Len() {
		first++ // a method expression: the receiver is an argument
	}
	if first >= len(call.Args) || call.Args[first] != list {
		return nil
	}
	return call.Args[first:]
}

// ItemListKeys returns the key fields (keyField) of the Items of a literal
// list of them ([]*Item{{Key: k}}, []Item{{Key: k}}); nil unless every
// element is a literal that sets its key.
func ItemListKeys(pass *analysis.Pass, call *ast.CallExpr, list ast.Expr, keyField string) []ast.Expr {
	var keys []ast.Expr
	for _, e := range ListElements(pass, call, list) {
		e = ast.Unparen(e)
		if u, ok := e.(*ast.UnaryExpr); ok && u.Op == token.AND {
			e = ast.Unparen(u.X)
		}
		lit, ok := e.(*ast.CompositeLit)
		if !ok {
			return nil
		}
		var key ast.Expr
		for _, el := range lit.Elts {
			if kv, ok := el.(*ast.KeyValueExpr); ok {
				if id, ok := kv.Key.(*ast.Ident); ok && id.Name == keyField {
					key = kv.Value
				}
			}
		}
		if key == nil {
			return nil
		}
		keys = append(keys, key)
	}
	return keys
}
