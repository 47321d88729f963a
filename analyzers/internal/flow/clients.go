package flow

import (
	"encoding/json"
	"fmt"
	"go/types"
	"slices"
	"strings"

	"github.com/cachevet/cachevet/analyzers/internal/model"
	"github.com/cachevet/cachevet/analyzers/internal/ssautil"
	"golang.org/x/tools/go/ssa"
)

// UserClients are the client descriptions of the configuration
// (.cachevet.yaml "clients"), a flag value in JSON registered by
// keyinjection, read by every analyzer through KnownClients.
var UserClients = &ClientList{}

// ClientList is a flag.Value holding client descriptions as a JSON array.
type ClientList struct{ clients []model.Client }

func (l *ClientList) String() string {
	if l == nil || len(l.clients) == 0 {
		return ""
	}
	b, _ := json.Marshal(l.clients)
	return string(b)
}

// Set replaces the list with the descriptions in s, checking each.
func (l *ClientList) Set(s string) error {
	var cs []model.Client
	if strings.TrimSpace(s) != "" {
		if err := json.Unmarshal([]byte(s), &cs); err != nil {
			return fmt.Errorf("client descriptions: %v", err)
		}
	}
	for i := range cs {
		if err := cs[i].Validate(); err != nil {
			return err
		}
		if _, dup := model.BuiltinClient(cs[i].Name); dup {
			return fmt.Errorf("client %s: a built-in client has that name", cs[i].Name)
		}
	}
	l.clients = cs
	return nil
}

// KnownClients returns the built-in client descriptions and the user's.
func KnownClients() []model.Client {
	return append(slices.Clip(model.BuiltinClients), UserClients.clients...)
}

// keySink is a call that puts keys (and perhaps a value) into a request of
// a client: argument Arg of the call (receiver = 0) holds them in Shape,
// argument Value (-1: none) is the cached value.
type keySink struct {
	client *model.Client // nil for a -sinks entry
	name   string        // for messages: "(*memcache.Client).Get"
	arg    int
	shape  model.KeyShape
	value  int
}

// harmful returns the bytes of a key that harm with the sink's client:
// every unsafe byte for a -sinks entry.
func (ks keySink) harmful() model.ByteSet {
	if ks.client == nil {
		return model.AnyUnsafe
	}
	return ks.client.HarmfulBytes()
}

// clientTable indexes the known clients' calls by the full name of the
// function or method, and the clients by name.
type clientTable struct {
	calls   map[string]clientCall
	clients map[string]*model.Client
	paths   map[string]bool
	extra   map[string]keySink // -sinks entries
}

type clientCall struct {
	client *model.Client
	call   model.Call
}

func newClientTable(clients []model.Client, extra map[string]bool) *clientTable {
	t := &clientTable{
		calls:   make(map[string]clientCall),
		clients: make(map[string]*model.Client),
		paths:   make(map[string]bool),
		extra:   make(map[string]keySink),
	}
	for i := range clients {
		c := &clients[i]
		t.clients[c.Name] = c
		t.paths[c.Path] = true
		for _, call := range c.Calls {
			t.calls[c.FuncName(call.Func)] = clientCall{c, call}
		}
	}
	for spec := range extra {
		name, arg, ok := parseSinkSpec(spec)
		if ok {
			t.extra[name] = keySink{name: name, arg: arg, shape: model.KeyString, value: -1}
		}
	}
	return t
}

// parseSinkSpec reads a -sinks entry, "name:index" with the receiver as 0.
func parseSinkSpec(spec string) (name string, arg int, ok bool) {
	i := strings.LastIndex(spec, ":")
	if i < 0 {
		return "", 0, false
	}
	if _, err := fmt.Sscanf(spec[i+1:], "%d", &arg); err != nil || arg < 0 {
		return "", 0, false
	}
	return spec[:i], arg, true
}

// client returns the description named name, nil if there is none (a
// hand-written command or a -sinks entry).
func (t *clientTable) client(name string) *model.Client { return t.clients[name] }

