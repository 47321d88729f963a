// Package sessions hands the session ID of a cookie to a provider that
// registers itself by name from a package importing this one.
package sessions

import (
	"net/http"
	"net/url"
)

// Provider stores sessions.
type Provider interface {
	SessionRead(sid string) (string, error)
}

var provides = map[string]Provider{}

// Register makes a provider available by name.
func Register(name string, p Provider) { provides[name] = p }

// Manager reads sessions from the provider it was made with.
type Manager struct{ provider Provider }

// NewManager returns a manager on the provider registered as name.
func NewManager(name string) *Manager { return &Manager{provider: provides[name]} }

// Start returns the session of the request's cookie.
func (m *Manager) Start(r *http.Request) (string, error) {
	c, err := r.Cookie("sid")
	if err != nil {
		return "", err
	}
	sid, err := url.QueryUnescape(c.Value)
	if err != nil {
		return "", err
	}
	return m.provider.SessionRead(sid)
}
