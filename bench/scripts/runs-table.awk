# One Markdown row per invocation from the scripts' tagged lines (LOAD, RESULT): layout, repeat, the 1-minute load
# before it, daemon and echo p50/p90/p99/p99.9/max (us) and sent/received/lost of each.
#   awk -f bench/scripts/runs-table.awk OUT_DIR/tail.txt
function kvs(    i, p) { delete kv; for (i = 2; i <= NF; i++) { split($i, p, "="); kv[p[1]] = p[2] } }
/^LOAD/ { kvs(); sub(/-(daemon|echo)$/, "", kv["layout"]); k = kv["layout"] SUBSEP kv["repeat"]
  if (!(k in load)) { load[k] = kv["load1"]; order[++n] = k } else load[k] = load[k] "/" kv["load1"] }
/^RESULT/ { kvs(); k = kv["layout"] SUBSEP kv["repeat"]; t = (kv["target"] == "echo") ? "echo" : "daemon"
  row[k, t] = sprintf("%s / %s / %s / %s / %s | %s/%s/%s", kv["p50_us"], kv["p90_us"], kv["p99_us"], kv["p999_us"],
    kv["max_us"], kv["sent"], kv["received"], kv["lost"]) }
END {
  printf "| layout | repeat | load1 | daemon p50 / p90 / p99 / p99.9 / max us | daemon sent/received/lost "
  print "| echo p50 / p90 / p99 / p99.9 / max us | echo sent/received/lost |"
  print "|---|---:|---:|---|---|---|---|"
  for (i = 1; i <= n; i++) { split(order[i], f, SUBSEP)
    d = row[order[i], "daemon"]; e = row[order[i], "echo"]; gsub(/ \| /, " | ", d)
    printf "| %s | %s | %s | %s | %s |\n", f[1], f[2], load[order[i]], d, e }
}
