package exposed

import (
	"fmt"
	"testing"

	"github.com/cachevet/cachevet/analyzers/internal/model"
)

func TestConfigAddrs(t *testing.T) {
	jsonRow := model.CacheConfig{Format: model.ConfigJSON, Key: "conn", Sep: ";"}
	urlRow := model.CacheConfig{Format: model.ConfigURL, Scheme: "memcache", Sep: ","}
	listRow := model.CacheConfig{Format: model.ConfigList, Sep: ", "}
	for _, c := range []struct {
		row  model.CacheConfig
		in   string
		want string
	}{
		{jsonRow, `{"conn":"127.0.0.1:11211"}`, `["127.0.0.1:11211"] true`},
		{jsonRow, `{"conn":"10.0.0.1:11211;203.0.113.5:11211","x":1}`, `["10.0.0.1:11211" "203.0.113.5:11211"] true`},
		{jsonRow, `{"conn":["a:1","b:2"]}`, `["a:1" "b:2"] true`},
		{jsonRow, `{"interval":60}`, `[] true`},
		{jsonRow, `conn=1.2.3.4`, `[] false`},
		{urlRow, "memcache://203.0.113.5:11211,10.0.0.1:11211", `["203.0.113.5:11211" "10.0.0.1:11211"] true`},
		{urlRow, "MEMCACHE://u:p@[2001:db8::1]:11211/x?y", `["[2001:db8::1]:11211"] true`},
		{urlRow, "redis://203.0.113.5:6379", `[] false`},
		{listRow, "a:11211, b:11212,c:1", `["a:11211" "b:11212" "c:1"] true`},
	} {
		addrs, _, ok := ConfigAddrs(c.row, c.in)
		if got := fmt.Sprintf("%q %v", addrs, ok); got != c.want {
			t.Errorf("ConfigAddrs(%q) = %s, want %s", c.in, got, c.want)
		}
	}
}
