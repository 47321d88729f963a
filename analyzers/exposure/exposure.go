package exposure

import (
	_ "embed"
	"go/ast"
	"go/constant"
	"go/token"
	"go/types"
	"net"
	"slices"
	"strings"

	"github.com/cachevet/cachevet/analyzers/internal/doc"
	"github.com/cachevet/cachevet/analyzers/internal/exposed"
	"github.com/cachevet/cachevet/analyzers/internal/flow"
	"github.com/cachevet/cachevet/analyzers/internal/model"
	"github.com/cachevet/cachevet/analyzers/internal/suppress"
	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ssa"
	"golang.org/x/tools/go/types/typeutil"
)

//go:embed doc.go
var docSource string

// Analyzer reports cache servers reachable beyond loopback or a private network.
var Analyzer = &analysis.Analyzer{
	Name:      "exposure",
	Doc:       doc.Extract(docSource, "exposure"),
	URL:       "https://pkg.go.dev/github.com/cachevet/cachevet/analyzers/exposure",
	Run:       run,
	Requires:  []*analysis.Analyzer{flow.Analyzer}, // for its SSA form (see exportSummaries)
	FactTypes: []analysis.Fact{new(returnsFact)},
}

// ports is the -ports flag, set once before any package is analyzed.
var ports portSet

func init() {
	if err := ports.Set(model.DefaultCachePorts); err != nil {
		panic(err)
	}
	Analyzer.Flags.Var(&ports, "ports", "comma-separated ports that serve a cache: listeners on them are checked")
}

type checker struct {
	pass     *analysis.Pass
	reporter *suppress.Reporter
	ev       *evaluator // built on first use
	res      *resolver  // built on first use
	portSeen *bool      // see mayHoldPort, found on first use
	// built is the SSA form the flow engine built of the package, if it
	// did and it is still held: taken as the pass starts, it is held for
	// the pass.
	built *ssa.Package
}

func run(pass *analysis.Pass) (any, error) {
	c := &checker{pass: pass, reporter: suppress.NewReporter(pass)}
	c.built = pass.ResultOf[flow.Analyzer].(*flow.Result).SSA()
	servers := model.ServerListCalls(flow.KnownClients())
	checked := checkedNames(servers)
	visit := func(n ast.Node) {
		switch n := n.(type) {
		case *ast.CallExpr:
			fn := typeutil.StaticCallee(pass.TypesInfo, n)
			if fn == nil || !checked[fn.Name()] {
				return
			}
			name := fn.FullName()
			for _, l := range model.Listeners {
				if l.Func == name {
					c.listener(n, l)
				}
			}
			for _, l := range model.Launchers {
				if l.Func == name {
					c.launch(n, l)
				}
			}
			for _, s := range servers {
				if s.Func == name {
					c.clientServers(n, fn, s)
				}
			}
			for _, cfg := range model.CacheConfigs {
				if cfg.Func == name {
					c.cacheConfigCall(n, cfg)
				}
			}
		case *ast.CompositeLit:
			if cfg := serverConfig(pass.TypesInfo.TypeOf(n)); cfg != nil {
				c.configLit(n, cfg)
			}
			c.cacheConfigLit(n)
			c.portBindings(n)
		case *ast.AssignStmt:
			c.configAssign(n)
			c.cacheConfigAssign(n)
		}
	}
	// One walk of the files, not an inspector: the inspector's index pays
	// for itself when several passes share it, and this pass, which runs
	// on every package its facts must reach (test variants included), is
	// the only one here that walks the syntax.
	for _, f := range pass.Files {
		ast.Inspect(f, func(n ast.Node) bool {
			visit(n)
			return true
		})
	}
	if summarizes(pass) {
		c.exportSummaries()
	}
	return nil, nil
}

// checkedNames returns the bare names (Listen of "(*net.ListenConfig).Listen")
// of the functions whose calls run checks: most calls are of none, and
// their full names need not be built.
func checkedNames(servers []model.ServerListCall) map[string]bool {
	names := make(map[string]bool)
	add := func(full string) { names[full[strings.LastIndexByte(full, '.')+1:]] = true }
	for _, l := range model.Listeners {
		add(l.Func)
	}
	for _, l := range model.Launchers {
		add(l.Func)
	}
	for _, s := range servers {
		add(s.Func)
	}
	for _, cfg := range model.CacheConfigs {
		if cfg.Func != "" {
			add(cfg.Func)
		}
	}
	return names
}

