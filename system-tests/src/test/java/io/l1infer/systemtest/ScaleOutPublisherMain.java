package io.l1infer.systemtest;

import io.l1infer.testsupport.ProjectPaths;
import io.aeron.Aeron;
import io.aeron.Subscription;
import io.l1infer.client.ClientOptions;
import io.l1infer.client.ClientTuning;
import io.l1infer.client.DaemonEndpoint;
import io.l1infer.client.DetectorPartition;
import io.l1infer.client.InferenceClient;
import io.l1infer.client.L1inferClient;
import io.l1infer.client.RejectView;
import io.l1infer.client.ResultListener;
import io.l1infer.client.ResultView;
import io.l1infer.client.RoutedDaemon;
import io.l1infer.client.RoutingClient;
import io.l1infer.client.RoutingOptions;
import io.l1infer.client.RoutingPolicy;
import io.l1infer.client.SendOutcome;
import io.l1infer.fpga.model.ModelBundle;
import org.HdrHistogram.Histogram;
import org.agrona.concurrent.BackoffIdleStrategy;
import org.agrona.concurrent.IdleStrategy;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.concurrent.locks.LockSupport;

/**
 * A publisher host of the multi-host test, run in its own network namespace: sends simulated muon events through
 * the client library to the daemons named in a routes file and writes what happened to a report file.
 *
 * <p>Arguments are {@code key=value}: {@code mode} ({@code exact}: N events as fast as the in-flight window
 * allows, all awaited; {@code throughput}: closed loop for warm-up plus measured seconds; {@code paced}: a fixed
 * rate for some seconds, then all awaited), {@code aeron.dir}, {@code routes} (a properties file,
 * {@code route.I.name/ingest/results/stream/wheels/sectors}), {@code use} (route names), {@code client}
 * ({@code routing} or {@code single}: one L1inferClient on the only route), {@code policy}, {@code events},
 * {@code seconds}, {@code warmup} (seconds whose latencies are not recorded), {@code rate}, {@code window},
 * {@code source}, {@code resend.ms},
 * {@code suspend.ms}, {@code timeout.ms}, {@code report}.
 */
public final class ScaleOutPublisherMain
{
    private final Map<String, String> args;
    private final SimulatedEvents events;
    private final Answers answers = new Answers();
    private final InferenceClient client;
    private final RoutingClient routing;
    private final List<String> names = new ArrayList<>();
    private final long source;
    private final int window;
    private final Map<String, String> report = new TreeMap<>();
    /**
     * Used when a loop turn did nothing: every "host" of the test shares this machine's cores, so a publisher
     * spinning flat out would take CPU from the daemon hosts it measures.
     */
    private final IdleStrategy idle = new BackoffIdleStrategy(10, 5, 1_000, 50_000);

    private ScaleOutPublisherMain(final Map<String, String> args) throws IOException
    {
        this.args = args;
        source = Long.parseLong(args.getOrDefault("source", "1"));
        window = Integer.parseInt(args.getOrDefault("window", "4096"));
        final ModelBundle model = ModelBundle.load(ProjectPaths.root().resolve("models/muon-pt-thesis"));
        events = new SimulatedEvents(model, 2048, Long.parseLong(args.getOrDefault("seed", "77")));
        final List<RoutedDaemon> daemons = routes(Path.of(args.get("routes")), List.of(args.get("use").split(",")));
        for (final RoutedDaemon d : daemons)
        {
            names.add(d.name());
        }
        final long timeoutNs = Long.parseLong(args.getOrDefault("timeout.ms", "10000")) * 1_000_000L;
        final String aeronDir = args.get("aeron.dir");
        if ("single".equals(args.getOrDefault("client", "routing")))
        {
            final DaemonEndpoint e = daemons.get(0).endpoint();
            final L1inferClient single = L1inferClient.connect(new DaemonEndpoint(aeronDir, e.ingestChannel(),
                e.ingestStream(), e.resultChannel(), e.resultStream(), e.rejectStream()),
                tuned(new ClientOptions(), timeoutNs), answers);
            if (!single.awaitConnected(60_000_000_000L))
            {
                throw new IllegalStateException("not connected to " + e);
            }
            awaitResultImages(aeronDir, e, Integer.parseInt(args.getOrDefault("await.result.images", "1")));
            client = single;
            routing = null;
        }
        else
        {
            final RoutingOptions options = tuned(
                new RoutingOptions(RoutingPolicy.valueOf(args.getOrDefault("policy", "PARTITION"))), timeoutNs)
                .resendTimeoutNs(Long.parseLong(args.getOrDefault("resend.ms", "500")) * 1_000_000L)
                .suspendNs(Long.parseLong(args.getOrDefault("suspend.ms", "2000")) * 1_000_000L);
            routing = RoutingClient.connect(aeronDir, daemons, options, answers);
            if (!routing.awaitConnected(daemons.size(), 60_000_000_000L))
            {
                throw new IllegalStateException("not connected to every daemon of " + daemons);
            }
            client = routing;
        }
        System.out.println("publisher connected to " + names);
    }

