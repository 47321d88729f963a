#!/usr/bin/env bash
# Compares cachevet with gosec on the same packages in one run: wall time
# and peak RSS (GNU time) of RUNS alternating runs each, median reported.
# cachevet runs standalone (pruned loading, the default), standalone with
# -prune=false (the stock go/analysis loading) and under go vet (with a
# fresh copy of the binary each run, so that go vet's cache of results is
# never hit). Test files are left out, as gosec does by default. Build and
# module caches are warmed first, for every tool alike.
#
#	bash testdata/bench/lint.sh          # beego's and eko/gocache's memcache packages
#	MAIN=github.com/thanos-io/thanos@v0.36.0 PKGS="./pkg/store/cache/... ./pkg/cacheutil/..." \
#	    bash testdata/bench/lint.sh      # packages of a module run as the main module
#
# Needs gosec on PATH (go install github.com/securego/gosec/v2/cmd/gosec@v2.30.0)
# and /usr/bin/time (Debian package time).
set -euo pipefail
cd "$(dirname "$0")/../.."
RUNS=${RUNS:-3}
MODS=${MODS:-"github.com/beego/beego/v2/server/web/session/memcache@v2.3.8 github.com/beego/beego/v2/client/cache/memcache@v2.3.8 github.com/eko/gocache/store/memcache/v4@v4.2.2"}
PKGS=${PKGS:-"github.com/beego/beego/v2/server/web/session/memcache github.com/beego/beego/v2/client/cache/memcache github.com/eko/gocache/store/memcache/v4"}
export GOFLAGS=-mod=mod GOPROXY=${GOPROXY:-https://proxy.golang.org}
command -v gosec >/dev/null || { echo "gosec is not on PATH" >&2; exit 1; }
tmp=$(mktemp -d)
trap 'chmod -R u+w "$tmp"; rm -rf "$tmp"' EXIT
go build -o "$tmp/cachevet" ./cmd/cachevet

if [ -n "${MAIN:-}" ]; then
	# A module run as the main module, so that its replace directives apply.
	src=$(cd "$tmp" && go mod download -json "$MAIN" | sed -n 's/^\t"Dir": "\(.*\)",$/\1/p')
	cp -r "$src" "$tmp/work" && chmod -R u+w "$tmp/work"
	cd "$tmp/work"
else
	mkdir "$tmp/work" && cd "$tmp/work"
	printf 'module example.com/lintbench\n\ngo 1.26\n' > go.mod
	# shellcheck disable=SC2086
	go get $MODS >/dev/null 2>&1
fi
go mod download >/dev/null 2>&1 || true
# gosec takes directories, cachevet import paths.
# shellcheck disable=SC2086
DIRS=$(go list -f '{{.Dir}}' $PKGS)

measure() { # tool args... -> "seconds maxrss_mb"
	/usr/bin/time -f '%e %M' -o "$tmp/time" "$@" >/dev/null 2>&1 || true
	tail -1 "$tmp/time" | awk '{printf "%s %.0f\n", $1, $2/1024}'
}
median() { sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
# go vet with a copy of cachevet that it has not seen yet (peak RSS is
# that of the largest process: the go command or one run of the tool).
cat > "$tmp/vet.sh" <<EOF
cp "$tmp/cachevet" "$tmp/vettool" && date +%s%N >> "$tmp/vettool"
exec go vet -vettool="$tmp/vettool" $PKGS
EOF

tools="gosec cachevet cachevet-full cachevet-vet"
# Warm-up: export data in the build cache, modules downloaded.
# shellcheck disable=SC2086
gosec -quiet $DIRS >/dev/null 2>&1 || true
# shellcheck disable=SC2086
"$tmp/cachevet" -test=false $PKGS >/dev/null 2>&1 || true
for tool in $tools; do : > "$tmp/$tool.s"; : > "$tmp/$tool.m"; done
for run in $(seq "$RUNS"); do
	for tool in $tools; do
		case $tool in
		# shellcheck disable=SC2086
		gosec) read -r s m < <(measure gosec -quiet $DIRS) ;;
		# shellcheck disable=SC2086
		cachevet) read -r s m < <(measure "$tmp/cachevet" -test=false $PKGS) ;;
		# shellcheck disable=SC2086
		cachevet-full) read -r s m < <(measure "$tmp/cachevet" -test=false -prune=false $PKGS) ;;
		cachevet-vet) read -r s m < <(measure bash "$tmp/vet.sh") ;;
		esac
		printf '%-14s run %d: %ss, %s MB\n' "$tool" "$run" "$s" "$m"
		echo "$s" >> "$tmp/$tool.s"; echo "$m" >> "$tmp/$tool.m"
	done
done
for tool in $tools; do
	printf '%-14s median: %ss wall, %s MB peak RSS\n' "$tool" "$(median < "$tmp/$tool.s")" "$(median < "$tmp/$tool.m")"
done
