package io.l1infer.daemon;

import com.sun.jna.LastErrorException;
import com.sun.jna.Library;
import com.sun.jna.Native;

/**
 * Lowers the calling thread's CPU scheduling so that the shadow engine only gets the cycles the serving threads leave
 * over: Linux {@code SCHED_IDLE} (a thread may always lower its own policy), else nice 19.
 */
final class ShadowThreadPriority
{
    /** Linux's SCHED_IDLE policy number. */
    static final int SCHED_IDLE = 5;
    /** Lowest priority of the normal policy. */
    static final int NICE_LOWEST = 19;
    private static final int PRIO_PROCESS = 0;
    /** On Linux 0 is the calling thread, for both calls (their "process" is a thread). */
    private static final int CALLING_THREAD = 0;

    /** The C functions used. */
    interface C extends Library
    {
        int sched_setscheduler(int pid, int policy, int[] param) throws LastErrorException;

        int sched_getscheduler(int pid) throws LastErrorException;

        int setpriority(int which, int who, int prio) throws LastErrorException;
    }

    private ShadowThreadPriority()
    {
    }

    /**
     * Lower the calling thread's scheduling.
     *
     * @return what it runs with now, for the start line: {@code SCHED_IDLE}, {@code nice 19} or why neither.
     */
    static String lowerCallingThread()
    {
        final C c;
        try
        {
            c = Native.load("c", C.class);
        }
        catch (final UnsatisfiedLinkError | RuntimeException ex)
        {
            return "normal priority (no libc: " + ex.getMessage() + ")";
        }
        try
        {
            c.sched_setscheduler(CALLING_THREAD, SCHED_IDLE, new int[] {0});
            return "SCHED_IDLE";
        }
        catch (final LastErrorException idleRefused)
        {
            try
            {
                c.setpriority(PRIO_PROCESS, CALLING_THREAD, NICE_LOWEST);
                return "nice " + NICE_LOWEST + " (SCHED_IDLE refused: errno " + idleRefused.getErrorCode() + ")";
            }
            catch (final LastErrorException niceRefused)
            {
                return "normal priority (SCHED_IDLE and nice refused: errno " + niceRefused.getErrorCode() + ")";
            }
        }
    }

    /** The calling thread's policy number (SCHED_IDLE is 5), for tests. */
    static int callingThreadPolicy()
    {
        return Native.load("c", C.class).sched_getscheduler(CALLING_THREAD);
    }
}
