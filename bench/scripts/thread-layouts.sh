#!/usr/bin/env bash
# Compare thread layouts and idle strategies: for each, the daemon and the plain Aeron echo with the same settings,
# at the same rate, in one bench run each. Prints one RESULT line per run, tagged with the layout.
#   bench/scripts/thread-layouts.sh [RATE] [REPEATS]
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
rate="${1:-100k}"
repeats="${2:-3}"
layouts=(
  "shared-separate-backoff|l1infer.driver.threading=shared l1infer.agent.layout=separate l1infer.ingest.idle=backoff l1infer.owner.idle=backoff"
  "shared-separate-yield|l1infer.driver.threading=shared l1infer.agent.layout=separate l1infer.ingest.idle=yield l1infer.owner.idle=yield"
  "invoker-separate-yield|l1infer.driver.threading=invoker l1infer.agent.layout=separate l1infer.ingest.idle=yield l1infer.owner.idle=yield"
  "invoker-combined-yield|l1infer.driver.threading=invoker l1infer.agent.layout=combined l1infer.ingest.idle=yield"
  "invoker-combined-backoff|l1infer.driver.threading=invoker l1infer.agent.layout=combined l1infer.ingest.idle=backoff"
  "shared-combined-yield|l1infer.driver.threading=shared l1infer.agent.layout=combined l1infer.ingest.idle=yield"
)
for r in $(seq 1 "$repeats"); do
  for entry in "${layouts[@]}"; do
    name="${entry%%|*}"
    sets=()
    for kv in ${entry#*|}; do sets+=(--set "$kv"); done
    bin/l1infer-bench latency --rate "$rate" --warmup 8s --duration 10s --baseline "${sets[@]}" 2>/dev/null \
      | grep '^RESULT' | sed "s/^RESULT/RESULT layout=$name repeat=$r/"
  done
done
