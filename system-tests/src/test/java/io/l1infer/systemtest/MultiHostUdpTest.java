package io.l1infer.systemtest;

import io.l1infer.testsupport.ProjectPaths;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Several hosts on one machine: a network namespace per host joined by veth pairs to a bridge, real UDP between
 * them, one standalone media driver per host ({@code bin/l1infer-mediadriver}), a daemon per daemon host
 * ({@code bin/l1infer-daemon} on that driver), a publisher host running the routing client and a result consumer
 * host; every process started inside its host's namespace with {@code ip netns exec}, output to files.
 *
 * <p>Needs root (CAP_NET_ADMIN) and iproute2: skipped without, failed without under {@code CI=true}. Figures go to
 * stdout and {@code target/multihost-report.txt}.
 */
class MultiHostUdpTest
{
    private static final long PID = ProcessHandle.current().pid();
    private static final Map<String, String> NO_BUILD = Map.of("L1INFER_NO_BUILD", "1",
        "L1INFER_JAVA_OPTS", "-Xmx192m -XX:+UseSerialGC");
    private static final Path REPORT = Path.of("target/multihost-report.txt").toAbsolutePath();
    /** Share of data frames each host's driver drops on receipt in the loss test. */
    private static final String LOSS_RATE = System.getProperty("l1infer.test.loss.rate", "0.02");

    @BeforeAll
    static void requireNetworkNamespaces() throws IOException
    {
        Files.deleteIfExists(REPORT);
        final Optional<String> reason = NetworkNamespaces.unavailableReason();
        if (reason.isPresent())
        {
            if ("true".equalsIgnoreCase(System.getenv("CI")))
            {
                fail("CI=true, but the multi-host test cannot run: " + reason.get() +
                    ". Run the tests as root (the CI container runs mvn as root) with iproute2 installed.");
            }
            Assumptions.abort("multi-host test skipped: " + reason.get());
        }
    }

