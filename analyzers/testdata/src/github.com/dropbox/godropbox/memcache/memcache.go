// Package memcache is a stub of github.com/dropbox/godropbox/memcache.
package memcache

import "io"

type Item struct {
	Key           string
	Value         []byte
	Flags         uint32
	DataVersionId uint64
	Expiration    uint32
}

type (
	GetResponse    interface{ Value() []byte }
	MutateResponse interface{ Error() error }
	CountResponse  interface{ Count() uint64 }
)

// Client is the interface every client of the package implements.
type Client interface {
	Get(key string) GetResponse
	GetMulti(keys []string) map[string]GetResponse
	Set(item *Item) MutateResponse
	SetMulti(items []*Item) []MutateResponse
	Add(item *Item) MutateResponse
	Append(key string, value []byte) MutateResponse
	Delete(key string) MutateResponse
	DeleteMulti(keys []string) []MutateResponse
	Increment(key string, delta uint64, initValue uint64, expiration uint32) CountResponse
}

type ClientShard interface{ Client }

type RawAsciiClient struct{}

func NewRawAsciiClient(shard int, channel io.ReadWriter) ClientShard       { return &RawAsciiClient{} }
func NewRawBinaryClient(shard int, channel io.ReadWriter) *RawBinaryClient { return &RawBinaryClient{} }

func (c *RawAsciiClient) Get(key string) GetResponse                     { return nil }
func (c *RawAsciiClient) GetMulti(keys []string) map[string]GetResponse  { return nil }
func (c *RawAsciiClient) Set(item *Item) MutateResponse                  { return nil }
func (c *RawAsciiClient) SetMulti(items []*Item) []MutateResponse        { return nil }
func (c *RawAsciiClient) Add(item *Item) MutateResponse                  { return nil }
func (c *RawAsciiClient) Append(key string, value []byte) MutateResponse { return nil }
func (c *RawAsciiClient) Delete(key string) MutateResponse               { return nil }
func (c *RawAsciiClient) DeleteMulti(keys []string) []MutateResponse     { return nil }
func (c *RawAsciiClient) Increment(key string, delta uint64, initValue uint64, expiration uint32) CountResponse {
	return nil
}

type RawBinaryClient struct{}

func (c *RawBinaryClient) Get(key string) GetResponse       { return nil }
func (c *RawBinaryClient) Delete(key string) MutateResponse { return nil }

type ShardManager interface{}

func NewStaticShardManager(serverAddrs []string, shardFunc func(key string, numShard int) (shard int), options any) ShardManager {
	return nil
}
