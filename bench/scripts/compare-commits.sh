#!/usr/bin/env bash
# Same-run comparison of this checkout with another one (an older commit cloned elsewhere), alternating
# old, new, old, new so a change of the machine's load spreads over both (run nothing else meanwhile):
#   bench/scripts/compare-commits.sh OLD_CHECKOUT OUT_DIR [REPEATS]
# 1. JMH EngineBenchmark on the thesis model at batch 1 and 256 (engine and ONNX Runtime in the same fork);
# 2. latency --baseline --workload toy at 100 kHz, 5 s warm-up + 20 s (daemon and echo in the same invocation).
# Each checkout is built first by its own bin/l1infer-bench. Lines go to OUT_DIR/summary.txt with the load average.
set -euo pipefail
new="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
old="$(cd "${1:?usage: compare-commits.sh OLD_CHECKOUT OUT_DIR [REPEATS]}" && pwd)"
out="${2:?usage: compare-commits.sh OLD_CHECKOUT OUT_DIR [REPEATS]}"
repeats="${3:-2}"
mkdir -p "$out"
for d in "$old" "$new"; do (cd "$d" && bin/l1infer-bench help > /dev/null 2>&1); done
note() { echo "$1 load1=$(cut -d' ' -f1 /proc/loadavg)" | tee -a "$out/summary.txt"; }
for r in $(seq 1 "$repeats"); do
  for side in old new; do
    d="$old"; [ "$side" = new ] && d="$new"
    (cd "$d" && java --add-exports java.base/jdk.internal.misc=ALL-UNNAMED --add-modules jdk.incubator.vector \
      -cp "bench/target/classes:bench/target/lib/*" org.openjdk.jmh.Main EngineBenchmark -p model=thesis \
      -p batch=1,256 -f 1 -wi 3 -w 1 -i 5 -r 1 -rf json -rff "$out/jmh-$side-$r.json" > "$out/jmh-$side-$r.log" 2>&1 &&
      java -cp "bench/target/classes:bench/target/lib/*" io.l1infer.bench.jmh.EngineBenchmarkReport \
      "$out/jmh-$side-$r.json" > "$out/jmh-$side-$r.txt" 2>&1) || true
    grep '^| thesis' "$out/jmh-$side-$r.txt" | while read -r line; do note "JMH $side $r $line"; done
  done
done
for r in $(seq 1 "$repeats"); do
  for side in old new; do
    d="$old"; [ "$side" = new ] && d="$new"
    (cd "$d" && bin/l1infer-bench latency --baseline --workload toy --rate 100k --warmup 5s --duration 20s \
      > "$out/latency-$side-$r.log" 2>&1) || true
    grep '^RESULT' "$out/latency-$side-$r.log" | while read -r line; do note "LATENCY $side $r $line"; done
  done
done
