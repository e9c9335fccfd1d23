#!/usr/bin/env bash
# What the shadow engine costs the serving threads, per thread (the figures in the README's "Firmware validation"):
#   bench/scripts/shadow-thread-cpu.sh OUT_DIR
# A 20 s shadow run (OpenCL primary, emulator shadow, 100 kHz, 5 s warm-up); from 14 s to 24 s after the start the
# CPU time (1/100 s ticks) and the voluntary and involuntary context switches of every busy thread and of the shadow
# thread, from /proc/PID/task/*/stat and status, with the 1-minute load average.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
out="${1:?usage: shadow-thread-cpu.sh OUT_DIR}"
mkdir -p "$out"
bin/l1infer-bench help >/dev/null 2>&1 # builds on first use, outside the measurement
bin/l1infer-bench latency --rate 100k --warmup 5s --workload thesis --duration 20s \
  --set l1infer.accelerator=opencl --set l1infer.shadow=emulator > "$out/shadow-run.log" 2>&1 &
pid=$!
snapshot() { # one line per thread: tid|name|ticks voluntary involuntary
  for task in /proc/"$pid"/task/*; do
    local name stat fields
    name=$(cat "$task/comm" 2>/dev/null) || continue
    stat=$(cat "$task/stat" 2>/dev/null) || continue
    read -r -a fields <<< "${stat##*) }"
    echo "${task##*/}|$name|$(( fields[11] + fields[12] )) $(awk '/^voluntary_ctxt/ {v=$2} /^nonvoluntary_ctxt/ \
      {n=$2} END {print v, n}' "$task/status")"
  done | sort
}
sleep 14
snapshot > "$out/threads-before.txt"
load=$(cut -d' ' -f1 /proc/loadavg)
sleep 10
snapshot > "$out/threads-after.txt"
wait "$pid" || true
{
  echo "shadow-thread-cpu $(date -u +%FT%TZ) commit $(git rev-parse --short HEAD 2>/dev/null || echo -) load1=$load"
  join -t'|' "$out/threads-before.txt" "$out/threads-after.txt" | awk -F'|' '{
    split($3, a, " "); split($5, b, " "); cpu = b[1] - a[1]
    if (cpu > 20 || $2 ~ /shadow/) printf "THREAD name=%s cpu_ticks=%d voluntary=%d involuntary=%d\n", $2, cpu,
      b[2] - a[2], b[3] - a[3]
  }'
  grep -E '^(RESULT|SHADOW|shadow thread)' "$out/shadow-run.log"
} | tee "$out/summary.txt"
