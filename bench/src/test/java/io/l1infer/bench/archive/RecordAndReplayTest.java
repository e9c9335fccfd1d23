package io.l1infer.bench.archive;

import io.l1infer.bench.cli.L1inferBenchRunner;
import io.l1infer.config.DaemonConfig;
import io.l1infer.config.DaemonSettings;
import io.l1infer.config.SettingsSource;
import io.l1infer.daemon.DaemonTestClient;
import io.l1infer.daemon.L1inferDaemon;
import io.l1infer.daemon.ThesisInputs;
import io.l1infer.fpga.model.ModelBundle;
import io.l1infer.testsupport.ProjectPaths;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Two daemon runs recorded into one archive (a restart in between), listed while the first runs and after both
 * stopped, then replayed: identical at max and original speed, differing through another model.
 */
class RecordAndReplayTest
{
    private static final int FIRST_RUN_EVENTS = 3000;

    @TempDir
    Path temp;

    @Test
    @Timeout(value = 240, unit = TimeUnit.SECONDS)
    void recordedRunSurvivesARestartAndReplaysIdentically() throws IOException
    {
        final Path archive = temp.resolve("archive");
        final List<int[]> inputs = realInputs();
        record(archive, inputs, 0, FIRST_RUN_EVENTS, () ->
        {
            // While the daemon runs, through its archive's control channel: both recordings still open.
            final String live = L1inferBenchRunner.run(0, "recordings", "--archive-dir", archive.toString());
            assertTrue(live.startsWith("running archive, control channel aeron:ipc") &&
                live.contains("2 recordings"), live);
            assertTrue(live.contains("  ingest  ") && live.contains("  results  ") && live.contains("  recording  ") &&
                !live.contains("  -1  ") && live.contains("muon-pt-thesis"), live);
        });
        record(archive, inputs, FIRST_RUN_EVENTS, 1000, () -> {});

        final List<Long> ingest = new ArrayList<>();
        final RecordedRuns runs = RecordedRuns.read(archive);
        try (OfflineArchive reader = OfflineArchive.open(archive))
        {
            int results = 0;
            for (final OfflineArchive.Recording r : reader.recordings())
            {
                final String role = RecordingsCommandSupport.role(r, runs.runAt(r.startTimestampMs()));
                if (role.equals("ingest"))
                {
                    ingest.add(r.id());
                }
                results += role.equals("results") ? 1 : 0;
            }
            assertEquals(2, ingest.size(), "one ingest recording per run");
            assertEquals(2, results, "one result recording per run");
        }
        final String listing = L1inferBenchRunner.run(0, "recordings", "--archive-dir", archive.toString());
        assertTrue(listing.startsWith("stopped archive, catalog in ") && listing.contains("4 recordings") &&
            listing.contains("muon-pt-thesis") && !listing.contains("  recording  "), listing);

        final String first = ingest.get(0).toString();
        final String max = L1inferBenchRunner.run(0, "replay", "--archive-dir", archive.toString(),
            "--recording", first, "--speed", "max");
        assertTrue(max.contains("REPLAY recording=" + first + " events=3000 answered=3000 identical=3000 differing=0"),
            max);
        final String original = L1inferBenchRunner.run(0, "replay", "--archive-dir", archive.toString(),
            "--recording", first, "--speed", "original");
        assertTrue(original.contains("events=3000 answered=3000 identical=3000 differing=0"), original);
        final String second = L1inferBenchRunner.run(0, "replay", "--archive-dir", archive.toString(),
            "--speed", "50k");
        assertTrue(second.contains("REPLAY recording=" + ingest.get(1) + " events=1000 answered=1000 " +
            "identical=1000 differing=0"), second);

        final Path differing = temp.resolve("differing.txt");
        final String other = L1inferBenchRunner.run(3, "replay", "--archive-dir", archive.toString(),
            "--recording", first, "--model", ProjectPaths.root().resolve("models/muon-pt-talk").toString(),
            "--out", differing.toString());
        assertTrue(other.contains("events=3000 answered=3000"), other);
        // Each differing event is reported with the recorded answer (the thesis model's) and the replayed one (the
        // other model's), as the offline engine computes them; exactly the events where the two models differ.
        final int[][] replayed = new int[FIRST_RUN_EVENTS][];
        for (int e = 0; e < FIRST_RUN_EVENTS; e++)
        {
            replayed[e] = inputs.get(e % inputs.size());
        }
        final int[] thesis = ThesisInputs.offline(ModelBundle.load(ProjectPaths.thesisModel()), replayed);
        final int[] talk = ThesisInputs.offline(ModelBundle.load(ProjectPaths.root().resolve("models/muon-pt-talk")),
            replayed);
        final Set<Long> expected = new HashSet<>();
        for (int e = 0; e < FIRST_RUN_EVENTS; e++)
        {
            if (thesis[e] != talk[e])
            {
                expected.add((long)e);
            }
        }
        final Set<Long> reported = new HashSet<>();
        final Pattern line = Pattern.compile("source \\d+ event (\\d+): recorded raw=(-?\\d+) replayed raw=(-?\\d+)");
        for (final String text : Files.readAllLines(differing))
        {
            final Matcher m = line.matcher(text);
            assertTrue(m.matches(), text);
            final int event = Integer.parseInt(m.group(1));
            assertTrue(reported.add((long)event), "reported twice: " + text);
            assertEquals(thesis[event], Integer.parseInt(m.group(2)), text);
            assertEquals(talk[event], Integer.parseInt(m.group(3)), text);
        }
        assertTrue(!expected.isEmpty() && other.contains("differing=" + expected.size()), other);
        assertEquals(expected, reported);
    }

    private void record(final Path archive, final List<int[]> inputs, final int first, final int count,
        final Runnable whileRunning)
    {
        final DaemonConfig config = DaemonConfig.load(SettingsSource.builder(DaemonSettings.CATALOGUE)
            .overrides(Map.of("l1infer.aeron.dir", "/dev/shm/l1infer-test-" + ProcessHandle.current().pid() + "-rec" +
                first, "l1infer.archive.dir", archive.toString(), "l1infer.accelerator.warmup", "0"))
            .home(ProjectPaths.root())
            .build());
        try (L1inferDaemon daemon = L1inferDaemon.launch(config);
            DaemonTestClient client = new DaemonTestClient(daemon.aeronDirectory(),
                DaemonTestClient.DaemonTestClientChannels.of(daemon)))
        {
            for (int e = first; e < first + count; e++)
            {
                client.send(client.encodeFeatures(e, inputs.get(e % inputs.size())));
                client.poll();
            }
            client.awaitAnswers(count, 60_000);
            whileRunning.run();
        }
    }

    private static List<int[]> realInputs() throws IOException
    {
        final List<int[]> rows = new ArrayList<>();
        for (final String line : Files.readAllLines(ProjectPaths.thesisExpectedCsv()))
        {
            if (line.isBlank())
            {
                continue;
            }
            final String[] f = line.split(",");
            final int[] row = new int[f.length - 1];
            for (int i = 0; i < row.length; i++)
            {
                row[i] = Integer.parseInt(f[i].trim());
            }
            rows.add(row);
        }
        return rows;
    }
}
