package io.l1infer.daemon;

import picocli.CommandLine;
import picocli.CommandLine.IVersionProvider;

/**
 * The release version from the {@code Implementation-Version} of the jar l1infer runs from, for {@code --version}
 * of every command, the daemon's start line and its systemd status.
 */
public final class L1inferVersion implements IVersionProvider
{
    /** What the version reads as when the classes do not come from a released jar (an IDE, target/classes). */
    public static final String UNKNOWN = "unknown (not run from a jar)";

    /**
     * The version of the jar this class was loaded from.
     *
     * @return such as {@code "0.1.0-SNAPSHOT"}, or {@link #UNKNOWN}.
     */
    public static String version()
    {
        final String version = L1inferVersion.class.getPackage().getImplementationVersion();
        return version != null ? version : UNKNOWN;
    }

    /**
     * Give every command of a command line, subcommands included, this version provider.
     *
     * @param commandLine the top-level command.
     * @return the same command line.
     */
    public static CommandLine applyTo(final CommandLine commandLine)
    {
        commandLine.getCommandSpec().versionProvider(new L1inferVersion());
        for (final CommandLine sub : commandLine.getSubcommands().values())
        {
            applyTo(sub);
        }
        return commandLine;
    }

    @Override
    public String[] getVersion()
    {
        return new String[]{
            "${COMMAND-FULL-NAME} " + version(),
            "Java ${java.version} (${java.vendor} ${java.vm.name} ${java.vm.version}), ${os.name} ${os.arch}" };
    }
}
