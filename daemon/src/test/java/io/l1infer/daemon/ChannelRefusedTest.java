package io.l1infer.daemon;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A channel the media driver refuses stops the start with the setting, its value and the driver's reason. */
class ChannelRefusedTest
{
    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void aMalformedIngestChannelNamesTheSettingAndWhatFailed()
    {
        final String channel = "aeron:udp?endpoint=no-such-host.invalid:notaport";
        final IllegalStateException ex = assertThrows(IllegalStateException.class,
            () -> L1inferDaemon.launch(TestDaemons.config(Map.of("l1infer.ingest.channel", channel))).close());
        final String message = ex.getMessage();
        assertTrue(message.contains("l1infer.ingest.channel=" + channel), message);
        assertTrue(message.contains("the media driver cannot subscribe to stream"), message);
    }
}