func (c *checker) eval() *evaluator {
	if c.ev == nil {
		c.ev = newEvaluator(c.pass)
	}
	return c.ev
}

func (c *checker) report(at ast.Node, msg string, fix *analysis.SuggestedFix) {
	c.reportDef(at, msg, fix, "", token.NoPos)
}

// listener checks a call that listens on a "host:port" address.
func (c *checker) listener(call *ast.CallExpr, l model.Listener) {
	if l.Addr >= len(call.Args) || l.Network >= len(call.Args) {
		return
	}
	ev := c.eval()
	network, netKnown := ev.str(call.Args[l.Network])
	if netKnown && slices.Contains(model.LocalNetworks, network) {
		return
	}
	arg := call.Args[l.Addr]
	if addr, ok := ev.str(arg); ok {
		note, target := "", arg
		if flagName, def, isFlag := ev.flagDefault(arg); isFlag {
			note, target = "the default of flag -"+flagName, def
		}
		c.listenOn(arg, addr, note, token.NoPos, network, netKnown, target)
		return
	}
	if !c.mayHoldPort() {
		return
	}
	for _, d := range c.resolve().exprDefs(arg) {
		if d.exposedValue() {
			c.listenOn(arg, d.val, d.note(), d.at, network, netKnown, nil)
		}
	}
}

// listenOn judges one address a listener may get, reached as note says;
// target, if not nil, is the expression a fix may rewrite.
func (c *checker) listenOn(arg ast.Expr, addr, note string, at token.Pos, network string, netKnown bool, target ast.Expr) {
	host, port, ok := exposed.SplitAddr(addr)
	if !ok || !ports.has(port) {
		return
	}
	datagram := netKnown && slices.Contains(model.DatagramNetworks, network)
	r := exposed.Classify(host)
	var what string
	switch {
	case r == exposed.ReachAll && datagram:
		what = "answers datagrams on every interface"
	case r == exposed.ReachAll:
		what = "accepts connections on every interface"
	case r == exposed.ReachPublic:
		what = "binds a public address"
	default:
		return
	}
	on := quote(addr) + parenNote(note)
	msg := "cache listener on " + on + " " + what + ": " + exposed.NoAuth + exposed.DumpRisk("this port") + "; " + exposed.BindLocal + exposed.AddAuth
	if datagram {
		msg = "cache UDP listener on " + on + " " + what + ": " + exposed.AmpRisk + ", and memcached's UDP needs no authentication; bind 127.0.0.1 or a private address, or do not serve UDP (memcached -U 0)"
	}
	var fix *analysis.SuggestedFix
	if r == exposed.ReachAll && target != nil {
		v6 := netKnown && strings.HasSuffix(network, "6")
		fix = c.listenerFix(target, host, port, v6)
	}
	c.reportDef(arg, msg, fix, note, at)
}

// listenerFix binds a literal address, or the literal host of a
// net.JoinHostPort call, to loopback.
func (c *checker) listenerFix(arg ast.Expr, host, port string, v6 bool) *analysis.SuggestedFix {
	lb := exposed.LoopbackFor(host)
	if v6 {
		lb = "::1"
	}
	switch a := ast.Unparen(arg).(type) {
	case *ast.BasicLit:
		return replaceFix("Bind to loopback", a, quote(net.JoinHostPort(lb, port)))
	case *ast.CallExpr:
		fn := typeutil.StaticCallee(c.pass.TypesInfo, a)
		if fn != nil && model.Funcs[fn.FullName()].Role == model.JoinHostPort && len(a.Args) == 2 {
			if lit, ok := ast.Unparen(a.Args[0]).(*ast.BasicLit); ok && lit.Kind == token.STRING {
				return replaceFix("Bind to loopback", lit, quote(lb))
			}
		}
	}
	return nil
}

func replaceFix(msg string, n ast.Node, text string) *analysis.SuggestedFix {
	return &analysis.SuggestedFix{
		Message:   msg + " (" + text + ")",
		TextEdits: []analysis.TextEdit{{Pos: n.Pos(), End: n.End(), NewText: []byte(text)}},
	}
}

// site returns where to report a value found in sink: the expression it
// comes from if written inside sink, or else sink itself, so that the
// finding and its suppression stay at the call or configuration.
func site(sink ast.Node, from ast.Expr) ast.Node {
	if from != nil && sink.Pos() <= from.Pos() && from.End() <= sink.End() {
		return from
	}
	return sink
}