    /** The in-flight window and request timeout this publisher gives either client. */
    private <C extends ClientTuning<C>> C tuned(final C options, final long timeoutNs)
    {
        return options.maxInFlight(Math.max(window, 1024)).requestTimeoutNs(timeoutNs);
    }

    /**
     * A result stream shared by several daemons counts as connected with one image: wait for all of them, or the
     * late ones' first answers go to nobody.
     */
    private static void awaitResultImages(final String aeronDir, final DaemonEndpoint e, final int images)
    {
        try (Aeron aeron = Aeron.connect(new Aeron.Context().aeronDirectoryName(aeronDir)
            .errorHandler(t -> System.err.println("image probe: " + t)));
            Subscription probe = aeron.addSubscription(e.resultChannel(), e.resultStream()))
        {
            final long deadline = System.nanoTime() + 60_000_000_000L;
            while (probe.imageCount() < images)
            {
                if (System.nanoTime() - deadline > 0)
                {
                    throw new IllegalStateException(probe.imageCount() + " of " + images + " result images on " +
                        e.resultChannel());
                }
                LockSupport.parkNanos(1_000_000L);
            }
            LockSupport.parkNanos(100_000_000L); // the client's own subscription gets them at the same time
        }
    }

    public static void main(final String[] argv) throws Exception
    {
        final Map<String, String> args = new HashMap<>();
        for (final String a : argv)
        {
            final int eq = a.indexOf('=');
            args.put(a.substring(0, eq), a.substring(eq + 1));
        }
        final ScaleOutPublisherMain publisher = new ScaleOutPublisherMain(args);
        try
        {
            switch (args.get("mode"))
            {
                case "exact" -> publisher.exact(Integer.parseInt(args.get("events")));
                case "throughput" -> publisher.throughput(Double.parseDouble(args.getOrDefault("warmup", "2")),
                    Double.parseDouble(args.get("seconds")));
                case "paced" -> publisher.paced(Integer.parseInt(args.get("rate")),
                    Double.parseDouble(args.getOrDefault("warmup", "0")), Double.parseDouble(args.get("seconds")));
                default -> throw new IllegalArgumentException("mode " + args.get("mode"));
            }
            publisher.writeReport(Path.of(args.get("report")));
        }
        finally
        {
            publisher.client.close();
        }
        System.out.println("publisher done");
        System.out.flush();
        System.exit(0);
    }

    private void exact(final int count)
    {
        final long start = System.nanoTime();
        for (long id = 0; id < count; )
        {
            int work = 0;
            if (client.inFlight() < window && send(id, System.nanoTime()))
            {
                id++;
                work++;
            }
            idle.idle(work + client.poll());
        }
        drain(count);
        report.put("elapsed.s", format((System.nanoTime() - start) / 1e9));
        summarise(count);
    }

