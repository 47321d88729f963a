// Package cacheserver is a stub of github.com/cachevet/cachevet/cacheserver.
package cacheserver

// Config mirrors the fields of the reference server's configuration that
// decide its exposure.
type Config struct {
	ListenAddrs []string
	Port        int
	UDPPort     int
	UnixSocket  string
	MaxBytes    int64
	SASL        bool
	SASLUsers   map[string]string
	AuthFile    map[string]string
	Hardened    bool
}

func DefaultConfig() Config {
	return Config{ListenAddrs: []string{"127.0.0.1"}, Port: 11211, MaxBytes: 64 << 20}
}

type Server struct{}

func New(cfg Config) (*Server, error) { return &Server{}, nil }
func (s *Server) Start() error        { return nil }