// stringLit reports whether e is a string literal, which a fix may rewrite.
func stringLit(e ast.Expr) (*ast.BasicLit, bool) {
	lit, ok := e.(*ast.BasicLit)
	return lit, ok && lit.Kind == token.STRING
}

// serverConfig returns the model of a server configuration type.
func serverConfig(t types.Type) *model.ServerConfig {
	if t == nil {
		return nil
	}
	name := typeName(t)
	for i := range model.ServerConfigs {
		if model.ServerConfigs[i].Type == name {
			return &model.ServerConfigs[i]
		}
	}
	return nil
}

// authState is what is known of a server configuration's authentication.
type authState uint8

const (
	authUnknown authState = iota
	authOff
	authOn
)

// configLit checks a composite literal of a server configuration.
func (c *checker) configLit(lit *ast.CompositeLit, cfg *model.ServerConfig) {
	listen := litField(lit, cfg.Listen)
	if listen == nil {
		return // no listen addresses: the server uses loopback
	}
	values := func(field string) []ast.Expr {
		if e := litField(lit, field); e != nil {
			return []ast.Expr{e}
		}
		return nil
	}
	auth, refused := c.authOf(cfg, values, true)
	if refused {
		return
	}
	port := ""
	if e := litField(lit, cfg.Port); e != nil {
		if v := c.eval().value(e, 0); v != nil && v.Kind() == constant.Int {
			port = v.ExactString()
		}
	}
	c.configListen(cfg, listen, auth, port)
}

// authOf says whether a configuration whose fields may hold values turns
// authentication on, and whether the server refuses to start beyond
// loopback (hardened without authentication). complete says that values
// are all the fields ever set, so that an unset field is zero.
func (c *checker) authOf(cfg *model.ServerConfig, values func(field string) []ast.Expr, complete bool) (auth authState, refused bool) {
	ev := c.eval()
	auth = authOff
	set := false
	for _, f := range cfg.Auth {
		for _, e := range values(f) {
			set = true
			switch authValue(ev, e) {
			case authOn:
				auth = authOn
			case authUnknown:
				if auth == authOff {
					auth = authUnknown
				}
			}
		}
	}
	if !complete && auth == authOff {
		auth = authUnknown
	}
	if !set {
		for _, e := range values(cfg.Hardened) {
			if v := ev.value(e, 0); v != nil && v.Kind() == constant.Bool && constant.BoolVal(v) {
				refused = true
			}
		}
	}
	return auth, refused
}

// authValue says whether the value of an authentication field turns
// authentication on.
func authValue(ev *evaluator, e ast.Expr) authState {
	if id, ok := ast.Unparen(e).(*ast.Ident); ok {
		if _, isNil := ev.info.ObjectOf(id).(*types.Nil); isNil {
			return authOff
		}
	}
	if _, ok := ast.Unparen(e).(*ast.CompositeLit); ok {
		return authOn
	}
	if v := ev.value(e, 0); v != nil && v.Kind() == constant.Bool {
		if constant.BoolVal(v) {
			return authOn
		}
		return authOff
	}
	return authUnknown
}

// configAssign checks an assignment to the listen field of a server
// configuration, such as cfg.ListenAddrs = []string{"0.0.0.0"}. The other
// fields assigned to the same variable in this package tell whether it
// authenticates or is hardened.
func (c *checker) configAssign(as *ast.AssignStmt) {
	c.eachFieldAssign(as, func(sel *ast.SelectorExpr, s *types.Selection, rhs ast.Expr) {
		cfg := serverConfig(s.Recv())
		if cfg == nil || s.Obj().Name() != cfg.Listen {
			return
		}
		values := func(field string) []ast.Expr { return c.eval().fieldValues(sel.X, field) }
		auth, refused := c.authOf(cfg, values, false)
		if !refused {
			c.configListen(cfg, rhs, auth, "")
		}
	})
}

// eachFieldAssign calls f with each field that the plain assignment as
// (x.f = v, several at once) sets, its selection and the value assigned.
func (c *checker) eachFieldAssign(as *ast.AssignStmt, f func(sel *ast.SelectorExpr, s *types.Selection, rhs ast.Expr)) {
	if as.Tok != token.ASSIGN || len(as.Lhs) != len(as.Rhs) {
		return
	}
	for i, lhs := range as.Lhs {
		sel, ok := ast.Unparen(lhs).(*ast.SelectorExpr)
		if !ok {
			continue
		}
		if s, ok := c.pass.TypesInfo.Selections[sel]; ok && s.Kind() == types.FieldVal {
			f(sel, s, as.Rhs[i])
		}
	}
}