    /**
     * Three daemon hosts behind one publisher host and one result consumer host: partition routing answers every
     * event once; throughput with three daemons against one; one daemon killed mid-run while the publisher keeps a
     * fixed rate: rerouted, nothing unanswered beyond the timeout, duplicates counted.
     */
    @Test
    @Timeout(value = 300, unit = TimeUnit.SECONDS)
    void threeDaemonHostsPartitionThroughputAndFailover() throws Exception
    {
        final Path work = workDir("routing");
        final List<DaemonProcess> processes = new ArrayList<>();
        try (NetworkNamespaces net = new NetworkNamespaces("r"))
        {
            try
            {
                final String pub = net.addHost("pub", 100);
                final String consumer = net.addHost("cons", 200);
                final String[] daemonHosts = {"d1", "d2", "d3"};
                final String[] wheels = {"-2..-1", "0", "1..2"};
                final String[] addresses = new String[3];
                for (int i = 0; i < 3; i++)
                {
                    addresses[i] = net.addHost(daemonHosts[i], 11 + i);
                }

                final Map<String, DaemonProcess> named = new LinkedHashMap<>();
                for (final String host : List.of("pub", "cons", "d1", "d2", "d3"))
                {
                    final DaemonProcess driver = startDriver(net, work, host, Map.of());
                    processes.add(driver);
                    named.put(host + " driver", driver);
                }
                for (final String host : List.of("pub", "cons", "d1", "d2", "d3"))
                {
                    awaitDriver(host, named.get(host + " driver"));
                }

                final Properties routes = new Properties();
                final List<String> consumerChannels = new ArrayList<>();
                final DaemonProcess[] daemons = new DaemonProcess[3];
                for (int i = 0; i < 3; i++)
                {
                    final String control = addresses[i] + ":40200";
                    final Map<String, String> settings = new LinkedHashMap<>();
                    settings.put("l1infer.aeron.dir", aeronDir(daemonHosts[i]));
                    settings.put("l1infer.driver.embedded", "false");
                    settings.put("l1infer.ingest.channel", "aeron:udp?endpoint=" + addresses[i] + ":40100");
                    // Multi-destination-cast: the publisher host and the consumer host each add themselves.
                    settings.put("l1infer.result.channel",
                        "aeron:udp?control=" + control + "|control-mode=dynamic|fc=min");
                    settings.put("l1infer.shutdown.timeout", "10s");
                    // Several daemons share two cores here: idle threads park instead of yielding.
                    settings.put("l1infer.ingest.idle", "backoff");
                    daemons[i] = startDaemon(net, daemonHosts[i], settings);
                    processes.add(daemons[i]);
                    named.put(daemonHosts[i] + " daemon", daemons[i]);
                    routes.setProperty("route." + i + ".name", daemonHosts[i]);
                    routes.setProperty("route." + i + ".ingest", "aeron:udp?endpoint=" + addresses[i] + ":40100");
                    routes.setProperty("route." + i + ".results",
                        "aeron:udp?endpoint=" + pub + ":" + (40501 + i) + "|control=" + control);
                    routes.setProperty("route." + i + ".stream", "1002");
                    routes.setProperty("route." + i + ".wheels", wheels[i]);
                    routes.setProperty("route." + i + ".sectors", "1..12");
                    consumerChannels.add("aeron:udp?endpoint=" + consumer + ":" + (40501 + i) + "|control=" + control);
                }
                for (final DaemonProcess d : daemons)
                {
                    d.awaitLine("l1infer daemon ready", 120_000);
                }
                final Path routesFile = work.resolve("routes.properties");
                try (var out = Files.newBufferedWriter(routesFile))
                {
                    routes.store(out, "multi-host test routes");
                }

                final Path consumerReport = work.resolve("consumer.properties");
                final List<String> consumerArgs = new ArrayList<>(List.of(aeronDir("cons"), "1002",
                    consumerReport.toString()));
                consumerArgs.addAll(consumerChannels);
                final DaemonProcess resultConsumer = DaemonProcess.start(
                    net.inHost("cons", DaemonProcess.javaCommand(ResultConsumerMain.class, consumerArgs)), Map.of());
                processes.add(resultConsumer);
                named.put("consumer", resultConsumer);
                awaitTrue(() -> Files.exists(consumerReport) && read(consumerReport).getProperty("images", "0")
                    .equals("3"), 60_000, "the result consumer joined the three result streams", resultConsumer);

                final StringBuilder summary = new StringBuilder();
                summary.append(String.format(Locale.ROOT, "multi-host UDP test, %d cores, pid %d%n",
                    Runtime.getRuntime().availableProcessors(), PID));

                // 1. Partition routing: every event answered once, by the daemon of its partition.
                final Properties partition = publish(net, work, "partition", List.of("mode=exact", "events=30000",
                    "policy=PARTITION", "use=d1,d2,d3", "source=1", "resend.ms=5000", "timeout.ms=20000"),
                    routesFile, null);
                assertEquals("0", partition.getProperty("unanswered"), "partition run: unanswered events");
                assertEquals("0", partition.getProperty("wrong.answers"), "partition run: answers unlike the engine");
                assertEquals("0", partition.getProperty("listener.repeats"), "partition run: events answered twice");
                assertEquals("0", partition.getProperty("timeouts"));
                final long[] expectedPerDaemon = {
                    longOf(partition, "events.wheel.-2") + longOf(partition, "events.wheel.-1"),
                    longOf(partition, "events.wheel.0"),
                    longOf(partition, "events.wheel.1") + longOf(partition, "events.wheel.2")};
                final boolean resent = longOf(partition, "resends") > 0;
                for (int i = 0; i < 3; i++)
                {
                    final long accepted = AeronCounters.value(aeronDir(daemonHosts[i]), "l1infer: events accepted");
                    summary.append(String.format(Locale.ROOT, "partition: %s (wheels %s) %d events expected, " +
                        "%d sent, %d answered, %d accepted by the daemon%n", daemonHosts[i], wheels[i],
                        expectedPerDaemon[i], longOf(partition, "daemon." + daemonHosts[i] + ".transmissions"),
                        longOf(partition, "daemon." + daemonHosts[i] + ".answers"), accepted));
                    if (!resent)
                    {
                        assertEquals(expectedPerDaemon[i], accepted, "events accepted by " + daemonHosts[i]);
                        assertEquals(expectedPerDaemon[i],
                            longOf(partition, "daemon." + daemonHosts[i] + ".transmissions"));
                    }
                }
                summary.append(String.format(Locale.ROOT, "partition: 30000 events, all answered once, " +
                    "%s re-sends, %s duplicates, %s s%n", partition.getProperty("resends"),
                    partition.getProperty("duplicates"), partition.getProperty("elapsed.s")));

                // 2. Throughput: one daemon, then three (closed loop, 4096 in flight), with the CPU each used.
                final StringBuilder cpuOne = new StringBuilder();
                final Properties one = publish(net, work, "throughput-1", List.of("mode=throughput", "warmup=2",
                    "seconds=5", "policy=LEAST_IN_FLIGHT", "use=d1", "source=2", "resend.ms=5000",
                    "timeout.ms=20000"), routesFile, p -> sampleCpu(p, named, cpuOne));
                final StringBuilder cpuThree = new StringBuilder();
                final Properties three = publish(net, work, "throughput-3", List.of("mode=throughput", "warmup=2",
                    "seconds=5", "policy=LEAST_IN_FLIGHT", "use=d1,d2,d3", "source=3", "resend.ms=5000",
                    "timeout.ms=20000"), routesFile, p -> sampleCpu(p, named, cpuThree));
                for (final Properties p : List.of(one, three))
                {
                    assertEquals("0", p.getProperty("unanswered"), "throughput run: unanswered events");
                    assertEquals("0", p.getProperty("wrong.answers"));
                }
                final double rateOne = Double.parseDouble(one.getProperty("throughput.events.per.s"));
                final double rateThree = Double.parseDouble(three.getProperty("throughput.events.per.s"));
                summary.append(String.format(Locale.ROOT, "throughput: 1 daemon %.0f events/s; 3 daemons %.0f " +
                    "events/s (%s / %s / %s per daemon); ratio %.2f%n", rateOne, rateThree,
                    three.getProperty("daemon.d1.events.per.s"), three.getProperty("daemon.d2.events.per.s"),
                    three.getProperty("daemon.d3.events.per.s"), rateThree / rateOne));
                summary.append("throughput: CPU while measuring, in cores, 1 daemon: ").append(cpuOne).append('\n');
                summary.append("throughput: CPU while measuring, in cores, 3 daemons: ").append(cpuThree).append('\n');
                summary.append(String.format(Locale.ROOT, "throughput: latency p50/p99/max 1 daemon %s/%s/%s us, " +
                    "3 daemons %s/%s/%s us%n", one.getProperty("latency.p50.us"), one.getProperty("latency.p99.us"),
                    one.getProperty("latency.max.us"), three.getProperty("latency.p50.us"),
                    three.getProperty("latency.p99.us"), three.getProperty("latency.max.us")));

                // 3. Kill -9 of daemon d2 while the publisher sends at a fixed rate under partition routing.
                final long[] killedAt = new long[1];
                final Properties failover = publish(net, work, "failover", List.of("mode=paced", "rate=8000",
                    "seconds=8", "policy=PARTITION", "use=d1,d2,d3", "source=4", "resend.ms=300", "suspend.ms=1000",
                    "timeout.ms=5000"), routesFile, publisher ->
                    {
                        publisher.awaitLine("publisher sending", 60_000);
                        Thread.sleep(2500);
                        daemons[1].kill();
                        killedAt[0] = System.nanoTime();
                        daemons[1].awaitExit(10_000);
                    });
                assertTrue(killedAt[0] != 0, "d2 was killed");
                assertEquals("0", failover.getProperty("unanswered"), "failover run: unanswered events");
                assertEquals("0", failover.getProperty("timeouts"), "failover run: timeouts");
                assertEquals("0", failover.getProperty("listener.repeats"), "failover run: events answered twice");
                assertEquals("0", failover.getProperty("wrong.answers"));
                assertTrue(Double.parseDouble(failover.getProperty("latency.max.us")) < 5_000_000,
                    "every answer within the 5 s request timeout");
                assertTrue(longOf(failover, "resends") > 0, "d2's unanswered events were re-sent");
                assertTrue(longOf(failover, "daemon.d2.suspensions") > 0, "d2 was suspended");
                summary.append(String.format(Locale.ROOT, "failover: 64000 events at 8000/s, d2 (wheel 0, %d " +
                    "events) killed 2.5 s in; all answered, %s re-sent, %s duplicates, 0 timeouts; answer delay " +
                    "p50 %s us, p99 %s us, max %s us; d2 suspended %s times, available at end %s; per daemon " +
                    "answers d1 %s, d2 %s, d3 %s%n", longOf(failover, "events.wheel.0"),
                    failover.getProperty("resends"), failover.getProperty("duplicates"),
                    failover.getProperty("latency.p50.us"), failover.getProperty("latency.p99.us"),
                    failover.getProperty("latency.max.us"), failover.getProperty("daemon.d2.suspensions"),
                    failover.getProperty("daemon.d2.available.at.end"), failover.getProperty("daemon.d1.answers"),
                    failover.getProperty("daemon.d2.answers"), failover.getProperty("daemon.d3.answers")));

                // The consumer host read every answer of every run through the result streams.
                final long total = longOf(partition, "events") + longOf(one, "events") + longOf(three, "events") +
                    longOf(failover, "events");
                awaitTrue(() -> longOf(read(consumerReport), "distinct") >= total, 30_000,
                    "the consumer to see an answer to each of the " + total + " events", resultConsumer);
                final Properties seen = read(consumerReport);
                summary.append(String.format(Locale.ROOT, "result consumer: %s answers, %s distinct events of %d " +
                    "sent%n", seen.getProperty("answers"), seen.getProperty("distinct"), total));
                assertEquals(total, longOf(seen, "distinct"), "distinct events the consumer saw");

                for (final String host : List.of("pub", "d1", "d2", "d3"))
                {
                    final Map<String, Long> c = AeronCounters.read(aeronDir(host));
                    summary.append(String.format(Locale.ROOT, "driver %s: NAKs sent %d, retransmits sent %d, " +
                        "loss gap fills %d%n", host, c.getOrDefault("NAKs sent", -1L),
                        c.getOrDefault("Retransmits sent", -1L), c.getOrDefault("Loss gap fills", -1L)));
                }
                report(summary);

                for (final int i : new int[] {0, 2})
                {
                    daemons[i].terminate();
                    assertEquals(0, daemons[i].awaitExit(30_000), daemons[i].output());
                }
            }
            finally
            {
                closeAll(processes);
            }
        }
    }

