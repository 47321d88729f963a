package exposed

import (
	"encoding/json"
	"strings"

	"github.com/cachevet/cachevet/analyzers/internal/model"
)

// ConfigAddrs returns the memcached addresses a cache library's
// configuration string holds, found as the row c says, and a phrase that
// says where ("JSON member \"conn\""). ok is false when the string is not
// of the row's form (not JSON, another URL scheme).
func ConfigAddrs(c model.CacheConfig, s string) (addrs []string, where string, ok bool) {
	split := func(v string) []string {
		return strings.FieldsFunc(v, func(r rune) bool { return strings.ContainsRune(c.Sep, r) })
	}
	switch c.Format {
	case model.ConfigList:
		return split(s), "", true
	case model.ConfigJSON:
		var obj map[string]any
		if json.Unmarshal([]byte(s), &obj) != nil {
			return nil, "", false
		}
		where = "JSON member " + `"` + c.Key + `"`
		switch v := obj[c.Key].(type) {
		case string:
			return split(v), where, true
		case []any:
			for _, e := range v {
				if s, ok := e.(string); ok {
					addrs = append(addrs, s)
				}
			}
			return addrs, where, true
		}
		return nil, where, true
	case model.ConfigURL:
		scheme, rest, found := strings.Cut(s, "://")
		if !found || !strings.EqualFold(scheme, c.Scheme) {
			return nil, "", false
		}
		if i := strings.IndexAny(rest, "/?#"); i >= 0 {
			rest = rest[:i]
		}
		if i := strings.LastIndexByte(rest, '@'); i >= 0 {
			rest = rest[i+1:] // user information
		}
		return split(rest), "host of the " + c.Scheme + ":// URL", true
	}
	return nil, "", false
}
