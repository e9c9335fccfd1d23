package io.l1infer.fpga.opencl;

import org.junit.jupiter.api.Test;
import org.opentest4j.AssertionFailedError;
import org.opentest4j.TestAbortedException;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Without an OpenCL device, CI=true fails the OpenCL tests and anything else skips them, with the reason. */
class OpenClTestPolicyTest
{
    @Test
    void ciTrueFails()
    {
        final AssertionFailedError ex = assertThrows(AssertionFailedError.class,
            () -> OpenClTestDevices.unavailable("true", "no ICD installed"));
        assertTrue(ex.getMessage().contains("CI=true requires an OpenCL device") &&
            ex.getMessage().contains("no ICD installed"), ex.getMessage());
        assertThrows(AssertionFailedError.class, () -> OpenClTestDevices.unavailable(" TRUE ", "x"));
    }

    @Test
    void otherwiseSkips()
    {
        for (final String ci : new String[] {null, "", "false", "1"})
        {
            final TestAbortedException ex = assertThrows(TestAbortedException.class,
                () -> OpenClTestDevices.unavailable(ci, "no ICD installed"));
            assertTrue(ex.getMessage().contains("OpenCL unavailable: no ICD installed"), ex.getMessage());
        }
    }
}
