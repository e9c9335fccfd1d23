#!/usr/bin/env bash
# JVM safepoints during the one-JVM latency bench, the daemon against the echo (issue 15: do stop-the-world pauses
# of the shared JVM explain the bench thread's extra stalls while the daemon runs?):
#   bench/scripts/safepoints.sh OUT_DIR [REPEATS]
# Each run: latency --target embedded|echo --workload toy (WORKLOAD, RATE from the environment) at 100k, 5 s
# warm-up + 20 s, with -Xlog:safepoint; counts the safepoints of the measured 20 s (uptime past the warm-up and
# start), their total time, time to reach them, and how many took 1 ms or more, then the RESULT line.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
out="${1:?usage: safepoints.sh OUT_DIR [REPEATS]}"
repeats="${2:-1}"
mkdir -p "$out"
bin/l1infer-bench help >/dev/null 2>&1 # builds on first use
for r in $(seq 1 "$repeats"); do
  for target in embedded echo; do
    log="$out/$target-$r.log"
    sp="$out/$target-$r.safepoints"
    L1INFER_JAVA_OPTS="-Xlog:safepoint:file=$sp:uptime" bin/l1infer-bench latency --target "$target" \
      --workload "${WORKLOAD:-toy}" --rate "${RATE:-100k}" --warmup 5s --duration 20s > "$log" 2>&1 || true
    # The measurement starts after start-up (a few s) plus the 5 s warm-up: the last 20 s before the run's end.
    awk -v t="$target" -v r="$r" '
      /Safepoint "/ { gsub(/[\[\]s]/, "", $1); up[n] = $1 + 0; line[n++] = $0 }
      END {
        last = up[n - 1]
        for (i = 0; i < n; i++) if (up[i] >= last - 20) {
          s = line[i]; match(s, /Safepoint "[^"]*"/); op = substr(s, RSTART + 11, RLENGTH - 12)
          match(s, /Reaching safepoint: [0-9]+/); reach = substr(s, RSTART + 20, RLENGTH - 20) / 1e6
          match(s, /Total: [0-9]+/); tot = substr(s, RSTART + 7, RLENGTH - 7) / 1e6
          count++; sum += tot; sreach += reach; if (tot >= 1) long++; if (tot > max) max = tot; ops[op]++
        }
        kinds = ""; for (o in ops) kinds = kinds o ":" ops[o] " "
        printf "SAFEPOINTS target=%s repeat=%s count=%d total_ms=%.2f reaching_ms=%.2f over_1ms=%d max_ms=%.2f " \
          "ops=%s\n", t, r, count, sum, sreach, long, max, kinds
      }' "$sp" | tee -a "$out/safepoints.txt"
    grep '^RESULT' "$log" | tee -a "$out/safepoints.txt" || echo "RESULT missing, see $log"
  done
done