    /**
     * Loss injected on every host's receive path (the driver's debug receive channel endpoint, 2% of data frames
     * dropped unless {@code -Dl1infer.test.loss.rate} says otherwise): two daemons share one multicast ingest
     * stream, each answering its wheels (partition filter), and answer a publisher host over unicast. Aeron repairs
     * every loss (NAKs, retransmits, no gap fills): no event is lost.
     */
    @Test
    @Timeout(value = 240, unit = TimeUnit.SECONDS)
    void lossOnEveryHopAndASharedMulticastStreamLoseNoEvent() throws Exception
    {
        final Path work = workDir("loss");
        final List<DaemonProcess> processes = new ArrayList<>();
        final String group = "239.255.77.1:40456"; // Aeron: an odd data address, control on the next one
        try (NetworkNamespaces net = new NetworkNamespaces("l"))
        {
            try
            {
                final String pub = net.addHost("pub", 100);
                final String[] hosts = {"d1", "d2"};
                final String[] wheels = {"-2..0", "1..2"};
                final String[] addresses = {net.addHost("d1", 11), net.addHost("d2", 12)};
                final Map<String, String> loss = Map.of(
                    "aeron.ReceiveChannelEndpoint.supplier", "io.aeron.driver.ext.DebugReceiveChannelEndpointSupplier",
                    "aeron.debug.receive.data.loss.rate", LOSS_RATE,
                    "aeron.debug.receive.data.loss.seed", "20250101");
                for (final String host : List.of("pub", "d1", "d2"))
                {
                    final DaemonProcess driver = startDriver(net, work, host, loss);
                    processes.add(driver);
                    awaitDriver(host, driver);
                }
                final String results = "aeron:udp?endpoint=" + pub + ":40500";
                final DaemonProcess[] daemons = new DaemonProcess[2];
                for (int i = 0; i < 2; i++)
                {
                    final Map<String, String> settings = new LinkedHashMap<>();
                    settings.put("l1infer.aeron.dir", aeronDir(hosts[i]));
                    settings.put("l1infer.driver.embedded", "false");
                    settings.put("l1infer.ingest.channel",
                        "aeron:udp?endpoint=" + group + "|interface=" + addresses[i]);
                    settings.put("l1infer.result.channel", results);
                    settings.put("l1infer.partition.wheels", wheels[i]);
                    settings.put("l1infer.shutdown.timeout", "10s");
                    // Several daemons share two cores here: idle threads park instead of yielding.
                    settings.put("l1infer.ingest.idle", "backoff");
                    daemons[i] = startDaemon(net, hosts[i], settings);
                    processes.add(daemons[i]);
                }
                for (final DaemonProcess d : daemons)
                {
                    d.awaitLine("l1infer daemon ready", 120_000);
                }
                final Properties routes = new Properties();
                routes.setProperty("route.0.name", "multicast");
                // fc=min,g:/2: connected only once both daemons have joined; paced by the slower one.
                routes.setProperty("route.0.ingest", "aeron:udp?endpoint=" + group + "|interface=" + pub +
                    "|fc=min,g:/2");
                routes.setProperty("route.0.results", results);
                routes.setProperty("route.0.stream", "1002");
                routes.setProperty("route.0.wheels", "-2..2");
                routes.setProperty("route.0.sectors", "1..12");
                final Path routesFile = work.resolve("routes.properties");
                try (var out = Files.newBufferedWriter(routesFile))
                {
                    routes.store(out, "loss test route");
                }
                final Properties run = publish(net, work, "loss", List.of("mode=paced", "rate=2000", "warmup=2",
                    "seconds=8",
                    "client=single", "use=multicast", "source=5", "timeout.ms=10000", "await.result.images=2"),
                    routesFile, null);

                final StringBuilder summary = new StringBuilder();
                summary.append(String.format(Locale.ROOT, "loss: %s%% of data frames dropped on receipt at every " +
                    "host; 20000 events at 2000/s on one multicast stream shared by d1 (wheels -2..0) and d2 " +
                    "(wheels 1..2): %s answered, %s unanswered, %s timeouts, %s unmatched; answer delay after 2 s " +
                    "warm-up p50 %s us, p99 %s us, max %s us; %s sends refused for back pressure%n",
                    Double.parseDouble(LOSS_RATE) * 100, run.getProperty("answered"), run.getProperty("unanswered"),
                    run.getProperty("timeouts"), run.getProperty("unmatched"), run.getProperty("latency.p50.us"),
                    run.getProperty("latency.p99.us"), run.getProperty("latency.max.us"),
                    run.getProperty("refused.sends")));
                long naks = 0;
                long retransmits = 0;
                final Map<String, Map<String, Long>> counters = new LinkedHashMap<>();
                for (final String host : List.of("pub", "d1", "d2"))
                {
                    final Map<String, Long> c = AeronCounters.read(aeronDir(host));
                    counters.put(host, c);
                    summary.append(String.format(Locale.ROOT, "loss: driver %s NAKs sent %d, NAKs received %d, " +
                        "retransmits sent %d, loss gap fills %d%n", host, c.get("NAKs sent"), c.get("NAKs received"),
                        c.get("Retransmits sent"), c.get("Loss gap fills")));
                    naks += c.get("NAKs sent");
                    retransmits += c.get("Retransmits sent");
                }
                for (final String host : hosts)
                {
                    final Map<String, Long> c = counters.get(host);
                    summary.append(String.format(Locale.ROOT, "loss: %s accepted %d events, ignored %d outside " +
                        "its partition, %d result back-pressure retries, %d ring-full aborts%n", host,
                        c.get("l1infer: events accepted"), c.get("l1infer: messages outside partition (ignored)"),
                        c.get("l1infer: back-pressure retries"), c.get("l1infer: ring full aborts")));
                }
                report(summary);
                assertEquals("0", run.getProperty("unanswered"), "events lost");
                assertEquals("0", run.getProperty("timeouts"));
                assertEquals("0", run.getProperty("wrong.answers"));
                assertEquals("0", run.getProperty("unmatched"), "an event answered by both daemons");
                for (final String host : List.of("pub", "d1", "d2"))
                {
                    final Map<String, Long> c = counters.get(host);
                    assertEquals(0L, c.get("Loss gap fills"), "unrecovered loss at " + host);
                    assertTrue(c.get("NAKs sent") > 0, "no loss was detected at " + host);
                }
                for (final String host : hosts)
                {
                    final Map<String, Long> c = counters.get(host);
                    assertEquals(20000L, c.get("l1infer: messages received") +
                        c.get("l1infer: messages outside partition (ignored)"), host + " saw every message");
                }
                assertTrue(naks > 0 && retransmits > 0, "NAKs " + naks + ", retransmits " + retransmits);

                for (final DaemonProcess d : daemons)
                {
                    d.terminate();
                    assertEquals(0, d.awaitExit(30_000), d.output());
                }
            }
            finally
            {
                closeAll(processes);
            }
        }
    }