// configListen checks the listen addresses of a server configuration.
func (c *checker) configListen(cfg *model.ServerConfig, listen ast.Expr, auth authState, port string) {
	for _, e := range c.listAddrs(listen) {
		if !e.exposedValue() {
			continue
		}
		host, p := exposed.SplitHost(e.val)
		if p == "" {
			p = port
		}
		portPhrase := "its port"
		if p != "" {
			portPhrase = "port " + p
		}
		var where string
		switch exposed.Classify(host) {
		case exposed.ReachAll:
			where = "every interface"
		case exposed.ReachPublic:
			where = "a public address"
		default:
			continue
		}
		var risk string
		switch auth {
		case authOff:
			risk = "this memcached has no authentication (" + strings.Join(cfg.Auth, " and ") + " unset), so " + exposed.DumpRisk(portPhrase)
		case authOn:
			risk = "only its password guards " + portPhrase + " against every host that reaches it"
		default:
			risk = "unless " + strings.Join(cfg.Auth, " or ") + " is set it has no authentication, so " + exposed.DumpRisk(portPhrase)
		}
		msg := cfg.Short + "." + cfg.Listen + " listens on " + quote(e.val) + parenNote(e.note()) + ", " + where + ": " + risk + "; use \"127.0.0.1\" or a private address, or firewall it"
		if auth != authOn {
			msg += " and set " + strings.Join(cfg.Auth, " or ")
		}
		var fix *analysis.SuggestedFix
		at := site(listen, e.expr)
		if e.expr != nil {
			if lit, ok := stringLit(e.expr); ok && exposed.Classify(host) == exposed.ReachAll {
				text := exposed.LoopbackFor(host)
				if _, _, hasPort := exposed.SplitAddr(e.val); hasPort {
					text = net.JoinHostPort(text, p)
				}
				fix = replaceFix("Listen on loopback", lit, quote(text))
			}
		}
		c.reportDef(at, msg, fix, e.note(), e.at)
	}
}

// clientServers checks the server addresses given to a memcache client.
func (c *checker) clientServers(call *ast.CallExpr, fn *types.Func, s model.ServerListCall) {
	for _, e := range c.serverArgs(call, fn, s) {
		if !e.exposedValue() {
			continue
		}
		at := ast.Node(call)
		if e.expr != nil {
			at = site(call, e.expr)
		}
		c.publicServer(at, s.Short, e.val, e.note(), e.at)
	}
}

// publicServer reports a client that connects to addr, reached as note
// says, if addr is a public address.
func (c *checker) publicServer(at ast.Node, client, addr, note string, pos token.Pos) {
	if strings.Contains(addr, "/") {
		return // a unix socket
	}
	host, port := exposed.SplitHost(addr)
	if exposed.Classify(host) != exposed.ReachPublic {
		return
	}
	if port == "" {
		port = "11211"
	}
	c.reportDef(at, client+" connects to "+quote(addr)+parenNote(note)+", a public address: a memcached reached over the internet is exposed to anyone, since memcached has no authentication by default and 1.6 binds every interface; keep the cache on loopback or a private network (VPC, VPN), firewall port "+port+" to the application hosts, and enable SASL (-S) or -Y auth", nil, note, pos)
}

// addrAt is one address a call or a configuration may get, and the
// expression it is written in, if any.
type addrAt struct {
	def
	expr ast.Expr
}

// listAddrs returns every address the []string expression e may hold:
// the elements the evaluator knows, if any (in append(cfg.ListenAddrs,
// "203.0.113.9") the one the statement adds), or else every element of
// every list the resolver finds.
func (c *checker) listAddrs(e ast.Expr) []addrAt {
	var out []addrAt
	for _, x := range c.eval().list(e, 0).elems {
		if x.known {
			out = append(out, addrAt{constDef(x.val), x.expr})
		}
	}
	if len(out) > 0 {
		return out
	}
	for _, d := range flatten(c.resolve().exprLists(e)) {
		out = append(out, addrAt{d, nil})
	}
	return out
}

