// Package clientwrap is a cache layer over two modelled clients: its facts
// carry which client each parameter reaches, so its callers' findings name
// that client's harm.
package clientwrap

import (
	"context"

	"github.com/kklis/gomemcache"
	mc "github.com/memcachier/mc/v3"
)

type Cache struct {
	text   *gomemcache.Memcache
	binary *mc.Client
}

func (c *Cache) Lookup(id string) ([]byte, error) {
	v, _, err := c.text.Get("user:" + id)
	return v, err
}

func (c *Cache) Remember(ctx context.Context, id string, v string) error {
	_, err := c.binary.Set("user:"+id, v, 0, 0, 0)
	return err
}
