package exposure

import (
	"go/ast"
	"go/types"

	"github.com/cachevet/cachevet/analyzers/internal/exposed"
	"github.com/cachevet/cachevet/analyzers/internal/model"
)

// cacheConfigCall checks the configuration string a cache library's call
// takes (model.CacheConfigs), if its adapter argument selects memcached.
func (c *checker) cacheConfigCall(call *ast.CallExpr, cfg model.CacheConfig) {
	if cfg.Arg >= len(call.Args) {
		return
	}
	if cfg.Adapter != "" {
		if cfg.AdapterArg >= len(call.Args) || !c.mayBe(call.Args[cfg.AdapterArg], cfg.Adapter) {
			return
		}
	}
	c.configString(call, call.Args[cfg.Arg], cfg)
}

// mayBe reports whether some definition of e is the string want.
func (c *checker) mayBe(e ast.Expr, want string) bool {
	for _, d := range c.reachingDefs(e) {
		if d.exposedValue() && d.val == want {
			return true
		}
	}
	return false
}

// cacheConfigLit checks the address fields of a configuration struct
// literal, such as memcache.Config{Servers: "203.0.113.5:11211"}.
func (c *checker) cacheConfigLit(lit *ast.CompositeLit) {
	t := c.pass.TypesInfo.TypeOf(lit)
	if t == nil {
		return
	}
	for _, cfg := range model.CacheConfigs {
		if cfg.Field == "" {
			continue
		}
		if typ, field := splitField(cfg.Field); typeName(t) == typ {
			if e := litField(lit, field); e != nil {
				c.configString(lit, e, cfg)
			}
		}
	}
}

// cacheConfigAssign checks an assignment to such a field.
func (c *checker) cacheConfigAssign(as *ast.AssignStmt) {
	c.eachFieldAssign(as, func(_ *ast.SelectorExpr, s *types.Selection, rhs ast.Expr) {
		for _, cfg := range model.CacheConfigs {
			if cfg.Field != "" && cfg.Field == typeName(s.Recv())+"."+s.Obj().Name() {
				c.configString(as, rhs, cfg)
			}
		}
	})
}

// configString judges every address each definition of the configuration
// string e holds.
func (c *checker) configString(sink ast.Node, e ast.Expr, cfg model.CacheConfig) {
	for _, d := range c.reachingDefs(e) {
		if !d.exposedValue() {
			continue
		}
		addrs, where, ok := exposed.ConfigAddrs(cfg, d.val)
		if !ok {
			continue
		}
		note := d.note()
		if where != "" {
			note = where + parenSep(note)
		}
		for _, a := range addrs {
			c.publicServer(site(sink, e), cfg.Short, a, note, d.at)
		}
	}
}

// parenSep returns ", note", or nothing for an empty note.
func parenSep(note string) string {
	if note == "" {
		return ""
	}
	return ", " + note
}

// splitField splits "path.Type.Field" into "path.Type" and "Field".
func splitField(s string) (typ, field string) {
	for i := len(s) - 1; i >= 0; i-- {
		if s[i] == '.' {
			return s[:i], s[i+1:]
		}
	}
	return "", s
}

// typeName returns "path.Name" of a named type or a pointer to one.
func typeName(t types.Type) string {
	if p, ok := types.Unalias(t).(*types.Pointer); ok {
		t = p.Elem()
	}
	n, ok := types.Unalias(t).(*types.Named)
	if !ok || n.Obj().Pkg() == nil {
		return ""
	}
	return n.Obj().Pkg().Path() + "." + n.Obj().Name()
}
