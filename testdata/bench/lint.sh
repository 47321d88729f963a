#!/usr/bin/env bash
# Compares cachevet with gosec on the same packages in one run: wall time
# and peak RSS (GNU time), RUNS alternating runs each, median reported.
# The packages are real modules fetched from the Go module proxy into a
# scratch module; memcached code paths of beego and eko/gocache by default.
#
#	bash testdata/bench/lint.sh                # RUNS=3
#	PKGS="github.com/x/y/..." bash testdata/bench/lint.sh
#
# Needs gosec on PATH (go install github.com/securego/gosec/v2/cmd/gosec@v2.30.0)
# and /usr/bin/time.
set -euo pipefail
cd "$(dirname "$0")/../.."
RUNS=${RUNS:-3}
MODS=${MODS:-"github.com/beego/beego/v2/server/web/session/memcache@v2.3.8 github.com/beego/beego/v2/client/cache/memcache@v2.3.8 github.com/eko/gocache/store/memcache/v4@v4.2.2"}
PKGS=${PKGS:-"github.com/beego/beego/v2/server/web/session/memcache github.com/beego/beego/v2/client/cache/memcache github.com/eko/gocache/store/memcache/v4"}
export GOFLAGS=-mod=mod GOPROXY=${GOPROXY:-https://proxy.golang.org}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
go build -o "$tmp/cachevet" ./cmd/cachevet
command -v gosec >/dev/null || { echo "gosec is not on PATH" >&2; exit 1; }
mkdir "$tmp/scratch"
cd "$tmp/scratch"
printf 'module example.com/lintbench\n\ngo 1.26\n' > go.mod
# shellcheck disable=SC2086
go get $MODS >/dev/null 2>&1
go mod download >/dev/null 2>&1 || true
# gosec takes directories, cachevet import paths.
# shellcheck disable=SC2086
DIRS=$(go list -f '{{.Dir}}' $PKGS)

measure() { # tool args... -> "seconds maxrss_mb"
	/usr/bin/time -f '%e %M' -o "$tmp/time" "$@" >/dev/null 2>&1 || true
	tail -1 "$tmp/time" | awk '{printf "%s %.0f\n", $1, $2/1024}'
}
median() { sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }

for tool in cachevet gosec; do : > "$tmp/$tool.s"; : > "$tmp/$tool.m"; done
for run in $(seq "$RUNS"); do
	# shellcheck disable=SC2086
	read -r s m < <(measure "$tmp/cachevet" $PKGS)
	echo "cachevet run $run: ${s}s, ${m} MB"; echo "$s" >> "$tmp/cachevet.s"; echo "$m" >> "$tmp/cachevet.m"
	# shellcheck disable=SC2086
	read -r s m < <(measure gosec -quiet $DIRS)
	echo "gosec    run $run: ${s}s, ${m} MB"; echo "$s" >> "$tmp/gosec.s"; echo "$m" >> "$tmp/gosec.m"
done
for tool in cachevet gosec; do
	echo "$tool median: $(median < "$tmp/$tool.s")s wall, $(median < "$tmp/$tool.m") MB peak RSS"
done
