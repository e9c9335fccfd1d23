package io.l1infer.muon;

import java.util.SplittableRandom;

/**
 * Seeded, deterministic toy simulation of single muons in the CMS barrel producing DT trigger primitives.
 *
 * <p>Each call draws a muon from the gun, propagates it ({@link TrackPropagator}) and digitises the station
 * crossings ({@link PrimitiveDigitiser}). The same seed and configuration give the same events on any JVM.
 * Events with fewer than two primitives are produced too (the daemon must reject them); {@link #nextAccepted}
 * skips them. Neither method allocates. Not thread-safe: one instance per thread, each with its own seed.
 */
public final class ToyBarrelSimulation
{
    /** Draws {@link #nextAccepted} makes before concluding that the configuration yields no usable events. */
    public static final int MAX_DRAWS_PER_ACCEPTED_EVENT = 10_000;

    private final ToySimulationConfig config;
    private final SplittableRandom random;
    private final TrackPropagator propagator;
    private final PrimitiveDigitiser digitiser;
    private final StationCrossings crossings = new StationCrossings();
    private long generated;

    public ToyBarrelSimulation(final ToySimulationConfig config, final long seed)
    {
        this.config = config;
        this.random = new SplittableRandom(seed);
        this.propagator = new TrackPropagator(config.geometry(), config.stepLength(), config.materialEffects());
        this.digitiser = new PrimitiveDigitiser(config.geometry(), config.response());
    }

    /** Number of events generated so far, accepted or not. */
    public long generated()
    {
        return generated;
    }

    /** Fills {@code event} with the next muon and its primitives (possibly fewer than two). */
    public void next(final ToyEvent event)
    {
        final MuonGun gun = config.gun();
        final double pt = gun.spectrum().sample(random.nextDouble());
        final int charge = random.nextDouble() < gun.positiveFraction() ? 1 : -1;
        final double eta = gun.etaMax() * (2.0 * random.nextDouble() - 1.0);
        final double phi = Math.PI * (2.0 * random.nextDouble() - 1.0);
        event.setMuon(pt, charge, eta, phi);
        propagator.propagate(pt, charge, eta, phi, random, crossings);
        digitiser.digitise(crossings, random, event.primitives());
        generated++;
    }

    /**
     * Fills {@code event} with the next muon that has at least {@link MuonFeatures#MIN_PRIMITIVES} usable
     * primitives.
     *
     * @return the number of muons drawn, including the accepted one.
     * @throws IllegalStateException if {@link #MAX_DRAWS_PER_ACCEPTED_EVENT} draws in a row were all rejected.
     */
    public int nextAccepted(final ToyEvent event)
    {
        for (int draws = 1; draws <= MAX_DRAWS_PER_ACCEPTED_EVENT; draws++)
        {
            next(event);
            if (isAccepted(event))
            {
                return draws;
            }
        }
        throw new IllegalStateException("no event with at least " + MuonFeatures.MIN_PRIMITIVES + " primitives in "
            + MAX_DRAWS_PER_ACCEPTED_EVENT + " draws; check the configuration " + config);
    }

    /** Whether {@code event} has enough usable primitives for the model. */
    public static boolean isAccepted(final ToyEvent event)
    {
        return event.primitives().usableCount() >= MuonFeatures.MIN_PRIMITIVES;
    }
}
