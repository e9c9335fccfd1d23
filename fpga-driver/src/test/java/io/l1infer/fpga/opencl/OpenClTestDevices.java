package io.l1infer.fpga.opencl;

import io.l1infer.fpga.engine.AcceleratorException;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

import java.util.List;

/**
 * The one place that decides what an OpenCL test does without a usable device: with environment variable
 * {@code CI=true} it fails (CI must have PoCL installed), otherwise it is skipped with the reason.
 */
public final class OpenClTestDevices
{
    /** Which platform tests use, by name substring; PoCL's platform by default. */
    static final String PLATFORM = System.getProperty("l1infer.test.opencl.platform", "Portable Computing Language");

    private static OpenClDevice device;
    private static String unavailableReason;

    private OpenClTestDevices()
    {
    }

    /** The device for tests (a compiler-capable device of {@link #PLATFORM}), or fail/skip per the CI policy. */
    public static synchronized OpenClDevice require()
    {
        if (device == null && unavailableReason == null)
        {
            unavailableReason = find();
        }
        if (device == null)
        {
            unavailable(System.getenv("CI"), unavailableReason);
        }
        return device;
    }

    /**
     * For a test whose OpenCL part is one of several: the device, or null after printing one {@code SKIPPED} line
     * with the reason; under {@code CI=true} a missing device fails as {@link #require()} does.
     */
    public static synchronized OpenClDevice requireOrSkipPart(final String what)
    {
        if (device == null && unavailableReason == null)
        {
            unavailableReason = find();
        }
        if (device == null)
        {
            if ("true".equalsIgnoreCase(String.valueOf(System.getenv("CI")).trim()))
            {
                unavailable("true", unavailableReason);
            }
            System.err.println("SKIPPED " + what + ": OpenCL unavailable: " + unavailableReason);
        }
        return device;
    }

    private static String find()
    {
        final List<OpenClDevice> devices;
        try
        {
            devices = OpenClDevices.list();
        }
        catch (final AcceleratorException ex)
        {
            return ex.getMessage();
        }
        for (final OpenClDevice d : devices)
        {
            if (d.compilerAvailable() && d.platformName().toLowerCase().contains(PLATFORM.toLowerCase()))
            {
                device = d;
                return null;
            }
        }
        return "no OpenCL device with a compiler on a platform named like '" + PLATFORM + "' among " + devices +
            " (install pocl-opencl-icd and ocl-icd-opencl-dev, or set -Dl1infer.test.opencl.platform)";
    }

    /**
     * Fail when {@code ciVariable} is "true" (case-insensitive), otherwise abort (skip) the test; never returns.
     */
    static void unavailable(final String ciVariable, final String reason)
    {
        final String message = "OpenCL unavailable: " + reason;
        if ("true".equalsIgnoreCase(ciVariable == null ? "" : ciVariable.trim()))
        {
            Assertions.fail("CI=true requires an OpenCL device for these tests. " + message);
        }
        Assumptions.abort(message);
    }
}
