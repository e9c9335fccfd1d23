package io.l1infer.config;

import io.aeron.driver.Configuration;
import org.agrona.concurrent.BackoffIdleStrategy;
import org.agrona.concurrent.IdleStrategy;
import org.agrona.concurrent.SleepingIdleStrategy;

import java.util.function.Supplier;

/**
 * How a polling thread idles: the canonical text of the setting and the Agrona strategy it builds.
 *
 * <p>Grammar: {@code busy-spin | backoff | backoff:<maxSpins>:<maxYields>:<minParkNs>:<maxParkNs> |
 * sleep:<duration>}, or any name Aeron's media driver reads ({@link Configuration#agentIdleStrategy}: {@code noop},
 * {@code spin}, {@code yield}, {@code sleep-ns}, {@code sleep-ms}, {@code backoff} or the class name of an
 * {@link IdleStrategy} with a public no-argument constructor), which Aeron builds. Plain {@code backoff} is Agrona's
 * {@link BackoffIdleStrategy} with its own defaults (10 spins, 5 yields, parks of 1 us to 1 ms), as it always was
 * here; Aeron's driver builds its {@code backoff} with 20 yields. Backoff park periods accept a bare number of
 * nanoseconds or a duration with a unit; the sleep duration needs a unit.
 */
public final class ConfiguredIdleStrategy
{
    /** Human description of the grammar, used in reasons and generated documentation. */
    public static final String SYNTAX = "busy-spin | noop | yield | backoff | " +
        "backoff:MAXSPINS:MAXYIELDS:MINPARK:MAXPARK | sleep:DURATION | " +
        "Aeron's names spin, sleep-ns, sleep-ms or an IdleStrategy class name";

    /** Longest park or sleep accepted: a polling thread asleep longer than this is a misconfiguration. */
    public static final long MAX_PARK_NS = 1_000_000_000L;

    private static final String BUSY_SPIN = "busy-spin";
    private static final String BACKOFF = "backoff";
    private static final String SLEEP = "sleep";

    private final String text;
    private final Supplier<IdleStrategy> factory;

    private ConfiguredIdleStrategy(final String text, final Supplier<IdleStrategy> factory)
    {
        this.text = text;
        this.factory = factory;
    }

    /**
     * Parse a strategy and check that it can be built.
     *
     * @param text such as {@code "backoff:100:10:1us:100us"} or {@code "spin"}.
     * @return the strategy.
     * @throws IllegalArgumentException naming the grammar or the bad part.
     */
    public static ConfiguredIdleStrategy parse(final String text)
    {
        final String[] parts = text.split(":", -1);
        final String head = parts[0].trim();
        if (BACKOFF.equals(head) && parts.length == 5)
        {
            return backoff(count(parts[1], "MAXSPINS"), count(parts[2], "MAXYIELDS"),
                parkNanos(parts[3], "MINPARK"), parkNanos(parts[4], "MAXPARK"));
        }
        if (SLEEP.equals(head) && parts.length == 2)
        {
            return sleep(sleepNanos(parts[1]));
        }
        if (parts.length != 1)
        {
            throw new IllegalArgumentException("must be one of " + SYNTAX);
        }
        return switch (head)
        {
            case BACKOFF -> new ConfiguredIdleStrategy(BACKOFF, BackoffIdleStrategy::new);
            case BUSY_SPIN -> aeronNamed(BUSY_SPIN, "spin");
            default -> aeronNamed(head, head);
        };
    }

    /**
     * A new strategy instance for one thread (strategies may hold state).
     *
     * @return the Agrona strategy.
     */
    public IdleStrategy newStrategy()
    {
        return factory.get();
    }

    /** The canonical text, which {@link #parse(String)} reads back. */
    @Override
    public String toString()
    {
        return text;
    }

    @Override
    public boolean equals(final Object other)
    {
        return other instanceof ConfiguredIdleStrategy && text.equals(((ConfiguredIdleStrategy)other).text);
    }

    @Override
    public int hashCode()
    {
        return text.hashCode();
    }

