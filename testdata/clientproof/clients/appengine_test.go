package clients

import (
	"context"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"net/http"
	"strings"
	"sync"
	"testing"

	"google.golang.org/appengine"
	"google.golang.org/protobuf/encoding/protojson"
	"google.golang.org/protobuf/protoadapt"
)

// App Engine's memcache is an RPC service, with no memcached to run here:
// appengine.WithAPICallFunc, the library's own hook for API calls, puts
// memcacheService in its place. It records each key the library sends and,
// like the documented service, refuses keys over 250 bytes.
type memcacheService struct {
	mu    sync.Mutex
	items map[string][]byte
	keys  []string // every key the library sent, in order
}

// call serves one API call; in and out are the library's own request and
// response messages, read and written as protojson.
func (m *memcacheService) call(_ context.Context, service, method string, in, out protoadapt.MessageV1) error {
	if service != "memcache" {
		return fmt.Errorf("memcacheService: no %s service", service)
	}
	var req struct {
		Key  []string `json:"key"`
		Item []struct {
			Key   string `json:"key"`
			Value string `json:"value"`
		} `json:"item"`
	}
	data, err := protojson.Marshal(protoadapt.MessageV2Of(in))
	if err != nil {
		return err
	}
	if err := json.Unmarshal(data, &req); err != nil {
		return err
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.items == nil {
		m.items = map[string][]byte{}
	}
	var resp string
	switch method {
	case "Get":
		var found []string
		for _, k := range req.Key {
			key := unbase64(k)
			if err := m.sent(key); err != nil {
				return err
			}
			if v, ok := m.items[key]; ok {
				found = append(found, fmt.Sprintf(`{"key":%q,"value":%q}`, k, base64.StdEncoding.EncodeToString(v)))
			}
		}
		resp = `{"item":[` + strings.Join(found, ",") + `]}`
	case "Set":
		var status []string
		for _, it := range req.Item {
			key := unbase64(it.Key)
			if err := m.sent(key); err != nil {
				return err
			}
			m.items[key] = []byte(unbase64(it.Value))
			status = append(status, `"STORED"`)
		}
		resp = `{"setStatus":[` + strings.Join(status, ",") + `]}`
	default:
		return fmt.Errorf("memcacheService: no method %s", method)
	}
	return protojson.Unmarshal([]byte(resp), protoadapt.MessageV2Of(out))
}

// sent records a key the library sent and refuses it as the service's
// documentation says it would.
func (m *memcacheService) sent(key string) error {
	m.keys = append(m.keys, key)
	if len(key) > 250 {
		return fmt.Errorf("memcacheService: key of %d bytes, over the documented 250", len(key))
	}
	return nil
}

// received returns the keys the library sent.
func (m *memcacheService) received() []string {
	m.mu.Lock()
	defer m.mu.Unlock()
	return append([]string(nil), m.keys...)
}

// withService runs handler with hook installed in the request's context.
func withService(handler http.HandlerFunc, hook func(context.Context) context.Context) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		handler(w, r.WithContext(hook(r.Context())))
	}
}

// The library sends any key: CR/LF reaches the service as it is, and a key
// over the documented 250 bytes is sent, refused, and every load reaches
// the database.
func TestAppEngineLoadUnvalidatedKeys(t *testing.T)      { appEngineUnvalidatedKeys(t, "Load") }
func TestAppEngineLoadMultiUnvalidatedKeys(t *testing.T) { appEngineUnvalidatedKeys(t, "LoadMulti") }

func appEngineUnvalidatedKeys(t *testing.T, shape string) {
	t.Parallel()
	m := &memcacheService{}
	hook := func(ctx context.Context) context.Context { return appengine.WithAPICallFunc(ctx, m.call) }
	a := &AppEngine{DB: &Backend{}}
	db, save, load := a.DB, withService(a.Save, hook), withService(a.Load, hook)
	if shape == "LoadMulti" {
		load = withService(a.LoadMulti, hook)
	}

	request(t, save, "id", flushID, "name", "alice")
	sentRaw := false
	for _, k := range m.received() {
		sentRaw = sentRaw || strings.Contains(k, "\r\n")
	}
	check(t, sentRaw, "the library sent the key's CR/LF to the service as it is")

	cached := wantCached(t, db, save, load, longID)
	sentLong := false
	for _, k := range m.received() {
		sentLong = sentLong || len(k) > 250
	}
	t.Logf("service: received %d keys, the longest %d bytes", len(m.received()), longest(m.received()))
	check(t, sentLong && !cached, "the library sent a 305-byte key unchecked; the service refused it and the load reached the database")

	wantOrdinary(t, db, save, load)
}

func longest(keys []string) int {
	n := 0
	for _, k := range keys {
		n = max(n, len(k))
	}
	return n
}

func unbase64(s string) string {
	b, _ := base64.StdEncoding.DecodeString(s)
	return string(b)
}
