package io.l1infer.bench.cli;

import io.l1infer.bench.latency.BenchTarget;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code replay}'s refusal of a target that is not a daemon. */
class ReplayCommandTest
{
    @Test
    @Timeout(30)
    void echoTargetIsRefusedAsAUsageError()
    {
        // The echo answers with copies of the requests, not inference results: nothing could be compared.
        final CapturedRun run = CapturedRun.of("replay", "--target", "echo", "--archive-dir", "/nonexistent");
        assertEquals(2, run.exitCode(), run.err());
        assertTrue(run.err().contains("replay needs a daemon, embedded or external"), run.err());
    }

    @Test
    @Timeout(30)
    void daemonTargetsAreAccepted()
    {
        final ReplayCommand.DaemonTargetConverter converter = new ReplayCommand.DaemonTargetConverter();
        assertEquals(BenchTarget.Kind.EMBEDDED, converter.convert("embedded"));
        assertEquals(BenchTarget.Kind.EXTERNAL, converter.convert(" External "));
    }
}
