// Package sessions is a session manager whose providers register
// themselves by name, as beego's session package: the memcache provider
// lives in a package that imports this one, so nothing here sees it.
package sessions

import (
	"net/http"
	"net/url"
)

type Provider interface {
	SessionRead(sid string) (string, error)
	SessionExist(sid string) (bool, error)
}

var provides = make(map[string]Provider)

// Register makes a provider available by name.
func Register(name string, p Provider) { provides[name] = p }

type Manager struct {
	provider Provider
	cookie   string
}

func NewManager(name string) *Manager { return &Manager{provider: provides[name], cookie: "sid"} }

func (m *Manager) sid(r *http.Request) (string, error) {
	c, err := r.Cookie(m.cookie)
	if err != nil {
		return "", err
	}
	return url.QueryUnescape(c.Value)
}

// SessionStart passes the session ID of the cookie to the provider.
func (m *Manager) SessionStart(r *http.Request) (string, error) {
	sid, err := m.sid(r)
	if err != nil {
		return "", err
	}
	if ok, _ := m.provider.SessionExist(sid); ok {
		return m.provider.SessionRead(sid)
	}
	return m.provider.SessionRead("new")
}

// memProvider keeps sessions in memory: no key reaches memcached.
type memProvider struct{ m map[string]string }

func (p *memProvider) SessionRead(sid string) (string, error) { return p.m[sid], nil }
func (p *memProvider) SessionExist(sid string) (bool, error)  { _, ok := p.m[sid]; return ok, nil }

func init() { Register("memory", &memProvider{m: map[string]string{}}) }
