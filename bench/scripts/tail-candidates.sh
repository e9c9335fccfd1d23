#!/usr/bin/env bash
# The latency-tail candidates of issue 15, each against the echo in the same invocation, with the stage breakdown:
#   bench/scripts/tail-candidates.sh OUT_DIR [REPEATS] [CANDIDATE...]
# Each invocation: latency --baseline --breakdown --workload toy --rate 100k --warmup 5s --duration 20s (WORKLOAD,
# RATE and EXTRA, e.g. EXTRA=--hiccups or EXTRA="--rounds 4" (ROUND lines, rounds.awk), from the environment change
# them; BREAKDOWN=0 leaves --breakdown out, as the issue's own command does), plus the candidate's JVM options and
# settings (the echo runs with the same ones). Repeat-major order, so a change of the
# machine's load spreads over all candidates. Before each invocation the 1-minute load average is recorded.
# Raw lines go to OUT_DIR/tail.txt (LOAD, RESULT, STAGE, tagged layout=NAME repeat=N), medians to
# OUT_DIR/summary.txt (summarize.awk, stages.awk).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
out="${1:?usage: tail-candidates.sh OUT_DIR [REPEATS] [CANDIDATE...]}"
repeats="${2:-3}"
workload="${WORKLOAD:-toy}"
rate="${RATE:-100k}"
shift 2 || shift $#
# name|JVM options|settings (key=value ...)
all=(
  "default||"
  "safepoint-interval-1s|-XX:GuaranteedSafepointInterval=1000|"
  "no-safepoint-interval|-XX:+UnlockDiagnosticVMOptions -XX:GuaranteedSafepointInterval=0|"
  "pretouch|-XX:+AlwaysPreTouch|"
  "pretouch-1-compiler|-XX:+AlwaysPreTouch -XX:CICompilerCount=2 -XX:-TieredCompilation|"
  "fragment-limit-1||l1infer.ingest.fragment.limit=1"
  "fragment-limit-256||l1infer.ingest.fragment.limit=256"
  "max-batch-1||l1infer.accelerator.max.batch=1"
  "backoff||l1infer.ingest.idle=backoff"
  "no-async-executor|-Daeron.driver.async.executor.enabled=false|"
)
selected=()
if [ $# -gt 0 ]; then
  for want in "$@"; do for entry in "${all[@]}"; do [ "${entry%%|*}" = "$want" ] && selected+=("$entry"); done; done
else
  selected=("${all[@]}")
fi
breakdown=--breakdown
[ "${BREAKDOWN:-1}" = 0 ] && breakdown=
mkdir -p "$out"
bin/l1infer-bench help >/dev/null 2>&1 # builds on first use
for r in $(seq 1 "$repeats"); do
  for entry in "${selected[@]}"; do
    name="${entry%%|*}"; rest="${entry#*|}"; jvm="${rest%%|*}"; kvs="${rest#*|}"
    sets=()
    for kv in $kvs; do sets+=(--set "$kv"); done
    echo "LOAD layout=$name repeat=$r load1=$(cut -d' ' -f1 /proc/loadavg) at=$(date +%H:%M:%S)" \
      | tee -a "$out/tail.txt"
    L1INFER_JAVA_OPTS="$jvm" bin/l1infer-bench latency --baseline $breakdown --workload "$workload" --rate "$rate" \
      --warmup 5s --duration 20s ${EXTRA:-} "${sets[@]}" --out "$out/$name-$r" > "$out/$name-$r.log" 2>&1 || true
    grep '^RESULT\|^ROUND\|^STAGE name\|^platform hiccups' "$out/$name-$r.log" \
      | sed "s/^\(RESULT\|ROUND\|STAGE\|platform\)/\1 layout=$name repeat=$r/" \
      | tee -a "$out/tail.txt"
  done
done
{ awk -f bench/scripts/summarize.awk "$out/tail.txt"; awk -f bench/scripts/rounds.awk "$out/tail.txt"
  awk -f bench/scripts/stages.awk "$out/tail.txt"; } \
  | tee "$out/summary.txt"
