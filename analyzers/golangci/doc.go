// Package golangci registers cachevet as a golangci-lint v2 module plugin.
//
// Blank-importing the package registers five plugins: "cachevet", which
// runs every analyzer of analyzers.All, and one plugin per analyzer
// ("keyinjection", "keylength", "sensitivedata", "exposure"). golangci-lint
// names every finding of a plugin after the plugin, so only the
// per-analyzer plugins make //nolint:keyinjection and exclusion rules such
// as "linters: [keyinjection]" work; with the bundle, write //nolint:cachevet.
// Enabling the bundle together with per-analyzer plugins runs each analyzer
// once and names its findings after the per-analyzer plugin.
//
// A golangci-lint binary with the plugins is built with `golangci-lint
// custom`, which clones golangci-lint from GitHub and reads .custom-gcl.yml:
//
//	# .custom-gcl.yml
//	version: v2.15.0
//	name: custom-gcl
//	destination: ./bin
//	plugins:
//	  - module: github.com/cachevet/cachevet
//	    import: github.com/cachevet/cachevet/analyzers/golangci
//	    version: v0.0.0-20261125000000-0123456789ab # pin a tag or pseudo-version
//	    # or, for a local checkout: path: ../cachevet
//
// Without access to GitHub, build the wrapper module in
// testdata/golangci/build of this repository instead; it only needs the Go
// module proxy (a cold build takes minutes, a warm one seconds):
//
//	cd testdata/golangci/build
//	go build -o ../../../bin/custom-gcl -ldflags "-s -w -X main.version=2.15.0-cachevet-$(
//	    cat $(find ../../../analyzers -name '*.go' | sort) | sha256sum | cut -c1-16)" .
//
// Then enable the plugins in .golangci.yml. The settings are those of
// .cachevet.yaml (see package config) and unknown keys are an error:
//
//	version: "2"
//	linters:
//	  default: none
//	  enable: [keyinjection, keylength, sensitivedata, exposure] # or [cachevet]
//	  settings:
//	    custom:
//	      keyinjection:
//	        type: module
//	        description: memcache keys with spaces or control bytes
//	        settings:
//	          sources: ["example.com/web.Param"]
//	          sinks: ["(*example.com/cache.Client).Lookup:1"]
//	          sanitizers: ["example.com/keys.Clean"]
//	      keylength: {type: module}
//	      sensitivedata:
//	        type: module
//	        settings: {sensitive: [phone_number]}
//	      exposure:
//	        type: module
//	        settings: {cache-ports: [11211, 21211]}
//	issues:
//	  uniq-by-line: false # else only one finding per line is shown
//
// The analyzers share one model held in their flags, as with the command
// line and go vet, so the settings of all cachevet entries are combined:
// lists are joined and strict-length holds if any entry sets it. Every
// entry under linters.settings.custom is built, enabled or not.
//
// Related information (where untrusted data enters, where a sensitive
// field is declared) appears as findings of their own. A cachevet finding
// carries at most one suggested fix, which --fix applies; keyinjection and
// keylength may both fix one key, so `--fix --enable-only keyinjection`
// applies only keyinjection's url.QueryEscape fixes.
//
// golangci-lint caches results by its version string: give each build of
// the plugin its own version (-X main.version=...), or a rebuilt plugin
// shows results cached from the previous one.
package golangci
