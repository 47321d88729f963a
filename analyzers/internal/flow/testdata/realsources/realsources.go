// Package realsources imports the real frameworks whose sources cachevet
// describes, at the versions the rows were read from, so that flow's
// TestSourcesMatchLibraries can load their types. fiber v3 is left out:
// its served copy is not an approved release, and its rows are checked
// against the stub written from its documented API.
package realsources

import (
	_ "connectrpc.com/connect"
	_ "github.com/99designs/gqlgen/graphql"
	_ "github.com/99designs/gqlgen/integration/server"
	_ "github.com/julienschmidt/httprouter"
	_ "google.golang.org/grpc"
	_ "google.golang.org/grpc/health/grpc_health_v1"
	_ "google.golang.org/grpc/metadata"
	_ "gopkg.in/macaron.v1"
)
