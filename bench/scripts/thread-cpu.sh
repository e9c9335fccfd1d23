#!/usr/bin/env bash
# CPU time per thread of the one-JVM latency bench, the daemon against the echo (issue 15: does the work fit on the
# cores at a rate?):
#   bench/scripts/thread-cpu.sh OUT_DIR [RATE] [REPEATS]
# Each run: latency --target embedded|echo --workload toy (WORKLOAD from the environment) at RATE (default 1m),
# 5 s warm-up + 20 s; from 12 s to 22 s after the start the CPU ticks (1/100 s) of every thread that used any,
# from /proc/PID/task/*/stat, user and system apart (an idle yielding thread spends most of its time in the kernel's
# sched_yield, its work is user time), the time it waited runnable for a core of this (guest) kernel and its
# involuntary switches (/proc/PID/task/TID/schedstat and status), then the run's RESULT line. Time the host takes
# a virtual core away shows in none of these. Raw lines in OUT_DIR/threads.txt.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
out="${1:?usage: thread-cpu.sh OUT_DIR [RATE] [REPEATS]}"
rate="${2:-1m}"
repeats="${3:-1}"
mkdir -p "$out"
bin/l1infer-bench help >/dev/null 2>&1 # builds on first use, outside the measurement
source bench/scripts/thread-snapshot.sh
for r in $(seq 1 "$repeats"); do
  for target in embedded echo; do
    log="$out/$target-$r.log"
    bin/l1infer-bench latency --target "$target" --workload "${WORKLOAD:-toy}" --rate "$rate" --warmup 5s \
      --duration 20s > "$log" 2>&1 &
    launcher=$!
    sleep 12
    pid=$(pgrep -n -f "io.l1infer.bench.*latency --target $target" || true)
    [ -n "$pid" ] || { echo "no bench JVM found" >&2; wait "$launcher" || true; continue; }
    snapshot "$pid" > "$out/before.txt"
    load=$(cut -d' ' -f1 /proc/loadavg)
    sleep 10
    snapshot "$pid" > "$out/after.txt"
    wait "$launcher" || true
    {
      echo "RUN target=$target rate=$rate repeat=$r load1=$load at=$(date -u +%H:%M:%S)"
      thread_delta "$out/before.txt" "$out/after.txt" "target=$target repeat=$r"
      grep '^RESULT' "$log" || echo "RESULT missing, see $log"
    } | tee -a "$out/threads.txt"
  done
done
