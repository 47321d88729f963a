// Package rpc is a gRPC client helper, as SDKs have: it imports gRPC's
// metadata package, which the model names for the incoming side, to
// attach the caller's tenant to outgoing calls. An RPC framework's import
// does not make a dependency relevant, so it is read from export data,
// and its functions pass their arguments through.
package rpc

import (
	"context"

	"google.golang.org/grpc/metadata"
)

func WithTenant(ctx context.Context, tenant string) context.Context {
	return metadata.AppendToOutgoingContext(ctx, "x-tenant", tenant)
}

// CacheKey names a call's cached response.
func CacheKey(method, tenant string) string { return "rpc:" + method + ":" + tenant }
