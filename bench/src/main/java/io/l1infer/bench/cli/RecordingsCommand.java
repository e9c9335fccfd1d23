package io.l1infer.bench.cli;

import io.l1infer.bench.archive.LiveArchive;
import io.l1infer.bench.archive.OfflineArchive;
import io.l1infer.bench.archive.RecordedRuns;
import io.l1infer.bench.archive.RecordingsCommandSupport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

import java.util.concurrent.Callable;

/** {@code recordings --archive-dir DIR}: the recordings a daemon made with l1infer.archive.dir. */
@Command(name = "recordings", mixinStandardHelpOptions = true,
    description = "List the ingest and result recordings in an archive directory (l1infer.archive.dir) with the " +
        "model and engine of the daemon run that made them: through the archive's control channel while the daemon " +
        "runs, from its catalog after it stopped.")
final class RecordingsCommand implements Callable<Integer>
{
    @Mixin
    ArchiveDirOption archiveDir;

    @Override
    public Integer call() throws Exception
    {
        final RecordedRuns runs = RecordedRuns.read(archiveDir.path);
        try (LiveArchive live = LiveArchive.connectIfRunning(archiveDir.path))
        {
            if (live != null)
            {
                System.out.println(live.description());
                RecordingsCommandSupport.print(live.recordings(), runs, System.out);
                return 0;
            }
        }
        try (OfflineArchive archive = OfflineArchive.open(archiveDir.path))
        {
            System.out.println("stopped archive, catalog in " + archiveDir.path);
            RecordingsCommandSupport.print(archive.recordings(), runs, System.out);
        }
        return 0;
    }
}
