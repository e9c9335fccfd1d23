package io.l1infer.daemon;

/**
 * sd_notify messages to systemd (READY, STATUS, WATCHDOG, STOPPING) through {@link SdNotifySocket}. Does nothing
 * when NOTIFY_SOCKET is unset; the first failure disables notification with one message, so a broken socket never
 * stops the daemon.
 */
final class SystemdNotifier
{
    private final SdNotifySocket socket;
    private final boolean enabled;
    private final long watchdogIntervalNs;
    private volatile boolean failed;
    private volatile boolean ready;

    private SystemdNotifier(final SdNotifySocket socket, final long watchdogIntervalNs)
    {
        this.socket = socket;
        this.enabled = socket != null;
        this.watchdogIntervalNs = watchdogIntervalNs;
    }

    /** A notifier for this process's environment. */
    static SystemdNotifier fromEnvironment()
    {
        final String socket = System.getenv("NOTIFY_SOCKET");
        if (socket == null || socket.isEmpty())
        {
            return new SystemdNotifier(null, 0);
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
                ServiceLog.warning("l1infer: WATCHDOG_USEC '" + usec + "' is not a number; watchdog pings disabled");
            }
        }
        try
        {
            return new SystemdNotifier(new SdNotifySocket(socket), intervalNs);
        }
        catch (final RuntimeException | LinkageError ex)
        {
            ServiceLog.warning("l1infer: cannot open NOTIFY_SOCKET " + socket + " (" + ex + "); systemd " +
                "notification disabled");
            return new SystemdNotifier(null, 0);
        }
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
            socket.send(message);
        }
        catch (final RuntimeException | LinkageError ex)
        {
            failed = true;
            ServiceLog.warning("l1infer: sd_notify failed (" + ex + "); systemd notification disabled");
        }
    }
}
