package io.l1infer.bench.latency;

import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The RESULT line: the issue's keys in the issue's order, values from the run, and parse errors named. */
class ResultLineTest
{
    @Test
    void formatsTheIssuesKeysInOrderAndParsesBack()
    {
        final Histogram h = LatencyRecorder.newHistogram();
        for (int i = 1; i <= 1000; i++)
        {
            h.recordValue(i * 1000L);
        }
        final RunResult run = new RunResult("embedded-thesis", "embedded", "thesis", 100_000, 1000, 998, 1, 1, 1, 5,
            2000, false, 3, 4_500_000, h, LatencyRecorder.newHistogram(), 3.5, List.of(), 0, "");
        final String line = ResultLine.format(run);
        assertTrue(line.startsWith("RESULT rate=100000 sent=1000 received=998 lost=1 rejected=1 p50_us="), line);
        final Map<String, String> values = ResultLine.parse(line);
        assertEquals(List.of("rate", "sent", "received", "lost", "rejected", "p50_us", "p90_us", "p99_us", "p999_us",
            "p9999_us", "max_us", "target", "workload", "timeouts", "max_send_lag_us", "sender_gaps", "sender_gap_ms"),
            List.copyOf(values.keySet()));
        assertEquals(500.0, Double.parseDouble(values.get("p50_us")), 0.5);
        assertEquals(990.0, Double.parseDouble(values.get("p99_us")), 1.0);
        assertEquals(1000.0, Double.parseDouble(values.get("max_us")), 1.0);
        assertEquals("2.0", values.get("max_send_lag_us"));
        assertEquals("3", values.get("sender_gaps"));
        assertEquals("4.5", values.get("sender_gap_ms"));
    }

    @Test
    void parseNamesWhatIsWrong()
    {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> ResultLine.parse("rate=1"))
            .getMessage().contains("not a RESULT line"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> ResultLine.parse("RESULT rate=1 sent"))
            .getMessage().contains("word 2 'sent' is not key=value"));
    }
}
