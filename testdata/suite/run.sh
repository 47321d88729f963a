#!/usr/bin/env bash
# Runs memcached 1.6.18's own test files (t/*.t and t/lib/MemcachedTest.pm
# from Debian bookworm's memcached source package, fetched at run time and
# never committed) against cacheserver, or against the real memcached with
# SERVER=memcached.
#
#   testdata/suite/run.sh [name ...]   names without .t; default: the 38
#                                      files of issue #18; "all" is every t/*.t
#
# Environment:
#   SERVER     cacheserver (default, built from this checkout) or memcached
#              (/usr/bin/memcached)
#   SUITE_DIR  where the fetched source is kept between runs
#              (default ${XDG_CACHE_HOME:-$HOME/.cache}/cachevet/memcached-1.6.18)
#   JOBS       files run in parallel by prove (default 2; several files sleep)
#
# The harness starts ./memcached-debug and ./timedrun from its working
# directory, so the script builds a scratch directory holding a copy of t/
# and two wrappers. Prints prove's report and, last, one line per file:
# "pass NAME" or "fail NAME". Exits 0 when every file passed.
set -euo pipefail

root=$(cd "$(dirname "$0")/../.." && pwd)
server=${SERVER:-cacheserver}
suite=${SUITE_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/cachevet/memcached-1.6.18}
jobs=${JOBS:-2}
version=1.6.18-1

default_files="getset incrdecr cas noreply flags touch getandtouch bogus-commands
malicious-commands quit strtol-testing flush-all item_size_max issue_3 issue_14
issue_22 issue_29 issue_41 issue_42 issue_50 issue_61 issue_68 issue_70 issue_104
issue_108 issue_152 issue_183 issue_192 binary binary-get ascii-auth maxconns
conn-limits idle-timeout metaget unixsocket evictions 64bit"

# debian_mirror prints the first non-security Debian archive the machine's
# apt sources name (deb822 .sources files or one-line sources.list).
debian_mirror() {
	local uris
	uris=$({
		awk '$1 == "URIs:" { for (i = 2; i <= NF; i++) print $i }' /etc/apt/sources.list.d/*.sources
		awk '$1 == "deb" { for (i = 2; i <= NF; i++) if ($i !~ /^\[/ && $i !~ /\]$/) { print $i; break } }' /etc/apt/sources.list
	} 2>/dev/null || true)
	printf '%s\n' "$uris" | awk '$0 != "" && $0 !~ /security/ { print; exit }'
}

fetch_suite() {
	[ -f "$suite/t/lib/MemcachedTest.pm" ] && return
	command -v apt-get >/dev/null || { echo "run.sh: apt-get is needed to fetch memcached's source" >&2; exit 2; }
	command -v dpkg-source >/dev/null || { echo "run.sh: dpkg-dev is needed to fetch memcached's source" >&2; exit 2; }
	local apt
	apt=$(mktemp -d)
	trap 'rm -rf "$apt"' RETURN
	mkdir -p "$apt/lists/partial" "$apt/parts" "$apt/cache/archives/partial"
	# A private deb-src list, so that the machine's apt configuration stays
	# as it is, on the Debian mirror that configuration already uses.
	local mirror
	mirror=$(debian_mirror)
	[ -n "$mirror" ] || { echo "run.sh: no Debian mirror in /etc/apt/sources.list*" >&2; exit 2; }
	cat >"$apt/parts/memcached-src.sources" <<SOURCES
Types: deb-src
URIs: $mirror
Suites: bookworm
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg
SOURCES
	local opts=(-o Dir::Etc::SourceList=/dev/null -o "Dir::Etc::SourceParts=$apt/parts"
		-o "Dir::State::Lists=$apt/lists" -o "Dir::Cache=$apt/cache" -o Debug::NoLocking=1)
	apt-get "${opts[@]}" -q update >&2
	(cd "$apt" && apt-get "${opts[@]}" -q source --only-source --download-only memcached >&2)
	[ -f "$apt/memcached_$version.dsc" ] || { echo "run.sh: bookworm no longer has memcached $version" >&2; exit 2; }
	mkdir -p "$suite"
	tar -xJf "$apt"/memcached_1.6.18.orig.tar.xz -C "$suite" --strip-components=1 memcached-1.6.18/t
	[ -f "$suite/t/lib/MemcachedTest.pm" ] || { echo "run.sh: no t/lib/MemcachedTest.pm in memcached $version" >&2; exit 2; }
}

fetch_suite
command -v prove >/dev/null || { echo "run.sh: prove (perl) is needed" >&2; exit 2; }

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cp -r "$suite/t" "$work/t"
# The harness runs "timedrun SECONDS memcached-debug args" and some files
# (issue_67) count on the server being stopped after those seconds.
printf '#!/bin/sh\nlimit=$1\nshift\nexec timeout "$limit" "$@"\n' >"$work/timedrun"
case $server in
cacheserver)
	(cd "$root" && go build -o "$work/cacheserver" ./cmd/cacheserver)
	# -o debugtime: the harness drives the clock with memcached-debug's
	# debugtime command (mem_move_time).
	printf '#!/bin/sh\nexec "%s/cacheserver" "$@" -o debugtime\n' "$work" >"$work/memcached-debug"
	;;
memcached)
	# The harness adds "-o relaxed_privileges", which only memcached's
	# debug build knows; the packaged release build refuses it.
	cat >"$work/memcached-debug" <<'WRAP'
#!/bin/bash
args=()
while [ $# -gt 0 ]; do
	if [ "$1" = -o ] && [ "${2:-}" = relaxed_privileges ]; then shift 2; continue; fi
	args+=("$1"); shift
done
exec /usr/bin/memcached "${args[@]}"
WRAP
	;;
*)
	echo "run.sh: SERVER must be cacheserver or memcached, not $server" >&2
	exit 2
	;;
esac
chmod +x "$work/timedrun" "$work/memcached-debug"

if [ $# -eq 0 ]; then
	set -- $default_files
elif [ "$1" = all ]; then
	set -- $(cd "$work/t" && ls *.t | sed 's/\.t$//')
fi
files=()
for name in "$@"; do
	[ -f "$work/t/$name.t" ] || { echo "run.sh: no t/$name.t in memcached's suite" >&2; exit 2; }
	files+=("t/$name.t")
done

cd "$work"
status=0
set +e
prove -j"$jobs" "${files[@]}" 2>&1 | tee "$work/prove.out"
status=${PIPESTATUS[0]}
set -e
# prove's "Test Summary Report" names each file that failed, at the start
# of a line; every other file that ran passed.
failed=$(sed -n '/^Test Summary Report/,$p' "$work/prove.out" | sed -n 's|^t/\([^ ]*\)\.t .*|\1|p')
grep -q '^Files=' "$work/prove.out" || { echo "run.sh: prove did not finish" >&2; exit 2; }
for name in "$@"; do
	if printf '%s\n' $failed | grep -qx -- "$name"; then
		echo "fail $name"
	else
		echo "pass $name"
	fi
done
exit "$status"
