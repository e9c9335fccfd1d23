package io.l1infer.bench.latency;

import io.l1infer.client.ClientOptions;
import io.l1infer.client.L1inferClient;
import org.agrona.CloseHelper;

import java.io.PrintStream;

/**
 * One target with one connected client: any number of open-loop runs one after the other (event ids keep
 * counting up), then the target's own report. Closing stops what the bench started.
 */
public final class BenchSession implements AutoCloseable
{
    private final BenchTarget target;
    /** Also the one holder of the session's client, which closing reaches through it. */
    private final OpenLoopRun runner;

    private BenchSession(final BenchTarget target, final OpenLoopRun runner)
    {
        this.target = target;
        this.runner = runner;
    }

    /**
     * Connect a client to the target and wait for both directions to connect.
     *
     * @param target           started target; closed with this session (also when connecting fails).
     * @param options          client options (timeout, in-flight limit).
     * @param live             where live lines go, or null.
     * @param connectTimeoutNs longest wait for the connection.
     * @return the session.
     * @throws IllegalStateException naming the endpoint when it does not connect in time.
     */
    public static BenchSession open(final BenchTarget target, final ClientOptions options, final PrintStream live,
        final long connectTimeoutNs)
    {
        return open(target, options, live, connectTimeoutNs, null);
    }

    /**
     * As {@link #open(BenchTarget, ClientOptions, PrintStream, long)}, splitting every measured answer into stages.
     *
     * @param breakdown the stage breakdown to feed, or null for none.
     */
    public static BenchSession open(final BenchTarget target, final ClientOptions options, final PrintStream live,
        final long connectTimeoutNs, final StageBreakdown breakdown)
    {
        final LatencyRecorder recorder = new LatencyRecorder(breakdown);
        L1inferClient client = null;
        try
        {
            client = L1inferClient.connect(target.endpoint(), options, recorder);
            if (!client.awaitConnected(connectTimeoutNs))
            {
                throw new IllegalStateException("no daemon answered within " + connectTimeoutNs / 1_000_000L +
                    " ms at " + target.endpoint() + " (is it running, with these channels and streams?)");
            }
            return new BenchSession(target, new OpenLoopRun(client, recorder, target.name(), live));
        }
        catch (final RuntimeException ex)
        {
            CloseHelper.quietCloseAll(client, target);
            throw ex;
        }
    }

    /** The target. */
    public BenchTarget target()
    {
        return target;
    }

    /** The client, for its counters. */
    public L1inferClient client()
    {
        return runner.client();
    }

    /**
     * One open-loop run.
     *
     * @param workload what to send.
     * @param spec     rate and durations.
     * @return the measured outcome.
     */
    public RunResult run(final Workload workload, final OpenLoopRun.Spec spec)
    {
        return runner.run(workload, spec);
    }

    /**
     * Close the client, then ask the target for its report (an embedded daemon drains and stops first) and stop it.
     *
     * @return the target's report, possibly empty.
     */
    public String closeWithReport()
    {
        runner.client().close();
        try
        {
            return target.report();
        }
        finally
        {
            target.close();
        }
    }

    @Override
    public void close()
    {
        // Both close at most once, so closing after closeWithReport is harmless.
        CloseHelper.closeAll(runner.client(), target);
    }
}
