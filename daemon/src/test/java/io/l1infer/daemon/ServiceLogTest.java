package io.l1infer.daemon;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class ServiceLogTest
{
    @Test
    void everyLineCarriesThePriorityWhenTheJournalIsTheDestination()
    {
        assertEquals("<6>ready\n", ServiceLog.format(ServiceLog.INFO, "ready", true));
        assertEquals("<3>bad configuration:\n<3>l1infer.ring.size: must be a power of two\n",
            ServiceLog.format(ServiceLog.ERROR, "bad configuration:\nl1infer.ring.size: must be a power of two\n",
            true));
        assertEquals("<4>a\n<4>\n<4>b\n", ServiceLog.format(ServiceLog.WARNING, "a\n\nb", true));
    }

    @Test
    void plainLinesOtherwise()
    {
        assertEquals("ready\n", ServiceLog.format(ServiceLog.INFO, "ready", false));
        assertEquals("a\nb\n", ServiceLog.format(ServiceLog.ERROR, "a\nb\n", false));
    }
}
