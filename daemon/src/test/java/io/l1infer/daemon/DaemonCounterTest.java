package io.l1infer.daemon;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The counters' type ids and labels are an operator interface (AeronStat filters, scripts): pinned here. */
class DaemonCounterTest
{
    @Test
    void typeIdsAndLabelsAreThoseOperatorsRead()
    {
        final List<String> expected = List.of(
            "1000 l1infer: messages received",
            "1001 l1infer: events accepted",
            "1002 l1infer: results published",
            "1003 l1infer: rejects total",
            "1004 l1infer: batches",
            "1005 l1infer: batched events",
            "1006 l1infer: mean batch size x100",
            "1007 l1infer: back-pressure retries",
            "1008 l1infer: undeliverable results",
            "1009 l1infer: ring occupancy",
            "1010 l1infer: ring full aborts",
            "1011 l1infer: accelerator errors",
            "1012 l1infer: failovers to CPU emulator",
            "1013 l1infer: errors logged",
            "1014 l1infer: accelerator owner duty cycles",
            "1015 l1infer: messages outside partition (ignored)",
            "1016 l1infer: accelerator batch timeouts",
            "1017 l1infer: accelerator open failures",
            "1018 l1infer: histogram log write failures",
            "1019 l1infer: shadow batches checked",
            "1020 l1infer: shadow events checked",
            "1021 l1infer: shadow events matched",
            "1022 l1infer: shadow events mismatched",
            "1023 l1infer: shadow batches skipped",
            "1024 l1infer: shadow mismatches not logged",
            "1025 l1infer: mismatch log write failures",
            "1026 l1infer: failback probes",
            "1027 l1infer: failback probes failed",
            "1028 l1infer: failbacks to the accelerator");
        final List<String> actual = new ArrayList<>();
        for (final DaemonCounter counter : DaemonCounter.values())
        {
            actual.add(counter.typeId + " " + counter.label);
        }
        assertEquals(expected, actual);
    }
}
