package io.l1infer.daemon.tools;

import io.aeron.samples.ErrorStat;
import io.l1infer.daemon.L1inferDaemon;
import io.l1infer.daemon.L1inferVersion;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

import java.nio.file.Files;
import java.util.concurrent.Callable;

/**
 * {@code l1infer-errors}: the distinct errors in the daemon's error log and in the media driver's, both read as
 * Aeron's ErrorStat reads them (the driver's by ErrorStat itself).
 */
@Command(name = "l1infer-errors", mixinStandardHelpOptions = true, versionProvider = L1inferVersion.class,
    description = "Print the distinct errors the l1infer daemon and its Aeron media driver recorded.")
public final class L1inferErrors implements Callable<Integer>
{
    @Mixin
    AeronDirOption aeronDir;

    public static void main(final String[] args)
    {
        System.exit(new CommandLine(new L1inferErrors()).execute(args));
    }

    @Override
    public Integer call()
    {
        int found = 0;
        System.out.println("== l1infer daemon error log in " + aeronDir.path);
        try
        {
            final int count = L1inferDaemon.printErrorLog(aeronDir.path, System.out);
            System.out.println(count + " distinct errors in the daemon's log");
            found++;
        }
        catch (final IllegalStateException ex)
        {
            System.out.println(ex.getMessage());
        }
        System.out.println();
        System.out.println("== Aeron media driver error log (ErrorStat)");
        if (Files.isRegularFile(aeronDir.path.resolve("cnc.dat")))
        {
            System.setProperty("aeron.dir", aeronDir.path.toString());
            ErrorStat.main(new String[0]);
            System.out.println();
            found++;
        }
        else
        {
            System.out.println("no media driver at " + aeronDir.path + " (no cnc.dat)");
        }
        System.out.flush();
        return found > 0 ? 0 : 1;
    }
}
