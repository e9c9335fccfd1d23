#!/usr/bin/env bash
# The figures behind the README's "Firmware validation" section (run nothing else meanwhile):
#   bench/scripts/firmware-validation.sh OUT_DIR [SHADOW_DURATION] [RECORD_DURATION]
# 1. shadow engine on PoCL: OpenCL primary, emulator shadow, 100 kHz for SHADOW_DURATION (default 100s = 10M events),
#    then the same without the shadow: RESULT lines (p50..max, sent, received, lost) and the SHADOW line;
# 2. recording overhead: 100 kHz for RECORD_DURATION (default 10s = 1M events) with l1infer.archive.dir, then without;
# 3. the recorded run replayed at max and at original speed, and through the other shipped model.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
out="${1:?usage: firmware-validation.sh OUT_DIR [SHADOW_DURATION] [RECORD_DURATION]}"
shadow_duration="${2:-100s}"
record_duration="${3:-10s}"
mkdir -p "$out"
rm -rf "$out/archive"
bin/l1infer-bench help >/dev/null 2>&1 # builds on first use, outside the measurements

latency() { # NAME ARGS...
  local name="$1"; shift
  bin/l1infer-bench latency --rate 100k --warmup 5s --workload thesis "$@" > "$out/$name.log" 2>&1 || true
  grep -E '^(RESULT|SHADOW)' "$out/$name.log" | sed "s/^/$name /" | tee -a "$out/summary.txt"
}
latency shadow-on --duration "$shadow_duration" --set l1infer.accelerator=opencl --set l1infer.shadow=emulator
latency shadow-off --duration "$shadow_duration" --set l1infer.accelerator=opencl
latency record-on --duration "$record_duration" --set "l1infer.archive.dir=$out/archive"
latency record-off --duration "$record_duration"
for speed in max original; do
  bin/l1infer-bench replay --archive-dir "$out/archive" --speed "$speed" > "$out/replay-$speed.log" 2>&1 || true
  grep '^REPLAY' "$out/replay-$speed.log" | sed "s/^/replay-$speed /" | tee -a "$out/summary.txt"
done
bin/l1infer-bench replay --archive-dir "$out/archive" --model models/muon-pt-talk --out "$out/differing.txt" \
  > "$out/replay-other-model.log" 2>&1 || true
grep '^REPLAY' "$out/replay-other-model.log" | sed "s/^/replay-other-model /" | tee -a "$out/summary.txt"
