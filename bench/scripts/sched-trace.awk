# Reads the text of the kernel's sched_switch trace (sched-trace.sh) and says, per thread, how long it waited
# runnable after being preempted and which threads ran on the cores meanwhile (issue 15: who takes the bench's core?).
#   awk -v tags="target=embedded repeat=1" -f bench/scripts/sched-trace.awk trace.txt
# Output: one RUN line per thread that ran (run_ms); one WAIT line per thread that was preempted (count, total,
# longest, how many waits of 0.1 ms and 1 ms or more); BLAME lines: for the RANKED (default 3) threads with the
# most waiting, the time each other thread ran on either core while it waited, in all its waits and in those of
# 0.1 ms or more (idle = a core stood idle: the wait was the scheduler's, not another thread's); one LONGWAIT line
# per wait of 2 ms or more with who ran in it; one BLOCKED line per time of 2 ms or more that a hot thread (one that
# ran a quarter of the span or more) spent blocked (state S or D: a safepoint, a lock, a page fault), split at its
# wake-up (sched_wakeup events) into the time until it was woken and from then until it ran, and whether the core it
# was woken on stood idle (then only the host can have kept it from running: an idle virtual core that halted is
# run again when the host schedules it). Time a virtual core is taken by the host shows in none of the rest.
function stamp(    i) {
    for (i = 1; i <= NF; i++) { if ($i ~ /^[0-9]+\.[0-9]+:$/) { return substr($i, 1, length($i) - 1) + 0 } }
    return 0
}
function segment(cpu, pid, comm, from, to,    w, start) {
    if (pid == "" || to <= from) { return }
    run[pid] += to - from
    name[pid] = comm
    for (w in waiting) {
        start = waiting[w] > from ? waiting[w] : from
        if (to > start) {
            if (!((w, pid) in current)) { currentPids[w] = currentPids[w] " " pid }
            current[w, pid] += to - start
        }
    }
}
/ sched_wakeup: / {
    t = stamp()
    woken = $0; sub(/^.* pid=/, "", woken); sub(/ .*$/, "", woken)
    target = $0; sub(/^.*target_cpu=/, "", target); target += 0
    if ((woken in asleep) && !(woken in wokenAt)) {
        wokenAt[woken] = t
        # Unknown (no switch seen on that core yet) counts as busy, not idle.
        wokenOnIdle[woken] = (target in current_cpu) && current_cpu[target] == 0
    }
    next
}
/ sched_switch: / {
    t = stamp()
    match($0, /\[[0-9]+\] /)
    cpu = substr($0, RSTART + 1, RLENGTH - 3) + 0
    # comm may hold spaces: take the fields between the keys
    line = $0
    sub(/^.* sched_switch: /, "", line)
    prevComm = line; sub(/ prev_pid=.*$/, "", prevComm); sub(/^prev_comm=/, "", prevComm)
    prevPid = line; sub(/^.* prev_pid=/, "", prevPid); sub(/ .*$/, "", prevPid)
    prevState = line; sub(/^.* prev_state=/, "", prevState); sub(/ .*$/, "", prevState)
    nextComm = line; sub(/^.*==> next_comm=/, "", nextComm); sub(/ next_pid=.*$/, "", nextComm)
    nextPid = line; sub(/^.* next_pid=/, "", nextPid); sub(/ .*$/, "", nextPid)
    if (first == 0) { first = t }
    last = t
    if (cpu in since) { segment(cpu, prevPid, prevComm, since[cpu], t) }
    if (prevState ~ /^R/ && prevPid != 0) { waiting[prevPid] = t; name[prevPid] = prevComm }
    else if (prevPid != 0) { asleep[prevPid] = t; sleepState[prevPid] = prevState }
    if (nextPid in asleep) {
        if (t - asleep[nextPid] >= 0.002) {
            woke = (nextPid in wokenAt) ? wokenAt[nextPid] : t
            # A wake-up can come while the thread is still on its way out (before its switch): then at once.
            if (woke < asleep[nextPid]) { woke = asleep[nextPid] }
            sleeps[++sleepCount] = nextPid SUBSEP asleep[nextPid] SUBSEP (t - asleep[nextPid]) SUBSEP \
                sleepState[nextPid] SUBSEP (woke - asleep[nextPid]) SUBSEP (t - woke) SUBSEP \
                ((nextPid in wokenOnIdle) ? wokenOnIdle[nextPid] : 0)
        }
        delete asleep[nextPid]
    }
    delete wokenAt[nextPid]
    delete wokenOnIdle[nextPid]
    current_cpu[cpu] = nextPid
    if (nextPid in waiting) {
        d = t - waiting[nextPid]
        waits[nextPid]++; waitTotal[nextPid] += d
        if (d > waitMax[nextPid]) { waitMax[nextPid] = d }
        if (d >= 0.0001) { wait100us[nextPid]++ }
        if (d >= 0.001) { wait1ms[nextPid]++ }
        n = split(currentPids[nextPid], pids, " ")
        if (d >= 0.002) {
            who = ""
            for (k = 1; k <= n; k++) {
                if (current[nextPid, pids[k]] >= 0.0002) {
                    who = who sprintf(" %s/%s:%.1fms", pids[k] == 0 ? "idle" : name[pids[k]], pids[k],
                        current[nextPid, pids[k]] * 1000)
                }
            }
            gsub(/ /, "_", who); sub(/^_/, "", who)
            longWaits[++longCount] = sprintf("LONGWAIT %s name=%s tid=%s at_s=%.3f wait_ms=%.2f ran=%s", tags,
                name[nextPid], nextPid, waiting[nextPid] - first, d * 1000, who == "" ? "-" : who)
        }
        for (k = 1; k <= n; k++) {
            blame[nextPid, pids[k]] += current[nextPid, pids[k]]
            if (d >= 0.0001) { blameLong[nextPid, pids[k]] += current[nextPid, pids[k]] }
            delete current[nextPid, pids[k]]
        }
        delete currentPids[nextPid]
        delete waiting[nextPid]
    }
    since[cpu] = t
    name[nextPid] = nextComm
}
END {
    span = last - first
    printf "SCHED %s span_s=%.3f\n", tags, span
    for (p in run) {
        if (p != 0) { printf "RUN %s name=%s tid=%s run_ms=%.1f\n", tags, name[p], p, run[p] * 1000 }
    }
    if (0 in run) { printf "RUN %s name=idle tid=0 run_ms=%.1f\n", tags, run[0] * 1000 }
    for (p in waits) {
        printf "WAIT %s name=%s tid=%s preempted=%d wait_ms=%.2f max_us=%.0f waits_100us=%d waits_1ms=%d\n", tags,
            name[p], p, waits[p], waitTotal[p] * 1000, waitMax[p] * 1e6, wait100us[p], wait1ms[p]
    }
    for (k = 1; k <= longCount; k++) { print longWaits[k] }
    # A spinning thread that blocks (a safepoint, a lock, a page fault) shows as a sleep; only the hot threads'.
    for (k = 1; k <= sleepCount; k++) {
        split(sleeps[k], f, SUBSEP)
        if (run[f[1]] >= span / 4) {
            printf "BLOCKED %s name=%s tid=%s at_s=%.3f off_ms=%.2f state=%s until_woken_ms=%.2f " \
                "woken_to_running_ms=%.2f woken_on_idle_core=%s\n", tags, name[f[1]], f[1], f[2] - first,
                f[3] * 1000, f[4], f[5] * 1000, f[6] * 1000, f[7] ? "yes" : "no"
        }
    }
    ranked = RANKED ? RANKED : 3
    for (k = 0; k < ranked; k++) {
        best = ""; bestTotal = -1
        for (p in waitTotal) { if (!(p in shown) && waitTotal[p] > bestTotal) { best = p; bestTotal = waitTotal[p] } }
        if (best == "") { break }
        shown[best] = 1
        for (key in blame) {
            split(key, pair, SUBSEP)
            if (pair[1] == best && blame[key] >= 0.00005) {
                printf "BLAME %s waiting=%s by=%s ran_ms=%.2f in_waits_100us_ms=%.2f\n", tags, name[best],
                    pair[2] == 0 ? "idle" : name[pair[2]] "/" pair[2], blame[key] * 1000, blameLong[key] * 1000
            }
        }
    }
}
