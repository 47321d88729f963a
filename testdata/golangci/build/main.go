// Command custom-gcl is golangci-lint v2 with cachevet's module plugins,
// built without `golangci-lint custom` (which clones golangci-lint from
// GitHub): the plugins are blank-imported and golangci-lint's command
// entry point is called as its cmd/golangci-lint/main.go does.
//
// golangci-lint caches results by its version string, so give every build
// its own, e.g. a hash of the plugin source:
//
//	go build -o custom-gcl -ldflags "-s -w -X main.version=2.15.0-cachevet-$(
//	    cat $(find ../../../analyzers -name '*.go' | sort) | sha256sum | cut -c1-16)" .
package main

import (
	"fmt"
	"os"
	"runtime/debug"

	"github.com/golangci/golangci-lint/v2/pkg/commands"
	"github.com/golangci/golangci-lint/v2/pkg/exitcodes"

	// The cachevet plugins: "cachevet" and one per analyzer.
	_ "github.com/cachevet/cachevet/analyzers/golangci"
)

// Set with -ldflags "-X main.version=... -X main.commit=... -X main.date=...".
var (
	version = "2.15.0-cachevet-dev"
	commit  = "?"
	date    = "(unknown)"
)

func main() {
	info := commands.BuildInfo{Version: version, Commit: commit, Date: date, GoVersion: "unknown"}
	if bi, ok := debug.ReadBuildInfo(); ok {
		info.GoVersion = bi.GoVersion
	}
	if err := commands.Execute(info); err != nil {
		_, _ = fmt.Fprintf(os.Stderr, "The command is terminated due to an error: %v\n", err)
		os.Exit(exitcodes.Failure)
	}
}
