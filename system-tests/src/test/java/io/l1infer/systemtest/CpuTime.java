package io.l1infer.systemtest;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * CPU time from /proc, to show where the cores went during a measurement: a process's user+system time, and the
 * whole machine's busy and total time, in clock ticks (USER_HZ, 100 per second on Linux).
 */
final class CpuTime
{
    /** Clock ticks per second of the /proc counters. */
    static final double TICKS_PER_SECOND = 100.0;

    private CpuTime()
    {
    }

    /** User plus system ticks of a process so far, 0 when it is gone. */
    static long processTicks(final long pid)
    {
        try
        {
            final String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
            // Fields after the parenthesised command name: state is field 3, utime 14 and stime 15.
            final String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return Long.parseLong(f[11]) + Long.parseLong(f[12]);
        }
        catch (final IOException | RuntimeException ex)
        {
            return 0;
        }
    }

    /** The machine's {busy, total} ticks so far, summed over all cores. */
    static long[] machineTicks() throws IOException
    {
        final String[] f = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
        long total = 0;
        for (int i = 1; i < f.length; i++)
        {
            total += Long.parseLong(f[i]);
        }
        final long idle = Long.parseLong(f[4]) + Long.parseLong(f[5]);
        return new long[] {total - idle, total};
    }
}
