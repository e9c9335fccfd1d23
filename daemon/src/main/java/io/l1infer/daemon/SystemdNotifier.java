package io.l1infer.daemon;

import info.faljse.SDNotify.SDNotify;

/**
 * sd_notify messages to systemd (READY, STATUS, WATCHDOG, STOPPING) through SDNotify's JNA datagram socket; Java 17
 * has no Unix datagram channel of its own. Does nothing when NOTIFY_SOCKET is unset. SDNotify throws unchecked
 * exceptions after a failed connect and does not support abstract sockets, so every call is guarded and the first
 * failure disables notification with one message.
 */
final class SystemdNotifier
{
    private final boolean enabled;
    private final long watchdogIntervalNs;
    private volatile boolean failed;
    private volatile boolean ready;

    private SystemdNotifier(final boolean enabled, final long watchdogIntervalNs)
    {
        this.enabled = enabled;
        this.watchdogIntervalNs = watchdogIntervalNs;
    }

    /** A notifier for this process's environment. */
    static SystemdNotifier fromEnvironment()
    {
        final String socket = System.getenv("NOTIFY_SOCKET");
        if (socket == null || socket.isEmpty())
        {
            return new SystemdNotifier(false, 0);
        }
        if (socket.startsWith("@"))
        {
            System.err.println("l1infer: NOTIFY_SOCKET " + socket + " is an abstract socket, which SDNotify does " +
                "not support; systemd notification disabled");
            return new SystemdNotifier(false, 0);
        }
        // systemd asks for pings at least every WATCHDOG_USEC; ping twice as often, as sd_watchdog_enabled advises.
        long intervalNs = 0;
        final String usec = System.getenv("WATCHDOG_USEC");
        if (usec != null && !usec.isBlank())
        {
            try
            {
                intervalNs = Long.parseLong(usec.strip()) * 1000L / 2;
            }
            catch (final NumberFormatException ex)
            {
                System.err.println("l1infer: WATCHDOG_USEC '" + usec + "' is not a number; watchdog pings disabled");
            }
        }
        return new SystemdNotifier(true, intervalNs);
    }

    boolean isEnabled()
    {
        return enabled && !failed;
    }

    /** Interval between watchdog pings, 0 when systemd asked for none. */
    long watchdogIntervalNs()
    {
        return watchdogIntervalNs;
    }

    void ready()
    {
        send("READY=1");
        ready = true;
    }

    /** True once READY=1 was sent: watchdog pings only make sense after it. */
    boolean isReady()
    {
        return ready;
    }

    void status(final String line)
    {
        send("STATUS=" + line.replace('\n', ' '));
    }

    void watchdog()
    {
        send("WATCHDOG=1");
    }

    void stopping()
    {
        send("STOPPING=1");
    }

    private void send(final String message)
    {
        if (!isEnabled())
        {
            return;
        }
        try
        {
            SDNotify.sendRaw(message);
        }
        catch (final RuntimeException | LinkageError ex)
        {
            failed = true;
            System.err.println("l1infer: sd_notify failed (" + ex + "); systemd notification disabled");
        }
    }
}
