package io.l1infer.bench.latency;

import io.l1infer.client.L1inferClient;
import io.l1infer.client.SendOutcome;
import org.HdrHistogram.Histogram;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * An open-loop publisher at a fixed rate on one thread that both sends and polls: event i is due at
 * {@code start + i * 1e9 / rate} (with a burst of N, the N events of each burst at its first's time) and carries
 * that intended time even when it goes out late (after a stall the sender catches up immediately), so the recorded
 * latency includes every stall. Warm-up events come first and are not measured. After the last send it waits for
 * answers until none has arrived for the grace period.
 */
public final class OpenLoopRun
{
    /** The source id the bench sends with. */
    public static final long SOURCE_ID = 1;
    private static final long SECOND_NS = 1_000_000_000L;
    /** Lead time before the first intended send, so setup work is not charged to event 0. */
    private static final long START_LEAD_NS = 1_000_000L;
    /** A turn of the loop this long after the previous one counts as a gap of the sender. */
    private static final long GAP_NS = 1_000_000L;
    private static final String[] PHASE_NAMES = {"warm-up", "measure"};

    /**
     * What to run.
     *
     * @param label      name of the run in live lines and files.
     * @param rate       events per second.
     * @param warmupNs   warm-up duration at the same rate, not measured.
     * @param durationNs measured duration.
     * @param graceNs    wait after the last send for answers, restarted by each answer.
     * @param maxLagNs   give up when the sender falls this far behind schedule (the target is not keeping up).
     * @param spinIdle   spin instead of yielding the core when there is nothing to do.
     * @param burst      events sharing one intended send time, {@code burst / rate} seconds apart: 1 spaces every
     *                   event evenly; N is the backlog a stall of {@code N / rate} leaves, over and over, so the
     *                   latencies show how fast the target works one off.
     */
    public record Spec(String label, long rate, long warmupNs, long durationNs, long graceNs, long maxLagNs,
                       boolean spinIdle, int burst)
    {
        /** Checks the values, naming the offending one. */
        public Spec
        {
            if (burst < 1 || burst > 1_000_000)
            {
                throw new IllegalArgumentException("burst must be 1..1000000 events, got " + burst);
            }
            if (rate < 1 || rate > 100_000_000L)
            {
                throw new IllegalArgumentException("rate must be 1..100000000 events/s, got " + rate);
            }
            if (warmupNs < 0 || durationNs <= 0 || graceNs < 0 || maxLagNs <= 0)
            {
                throw new IllegalArgumentException("warm-up, grace >= 0 and duration, max lag > 0 needed, got " +
                    "warm-up " + warmupNs + " ns, duration " + durationNs + " ns, grace " + graceNs + " ns, max lag " +
                    maxLagNs + " ns");
            }
        }

        /** A spec that spaces every event evenly (a burst of 1). */
        public Spec(final String label, final long rate, final long warmupNs, final long durationNs,
            final long graceNs, final long maxLagNs, final boolean spinIdle)
        {
            this(label, rate, warmupNs, durationNs, graceNs, maxLagNs, spinIdle, 1);
        }

        long warmupEvents()
        {
            return Math.round(rate * (warmupNs / 1e9));
        }

        long measuredEvents()
        {
            return Math.max(1, Math.round(rate * (durationNs / 1e9)));
        }
    }

    private final L1inferClient client;
    private final LatencyRecorder recorder;
    private final String targetName;
    private final PrintStream live;
    private long nextEventId;

    /**
     * @param client     connected to the target; its listener must be {@code recorder}.
     * @param recorder   the client's listener.
     * @param targetName name of the target for labels.
     * @param live       where the once-a-second line goes, or null for none.
     */
    public OpenLoopRun(final L1inferClient client, final LatencyRecorder recorder, final String targetName,
        final PrintStream live)
    {
        this.client = client;
        this.recorder = recorder;
        this.targetName = targetName;
        this.live = live;
    }

    /** The client the runs send and poll on. */
    L1inferClient client()
    {
        return client;
    }

    /**
     * Run once; event ids continue from the previous run of this object, so runs can follow each other on one
     * client.
     *
     * @param workload what to send.
     * @param spec     rate and durations.
     * @return the measured outcome.
     * @throws IllegalStateException when the client refuses a send for a reason retrying cannot fix.
     */
    public RunResult run(final Workload workload, final Spec spec)
    {
        final long warmupEvents = spec.warmupEvents();
        final long total = warmupEvents + spec.measuredEvents();
        final long firstId = nextEventId;
        nextEventId += total;
        recorder.begin(firstId, firstId + warmupEvents, firstId + total);

        final long startEpochMs = System.currentTimeMillis();
        final long start = System.nanoTime() + START_LEAD_NS;
        final List<Histogram> intervals = new ArrayList<>();
        // Indexed by phase (0 warm-up, 1 measured) instead of a branch that flips when the measurement starts: a
        // path first taken then made the JIT deoptimise this loop, and the sender fell behind in the first second.
        final List<List<Histogram>> intervalsByPhase = List.of(new ArrayList<>(), intervals);
        final long rate = spec.rate();
        final int burst = spec.burst();
        long sentInRun = 0;
        long intended = start;
        long refused = 0;
        long lastRefused = -1;
        long maxLag = 0;
        boolean fellBehind = false;
        long nextTick = start + SECOND_NS;
        long sentAtLastTick = 0;
        long intervalStartNs = start;
        long previousNow = System.nanoTime();
        long gaps = 0;
        long gapNs = 0;

        while (sentInRun < total)
        {
            final long now = System.nanoTime();
            // -1 (all bits) once past the warm-up, else 0.
            final long measuringMask = (warmupEvents - sentInRun) >> 63;
            if (now - previousNow >= GAP_NS)
            {
                gaps += 1 & measuringMask;
                gapNs += (now - previousNow) & measuringMask;
            }
            previousNow = now;
            boolean worked = false;
            if (now - intended >= 0)
            {
                final SendOutcome outcome = workload.send(client, SOURCE_ID, firstId + sentInRun, intended);
                if (outcome == SendOutcome.SENT)
                {
                    recorder.sent(firstId + sentInRun, now);
                    maxLag = Math.max(maxLag, (now - intended) & ((warmupEvents - 1 - sentInRun) >> 63));
                    sentInRun++;
                    intended = intendedNs(start, sentInRun, rate, burst);
                    worked = true;
                }
                else if (outcome.isRetryable())
                {
                    if (lastRefused != sentInRun)
                    {
                        lastRefused = sentInRun;
                        refused++;
                    }
                    if (now - intended > spec.maxLagNs())
                    {
                        fellBehind = true;
                        break;
                    }
                }
                else
                {
                    throw new IllegalStateException("send of event " + (firstId + sentInRun) + " to " + targetName +
                        ": " + outcome);
                }
            }
            worked |= client.poll() > 0;
            if (now - nextTick >= 0)
            {
                final int phase = (int)(measuringMask & 1);
                intervalsByPhase.get(phase).add(recorder.rotateInterval(phase,
                    epochMs(startEpochMs, start, intervalStartNs), epochMs(startEpochMs, start, now)));
                intervalStartNs = now;
                liveLine(spec, now - start, sentInRun - sentAtLastTick, phase);
                sentAtLastTick = sentInRun;
                nextTick += SECOND_NS;
            }
            if (!worked)
            {
                idle(spec.spinIdle());
            }
        }

        final long sendEnd = System.nanoTime();
        long lastProgress = Math.max(sendEnd, recorder.lastProgressNs());
        while (client.inFlight() > 0)
        {
            final long now = System.nanoTime();
            if (client.poll() > 0)
            {
                lastProgress = Math.max(now, recorder.lastProgressNs());
                continue;
            }
            if (now - lastProgress > spec.graceNs())
            {
                break;
            }
            idle(spec.spinIdle());
        }
        final long end = System.nanoTime();
        intervals.add(recorder.rotateInterval(1, epochMs(startEpochMs, start, intervalStartNs),
            epochMs(startEpochMs, start, end)));

        final long measuredSent = Math.max(0, sentInRun - warmupEvents);
        final long answered = recorder.answers() + recorder.rejects();
        final double meanBatch = recorder.answers() == 0 ? 0.0 : recorder.batchSizeSum() / (double)recorder.answers();
        return new RunResult(spec.label(), targetName, workload.name(), rate, measuredSent, recorder.answers(),
            recorder.rejects(), measuredSent - answered, recorder.timeouts(), refused, maxLag, fellBehind, gaps, gapNs,
            recorder.measured().copy(), recorder.daemonSide().copy(), meanBatch, List.copyOf(intervals), startEpochMs,
            notes());
    }

    /**
     * When event {@code index} of a run is due: evenly spaced at {@code rate}, the events of each burst together
     * at the time of the burst's first.
     */
    static long intendedNs(final long startNs, final long index, final long rate, final int burst)
    {
        return startNs + (index - index % burst) * SECOND_NS / rate;
    }

    private String notes()
    {
        final StringBuilder sb = new StringBuilder();
        if (recorder.firstReject() != null)
        {
            sb.append("first reject: ").append(recorder.firstReject()).append("; ");
        }
        if (recorder.unmatched() > 0)
        {
            sb.append(recorder.unmatched()).append(" answers matched no request of this run (another client's, " +
                "or after a timeout); ");
        }
        if (recorder.malformed() > 0)
        {
            sb.append(recorder.malformed()).append(" malformed messages on the result stream; ");
        }
        if (recorder.clipped() > 0)
        {
            sb.append(recorder.clipped()).append(" latencies above ")
                .append(LatencyRecorder.HIGHEST_TRACKABLE_NS / SECOND_NS).append(" s clipped; ");
        }
        if (recorder.negative() > 0)
        {
            sb.append(recorder.negative()).append(" negative latencies (clocks not comparable) recorded as 0; ");
        }
        return sb.length() == 0 ? "" : sb.substring(0, sb.length() - 2);
    }

    private void liveLine(final Spec spec, final long elapsedNs, final long sentLastSecond, final int phase)
    {
        if (live == null)
        {
            return;
        }
        final Histogram h = recorder.latency(phase);
        live.printf(Locale.ROOT, "[%s] t=%2ds %-7s rate=%d/s p50=%s p99=%s max=%s in-flight=%d%n", spec.label(),
            Math.round(elapsedNs / 1e9), PHASE_NAMES[phase], sentLastSecond,
            us(h, 50), us(h, 99), h.getTotalCount() == 0 ? "-" : LatencyFormat.us(h.getMaxValue()),
            client.inFlight());
    }

    private static String us(final Histogram h, final double percentile)
    {
        return h.getTotalCount() == 0 ? "-" : LatencyFormat.us(h.getValueAtPercentile(percentile));
    }

    private static long epochMs(final long startEpochMs, final long startNs, final long nowNs)
    {
        return startEpochMs + (nowNs - startNs + START_LEAD_NS) / 1_000_000L;
    }

    private static void idle(final boolean spin)
    {
        if (spin)
        {
            Thread.onSpinWait();
        }
        else
        {
            Thread.yield();
        }
    }
}
