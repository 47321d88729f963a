package protomsg

import (
	"github.com/bradfitz/gomemcache/memcache"
	"google.golang.org/protobuf/proto"
)

var mc = memcache.New("127.0.0.1:11211")

// Account stands for a generated message: exported fields, protobuf tags.
type Account struct {
	Id          int64  `protobuf:"varint,1,opt,name=id,proto3"`
	Email       string `protobuf:"bytes,2,opt,name=email,proto3"`
	AccessToken string `protobuf:"bytes,3,opt,name=access_token,json=accessToken,proto3"`
	Nickname    string `protobuf:"bytes,4,opt,name=nickname,proto3"`
}

func (*Account) ProtoReflect() any { return nil }

type Public struct {
	Id       int64  `protobuf:"varint,1,opt,name=id,proto3"`
	Nickname string `protobuf:"bytes,2,opt,name=nickname,proto3"`
}

func (*Public) ProtoReflect() any { return nil }

func cache(a *Account) {
	b, _ := proto.Marshal(a)
	mc.Set(&memcache.Item{Key: "acct", Value: b}) // want `contains Account\.Email and Account\.AccessToken \(protobuf\)`
	p, _ := proto.Marshal(&Public{Id: a.Id, Nickname: a.Nickname})
	mc.Set(&memcache.Item{Key: "pub", Value: p})
}
