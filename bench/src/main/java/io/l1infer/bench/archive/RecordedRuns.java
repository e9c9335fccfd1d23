package io.l1infer.bench.archive;

import io.l1infer.daemon.StreamRecorder;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The daemon runs of an archive directory, read from the daemon's run log ({@link StreamRecorder#RUNS_FILE}). */
public final class RecordedRuns
{
    /** One daemon run: its time window (stop is Long.MAX_VALUE while running or after a crash) and what it served. */
    public record Run(long startMs, long stopMs, String ingestChannel, int ingestStream, String resultChannel,
        int resultStream, String modelDir, String modelName, String engine)
    {
        boolean contains(final long timeMs)
        {
            return timeMs >= startMs && timeMs <= stopMs;
        }
    }

    private final List<Run> runs;

    private RecordedRuns(final List<Run> runs)
    {
        this.runs = runs;
    }

    /** Read the run log of an archive directory; an archive without one has no known runs. */
    public static RecordedRuns read(final Path archiveDir) throws IOException
    {
        final Path file = archiveDir.resolve(StreamRecorder.RUNS_FILE);
        final List<Run> runs = new ArrayList<>();
        if (!Files.exists(file))
        {
            return new RecordedRuns(runs);
        }
        for (final String line : Files.readAllLines(file))
        {
            if (line.startsWith("start="))
            {
                runs.add(parseStart(line));
            }
            else if (line.startsWith("stop="))
            {
                final long stop = Long.parseLong(line.substring(5, line.indexOf(' ')));
                final long start = Long.parseLong(line.substring(line.indexOf("start=") + 6).trim());
                for (int i = 0; i < runs.size(); i++)
                {
                    final Run r = runs.get(i);
                    if (r.startMs() == start)
                    {
                        runs.set(i, new Run(r.startMs(), stop, r.ingestChannel(), r.ingestStream(), r.resultChannel(),
                            r.resultStream(), r.modelDir(), r.modelName(), r.engine()));
                    }
                }
            }
        }
        return new RecordedRuns(runs);
    }

    private static Run parseStart(final String line)
    {
        final long start = Long.parseLong(field(line, "start=", " ingest="));
        final String[] ingest = field(line, " ingest=", " results=").split("\\|");
        final String[] results = field(line, " results=", " model=").split("\\|");
        final String modelDir = field(line, " model=", " engine=");
        final String engine = field(line, " engine=", " model_name=");
        final String modelName = line.substring(line.indexOf(" model_name=") + 12);
        return new Run(start, Long.MAX_VALUE, ingest[0], Integer.parseInt(ingest[1]), results[0],
            Integer.parseInt(results[1]), modelDir, modelName, engine);
    }

    private static String field(final String line, final String from, final String to)
    {
        final int a = line.indexOf(from) + from.length();
        return line.substring(a, line.indexOf(to, a));
    }

    /** The run a recording that started at {@code timeMs} belongs to, or null. */
    public Run runAt(final long timeMs)
    {
        for (int i = runs.size() - 1; i >= 0; i--)
        {
            if (runs.get(i).contains(timeMs))
            {
                return runs.get(i);
            }
        }
        return null;
    }
}
