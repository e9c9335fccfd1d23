package io.l1infer.daemon;

import io.aeron.Aeron;
import io.aeron.ExclusivePublication;
import io.aeron.Subscription;
import io.l1infer.config.Setting;

import java.util.function.Supplier;

/**
 * Opens the daemon's Aeron streams from its channel settings; a channel the media driver refuses (a malformed UDP
 * URI, an address not on this host) stops the start with a message naming the setting, its value and the
 * driver's reason.
 */
final class ConfiguredStreams
{
    private ConfiguredStreams()
    {
    }

    static Subscription subscription(final Aeron aeron, final Setting<String> setting, final String channel,
        final int stream)
    {
        return open(() -> aeron.addSubscription(channel, stream), setting, channel, stream, "subscribe to");
    }

    static ExclusivePublication publication(final Aeron aeron, final Setting<String> setting, final String channel,
        final int stream)
    {
        return open(() -> aeron.addExclusivePublication(channel, stream), setting, channel, stream, "publish on");
    }

    private static <T> T open(final Supplier<T> adder, final Setting<String> setting, final String channel,
        final int stream, final String what)
    {
        try
        {
            return adder.get();
        }
        catch (final RuntimeException ex)
        {
            throw refused(setting, channel, stream, what, ex);
        }
    }

    private static IllegalStateException refused(final Setting<String> setting, final String channel,
        final int stream, final String what, final RuntimeException cause)
    {
        return new IllegalStateException(setting.key() + "=" + channel + ": the media driver cannot " + what +
            " stream " + stream + " there: " + cause.getMessage(), cause);
    }
}