    /** Something the test does while a publisher runs. */
    @FunctionalInterface
    private interface WhilePublishing
    {
        void accept(DaemonProcess publisher) throws Exception;
    }

    private static Properties publish(final NetworkNamespaces net, final Path work, final String name,
        final List<String> args, final Path routes, final WhilePublishing during) throws Exception
    {
        final Path report = work.resolve("publisher-" + name + ".properties");
        final List<String> all = new ArrayList<>(args);
        all.add("aeron.dir=" + aeronDir("pub"));
        all.add("routes=" + routes);
        all.add("report=" + report);
        try (DaemonProcess publisher = DaemonProcess.start(
            net.inHost("pub", DaemonProcess.javaCommand(ScaleOutPublisherMain.class, all)), Map.of()))
        {
            if (during != null)
            {
                during.accept(publisher);
            }
            final int exit = publisher.awaitExit(120_000);
            assertEquals(0, exit, "publisher " + name + ":\n" + publisher.output());
            return read(report);
        }
    }

    /**
     * Between the publisher's "measuring" and "measured" lines: the cores each process of the test used, the
     * publisher's, and what the rest of the machine (other work sharing it) used.
     */
    private static void sampleCpu(final DaemonProcess publisher, final Map<String, DaemonProcess> processes,
        final StringBuilder out) throws Exception
    {
        final Map<String, DaemonProcess> all = new LinkedHashMap<>(processes);
        all.put("publisher", publisher);
        publisher.awaitLine("publisher measuring", 60_000);
        final Map<String, Long> before = new LinkedHashMap<>();
        all.forEach((name, p) -> before.put(name, CpuTime.processTicks(p.pid())));
        final long[] machineBefore = CpuTime.machineTicks();
        final long start = System.nanoTime();
        publisher.awaitLine("publisher measured", 60_000);
        final double seconds = (System.nanoTime() - start) / 1e9;
        final long[] machineAfter = CpuTime.machineTicks();
        double ours = 0;
        for (final Map.Entry<String, DaemonProcess> e : all.entrySet())
        {
            final double cores = (CpuTime.processTicks(e.getValue().pid()) - before.get(e.getKey())) /
                CpuTime.TICKS_PER_SECOND / seconds;
            ours += cores;
            out.append(String.format(Locale.ROOT, "%s %.2f, ", e.getKey(), cores));
        }
        // /proc/stat counts every core: busy ticks per second of wall time are cores in use.
        final double machine = (machineAfter[0] - machineBefore[0]) / CpuTime.TICKS_PER_SECOND / seconds;
        out.append(String.format(Locale.ROOT, "everything else on the machine %.2f (machine busy %.2f of %d cores)",
            Math.max(0, machine - ours), machine, Runtime.getRuntime().availableProcessors()));
    }

