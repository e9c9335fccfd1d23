#!/usr/bin/env bash
# The measurements behind the README's Performance section, one after another (run nothing else meanwhile):
#   bench/scripts/performance.sh OUT_DIR [REPEATS] [LONG_DURATION]
# 1. latency at 100 kHz and 1 MHz, thesis workload, daemon then echo with the same settings, REPEATS times each;
# 2. the toy workload at 100 kHz, REPEATS times;
# 3. throughput: the highest rate sustained with no loss and p99 under 50 ms (this VM's echo p99 alone is 4-9 ms);
# 4. a long run (LONG_DURATION, default 10m) at 100 kHz, daemon then echo, with the hiccup meter and GC and
#    safepoint logs.
# Raw RESULT lines go to OUT_DIR/*.txt, medians (summarize.awk) to OUT_DIR/summary.txt.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
out="${1:?usage: performance.sh OUT_DIR [REPEATS] [LONG_DURATION]}"
repeats="${2:-5}"
long="${3:-10m}"
mkdir -p "$out"
bin/l1infer-bench help >/dev/null 2>&1 # builds on first use, outside the measurements

run_latency() { # NAME ARGS...
  local name="$1"; shift
  for r in $(seq 1 "$repeats"); do
    bin/l1infer-bench latency --baseline --warmup 5s --duration 10s "$@" --out "$out/$name-$r" \
      > "$out/$name-$r.log" 2>&1 || true
    grep '^RESULT' "$out/$name-$r.log" | sed "s/^RESULT/RESULT layout=$name repeat=$r/" | tee -a "$out/latency.txt"
  done
}
run_latency thesis-100k --rate 100k --workload thesis
run_latency thesis-1M --rate 1M --workload thesis
run_latency toy-100k --rate 100k --workload toy

bin/l1infer-bench throughput --p99-bound-us 50000 --out "$out/throughput" > "$out/throughput.log" 2>&1 || true
grep '^THROUGHPUT' "$out/throughput.log" | tee "$out/throughput.txt"

L1INFER_JAVA_OPTS="-Xlog:gc*,safepoint:file=$out/long-gc.log:uptime,level,tags" \
  bin/l1infer-bench latency --baseline --hiccups --rate 100k --warmup 10s --duration "$long" --out "$out/long" \
  > "$out/long.log" 2>&1 || true
grep "^RESULT\|^platform hiccups" "$out/long.log" | sed "s/^RESULT/RESULT layout=long-100k repeat=1/" | tee "$out/long.txt"

awk -f bench/scripts/summarize.awk "$out/latency.txt" "$out/long.txt" | tee "$out/summary.txt"