// keySinkOf returns the key sink a call is: a modelled client's call,
// made directly, through the client's own interface type (whose methods
// may come from embedded interfaces), or through an interface of the
// program's that a client type implements; or a -sinks entry.
func (e *engine) keySinkOf(c *ssa.CallCommon, ce callee) (keySink, bool) {
	if ks, ok := e.clientTab.extra[ce.name]; ok {
		return ks, true
	}
	sig := c.Signature()
	if cc, ok := e.clientTab.calls[ce.name]; ok {
		return resolveSink(cc, sig)
	}
	if !c.IsInvoke() {
		return keySink{}, false
	}
	if n, ok := types.Unalias(c.Value.Type()).(*types.Named); ok && n.Obj().Pkg() != nil {
		if cc, ok := e.clientTab.calls["("+n.Obj().Pkg().Path()+"."+n.Obj().Name()+")."+c.Method.Name()]; ok {
			return resolveSink(cc, sig)
		}
	}
	iface, ok := c.Value.Type().Underlying().(*types.Interface)
	if !ok {
		return keySink{}, false
	}
	for _, ct := range e.clientTypes() {
		if !types.Implements(ct.typ, iface) {
			continue
		}
		if cc, ok := e.clientTab.calls[ct.client.FuncName(c.Method.Name())]; ok {
			return resolveSink(cc, sig)
		}
	}
	return keySink{}, false
}

// resolveSink places the call's key and value among the arguments of a call
// of signature sig (receiver = 0). A parameter whose type does not fit the
// shape means another version of the library: the key is the first
// parameter that fits.
func resolveSink(cc clientCall, sig *types.Signature) (keySink, bool) {
	c, call := cc.client, cc.call
	offset := 0
	if c.Type != "" {
		offset = 1
	}
	ks := keySink{client: c, name: c.ShortName(call.Func), shape: call.Shape, value: -1}
	params := sig.Params()
	fits := func(i int) bool { return i >= 0 && i < params.Len() && shapeFits(params.At(i).Type(), call.Shape, c) }
	k := call.Key - 1
	if !fits(k) {
		k = -1
		for i := 0; i < params.Len(); i++ {
			if fits(i) {
				k = i
				break
			}
		}
		if k < 0 {
			return keySink{}, false
		}
	}
	ks.arg = k + offset
	if v := call.Value - 1; v >= 0 && v < params.Len() {
		ks.value = v + offset
	}
	return ks, true
}

// shapeFits reports whether a parameter of type t can carry keys of shape s.
func shapeFits(t types.Type, s model.KeyShape, c *model.Client) bool {
	switch s {
	case model.KeyString:
		return isKeyText(t)
	case model.KeyList:
		sl, ok := t.Underlying().(*types.Slice)
		return ok && isKeyText(sl.Elem())
	case model.KeyMap:
		m, ok := t.Underlying().(*types.Map)
		return ok && isKeyText(m.Key())
	case model.ItemKey:
		return isItem(t, c)
	case model.ItemList:
		sl, ok := t.Underlying().(*types.Slice)
		return ok && isItem(sl.Elem(), c)
	}
	return false
}

// isKeyText reports whether t is a string or a []byte.
func isKeyText(t types.Type) bool {
	sl, isSlice := t.Underlying().(*types.Slice)
	return ssautil.IsString(t) || isSlice && ssautil.IsByte(sl.Elem())
}

// isItem reports whether t is c's Item or a pointer to it.
func isItem(t types.Type, c *model.Client) bool {
	if p, ok := t.Underlying().(*types.Pointer); ok {
		t = p.Elem()
	}
	n, ok := types.Unalias(t).(*types.Named)
	if !ok || n.Obj().Pkg() == nil {
		return false
	}
	if c == nil || c.Item == nil {
		return n.Obj().Name() == "Item"
	}
	return n.Obj().Name() == c.Item.Type && n.Obj().Pkg().Path() == c.Path
}

// A clientType is the receiver type of a modelled client found among the
// packages this one depends on.
type clientType struct {
	client *model.Client
	typ    types.Type // the receiver as its methods have it: *T or T
}

// clientTypes returns the client types of the modelled clients among the
// packages this one depends on.
func (e *engine) clientTypes() []clientType {
	if e.clients != nil {
		return *e.clients
	}
	var out []clientType
	for _, p := range e.transitiveImports() {
		if !e.clientTab.paths[p.Path()] {
			continue
		}
		for _, c := range e.clientTab.clients {
			if c.Path != p.Path() || c.Type == "" {
				continue
			}
			tn, ok := p.Scope().Lookup(c.TypeName()).(*types.TypeName)
			if !ok {
				continue
			}
			var t types.Type = tn.Type()
			if strings.HasPrefix(c.Type, "*") {
				t = types.NewPointer(t)
			}
			out = append(out, clientType{c, t})
		}
	}
	// A map's order must not decide which client an interface call is
	// taken for.
	slices.SortFunc(out, func(a, b clientType) int { return strings.Compare(a.client.Name, b.client.Name) })
	e.clients = &out
	return out
}
