#!/usr/bin/env bash
# Who has the cores while a hot thread waits (issue 15): the one-JVM latency bench against the daemon, then the
# echo, with the kernel's sched_switch trace over 5 s (WINDOW) of each measured window:
#   bench/scripts/sched-trace.sh OUT_DIR [RATE] [REPEATS]
# Each run: latency --target embedded|echo --breakdown --workload toy (WORKLOAD from the environment) at RATE
# (default 100k), 5 s warm-up + 20 s; from START (default 12) s after the start for WINDOW (default 5) s the trace
# records every context switch
# (tracefs, needs root; mounted here if it is not), then sched-trace.awk turns it into RUN, WAIT and BLAME lines,
# with the host's steal ticks of the same window (a core the host takes away shows only there) and the run's RESULT.
# Raw lines in OUT_DIR/sched.txt; the trace text is deleted after the summary (TRACE_KEEP=1 keeps it).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
out="${1:?usage: sched-trace.sh OUT_DIR [RATE] [REPEATS]}"
rate="${2:-100k}"
repeats="${3:-1}"
tracing=/sys/kernel/tracing
mkdir -p "$out"
[ -e "$tracing/trace" ] || mount -t tracefs nodev "$tracing"
bin/l1infer-bench help >/dev/null 2>&1 # builds on first use, outside the measurement
source bench/scripts/thread-snapshot.sh
echo 0 > "$tracing/tracing_on"
echo mono > "$tracing/trace_clock"
echo 65536 > "$tracing/buffer_size_kb"
echo > "$tracing/set_event"
echo sched:sched_switch > "$tracing/set_event"
echo sched:sched_wakeup >> "$tracing/set_event"
for r in $(seq 1 "$repeats"); do
  for target in embedded echo; do
    log="$out/$target-$r.log"
    bin/l1infer-bench latency --target "$target" --breakdown --workload "${WORKLOAD:-toy}" --rate "$rate" \
      --warmup 5s --duration 20s > "$log" 2>&1 &
    launcher=$!
    sleep "${START:-12}"
    echo > "$tracing/trace"
    steal=$(steal_ticks)
    echo 1 > "$tracing/tracing_on"
    sleep "${WINDOW:-5}"
    echo 0 > "$tracing/tracing_on"
    steal=$(( $(steal_ticks) - steal ))
    cat "$tracing/trace" > "$out/trace-$target-$r.txt"
    wait "$launcher" || true
    tags="target=$target repeat=$r"
    {
      echo "RUN_START $tags rate=$rate load1=$(cut -d' ' -f1 /proc/loadavg) at=$(date -u +%H:%M:%S) steal_ticks=$steal"
      awk -v tags="$tags" -f bench/scripts/sched-trace.awk "$out/trace-$target-$r.txt" | sort -t= -k1,1
      grep '^RESULT\|^STAGE name' "$log" || echo "RESULT missing, see $log"
    } | tee -a "$out/sched.txt"
    [ "${TRACE_KEEP:-0}" = 1 ] || rm -f "$out/trace-$target-$r.txt"
  done
done
echo > "$tracing/set_event"
echo 1408 > "$tracing/buffer_size_kb"
