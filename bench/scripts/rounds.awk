# Per-round ratios of `latency --baseline --rounds N` (ROUND lines, prefixed with `layout=NAME repeat=N` by the
# scripts): each round of the target against the echo round right after it; per layout the median and range of
# the p99 and p99.9 ratios over all rounds and repeats, and the sender's loop gaps per target.
#   awk -f bench/scripts/rounds.awk results.txt
function median(list,    n, a, i, j, t) {
  n = split(list, a, " ")
  for (i = 2; i <= n; i++) { t = a[i] + 0; for (j = i - 1; j >= 1 && a[j] + 0 > t; j--) a[j + 1] = a[j]; a[j + 1] = t }
  if (n == 0) return "-"
  return (n % 2) ? a[(n + 1) / 2] : (a[n / 2] + a[n / 2 + 1]) / 2
}
function lo(list,    n, a, i, m) { n = split(list, a, " "); m = a[1] + 0; for (i = 2; i <= n; i++) if (a[i] + 0 < m) m = a[i] + 0; return m }
function hi(list,    n, a, i, m) { n = split(list, a, " "); m = a[1] + 0; for (i = 2; i <= n; i++) if (a[i] + 0 > m) m = a[i] + 0; return m }
/^ROUND/ {
  delete kv
  for (i = 2; i <= NF; i++) { split($i, p, "="); kv[p[1]] = p[2] }
  layout = ("layout" in kv) ? kv["layout"] : "-"
  if (!(layout in seen)) { seen[layout] = 1; order[++n] = layout }
  k = layout SUBSEP kv["repeat"] SUBSEP kv["round"]
  if (kv["target"] == "echo") { e99[k] = kv["p99_us"]; e999[k] = kv["p999_us"] }
  else { d99[k] = kv["p99_us"]; d999[k] = kv["p999_us"]; keys[layout] = keys[layout] " " k }
  gaps[layout, kv["target"] == "echo" ? "echo" : "target"] += kv["sender_gaps"]
  gapms[layout, kv["target"] == "echo" ? "echo" : "target"] += kv["sender_gap_ms"]
}
END {
  printf "%-24s %7s %22s %22s %22s\n", "layout", "rounds", "p99/echo med [min..max]", "p99.9/echo med [min..max]",
    "sender gaps target/echo"
  for (l = 1; l <= n; l++) {
    r99 = ""; r999 = ""; c = 0
    split(keys[order[l]], ks, " ")
    for (i in ks) { k = ks[i]; if (e99[k] > 0 && e999[k] > 0) { r99 = r99 " " d99[k] / e99[k]; r999 = r999 " " d999[k] / e999[k]; c++ } }
    printf "%-24s %7d %8.2f [%.2f..%.2f] %8.2f [%.2f..%.2f] %9d/%d (%.0f/%.0f ms)\n", order[l], c, median(r99), lo(r99),
      hi(r99), median(r999), lo(r999), hi(r999), gaps[order[l], "target"], gaps[order[l], "echo"],
      gapms[order[l], "target"], gapms[order[l], "echo"]
  }
}
