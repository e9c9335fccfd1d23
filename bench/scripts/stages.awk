# Medians over repeats of the STAGE lines of `latency --breakdown` (prefixed with `layout=NAME repeat=N` by the
# scripts): per layout, run and stage the median p50, p99, p99.9 and share of the time above p99.
#   awk -f bench/scripts/stages.awk results.txt
function median(list,    n, a, i, j, t) {
  n = split(list, a, " ")
  for (i = 2; i <= n; i++) { t = a[i] + 0; for (j = i - 1; j >= 1 && a[j] + 0 > t; j--) a[j + 1] = a[j]; a[j + 1] = t }
  if (n == 0) return "-"
  return (n % 2) ? a[(n + 1) / 2] : (a[n / 2] + a[n / 2 + 1]) / 2
}
/^STAGE/ && / name=/ {
  delete kv
  for (i = 2; i <= NF; i++) { split($i, p, "="); kv[p[1]] = p[2] }
  layout = ("layout" in kv) ? kv["layout"] : "-"
  key = layout SUBSEP kv["run"] SUBSEP kv["name"]
  if (!(key in seen)) { seen[key] = 1; order[++n] = key }
  p50[key] = p50[key] " " kv["p50_us"]; p99[key] = p99[key] " " kv["p99_us"]
  p999[key] = p999[key] " " kv["p999_us"]; share[key] = share[key] " " kv["share_above_p99"]
  runs[key]++
}
END {
  printf "%-24s %-14s %-16s %4s %9s %9s %9s %9s\n", "layout", "run", "stage", "runs", "p50", "p99", "p99.9",
    "share>p99"
  for (k = 1; k <= n; k++) {
    split(order[k], f, SUBSEP)
    printf "%-24s %-14s %-16s %4d %9.1f %9.1f %9.1f %9.3f\n", f[1], f[2], f[3], runs[order[k]], median(p50[order[k]]),
      median(p99[order[k]]), median(p999[order[k]]), median(share[order[k]])
  }
}
