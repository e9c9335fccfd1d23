#!/usr/bin/env bash
# Repeats across the main sources only (every */src/main), the scan issue 16 counts: copies the trees into a
# temporary folder (the tool reads every file there, skips links) and runs `duplicates` over it.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
scan="$(mktemp -d)"
trap 'rm -rf "$scan"' EXIT
cd "$root"
for main in */src/main; do
    mkdir -p "$scan/$(dirname "$main")"
    cp -r "$main" "$scan/$main"
done
# The generated SBE codecs live under target/, so nothing generated is copied.
duplicates --repo "$scan" --most "${MOST:-200}" --seconds "${SECONDS_LIMIT:-120}" "$@" > "$scan.out"
cat "$scan.out"
# The issue's measure: the pair rows the tool does not tag as boilerplate.
echo "not boilerplate: $(grep -c '^D[0-9]' "$scan.out" | xargs -I{} expr {} - "$(grep -c '^D[0-9].* boilerplate' "$scan.out")") pairs"
rm -f "$scan.out"