// serverArgs returns the addresses a server list call may be given: the
// variadic rest from argument s.Servers on, the elements of a []string
// argument, or one string, split where it lists several (s.List).
func (c *checker) serverArgs(call *ast.CallExpr, fn *types.Func, s model.ServerListCall) []addrAt {
	sig := fn.Signature()
	i := s.Servers
	if i >= sig.Params().Len() || i >= len(call.Args) {
		return nil
	}
	var out []addrAt
	add := func(d def, expr ast.Expr) {
		if !s.List || !d.exposedValue() {
			out = append(out, addrAt{d, expr})
			return
		}
		for _, addr := range strings.FieldsFunc(d.val, func(r rune) bool { return r == ',' || r == ' ' }) {
			e := d
			e.val = addr
			out = append(out, addrAt{e, expr})
		}
	}
	switch _, slice := sig.Params().At(i).Type().Underlying().(*types.Slice); {
	case sig.Variadic() && i == sig.Params().Len()-1 && !call.Ellipsis.IsValid():
		for _, a := range call.Args[i:] {
			for _, d := range c.reachingDefs(a) {
				add(d, a)
			}
		}
	case slice || sig.Variadic() && i == sig.Params().Len()-1:
		for _, a := range c.listAddrs(call.Args[i]) {
			add(a.def, a.expr)
		}
	default:
		for _, d := range c.reachingDefs(call.Args[i]) {
			add(d, call.Args[i])
		}
	}
	return out
}

// launch checks a command that starts memcached, with exposed.Judge.
func (c *checker) launch(call *ast.CallExpr, l model.Launcher) {
	if l.Name >= len(call.Args) {
		return
	}
	ev := c.eval()
	prog, ok := ev.str(call.Args[l.Name])
	if ok && exposed.IsContainerRuntime(prog) {
		c.containerRun(call, l, prog)
		return
	}
	if !ok || !exposed.IsMemcached(prog) {
		return
	}
	args := ev.args(call, l.Args)
	if _, known := args.strings(); !known {
		c.launchAlternatives(call, l)
		return
	}
	in := make([]exposed.Arg, len(args.elems))
	for i, e := range args.elems {
		in[i] = exposed.Arg{Val: e.val, Known: e.known}
	}
	for _, f := range exposed.Judge(exposed.ParseCommand(in, args.complete), exposed.GoArgs) {
		if f.Arg < 0 {
			c.report(call, f.Message, c.addListenFix(call, l, args))
			continue
		}
		from := args.elems[f.Arg].expr
		var fix *analysis.SuggestedFix
		if lit, ok := stringLit(from); ok && f.Replacement != "" {
			msg := "Listen on loopback"
			if f.Problem == exposed.UDPOn {
				msg = "Disable UDP"
			}
			fix = replaceFix(msg, lit, quote(f.Replacement))
		}
		c.report(site(call, from), f.Message, fix)
	}
}

// launchAlternatives checks each argument list that may reach a command
// that starts memcached, where no single one is known.
func (c *checker) launchAlternatives(call *ast.CallExpr, l model.Launcher) {
	seen := make(map[string]bool)
	for _, alt := range c.argLists(call, l.Args) {
		in := make([]exposed.Arg, len(alt.elems))
		for i, e := range alt.elems {
			in[i] = exposed.Arg{Val: e.val, Known: e.exposedValue()}
		}
		for _, f := range exposed.Judge(exposed.ParseCommand(in, alt.complete), exposed.GoArgs) {
			note, at := alt.note(f.Arg)
			msg := f.Message + parenNote(argNote(note))
			if !seen[msg] {
				seen[msg] = true
				c.reportDef(call, msg, nil, note, at)
			}
		}
	}
}

// argNote says how an argument list came to the command.
func argNote(note string) string {
	if note == "" {
		return ""
	}
	return "with the arguments " + note
}

// addListenFix adds "-l", "127.0.0.1" to the arguments of a memcached
// command, written inline or as a []string literal.
func (c *checker) addListenFix(call *ast.CallExpr, l model.Launcher, args list) *analysis.SuggestedFix {
	const add = `"-l", "127.0.0.1"`
	msg := "Listen on loopback only (-l 127.0.0.1)"
	edit := func(pos token.Pos, text string) *analysis.SuggestedFix {
		return &analysis.SuggestedFix{Message: msg, TextEdits: []analysis.TextEdit{{Pos: pos, End: pos, NewText: []byte(text)}}}
	}
	if !call.Ellipsis.IsValid() {
		return edit(call.Args[len(call.Args)-1].End(), ", "+add)
	}
	lit := args.lit
	if lit == nil || len(call.Args) != l.Args+1 {
		return nil
	}
	if len(lit.Elts) == 0 {
		return edit(lit.Lbrace+1, add)
	}
	return edit(lit.Elts[len(lit.Elts)-1].End(), ", "+add)
}
