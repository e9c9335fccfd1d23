package io.l1infer.fpga.engine;

/**
 * Whether this JVM can run {@link VectorTileRunner}: the incubating Vector API module must be in the boot layer
 * ({@code --add-modules jdk.incubator.vector}, which the launchers and test JVMs pass). Without it the engine runs
 * every event on the scalar path: same answers, slower batches.
 */
public final class VectorSupport
{
    /** Module that holds the Vector API on JDK 17. */
    public static final String MODULE = "jdk.incubator.vector";

    private static final boolean AVAILABLE = ModuleLayer.boot().findModule(MODULE).isPresent();

    private VectorSupport()
    {
    }

    /** True when the Vector API module is present. */
    public static boolean isAvailable()
    {
        return AVAILABLE;
    }
}