    private static void awaitDriver(final String host, final DaemonProcess driver) throws InterruptedException
    {
        if (!AeronCounters.awaitDriver(aeronDir(host), 60_000))
        {
            throw new AssertionError("the media driver of " + host + " did not start:\n" + driver.output());
        }
    }

    private static DaemonProcess startDriver(final NetworkNamespaces net, final Path work, final String host,
        final Map<String, String> extra) throws IOException
    {
        final Properties p = new Properties();
        p.setProperty("aeron.dir", aeronDir(host));
        p.setProperty("aeron.dir.delete.on.start", "true");
        p.setProperty("aeron.dir.delete.on.shutdown", "true");
        p.setProperty("aeron.threading.mode", "SHARED");
        p.setProperty("aeron.shared.idle.strategy", "backoff");
        // A killed daemon's streams are released this long after its last keepalive.
        p.setProperty("aeron.client.liveness.timeout", "5000000000");
        p.setProperty("aeron.publication.unblock.timeout", "15000000000");
        p.setProperty("aeron.term.buffer.length", "4194304");
        p.setProperty("aeron.ipc.term.buffer.length", "4194304");
        p.putAll(extra);
        final Path file = work.resolve(host + "-mediadriver.properties");
        try (var out = Files.newBufferedWriter(file))
        {
            p.store(out, "media driver of host " + host);
        }
        return DaemonProcess.start(net.inHost(host, List.of(
            ProjectPaths.root().resolve("bin/l1infer-mediadriver").toString(), file.toString())), NO_BUILD);
    }

