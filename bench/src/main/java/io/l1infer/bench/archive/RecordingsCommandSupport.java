package io.l1infer.bench.archive;

import java.io.PrintStream;
import java.time.Instant;
import java.util.List;

/**
 * The text of {@code l1infer-bench recordings}: one line per recording with its role and its run's model and engine.
 */
public final class RecordingsCommandSupport
{
    private RecordingsCommandSupport()
    {
    }

    /** The role of a recording in its run: ingest, results, or unknown when no run log line covers it. */
    public static String role(final OfflineArchive.Recording r, final RecordedRuns.Run run)
    {
        if (run == null)
        {
            return "unknown";
        }
        if (r.streamId() == run.ingestStream() && run.ingestChannel().startsWith(r.channel().split("\\?")[0]))
        {
            return "ingest";
        }
        if (r.streamId() == run.resultStream() && run.resultChannel().startsWith(r.channel().split("\\?")[0]))
        {
            return "results";
        }
        return "unknown";
    }

    /** Print every recording of the archive. */
    public static void print(final List<OfflineArchive.Recording> recordings, final RecordedRuns runs,
        final PrintStream out)
    {
        out.println("id  role     session  stream  channel  start  stop  bytes  model  engine");
        for (final OfflineArchive.Recording r : recordings)
        {
            final RecordedRuns.Run run = runs.runAt(r.startTimestampMs());
            out.println(r.id() + "  " + role(r, run) + "  " + r.sessionId() + "  " + r.streamId() + "  " + r.channel() +
                "  " + Instant.ofEpochMilli(r.startTimestampMs()) + "  " +
                (r.stopTimestampMs() > 0 ? Instant.ofEpochMilli(r.stopTimestampMs()).toString() : "recording") +
                "  " + (r.stopPosition() - r.startPosition()) + "  " + (run != null ? run.modelName() + " (" +
                run.modelDir() + ")" : "-") + "  " + (run != null ? run.engine() : "-"));
        }
        out.println(recordings.size() + " recordings");
    }
}
