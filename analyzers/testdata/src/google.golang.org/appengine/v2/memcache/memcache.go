// Package memcache is a stub of google.golang.org/appengine/v2/memcache.
package memcache

import "context"

type Item struct {
	Key    string
	Value  []byte
	Object interface{}
	Flags  uint32
}

func Get(c context.Context, key string) (*Item, error)                   { return nil, nil }
func GetMulti(c context.Context, key []string) (map[string]*Item, error) { return nil, nil }
func Delete(c context.Context, key string) error                         { return nil }
func DeleteMulti(c context.Context, key []string) error                  { return nil }
func Set(c context.Context, item *Item) error                            { return nil }
func SetMulti(c context.Context, item []*Item) error                     { return nil }
func Add(c context.Context, item *Item) error                            { return nil }
func Increment(c context.Context, key string, delta int64, initialValue uint64) (uint64, error) {
	return 0, nil
}

type Codec struct {
	Marshal   func(interface{}) ([]byte, error)
	Unmarshal func([]byte, interface{}) error
}

var JSON = Codec{}

func (cd Codec) Get(c context.Context, key string, v interface{}) (*Item, error) { return nil, nil }
func (cd Codec) Set(c context.Context, item *Item) error                         { return nil }
