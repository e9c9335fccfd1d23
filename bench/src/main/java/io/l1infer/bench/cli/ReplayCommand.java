package io.l1infer.bench.cli;

import io.aeron.Aeron;
import io.l1infer.bench.archive.OfflineArchive;
import io.l1infer.bench.archive.RecordedRuns;
import io.l1infer.bench.archive.RecordingsCommandSupport;
import io.l1infer.bench.archive.ReplayRun;
import io.l1infer.bench.latency.BenchTarget;
import io.l1infer.config.DaemonConfig;
import io.l1infer.config.DaemonSettings;
import io.l1infer.daemon.L1inferDaemon;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.TypeConversionException;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

import static io.l1infer.config.DaemonSettings.AERON_DIR;
import static io.l1infer.config.DaemonSettings.INGEST_CHANNEL;
import static io.l1infer.config.DaemonSettings.INGEST_STREAM;
import static io.l1infer.config.DaemonSettings.MODEL_DIR;
import static io.l1infer.config.DaemonSettings.REJECT_STREAM;
import static io.l1infer.config.DaemonSettings.RESULT_CHANNEL;
import static io.l1infer.config.DaemonSettings.RESULT_STREAM;

/** {@code replay}: a recorded ingest stream through a daemon again, its answers compared with the recorded ones. */
@Command(name = "replay", mixinStandardHelpOptions = true,
    description = "Replay a recorded ingest stream (l1infer.archive.dir) into a daemon - the recorded run's model " +
        "by default, or another - and compare every answer with the recorded one: REPLAY recording=ID events=N " +
        "answered=N identical=N differing=D. Exit 0 when all are identical, 3 otherwise.")
final class ReplayCommand implements Callable<Integer>
{
    /** Exit code when an answer differs or is missing. */
    static final int EXIT_DIFFERENT = 3;

    @Mixin
    ArchiveDirOption archiveDir;

    @Option(names = "--recording", defaultValue = "-1",
        description = "Id of the ingest recording (see 'recordings'); default: the newest ingest recording.")
    long recordingId;

    @Option(names = "--speed", defaultValue = "max",
        description = "original (the recorded intended send times' spacing), max (as fast as back pressure " +
            "allows) or a rate such as 100k events/s.")
    String speed;

    @Option(names = "--model", description = "Model bundle or hls4ml project to replay through; default: the " +
        "recorded run's l1infer.model.dir.")
    Path model;

    @Option(names = "--accelerator", description = "emulator or opencl; default: the settings' l1infer.accelerator.")
    String accelerator;

    @Option(names = "--target", defaultValue = "embedded", converter = DaemonTargetConverter.class,
        description = "embedded (a daemon in this JVM) or external (a running daemon found by the settings).")
    BenchTarget.Kind target;

    @Option(names = "--out", description = "Write the differing events to this file.")
    Path out;

    @Mixin
    SettingsOptions settings;

    @Override
    public Integer call() throws Exception
    {
        final ReplayRun.Speed pace = parseSpeed(speed);
        final RecordedRuns runs = RecordedRuns.read(archiveDir.path);
        final ReplayRun.Outcome outcome;
        try (OfflineArchive archive = OfflineArchive.open(archiveDir.path))
        {
            final List<OfflineArchive.Recording> all = archive.recordings();
            OfflineArchive.Recording ingest = null;
            for (final OfflineArchive.Recording r : all)
            {
                final RecordedRuns.Run run = runs.runAt(r.startTimestampMs());
                if ((recordingId < 0 || r.id() == recordingId) &&
                    "ingest".equals(RecordingsCommandSupport.role(r, run)))
                {
                    ingest = r;
                }
            }
            if (ingest == null)
            {
                System.err.println("no ingest recording " + (recordingId >= 0 ? recordingId + " " : "") + "in " +
                    archiveDir.path + " (see l1infer-bench recordings --archive-dir " + archiveDir.path + ")");
                return L1inferBench.EXIT_FAILURE;
            }
            final RecordedRuns.Run run = runs.runAt(ingest.startTimestampMs());
            final List<OfflineArchive.Recording> results = new ArrayList<>();
            for (final OfflineArchive.Recording r : all)
            {
                if (run == runs.runAt(r.startTimestampMs()) && "results".equals(RecordingsCommandSupport.role(r, run)))
                {
                    results.add(r);
                }
            }
            final ReplayRun replay = new ReplayRun();
            replay.readRecordedAnswers(archive, results);

            settings.overrides.put(DaemonSettings.MODEL_DIR.key(), model != null ? model.toString() : run.modelDir());
            settings.overrides.put(DaemonSettings.ARCHIVE_DIR.key(), "");
            if (accelerator != null)
            {
                settings.overrides.put(DaemonSettings.ACCELERATOR.key(), accelerator);
            }
            final DaemonConfig config = settings.config(target);
            System.out.println("replaying recording " + ingest.id() + " (" + (ingest.stopPosition() -
                ingest.startPosition()) + " bytes, model " + run.modelName() + ", engine " + run.engine() +
                ") at speed " + speed + " through " + config.get(MODEL_DIR));
            L1inferDaemon daemon = null;
            try
            {
                daemon = target == BenchTarget.Kind.EMBEDDED ? L1inferDaemon.launch(config) : null;
                final String aeronDir = daemon != null ? daemon.aeronDirectory() : config.get(AERON_DIR).toString();
                try (Aeron aeron = Aeron.connect(new Aeron.Context().aeronDirectoryName(aeronDir)))
                {
                    outcome = replay.replay(archive, ingest, aeron, config.get(INGEST_CHANNEL),
                        config.get(INGEST_STREAM), config.get(RESULT_CHANNEL), config.get(RESULT_STREAM),
                        config.get(REJECT_STREAM), pace);
                }
            }
            finally
            {
                if (daemon != null)
                {
                    daemon.close();
                }
            }
        }
        System.out.println(outcome.line());
        if (out != null)
        {
            Files.write(out, outcome.differing());
        }
        else
        {
            outcome.differing().stream().limit(20).forEach(System.out::println);
        }
        return outcome.differing().isEmpty() ? 0 : EXIT_DIFFERENT;
    }

    private static ReplayRun.Speed parseSpeed(final String text)
    {
        if ("original".equals(text))
        {
            return ReplayRun.Speed.ORIGINAL;
        }
        if ("max".equals(text))
        {
            return ReplayRun.Speed.MAX;
        }
        return new ReplayRun.Speed(false, 1_000_000_000L / RateConverter.parse(text));
    }

    /** {@code --target} of a replay: a daemon only, since the echo's answers are not inference results to compare. */
    static final class DaemonTargetConverter extends TargetKindConverter
    {
        @Override
        public BenchTarget.Kind convert(final String value)
        {
            final BenchTarget.Kind kind = super.convert(value);
            if (kind == BenchTarget.Kind.ECHO)
            {
                throw new TypeConversionException("'" + value + "': replay needs a daemon, embedded or external");
            }
            return kind;
        }
    }
}
