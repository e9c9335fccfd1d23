package io.l1infer.daemon.tools;

import io.aeron.samples.AeronStat;
import io.l1infer.daemon.L1inferVersion;
import io.l1infer.daemon.MetricSeries;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Files;
import java.util.concurrent.Callable;

/**
 * {@code l1infer-stat}: the daemon's counters and the last interval's latency percentiles, read from the Aeron
 * counters file by Aeron's own AeronStat (filtered to l1infer's counter types), once or every few seconds.
 */
@Command(name = "l1infer-stat", mixinStandardHelpOptions = true, versionProvider = L1inferVersion.class,
    description = "Print the l1infer daemon's counters (AeronStat on the Aeron directory, l1infer types only).")
public final class L1inferStat implements Callable<Integer>
{
    @Mixin
    AeronDirOption aeronDir;

    @Option(names = "--watch", paramLabel = "SECONDS",
        description = "Print again every SECONDS until interrupted; default: once.")
    Integer watchSeconds;

    @Option(names = "--all", description = "Every counter in the file, the media driver's too.")
    boolean all;

    public static void main(final String[] args)
    {
        System.exit(new CommandLine(new L1inferStat()).execute(args));
    }

    @Override
    public Integer call() throws Exception
    {
        if (!Files.isRegularFile(aeronDir.path.resolve("cnc.dat")))
        {
            System.err.println("l1infer-stat: no Aeron media driver at " + aeronDir.path + " (no cnc.dat); is the " +
                "daemon running with l1infer.aeron.dir=" + aeronDir.path + "?");
            return 1;
        }
        // AeronStat finds the counters file through the aeron.dir property.
        System.setProperty("aeron.dir", aeronDir.path.toString());
        final String types = "type=" + (all ? ".*" : typePattern());
        if (watchSeconds == null)
        {
            AeronStat.main(new String[]{ "watch=false", types });
        }
        else
        {
            AeronStat.main(new String[]{ "watch=true", "delay=" + Math.max(1, watchSeconds), types });
        }
        return 0;
    }

    /** A regular expression matching exactly l1infer's counter type ids. */
    static String typePattern()
    {
        final StringBuilder sb = new StringBuilder("^(");
        for (int type = MetricSeries.FIRST_TYPE_ID; type < MetricSeries.END_TYPE_ID; type++)
        {
            sb.append(type == MetricSeries.FIRST_TYPE_ID ? "" : "|").append(type);
        }
        return sb.append(")$").toString();
    }
}
