package io.l1infer.config;

import java.util.Locale;

/**
 * A validated description of how a polling thread idles; the daemon maps it onto the Agrona strategy of the same
 * name.
 *
 * <p>Grammar: {@code busy-spin | noop | yield | backoff | backoff:<maxSpins>:<maxYields>:<minParkNs>:<maxParkNs> |
 * sleep:<duration>}. Backoff park periods accept a bare number of nanoseconds or a duration with a unit; the sleep
 * duration needs a unit. Fields that do not apply to a kind are zero.
 *
 * @param kind      which strategy.
 * @param maxSpins  {@link Kind#BACKOFF}: spins before yielding.
 * @param maxYields {@link Kind#BACKOFF}: yields before parking.
 * @param minParkNs {@link Kind#BACKOFF}: first park period in nanoseconds.
 * @param maxParkNs {@link Kind#BACKOFF}: longest park period in nanoseconds.
 * @param sleepNs   {@link Kind#SLEEP}: park period in nanoseconds.
 */
public record IdleStrategySpec(Kind kind, long maxSpins, long maxYields, long minParkNs, long maxParkNs, long sleepNs)
{
    /** Human description of the grammar, used in reasons and generated documentation. */
    public static final String SYNTAX =
        "busy-spin | noop | yield | backoff | backoff:MAXSPINS:MAXYIELDS:MINPARK:MAXPARK | sleep:DURATION";

    /** Spins before yielding in plain {@code backoff}; equal to Agrona's BackoffIdleStrategy default. */
    public static final long DEFAULT_MAX_SPINS = 10;
    /** Yields before parking in plain {@code backoff}; equal to Agrona's BackoffIdleStrategy default. */
    public static final long DEFAULT_MAX_YIELDS = 5;
    /** First park period in plain {@code backoff}; equal to Agrona's BackoffIdleStrategy default (1 us). */
    public static final long DEFAULT_MIN_PARK_NS = 1_000;
    /** Longest park period in plain {@code backoff}; equal to Agrona's BackoffIdleStrategy default (1 ms). */
    public static final long DEFAULT_MAX_PARK_NS = 1_000_000;

    /** Longest park or sleep accepted: a polling thread asleep longer than this is a misconfiguration. */
    public static final long MAX_PARK_NS = 1_000_000_000L;

    /** The strategies understood, each written as its lower-case word with '-' for '_'. */
    public enum Kind
    {
        /** Spin with Thread.onSpinWait(): lowest latency, burns a core. */
        BUSY_SPIN,
        /** Do nothing between polls: burns a core. */
        NOOP,
        /** Thread.yield() between polls. */
        YIELD,
        /** Spin, then yield, then park with exponentially growing periods. */
        BACKOFF,
        /** Park for a fixed period between polls. */
        SLEEP;

        /**
         * The word used in configuration text.
         *
         * @return such as {@code "busy-spin"}.
         */
        public String word()
        {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }
    }

    /**
     * Validate the fields for the kind.
     *
     * @throws IllegalArgumentException when a field is out of range for the kind.
     */
    public IdleStrategySpec
    {
        if (kind == null)
        {
            throw new IllegalArgumentException("must name a kind: " + SYNTAX);
        }
        if (kind == Kind.BACKOFF)
        {
            if (maxSpins < 0 || maxYields < 0)
            {
                throw new IllegalArgumentException("must have MAXSPINS >= 0 and MAXYIELDS >= 0 in backoff");
            }
            if (minParkNs < 1 || maxParkNs < minParkNs || maxParkNs > MAX_PARK_NS)
            {
                throw new IllegalArgumentException(
                    "must have 1ns <= MINPARK <= MAXPARK <= " + DurationText.format(MAX_PARK_NS) + " in backoff");
            }
        }
        if (kind == Kind.SLEEP && (sleepNs < 1 || sleepNs > MAX_PARK_NS))
        {
            throw new IllegalArgumentException(
                "must have 1ns <= DURATION <= " + DurationText.format(MAX_PARK_NS) + " in sleep:DURATION");
        }
    }

    /**
     * Parse a spec.
     *
     * @param text such as {@code "backoff:100:10:1us:100us"}.
     * @return the validated spec.
     * @throws IllegalArgumentException naming the grammar or the bad part.
     */
    public static IdleStrategySpec parse(final String text)
    {
        final String[] parts = text.split(":", -1);
        final String head = parts[0].trim();
        for (final Kind kind : Kind.values())
        {
            if (!kind.word().equals(head))
            {
                continue;
            }
            if (kind == Kind.BACKOFF && parts.length == 5)
            {
                return new IdleStrategySpec(kind,
                    count(parts[1], "MAXSPINS"), count(parts[2], "MAXYIELDS"),
                    parkNanos(parts[3], "MINPARK"), parkNanos(parts[4], "MAXPARK"), 0);
            }
            if (kind == Kind.SLEEP && parts.length == 2)
            {
                return new IdleStrategySpec(kind, 0, 0, 0, 0, sleepNanos(parts[1]));
            }
            if (parts.length == 1 && kind != Kind.SLEEP)
            {
                return kind == Kind.BACKOFF ? backoff() : new IdleStrategySpec(kind, 0, 0, 0, 0, 0);
            }
            break;
        }
        throw new IllegalArgumentException("must be one of " + SYNTAX);
    }

    /**
     * Plain {@code backoff} with Agrona's default parameters.
     *
     * @return the spec.
     */
    public static IdleStrategySpec backoff()
    {
        return new IdleStrategySpec(
            Kind.BACKOFF, DEFAULT_MAX_SPINS, DEFAULT_MAX_YIELDS, DEFAULT_MIN_PARK_NS, DEFAULT_MAX_PARK_NS, 0);
    }

    /** The canonical text, which {@link #parse(String)} reads back. */
    @Override
    public String toString()
    {
        return switch (kind)
        {
            case BACKOFF -> equals(backoff()) ? kind.word() : kind.word() + ':' + maxSpins + ':' + maxYields + ':' +
                DurationText.format(minParkNs) + ':' + DurationText.format(maxParkNs);
            case SLEEP -> kind.word() + ':' + DurationText.format(sleepNs);
            default -> kind.word();
        };
    }

    private static long count(final String part, final String name)
    {
        final String digits = part.trim();
        if (!DurationText.isDigits(digits))
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
        if (DurationText.isDigits(trimmed))
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
}
