package io.l1infer.daemon;

import io.aeron.driver.MediaDriver;
import io.l1infer.daemon.tools.L1inferErrors;
import io.l1infer.daemon.tools.L1inferStat;
import org.agrona.IoUtil;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import picocli.CommandLine;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * An error the Aeron client reports (here: its media driver went away, a driver timeout) lands in the daemon's
 * error log and its counter, where {@code l1infer-errors} and {@code l1infer-stat} show it.
 */
class AeronClientErrorTest
{
    @Test
    @Timeout(value = 90, unit = TimeUnit.SECONDS)
    void driverTimeoutIsInTheDaemonErrorLogAndCounted() throws Exception
    {
        final String dir = TestDaemons.uniqueAeronDir();
        final MediaDriver driver = MediaDriver.launch(new MediaDriver.Context()
            .aeronDirectoryName(dir)
            .dirDeleteOnStart(true)
            .dirDeleteOnShutdown(false));
        L1inferDaemon daemon = null;
        try
        {
            daemon = L1inferDaemon.launch(TestDaemons.config(Map.of("l1infer.aeron.dir", dir,
                "l1infer.driver.embedded", "false", "l1infer.driver.timeout", "1s")));
            driver.close();
            final long deadline = System.currentTimeMillis() + 30_000;
            final PrintStream nowhere = new PrintStream(OutputStream.nullOutputStream());
            while (L1inferDaemon.printErrorLog(java.nio.file.Path.of(dir), nowhere) == 0)
            {
                assertTrue(System.currentTimeMillis() < deadline, "no error recorded after the driver went away");
                Thread.sleep(100);
            }

            final Run errors = run(new L1inferErrors(), "--aeron-dir", dir);
            assertEquals(0, errors.exit, errors.output);
            final String daemonPart = errors.output.substring(0, errors.output.indexOf("== Aeron media driver"));
            assertTrue(daemonPart.contains("DriverTimeoutException"), errors.output);

            final Run stat = run(new L1inferStat(), "--aeron-dir", dir);
            assertEquals(0, stat.exit, stat.output);
            final Matcher m = Pattern.compile("(?m)^\\s*\\d+:\\s+([\\d,]+) - l1infer: errors logged$")
                .matcher(stat.output);
            assertTrue(m.find(), stat.output);
            assertTrue(Long.parseLong(m.group(1).replace(",", "")) >= 1, stat.output);
        }
        finally
        {
            if (daemon != null)
            {
                try
                {
                    daemon.close();
                }
                catch (final RuntimeException ex)
                {
                    // The client closed itself on the timeout; closing its resources again may complain.
                }
            }
            IoUtil.delete(new File(dir), true);
        }
    }

    private record Run(int exit, String output)
    {
    }

    /** Run a tool in this JVM with System.out captured (AeronStat and ErrorStat print there). */
    private static Run run(final Object command, final String... args)
    {
        final PrintStream original = System.out;
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        System.setOut(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        try
        {
            final int exit = new CommandLine(command).execute(args);
            return new Run(exit, bytes.toString(StandardCharsets.UTF_8));
        }
        finally
        {
            System.setOut(original);
        }
    }
}