    private void throughput(final double warmupSeconds, final double seconds)
    {
        long id = 0;
        final long start = System.nanoTime();
        final long measureFrom = start + (long)(warmupSeconds * 1e9);
        final long measureTo = measureFrom + (long)(seconds * 1e9);
        long answeredAtStart = -1;
        final long[] perDaemonAtStart = new long[names.size()];
        while (true)
        {
            final long now = System.nanoTime();
            if (answeredAtStart < 0 && now - measureFrom >= 0)
            {
                System.out.println("publisher measuring");
                System.out.flush();
                answeredAtStart = answers.first;
                for (int d = 0; d < names.size(); d++)
                {
                    perDaemonAtStart[d] = routing.answersFrom(d);
                }
            }
            if (now - measureTo >= 0)
            {
                System.out.println("publisher measured");
                System.out.flush();
                break;
            }
            int work = 0;
            if (client.inFlight() < window && send(id, now))
            {
                id++;
                work++;
            }
            idle.idle(work + client.poll());
        }
        final long measured = answers.first - answeredAtStart;
        report.put("throughput.events.per.s", format(measured / seconds));
        for (int d = 0; d < names.size(); d++)
        {
            report.put("daemon." + names.get(d) + ".events.per.s",
                format((routing.answersFrom(d) - perDaemonAtStart[d]) / seconds));
        }
        drain(id);
        summarise(id);
    }

    private void paced(final int rate, final double warmupSeconds, final double seconds)
    {
        final long count = (long)(rate * (warmupSeconds + seconds));
        answers.measureFrom = (long)(rate * warmupSeconds);
        final double periodNs = 1e9 / rate;
        System.out.println("publisher sending " + count + " events at " + rate + "/s");
        System.out.flush();
        final long start = System.nanoTime();
        for (long id = 0; id < count; )
        {
            final long intended = start + (long)(id * periodNs);
            int work = 0;
            if (System.nanoTime() - intended >= 0 && send(id, intended))
            {
                id++;
                work++;
            }
            idle.idle(work + client.poll());
        }
        System.out.println("publisher sent " + count + " events, awaiting answers");
        drain(count);
        summarise(count);
    }

    /** One send; true when sent, false when refused for a reason worth retrying. */
    private boolean send(final long id, final long sendTimeNs)
    {
        final SendOutcome outcome = client.sendSegments(source, id, sendTimeNs, (int)(id % 3564), events.of(id));
        if (outcome == SendOutcome.SENT)
        {
            return true;
        }
        if (!outcome.isRetryable())
        {
            throw new IllegalStateException("send of event " + id + ": " + outcome);
        }
        answers.refusals++;
        return false;
    }

    private void drain(final long count)
    {
        final long deadline = System.nanoTime() + Long.parseLong(args.getOrDefault("timeout.ms", "10000")) *
            1_000_000L + 10_000_000_000L;
        while (client.inFlight() > 0 && System.nanoTime() - deadline < 0)
        {
            idle.idle(client.poll());
        }
        // Late duplicates arrive after the last first answer: keep listening briefly.
        final long linger = System.nanoTime() + 1_000_000_000L;
        while (System.nanoTime() - linger < 0)
        {
            idle.idle(client.poll());
        }
        report.put("in.flight.at.end", Long.toString(client.inFlight()));
    }

    private void summarise(final long count)
    {
        report.put("events", Long.toString(count));
        report.put("answered", Long.toString(answers.answered.cardinality()));
        report.put("unanswered", Long.toString(count - answers.answered.cardinality()));
        report.put("results", Long.toString(answers.results));
        report.put("rejects", Long.toString(answers.rejects));
        report.put("wrong.answers", Long.toString(answers.wrong));
        report.put("listener.repeats", Long.toString(answers.repeats));
        report.put("timeouts", Long.toString(answers.timeouts));
        report.put("refused.sends", Long.toString(answers.refusals));
        report.put("unmatched", Long.toString(answers.unmatched));
        report.put("latency.p50.us", format(answers.latency.getValueAtPercentile(50) / 1e3));
        report.put("latency.p99.us", format(answers.latency.getValueAtPercentile(99) / 1e3));
        report.put("latency.max.us", format(answers.latency.getMaxValue() / 1e3));
        report.put("latency.events", Long.toString(answers.latency.getTotalCount()));
        if (routing != null)
        {
            report.put("duplicates", Long.toString(routing.statistics().duplicates()));
            report.put("unmatched", Long.toString(routing.statistics().unmatched()));
            report.put("resends", Long.toString(routing.statistics().resends()));
            report.put("not.connected.offers", Long.toString(routing.statistics().notConnected()));
            report.put("back.pressured.offers", Long.toString(routing.statistics().backPressured()));
            report.put("unattributed", Long.toString(routing.statistics().unattributed()));
            for (int d = 0; d < names.size(); d++)
            {
                final String n = "daemon." + names.get(d);
                report.put(n + ".transmissions", Long.toString(routing.transmissionsTo(d)));
                report.put(n + ".answers", Long.toString(routing.answersFrom(d)));
                report.put(n + ".suspensions", Long.toString(routing.suspensionsOf(d)));
                report.put(n + ".available.at.end", Boolean.toString(routing.isAvailable(d)));
            }
        }
        for (final long wheel : new long[] {-2, -1, 0, 1, 2})
        {
            long n = 0;
            for (long id = 0; id < count; id++)
            {
                n += events.partitionWheel(id) == wheel ? 1 : 0;
            }
            report.put("events.wheel." + wheel, Long.toString(n));
        }
    }

