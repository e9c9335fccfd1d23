# Per-thread CPU accounting for issue 15's scripts (sourced, not run): snapshot PID before and after a window, then
# thread_delta prints one THREAD line per thread that ran in it. From /proc/PID/task/*: user and system ticks (1/100 s;
# an idle yielding thread spends most of its time in the kernel's sched_yield, its work is user time), the time it
# waited runnable for a core of this (guest) kernel (schedstat) and its involuntary switches. Time the host takes a
# virtual core away shows in none of these. Voluntary switches count how often a thread slept and woke: a thread
# that wakes often but works little preempts the spinning threads without using a tick, so it is listed too.

snapshot() { # PID: one line per thread: tid|name|user system runqueue_wait_ns involuntary voluntary
  for task in /proc/"$1"/task/*; do
    local name stat fields
    name=$(cat "$task/comm" 2>/dev/null) || continue
    stat=$(cat "$task/stat" 2>/dev/null) || continue
    read -r -a fields <<< "${stat##*) }"
    local sched switches
    read -r -a sched < "$task/schedstat" 2>/dev/null || sched=(0 0 0)
    switches=$(awk '/^nonvoluntary_ctxt/ {n = $2} /^voluntary_ctxt/ {v = $2} END {print n + 0, v + 0}' \
      "$task/status" 2>/dev/null || echo 0 0)
    echo "${task##*/}|$name|${fields[11]} ${fields[12]} ${sched[1]} $switches"
  done | sort
}

thread_delta() { # BEFORE AFTER TAGS: THREAD TAGS name=.. per thread that ran, then a name=ALL total
  join -t'|' "$1" "$2" | awk -F'|' -v tags="$3" '
    { split($3, a, " "); split($5, b, " "); u = b[1] - a[1]; s = b[2] - a[2]; tu += u; ts += s
      if (u + s > 0 || b[5] > a[5]) printf "THREAD %s name=%s user_ticks=%d system_ticks=%d " \
        "runqueue_wait_ms=%.1f involuntary=%d voluntary=%d\n", tags, $2, u, s, (b[3] - a[3]) / 1e6, b[4] - a[4], \
        b[5] - a[5] }
    END { printf "THREAD %s name=ALL user_ticks=%d system_ticks=%d (of 2000 on two cores)\n", tags, tu, ts }'
}

steal_ticks() { # the ticks the host has taken from this guest's cores since boot (/proc/stat, all cores)
  awk '/^cpu / {print $9}' /proc/stat
}
