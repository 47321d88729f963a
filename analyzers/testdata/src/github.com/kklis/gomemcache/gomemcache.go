// Package gomemcache is a stub of github.com/kklis/gomemcache.
package gomemcache

type Memcache struct{}

type Result struct {
	Value []byte
	Flags int
}

func Connect(host string, port int) (*Memcache, error)      { return &Memcache{}, nil }
func Dial(network, addr string) (memc *Memcache, err error) { return &Memcache{}, nil }

func (memc *Memcache) Get(key string) (value []byte, flags int, err error) { return nil, 0, nil }
func (memc *Memcache) GetMulti(keys ...string) (results map[string]Result, err error) {
	return nil, nil
}
func (memc *Memcache) Set(key string, value []byte, flags int, exptime int64) (err error) { return nil }
func (memc *Memcache) Add(key string, value []byte, flags int, exptime int64) (err error) { return nil }
func (memc *Memcache) Replace(key string, value []byte, flags int, exptime int64) (err error) {
	return nil
}
func (memc *Memcache) Append(key string, value []byte, flags int, exptime int64) (err error) {
	return nil
}
func (memc *Memcache) Prepend(key string, value []byte, flags int, exptime int64) (err error) {
	return nil
}
func (memc *Memcache) Delete(key string) (err error)                       { return nil }
func (memc *Memcache) Incr(key string, value uint64) (i uint64, err error) { return 0, nil }
func (memc *Memcache) Decr(key string, value uint64) (i uint64, err error) { return 0, nil }