    private static ConfiguredIdleStrategy backoff(
        final long maxSpins, final long maxYields, final long minParkNs, final long maxParkNs)
    {
        if (minParkNs < 1 || maxParkNs < minParkNs || maxParkNs > MAX_PARK_NS)
        {
            throw new IllegalArgumentException(
                "must have 1ns <= MINPARK <= MAXPARK <= " + DurationText.format(MAX_PARK_NS) + " in backoff");
        }
        final boolean defaults = maxSpins == BackoffIdleStrategy.DEFAULT_MAX_SPINS &&
            maxYields == BackoffIdleStrategy.DEFAULT_MAX_YIELDS &&
            minParkNs == BackoffIdleStrategy.DEFAULT_MIN_PARK_PERIOD_NS &&
            maxParkNs == BackoffIdleStrategy.DEFAULT_MAX_PARK_PERIOD_NS;
        final String text = defaults ? BACKOFF : BACKOFF + ':' + maxSpins + ':' + maxYields + ':' +
            DurationText.format(minParkNs) + ':' + DurationText.format(maxParkNs);
        return new ConfiguredIdleStrategy(text,
            () -> new BackoffIdleStrategy(maxSpins, maxYields, minParkNs, maxParkNs));
    }

    private static ConfiguredIdleStrategy sleep(final long sleepNs)
    {
        if (sleepNs < 1 || sleepNs > MAX_PARK_NS)
        {
            throw new IllegalArgumentException(
                "must have 1ns <= DURATION <= " + DurationText.format(MAX_PARK_NS) + " in sleep:DURATION");
        }
        return new ConfiguredIdleStrategy(SLEEP + ':' + DurationText.format(sleepNs),
            () -> new SleepingIdleStrategy(sleepNs));
    }

    /** Aeron builds the strategy; a class name is checked to be an IdleStrategy before Aeron instantiates it. */
    private static ConfiguredIdleStrategy aeronNamed(final String text, final String aeronName)
    {
        if (aeronName.indexOf('.') >= 0 && !isIdleStrategyClass(aeronName))
        {
            throw new IllegalArgumentException("must be one of " + SYNTAX + " (" + aeronName +
                " is not an IdleStrategy class on the class path)");
        }
        try
        {
            Configuration.agentIdleStrategy(aeronName, null);
        }
        catch (final Exception ex)
        {
            // Aeron's "controllable" needs a status indicator the daemon does not have; unknown words fail to load.
            throw new IllegalArgumentException("must be one of " + SYNTAX);
        }
        return new ConfiguredIdleStrategy(text, () -> Configuration.agentIdleStrategy(aeronName, null));
    }

    private static boolean isIdleStrategyClass(final String name)
    {
        try
        {
            return IdleStrategy.class.isAssignableFrom(
                Class.forName(name, false, ConfiguredIdleStrategy.class.getClassLoader()));
        }
        catch (final ClassNotFoundException | LinkageError ex)
        {
            return false;
        }
    }

    private static long count(final String part, final String name)
    {
        final String digits = part.trim();
        if (!isDigits(digits))
        {
            throw new IllegalArgumentException("must have a whole number for " + name + " in " + SYNTAX);
        }
        try
        {
            return Long.parseLong(digits);
        }
        catch (final NumberFormatException ex)
        {
            throw new IllegalArgumentException("must have " + name + " fit in a long");
        }
    }

    private static long sleepNanos(final String part)
    {
        try
        {
            return DurationText.parseNanos(part.trim());
        }
        catch (final IllegalArgumentException ex)
        {
            throw new IllegalArgumentException("must have DURATION as " + DurationText.SYNTAX + " in sleep:DURATION");
        }
    }

    private static long parkNanos(final String part, final String name)
    {
        final String trimmed = part.trim();
        if (isDigits(trimmed))
        {
            return count(trimmed, name);
        }
        try
        {
            return DurationText.parseNanos(trimmed);
        }
        catch (final IllegalArgumentException ex)
        {
            throw new IllegalArgumentException(
                "must have " + name + " as nanoseconds or " + DurationText.SYNTAX + " in " + SYNTAX);
        }
    }

    private static boolean isDigits(final String text)
    {
        return !text.isEmpty() && text.chars().allMatch((c) -> c >= '0' && c <= '9');
    }
}
