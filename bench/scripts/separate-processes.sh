#!/usr/bin/env bash
# The separate-process layout of issue 15: the daemon in its own process, then `l1infer-bench echo-server` (the
# echo with the daemon's settings) in its own process, each measured by the bench in a third with
# `latency --target external --breakdown` (toy workload, 100 kHz, 5 s warm-up, 20 s; WORKLOAD, RATE and EXTRA, e.g.
# EXTRA="--burst 100", from the environment change them; BREAKDOWN=0 leaves --breakdown out):
#   bench/scripts/separate-processes.sh OUT_DIR [REPEATS] [JVM_OPTIONS]
# JVM_OPTIONS go to all three JVMs. The echo's RESULT line is relabelled target=echo so summarize.awk pairs it with
# the daemon of the same repeat. Raw lines in OUT_DIR/separate.txt, medians in OUT_DIR/separate-summary.txt.
# THREADS=1 also writes THREAD lines (thread-snapshot.sh) of the server and of the bench for 12-22 s into each run.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
out="${1:?usage: separate-processes.sh OUT_DIR [REPEATS] [JVM_OPTIONS]}"
repeats="${2:-3}"
jvm="${3:-}"
name="separate${jvm:+-opts}"
dir="/dev/shm/l1infer-separate-$$"
breakdown=--breakdown
[ "${BREAKDOWN:-1}" = 0 ] && breakdown=
mkdir -p "$out"
bin/l1infer-bench help >/dev/null 2>&1 # builds on first use
source bench/scripts/thread-snapshot.sh

serve() { # LOG COMMAND...: start a server, wait until it says ready
  local log="$1"; shift
  L1INFER_JAVA_OPTS="$jvm" "$@" --set "l1infer.aeron.dir=$dir" > "$log" 2>&1 &
  server=$!
  for _ in $(seq 1 600); do grep -Eq ' ready( \(|$)' "$log" && return 0; sleep 0.1; done
  echo "server did not start, see $log" >&2; kill "$server"; return 1
}

measure() { # KIND REPEAT
  local kind="$1" r="$2"
  echo "LOAD layout=$name-$kind repeat=$r load1=$(cut -d' ' -f1 /proc/loadavg) at=$(date +%H:%M:%S)" \
    | tee -a "$out/separate.txt"
  L1INFER_JAVA_OPTS="$jvm" bin/l1infer-bench latency --target external --aeron-dir "$dir" $breakdown \
    --workload "${WORKLOAD:-toy}" --rate "${RATE:-100k}" --warmup 5s --duration 20s ${EXTRA:-} --out "$out/$kind-$r" \
    > "$out/$kind-$r.log" 2>&1 &
  local bench=$!
  if [ "${THREADS:-0}" = 1 ]; then
    sleep 12
    local client
    client=$(pgrep -n -f "io.l1infer.bench.*latency --target external" || true)
    local steal
    steal=$(steal_ticks)
    snapshot "$server" > "$out/server-before.txt"; [ -n "$client" ] && snapshot "$client" > "$out/bench-before.txt"
    sleep 10
    echo "STEAL layout=$name-$kind repeat=$r ticks=$(( $(steal_ticks) - steal )) (of 2000 on two cores)" \
      | tee -a "$out/separate.txt"
    snapshot "$server" > "$out/server-after.txt"; [ -n "$client" ] && snapshot "$client" > "$out/bench-after.txt"
    thread_delta "$out/server-before.txt" "$out/server-after.txt" "layout=$name-$kind repeat=$r process=server" \
      | tee -a "$out/separate.txt"
    [ -n "$client" ] && thread_delta "$out/bench-before.txt" "$out/bench-after.txt" \
      "layout=$name-$kind repeat=$r process=bench" | tee -a "$out/separate.txt"
  fi
  wait "$bench" || true
  kill -TERM "$server"; wait "$server" || true
  local target=external; [ "$kind" = echo ] && target=echo
  grep '^RESULT\|^STAGE name' "$out/$kind-$r.log" \
    | sed "s/target=external/target=$target/; s/ run=external-/ run=$kind-/" \
    | sed "s/^\(RESULT\|STAGE\)/\1 layout=$name repeat=$r/" | tee -a "$out/separate.txt"
}

for r in $(seq 1 "$repeats"); do
  serve "$out/daemon-$r.server.log" bin/l1infer-daemon
  measure daemon "$r"
  serve "$out/echo-$r.server.log" bin/l1infer-bench echo-server
  measure echo "$r"
done
{ awk -f bench/scripts/summarize.awk "$out/separate.txt"; awk -f bench/scripts/stages.awk "$out/separate.txt"; } \
  | tee "$out/separate-summary.txt"
