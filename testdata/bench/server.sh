#!/usr/bin/env bash
# Compares cacheserver with memcached 1.6.18 on this machine: throughput
# with memcaslap (90% gets, 32-byte keys, 100-byte values, 64 connections,
# alternating runs, median of RUNS), RSS after storing a million 100-byte
# items, RSS under 10x overfill of -m, and 1000 concurrent connections.
# Needs memcached and memcaslap (Debian: memcached libmemcached-tools).
#
#	bash testdata/bench/server.sh            # RUNS=5 SECONDS=10 by default
set -euo pipefail
cd "$(dirname "$0")/../.."
RUNS=${RUNS:-5}
SECS=${SECONDS_PER_RUN:-10}
tmp=$(mktemp -d)
trap 'kill $(jobs -p) 2>/dev/null || true; rm -rf "$tmp"' EXIT

go build -o "$tmp/cacheserver" ./cmd/cacheserver
go build -o "$tmp/fill" ./testdata/bench/fill
printf 'key\n32 32 1\nvalue\n100 100 1\ncmd\n0 0.1\n1 0.9\n' > "$tmp/get90.cfg"

start() { # name port extra-flags...
	local name=$1 port=$2; shift 2
	case $name in
	memcached) memcached -u root -l 127.0.0.1 -U 0 -p "$port" "$@" & ;;
	cacheserver) "$tmp/cacheserver" -u root -l 127.0.0.1 -U 0 -p "$port" "$@" & ;;
	esac
	pid=$!
	for _ in $(seq 50); do (exec 3<>/dev/tcp/127.0.0.1/"$port") 2>/dev/null && return; sleep 0.1; done
	echo "$name did not start" >&2; exit 1
}
rss_mb() { awk '/VmRSS/ {printf "%.1f", $2/1024}' /proc/"$1"/status; }
median() { sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }

echo "== throughput: memcaslap 90% get, 64 connections, ${SECS}s, $RUNS alternating runs"
for name in memcached cacheserver; do : > "$tmp/$name.tps"; done
for run in $(seq "$RUNS"); do
	for name in memcached cacheserver; do
		start "$name" 21311
		tps=$(memcaslap -s 127.0.0.1:21311 -F "$tmp/get90.cfg" -t "${SECS}s" -T 2 -c 64 2>&1 |
			grep -o 'TPS: [0-9]*' | tail -1 | awk '{print $2}')
		echo "$name run $run: ${tps:-?} ops/s"
		echo "${tps:-0}" >> "$tmp/$name.tps"
		kill "$pid"; wait "$pid" 2>/dev/null || true
	done
done
for name in memcached cacheserver; do echo "$name median: $(median < "$tmp/$name.tps") ops/s"; done

echo "== memory: one million 100-byte items (-m 1024)"
for name in memcached cacheserver; do
	start "$name" 21312 -m 1024
	base=$(rss_mb "$pid")
	"$tmp/fill" -addr 127.0.0.1:21312 -n 1000000 -size 100
	echo "$name: RSS ${base} MB idle, $(rss_mb "$pid") MB with 1M items"
	kill "$pid"; wait "$pid" 2>/dev/null || true
done

echo "== overfill: ten times -m 64 (6.4M 100-byte items' worth)"
for name in memcached cacheserver; do
	start "$name" 21313 -m 64
	"$tmp/fill" -addr 127.0.0.1:21313 -n 4000000 -size 100 2>/dev/null || true
	echo "$name: RSS $(rss_mb "$pid") MB after writing 10x -m 64"
	kill "$pid"; wait "$pid" 2>/dev/null || true
done

echo "== 1000 concurrent connections"
for name in memcached cacheserver; do
	start "$name" 21314 -c 2048
	ok=$(python3 - <<'PY'
import socket
socks=[]
for i in range(1000):
    s=socket.create_connection(("127.0.0.1",21314)); socks.append(s)
ok=0
for s in socks:
    s.sendall(b"version\r\n")
for s in socks:
    if s.recv(64).startswith(b"VERSION"): ok+=1
print(ok)
PY
)
	echo "$name: $ok of 1000 concurrent connections answered"
	kill "$pid"; wait "$pid" 2>/dev/null || true
done
