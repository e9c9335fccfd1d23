package io.l1infer.bench.cli;

import io.l1infer.daemon.L1inferDaemon;
import io.l1infer.daemon.tools.AeronDirOption;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

import java.util.concurrent.Callable;

/** {@code errors}: print the distinct errors a daemon recorded in its error log. */
@Command(name = "errors", mixinStandardHelpOptions = true,
    description = "Print the distinct errors a daemon recorded (l1infer-errors.dat in its Aeron directory).")
final class ErrorsCommand implements Callable<Integer>
{
    @Mixin
    AeronDirOption aeronDir;

    @Override
    public Integer call()
    {
        final int count = L1inferDaemon.printErrorLog(aeronDir.path(), System.out);
        System.out.println(count + " distinct errors");
        return 0;
    }
}