    private static DaemonProcess startDaemon(final NetworkNamespaces net, final String host,
        final Map<String, String> settings) throws IOException
    {
        final List<String> command = new ArrayList<>();
        command.add(ProjectPaths.root().resolve("bin/l1infer-daemon").toString());
        settings.forEach((k, v) -> command.add("--set=" + k + "=" + v));
        return DaemonProcess.start(net.inHost(host, command), NO_BUILD);
    }

    private static String aeronDir(final String host)
    {
        return "/dev/shm/l1i-" + PID + "-" + host;
    }

    private static Path workDir(final String name) throws IOException
    {
        final Path dir = Path.of("target", "multihost-" + PID + "-" + name).toAbsolutePath();
        Files.createDirectories(dir);
        return dir;
    }

    private static Properties read(final Path file)
    {
        final Properties p = new Properties();
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8))
        {
            p.load(in);
        }
        catch (final IOException ex)
        {
            throw new AssertionError("cannot read " + file, ex);
        }
        return p;
    }

    private static long longOf(final Properties p, final String key)
    {
        final String v = p.getProperty(key);
        if (v == null)
        {
            throw new AssertionError("no " + key + " in report " + p);
        }
        return Long.parseLong(v);
    }

    private static void report(final CharSequence text) throws IOException
    {
        System.out.print(text);
        Files.writeString(REPORT, text, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
            StandardOpenOption.APPEND);
    }

    private interface Condition
    {
        boolean test() throws Exception;
    }

    private static void awaitTrue(final Condition condition, final long timeoutMs, final String what,
        final DaemonProcess process) throws Exception
    {
        final long deadline = System.currentTimeMillis() + timeoutMs;
        while (!condition.test())
        {
            if (System.currentTimeMillis() > deadline)
            {
                throw new AssertionError("timed out waiting for " + what + ":\n" + process.output());
            }
            Thread.sleep(50);
        }
    }

    /**
     * Stop what is still running, last started first: SIGTERM so media drivers delete their directories, SIGKILL
     * for whatever does not exit in time; then delete any directory of this run a killed driver left.
     */
    private static void closeAll(final List<DaemonProcess> processes)
    {
        for (int i = processes.size() - 1; i >= 0; i--)
        {
            final DaemonProcess p = processes.get(i);
            try
            {
                if (p.isAlive())
                {
                    p.terminate();
                    p.awaitExit(10_000);
                }
            }
            catch (final AssertionError | InterruptedException ex)
            {
                System.err.println("process " + p.pid() + " did not stop on SIGTERM: " + ex.getMessage());
            }
            finally
            {
                try
                {
                    p.close();
                }
                catch (final InterruptedException ex)
                {
                    Thread.currentThread().interrupt();
                }
            }
        }
        try (var dirs = Files.newDirectoryStream(Path.of("/dev/shm"), "l1i-" + PID + "-*"))
        {
            for (final Path dir : dirs)
            {
                try (var files = Files.walk(dir))
                {
                    files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
                }
            }
        }
        catch (final IOException ex)
        {
            System.err.println("could not clean /dev/shm: " + ex);
        }
    }
}
