# Medians over repeated bench runs: reads RESULT lines (as printed by `l1infer-bench latency`, optionally prefixed
# with `layout=NAME repeat=N`), groups them by layout, rate and target, and prints the median of each percentile,
# the total lost, and the median over repeats of the daemon/echo ratio (each daemon run against the echo run of the
# same invocation, i.e. the same layout and repeat).
#   awk -f bench/scripts/summarize.awk results.txt
function median(list,    n, a, i, j, t) {
  n = split(list, a, " ")
  for (i = 2; i <= n; i++) { t = a[i] + 0; for (j = i - 1; j >= 1 && a[j] + 0 > t; j--) a[j + 1] = a[j]; a[j + 1] = t }
  if (n == 0) return "-"
  return (n % 2) ? a[(n + 1) / 2] : (a[n / 2] + a[n / 2 + 1]) / 2
}
/^RESULT/ {
  delete kv
  for (i = 2; i <= NF; i++) { split($i, p, "="); kv[p[1]] = p[2] }
  layout = ("layout" in kv) ? kv["layout"] : "-"
  rep = ("repeat" in kv) ? kv["repeat"] : NR
  key = layout SUBSEP kv["rate"] SUBSEP kv["target"]
  if (!(key in seen)) { seen[key] = 1; order[++nkeys] = key }
  runs[key]++
  lost[key] += kv["lost"] + kv["rejected"]
  for (q in cols) ;
  split("p50_us p90_us p99_us p999_us p9999_us max_us", names, " ")
  for (c = 1; c <= 6; c++) { v[key, c] = v[key, c] " " kv[names[c]]; val[layout, kv["rate"], rep, kv["target"], c] = kv[names[c]] }
  reps[layout SUBSEP kv["rate"]] = reps[layout SUBSEP kv["rate"]] " " rep
}
END {
  printf "%-28s %8s %-9s %4s %6s %9s %9s %9s %9s %9s %9s %13s %13s %13s\n", "layout", "rate", "target", "runs",
    "lost", "p50", "p90", "p99", "p99.9", "p99.99", "max", "p50-echo", "p99/echo", "p99.9/echo"
  for (k = 1; k <= nkeys; k++) {
    key = order[k]; split(key, f, SUBSEP)
    d50 = ""; r99 = ""; r999 = ""
    if (f[3] != "echo") {
      split(reps[f[1] SUBSEP f[2]], rl, " ")
      for (r in rl) {
        e50 = val[f[1], f[2], rl[r], "echo", 1]; e99 = val[f[1], f[2], rl[r], "echo", 3]
        m50 = val[f[1], f[2], rl[r], f[3], 1]; m99 = val[f[1], f[2], rl[r], f[3], 3]
        e999 = val[f[1], f[2], rl[r], "echo", 4]; m999 = val[f[1], f[2], rl[r], f[3], 4]
        if (e50 != "" && m50 != "" && !((rl[r], key) in used)) {
          used[rl[r], key] = 1
          d50 = d50 " " (m50 - e50); if (e99 > 0) r99 = r99 " " (m99 / e99)
          if (e999 > 0) r999 = r999 " " (m999 / e999)
        }
      }
    }
    printf "%-28s %8s %-9s %4d %6d %9.1f %9.1f %9.1f %9.1f %9.1f %9.1f %13s %13s %13s\n", f[1], f[2], f[3], runs[key],
      lost[key], median(v[key, 1]), median(v[key, 2]), median(v[key, 3]), median(v[key, 4]), median(v[key, 5]),
      median(v[key, 6]), (d50 == "" ? "-" : sprintf("%+.1f", median(d50))), (r99 == "" ? "-" : sprintf("%.2f", median(r99))),
      (r999 == "" ? "-" : sprintf("%.2f", median(r999)))
  }
}
