#!/usr/bin/env bash
# Issue 15's thread-affinity candidate, from outside: one `latency --baseline` invocation (one JVM) in which the
# bench's own thread (the JVM's main thread) is pinned to CPU 0 and the server's hot thread (the daemon's combined
# thread, then the echo's) to CPU 1 with taskset as soon as each appears; every other thread stays free. The watcher
# starts no process once it has found the bench's JVM (shell builtins only) and stops once both are pinned.
#   bench/scripts/pinned-threads.sh LOG [LATENCY_OPTIONS...]   (default: --workload toy --rate 100k, 5 s + 20 s)
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
log="${1:?usage: pinned-threads.sh LOG [LATENCY_OPTIONS...]}"
shift
[ $# -gt 0 ] || set -- --workload toy --rate 100k --warmup 5s --duration 20s
bin/l1infer-bench help >/dev/null 2>&1 # builds on first use
bin/l1infer-bench latency --baseline --breakdown "$@" > "$log" 2>&1 &
launcher=$!
pid=""
while [ -z "$pid" ] && kill -0 "$launcher" 2>/dev/null; do
  sleep 0.5
  pid="$(pgrep -f 'io.l1infer.bench.*latency' | head -1 || true)" # before the measurement starts
done
exec 9<> <(:) # a descriptor that never has data: `read -t` on it waits without starting a sleep process
for want in "[l1infer-ingest" "[l1infer-echo-i"; do
  found=""
  while [ -z "$found" ] && [ -n "$pid" ] && kill -0 "$launcher" 2>/dev/null; do
    read -r -t 0.5 -u 9 _ || true
    for t in /proc/"$pid"/task/*; do
      name=""
      read -r name < "$t/comm" 2>/dev/null || continue
      if [ "$name" = "$want" ]; then
        taskset -p -c 0 "$pid" > /dev/null
        taskset -p -c 1 "${t##*/}" > /dev/null
        found=1
        echo "PINNED thread=$want bench=$pid server_thread=${t##*/}" >> "$log.pins"
      fi
    done
  done
done
wait "$launcher"
grep -E '^RESULT' "$log"
