package io.l1infer.config;

import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ListenAddressTest
{
    @Test
    void barePortBindsToLoopbackOnly()
    {
        assertEquals(new ListenAddress("127.0.0.1", 9464), ListenAddress.parse("9464"));
    }

    @Test
    void hostAndPortAndBracketedIpv6()
    {
        assertEquals(new ListenAddress("10.1.2.3", 80), ListenAddress.parse("10.1.2.3:80"));
        assertEquals(new ListenAddress("::1", 9464), ListenAddress.parse("[::1]:9464"));
        assertEquals("[::1]:9464", ListenAddress.parse("[::1]:9464").toString());
    }

    @Test
    void badTextIsRefusedNamingTheSyntax()
    {
        for (final String bad : new String[]{ "-1", "65536", "host:", ":80", "::1:80", "x:y", "localhost" })
        {
            final IllegalArgumentException ex = assertThrows(IllegalArgumentException.class,
                () -> ListenAddress.parse(bad), bad);
            assertTrue(ex.getMessage().contains("HOST:PORT"), bad + ": " + ex.getMessage());
        }
    }

    @Test
    void metricsAreOffByDefaultAndABadValueNamesTheKey()
    {
        final SettingsSource defaults = SettingsSource.builder(DaemonSettings.CATALOGUE).build();
        assertEquals(Optional.empty(), DaemonConfig.load(defaults).get(DaemonSettings.METRICS_LISTEN));
        final SettingsSource bad = SettingsSource.builder(DaemonSettings.CATALOGUE)
            .overrides(Map.of("l1infer.metrics.listen", "127.0.0.1:99999")).build();
        final ConfigException ex = assertThrows(ConfigException.class, () -> DaemonConfig.load(bad));
        assertTrue(ex.getMessage().startsWith("l1infer.metrics.listen"), ex.getMessage());
    }
}