    private void writeReport(final Path file) throws IOException
    {
        final StringBuilder text = new StringBuilder();
        report.forEach((k, v) -> text.append(k).append('=').append(v).append('\n'));
        final Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.writeString(tmp, text.toString(), StandardCharsets.UTF_8);
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE);
        System.out.print(text);
    }

    private static String format(final double value)
    {
        return String.format(Locale.ROOT, "%.1f", value);
    }

    /** The named routes of a routes file, in the order named. */
    static List<RoutedDaemon> routes(final Path file, final List<String> use) throws IOException
    {
        final Properties p = new Properties();
        try (Reader in = Files.newBufferedReader(file))
        {
            p.load(in);
        }
        final List<RoutedDaemon> out = new ArrayList<>();
        for (final String name : use)
        {
            String key = null;
            for (int i = 0; p.getProperty("route." + i + ".name") != null; i++)
            {
                if (p.getProperty("route." + i + ".name").equals(name))
                {
                    key = "route." + i + ".";
                }
            }
            if (key == null)
            {
                throw new IllegalArgumentException("no route " + name + " in " + file);
            }
            final int stream = Integer.parseInt(p.getProperty(key + "stream"));
            out.add(new RoutedDaemon(name, new DaemonEndpoint("", p.getProperty(key + "ingest"), 1001,
                p.getProperty(key + "results"), stream, stream),
                DetectorPartition.parse(p.getProperty(key + "wheels"), p.getProperty(key + "sectors"))));
        }
        return out;
    }

    /** First answers per event id, checked against the engine; latency from intended send to receipt. */
    private final class Answers implements ResultListener
    {
        final BitSet answered = new BitSet();
        final Histogram latency = new Histogram(3_600_000_000_000L, 3);
        long first;
        long results;
        long rejects;
        long wrong;
        long repeats;
        long timeouts;
        long unmatched;
        long refusals;
        /** Events sent before this id are warm-up: answered and checked, but their latency is not recorded. */
        long measureFrom;

        private void answer(final long eventId, final long sendTimeNs, final long receiveTimeNs)
        {
            first++;
            if (answered.get((int)eventId))
            {
                repeats++;
            }
            answered.set((int)eventId);
            if (eventId >= measureFrom)
            {
                latency.recordValue(Math.max(0, receiveTimeNs - sendTimeNs));
            }
        }

        @Override
        public void onResult(final ResultView r)
        {
            results++;
            if (r.outputRaw(0) != events.expected(r.eventId()))
            {
                wrong++;
            }
            answer(r.eventId(), r.sendTimeNs(), r.receiveTimeNs());
        }

        @Override
        public void onReject(final RejectView r)
        {
            rejects++;
            answer(r.eventId(), r.receiveTimeNs(), r.receiveTimeNs());
        }

        @Override
        public void onTimeout(final long sourceId, final long eventId, final long sendTimeNs)
        {
            timeouts++;
        }

        @Override
        public void onUnmatched(final long sourceId, final long eventId, final int templateId)
        {
            unmatched++;
        }
    }
}
