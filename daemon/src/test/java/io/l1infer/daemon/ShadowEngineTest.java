package io.l1infer.daemon;

import io.l1infer.fpga.engine.FixedPointEmulator;
import io.l1infer.fpga.model.ModelBundle;
import io.l1infer.testsupport.ProjectPaths;
import org.agrona.concurrent.UnsafeBuffer;
import org.agrona.concurrent.status.AtomicCounter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The shadow engine reports exactly the events whose primary answer differs, and never changes the answer sent. */
class ShadowEngineTest
{
    @TempDir
    Path temp;

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void bitFlipsOfThePrimaryAreReportedExactlyWithInputsAndBothOutputs() throws IOException
    {
        final int[][] inputs = DaemonEndToEndTest.readRealInputs();
        final int events = 5000;
        final Path log = temp.resolve("mismatches.txt");
        final AtomicReference<BitFlipAccelerator> primary = new AtomicReference<>();
        final Map<Long, int[]> answers = new HashMap<>();
        final Set<Long> flippedAnswers = new HashSet<>();
        try (L1inferDaemon daemon = L1inferDaemon.launch(
            TestDaemons.config(Map.of("l1infer.shadow", "emulator", "l1infer.shadow.max.lag", "4096",
                "l1infer.shadow.mismatch.log", log.toString(), "l1infer.accelerator.max.batch", "32")),
            model ->
            {
                primary.set(new BitFlipAccelerator(new FixedPointEmulator(model, 32), 97));
                return primary.get();
            });
            DaemonTestClient client = new DaemonTestClient(daemon.aeronDirectory(),
                DaemonTestClient.DaemonTestClientChannels.of(daemon)))
        {
            final int[] expected = DaemonEndToEndTest.offline(daemon.model(), inputs);
            client.sendFeatures(inputs, events);
            client.awaitAnswers(events, 60_000);
            for (int e = 0; e < events; e++)
            {
                final DaemonTestClient.Answer a = client.answers.get((long)e);
                assertFalse(a.reject(), "event " + e);
                answers.put((long)e, a.raw());
                if (a.raw()[0] != expected[e])
                {
                    // The answer sent is the primary's, flipped bit and all.
                    assertEquals(expected[e] ^ 1, a.raw()[0], "event " + e);
                    flippedAnswers.add((long)e);
                }
            }
            assertEquals(primary.get().flipped(), flippedAnswers.size());
            assertTrue(flippedAnswers.size() >= events / 97 - 1, "flipped " + flippedAnswers.size());
            assertTrue(daemon.drainAndStop());
            final String summary = daemon.shadowSummary();
            System.out.println(summary);
            assertEquals(L1inferDaemon.shadowSummary(events, events - flippedAnswers.size(), flippedAnswers.size(),
                0), summary);

            final List<String> lines = Files.readAllLines(log);
            assertTrue(lines.get(0).startsWith("# l1infer shadow mismatches"), lines.get(0));
            final Set<Long> logged = new HashSet<>();
            for (final String line : lines)
            {
                if (line.startsWith("#"))
                {
                    continue;
                }
                final String[] f = line.split(" ");
                final long eventId = Long.parseLong(f[2]);
                assertTrue(logged.add(eventId), "logged twice: " + line);
                assertArrayEquals(inputs[(int)eventId], ints(f[4], "inputs="), line);
                assertArrayEquals(answers.get(eventId), ints(f[5], "primary="), line);
                assertArrayEquals(new int[] {expected[(int)eventId]}, ints(f[6], "shadow="), line);
            }
            assertEquals(flippedAnswers, logged);
        }
    }

