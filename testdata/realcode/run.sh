#!/usr/bin/env bash
# Runs cachevet over real modules that use memcached, over the standard
# library, and over a real page-cache library (gin-cache) that an app of
# ours, gincacheapp, wires to memcached, RUNS times each: it must not panic, and every run must
# print the same report. Prints wall time and peak RSS (GNU time) of the
# first run and the number of findings; the JSON reports are kept in OUT
# for triage (see TRIAGE.md beside this script).
#
#	bash testdata/realcode/run.sh              # every target below
#	TARGETS="beego fiber" bash testdata/realcode/run.sh
#	CACHEVET=/tmp/cachevet-old bash testdata/realcode/run.sh  # another build
#
# Modules come from the module proxy; a module is run as the main module
# (so that its replace directives apply), except eko/gocache's memcache
# store, whose go.mod replaces a directory outside its module zip: it is
# run as a dependency of a scratch module.
set -euo pipefail
cd "$(dirname "$0")/../.."
RUNS=${RUNS:-3}
OUT=${OUT:-/tmp/cachevet-realcode}
TARGETS=${TARGETS:-"std thanos beego dskit gocache fiber gincache"}
export GOFLAGS=-mod=mod GOPROXY=${GOPROXY:-https://proxy.golang.org}
mkdir -p "$OUT"
tmp=$(mktemp -d)
trap 'chmod -R u+w "$tmp"; rm -rf "$tmp"' EXIT
if [ -n "${CACHEVET:-}" ]; then
	cp "$CACHEVET" "$tmp/cachevet"
else
	go build -o "$tmp/cachevet" ./cmd/cachevet
fi

module() { # module@version -> a writable copy of it, as a main module
	local dir
	dir=$(cd "$tmp" && go mod download -json "$1" | sed -n 's/^\t"Dir": "\(.*\)",$/\1/p')
	cp -r "$dir" "$tmp/$2" && chmod -R u+w "$tmp/$2"
	(cd "$tmp/$2" && go mod download >/dev/null 2>&1 || true)
	echo "$tmp/$2"
}

status=0
for target in $TARGETS; do
	case $target in
	std)
		dir=$tmp/std && mkdir -p "$dir" && printf 'module scratch\n\ngo 1.26\n' > "$dir/go.mod"
		pkgs=std ;;
	thanos) dir=$(module github.com/thanos-io/thanos@v0.36.0 thanos) pkgs=./... ;;
	beego) dir=$(module github.com/beego/beego/v2@v2.3.8 beego) pkgs=./... ;;
	dskit) dir=$(module github.com/grafana/dskit@v0.0.0-20260703122047-de1ec7541c44 dskit) pkgs=./... ;;
	fiber) dir=$(module github.com/gofiber/fiber/v2@v2.52.15 fiber) pkgs=./... ;;
	gocache)
		dir=$tmp/gocache && mkdir -p "$dir" && printf 'module scratch\n\ngo 1.26\n' > "$dir/go.mod"
		(cd "$dir" && go get github.com/eko/gocache/store/memcache/v4@v4.2.2 >/dev/null 2>&1)
		pkgs=github.com/eko/gocache/store/memcache/v4 ;;
	gincache)
		# A real page-cache middleware wired to memcached by an app of
		# ours (gincacheapp/main.go): the library builds the keys.
		dir=$tmp/gincache && mkdir -p "$dir" && cp testdata/realcode/gincacheapp/main.go "$dir/"
		printf 'module gincacheapp\n\ngo 1.26\n' > "$dir/go.mod"
		(cd "$dir" && go get github.com/chenyahui/gin-cache@v1.10.0 github.com/bradfitz/gomemcache@v0.0.0-20260422231931-4d751bb6e37c >/dev/null 2>&1 && go mod tidy >/dev/null 2>&1)
		pkgs=. ;;
	*) echo "unknown target $target" >&2; exit 2 ;;
	esac
	first=
	for run in $(seq "$RUNS"); do
		out=$OUT/$target.$run
		# Exit status 3 means findings; anything else but 0 is a failure.
		rc=0
		(cd "$dir" && /usr/bin/time -f '%e %M' -o "$out.time" "$tmp/cachevet" -json $pkgs > "$out.json" 2> "$out.err") || rc=$?
		if [ "$rc" != 0 ] && [ "$rc" != 3 ]; then
			echo "$target run $run: exit status $rc" && sed 's/^/	/' "$out.err" | head -20
			status=1
		fi
		if grep -q 'panic\|internal error' "$out.err"; then
			echo "$target run $run: panic" && status=1
		fi
		# Paths differ from run to run only in the scratch directory.
		sed "s#$tmp#TMP#g" "$out.json" > "$out.norm"
		if [ -z "$first" ]; then
			first=$out
			read -r secs kb < <(tail -1 "$out.time")
			findings=$(python3 -c 'import json,sys
d=json.load(open(sys.argv[1]))
print(sum(len(v) for a in d.values() for v in a.values() if isinstance(v, list)))' "$out.json")
			printf '%-8s %6ss %6d MB  %d findings\n' "$target" "$secs" $((kb / 1024)) "$findings"
		elif ! cmp -s "$first.norm" "$out.norm"; then
			echo "$target run $run: report differs from run 1" && status=1
		fi
	done
done
exit $status
