#!/usr/bin/env bash
# Memory under hostile clients (issue 22), cacheserver and memcached 1.6.18
# side by side on loopback: each scenario of testdata/bench/hostile.py runs
# against a fresh server, and the server's RSS is read from /proc after
# SETTLE seconds. The goal for cacheserver is -m + 20% + a small fixed
# amount per connection. Needs memcached and python3.
#
#	bash testdata/bench/hostile.sh            # SETTLE=3 by default
#	CACHESERVER=/path/to/old/cacheserver ONLY="slowset sasl" bash testdata/bench/hostile.sh
set -euo pipefail
cd "$(dirname "$0")/../.."
SETTLE=${SETTLE:-3}
tmp=$(mktemp -d)
trap 'kill $(jobs -p) 2>/dev/null || true; rm -rf "$tmp"' EXIT
if [ -n "${CACHESERVER:-}" ]; then cp "$CACHESERVER" "$tmp/cacheserver"; else go build -o "$tmp/cacheserver" ./cmd/cacheserver; fi
printf 'u:p\n' > "$tmp/sasl.pwdb"
export MEMCACHED_SASL_PWDB="$tmp/sasl.pwdb"
printf 'mech_list: plain\n' > "$tmp/memcached.conf" # memcached's Cyrus SASL needs a mechanism list
export SASL_CONF_PATH="$tmp"

start() { # name port extra-flags...
	local name=$1 port=$2; shift 2
	case $name in
	memcached) memcached -u root -l 127.0.0.1 -U 0 -p "$port" -c 4096 "$@" & ;;
	cacheserver) "$tmp/cacheserver" -u root -l 127.0.0.1 -U 0 -p "$port" -c 4096 "$@" & ;;
	esac
	pid=$!
	for _ in $(seq 50); do (exec 3<>/dev/tcp/127.0.0.1/"$port") 2>/dev/null && return; sleep 0.1; done
	echo "$name did not start" >&2; exit 1
}
rss_mb() { awk '/VmRSS/ {printf "%.0f", $2/1024}' /proc/"$1"/status; }

port=21400
run() { # scenario connections flags...
	local scenario=$1 conns=$2; shift 2
	if [ -n "${ONLY:-}" ] && [[ " $ONLY " != *" $scenario "* ]]; then return; fi
	for name in memcached cacheserver; do
		port=$((port + 1))
		start "$name" "$port" "$@"
		python3 testdata/bench/hostile.py "$scenario" "$port" > "$tmp/ready" &
		client=$!
		for _ in $(seq 600); do grep -q ready "$tmp/ready" 2>/dev/null && break; sleep 0.1; done
		sleep "$SETTLE"
		printf '%-16s %-12s %5s MB RSS  (%s, %d connections)\n' "$scenario" "$name" "$(rss_mb "$pid")" "$*" "$conns"
		kill "$client" "$pid" 2>/dev/null; wait "$client" "$pid" 2>/dev/null || true
		: > "$tmp/ready"
	done
}
run slowset 500 -m 64
run bigitems 40 -m 64 -I 32m
run sasl 300 -m 64 -S
run multiget 200 -m 64 -I 2m
run multiget-noread 200 -m 64 -I 2m
run metadump 20 -m 64