    @Test
    void dueBatchesShareARecordWhileTheShadowIsBusyUntilTheLagIsReachedThenAreSkippedAndCounted()
    {
        final ShadowChecker.ShadowCounters counters = counters();
        final ModelBundle model = ModelBundle.load(ProjectPaths.thesisModel());
        final ShadowChecker checker = new ShadowChecker(new ShadowChecker.Context()
            .engine(new FixedPointEmulator(model, 8))
            .maxBatch(8)
            .maxLag(2)
            .every(3)
            .counters(counters)
            .clock(() -> 0L));
        // One batch in three is due; two records of 8 events may wait unchecked.
        final ShadowBatch first = checker.claim(5);
        assertNotNull(first);
        checker.appended(first, 5);
        assertFalse(checker.isIdle());
        assertNull(checker.claim(1));
        assertNull(checker.claim(1));
        // The shadow has the first record queued: the next due batch starts a second one.
        final ShadowBatch second = checker.claim(3);
        assertNotNull(second);
        assertTrue(first != second);
        checker.appended(second, 3);
        assertNull(checker.claim(1));
        assertNull(checker.claim(1));
        assertEquals(second, checker.claim(4), "the record being filled while it has room");
        checker.appended(second, 4);
        assertEquals(7, second.events);
        assertNull(checker.claim(1));
        assertNull(checker.claim(1));
        assertNull(checker.claim(2), "second record full, first still queued: none free, skipped");
        assertEquals(1, counters.batchesSkipped().get());

        assertEquals(1, checker.doWork());
        assertEquals(1, counters.batchesChecked().get());
        assertEquals(5, counters.eventsChecked().get());
        assertEquals(1, checker.doWork(), "the full record was handed over");
        assertEquals(0, checker.doWork());
        assertEquals(3, counters.batchesChecked().get(), "primary batches, not records");
        assertEquals(12, counters.eventsChecked().get());
        assertTrue(checker.isIdle());

        assertNull(checker.claim(1));
        assertNull(checker.claim(1));
        final ShadowBatch third = checker.claim(2);
        checker.appended(third, 2);
        assertNull(checker.claim(1));
        assertNull(checker.claim(1));
        final ShadowBatch fourth = checker.claim(1);
        checker.appended(fourth, 1);
        assertFalse(checker.isIdle(), "the fourth waits in its record while the third is queued");
        assertEquals(1, checker.doWork());
        assertFalse(checker.isIdle());
        checker.flush();
        assertEquals(1, checker.doWork(), "flushed once the shadow had nothing queued");
        assertTrue(checker.isIdle());
        assertEquals(5, counters.batchesChecked().get());
        assertEquals(15, counters.eventsChecked().get());
        // Every event is compared (the zero outputs of these records differ from the engine's answer to zero inputs).
        assertEquals(15, counters.eventsMatched().get() + counters.eventsMismatched().get());
        assertEquals(1, counters.batchesSkipped().get());
    }

    @Test
    void theShadowThreadRunsAtTheLowestSchedulingPriority() throws InterruptedException
    {
        final AtomicReference<String> scheduling = new AtomicReference<>();
        final AtomicReference<Integer> policy = new AtomicReference<>();
        final Thread thread = new Thread(() ->
        {
            scheduling.set(ShadowThreadPriority.lowerCallingThread());
            policy.set(ShadowThreadPriority.callingThreadPolicy());
        });
        thread.start();
        thread.join();
        assertEquals("SCHED_IDLE", scheduling.get());
        assertEquals(ShadowThreadPriority.SCHED_IDLE, policy.get());
        assertTrue(ShadowThreadPriority.callingThreadPolicy() != ShadowThreadPriority.SCHED_IDLE,
            "only the calling thread is lowered");
    }

    private static ShadowChecker.ShadowCounters counters()
    {
        final UnsafeBuffer values = new UnsafeBuffer(ByteBuffer.allocateDirect(64 * 16));
        final AtomicCounter[] c = new AtomicCounter[5];
        for (int i = 0; i < c.length; i++)
        {
            c[i] = new AtomicCounter(values, i);
        }
        return new ShadowChecker.ShadowCounters(c[0], c[1], c[2], c[3], c[4]);
    }

    private static int[] ints(final String field, final String prefix)
    {
        assertTrue(field.startsWith(prefix), field);
        return Arrays.stream(field.substring(prefix.length()).split(",")).mapToInt(Integer::parseInt).toArray();
    }
}
