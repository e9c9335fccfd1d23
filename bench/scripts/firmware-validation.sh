#!/usr/bin/env bash
# The figures behind the README's "Firmware validation" section (run nothing else meanwhile):
#   bench/scripts/firmware-validation.sh OUT_DIR [SHADOW_DURATION] [RECORD_DURATION]
# 1. shadow engine on PoCL: OpenCL primary, emulator shadow, 100 kHz for SHADOW_DURATION (default 100s = 10M events),
#    then the same without the shadow: RESULT lines (p50..max, sent, received, lost) and the SHADOW line;
# 2. recording overhead: 100 kHz for RECORD_DURATION (default 5s: with the 5 s warm-up 1,000,000 events recorded)
#    with l1infer.archive.dir, then without;
# 3. the recorded run replayed at max and at original speed, and through the other shipped model.
# Everything needed is in OUT_DIR/summary.txt: each line with the 1-minute load average when it finished, and at the
# end the with/without ratios of p50, p99, p99.9 and max for the shadow and for the recording.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
out="${1:?usage: firmware-validation.sh OUT_DIR [SHADOW_DURATION] [RECORD_DURATION]}"
shadow_duration="${2:-100s}"
record_duration="${3:-5s}"
mkdir -p "$out"
rm -rf "$out/archive" "$out/summary.txt"
bin/l1infer-bench help >/dev/null 2>&1 # builds on first use, outside the measurements

load() {
  cut -d' ' -f1 /proc/loadavg
}
note() { # LINE: to the summary with the load average
  echo "$1 load1=$(load)" | tee -a "$out/summary.txt"
}
note "firmware-validation $(date -u +%FT%TZ) commit $(git rev-parse --short HEAD 2>/dev/null || echo -) cores $(nproc)"
latency() { # NAME ARGS...
  local name="$1"; shift
  bin/l1infer-bench latency --rate 100k --warmup 5s --workload thesis "$@" > "$out/$name.log" 2>&1 || true
  grep -E '^(RESULT|SHADOW|shadow thread)' "$out/$name.log" | while read -r line; do note "$name $line"; done
}
latency shadow-on --duration "$shadow_duration" --set l1infer.accelerator=opencl --set l1infer.shadow=emulator
latency shadow-off --duration "$shadow_duration" --set l1infer.accelerator=opencl
latency record-on --duration "$record_duration" --set "l1infer.archive.dir=$out/archive"
latency record-off --duration "$record_duration"
for speed in max original; do
  bin/l1infer-bench replay --archive-dir "$out/archive" --speed "$speed" > "$out/replay-$speed.log" 2>&1 || true
  grep '^REPLAY' "$out/replay-$speed.log" | while read -r line; do note "replay-$speed $line"; done
done
bin/l1infer-bench replay --archive-dir "$out/archive" --model models/muon-pt-talk --out "$out/differing.txt" \
  > "$out/replay-other-model.log" 2>&1 || true
grep '^REPLAY' "$out/replay-other-model.log" | while read -r line; do note "replay-other-model $line"; done

# with/without ratios from the RESULT lines
awk '
  / RESULT / {
    name = $1
    for (i = 1; i <= NF; i++) { split($i, kv, "="); v[name, kv[1]] = kv[2] }
  }
  END {
    split("shadow record", pair, " ")
    for (p = 1; p <= 2; p++) {
      on = pair[p] "-on"; off = pair[p] "-off"
      if (v[on, "p99_us"] == "" || v[off, "p99_us"] == "") continue
      line = "RATIO " pair[p] " on/off"
      n = split("p50_us p99_us p999_us max_us", keys, " ")
      for (k = 1; k <= n; k++) {
        line = line sprintf(" %s=%.2f", keys[k], v[on, keys[k]] / v[off, keys[k]])
      }
      print line
    }
  }' "$out/summary.txt" | while read -r line; do note "$line"; done
