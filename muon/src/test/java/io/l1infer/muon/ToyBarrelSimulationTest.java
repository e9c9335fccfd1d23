package io.l1infer.muon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import io.l1infer.codec.MuonPrimitives;
import org.junit.jupiter.api.Test;

/** Determinism, filtering, allocation and basic physics of {@link ToyBarrelSimulation}. */
class ToyBarrelSimulationTest
{
    private static final long SEED = 1234L;

    private static String run(final long seed, final int events)
    {
        final ToyBarrelSimulation simulation = new ToyBarrelSimulation(ToySimulationConfig.thesisLike(), seed);
        final ToyEvent event = new ToyEvent();
        final StringBuilder sb = new StringBuilder();
        for (int i = 0; i < events; i++)
        {
            simulation.next(event);
            ToyEventCsv.write(sb, event);
        }
        return sb.toString();
    }

    @Test
    void sameSeedGivesTheSameEventsAndAnotherSeedOtherEvents()
    {
        assertEquals(run(SEED, 500), run(SEED, 500));
        assertNotEquals(run(SEED, 500), run(SEED + 1, 500));
    }

    @Test
    void eventsAreInRangeAndPrimitivesValid()
    {
        final ToySimulationConfig config = ToySimulationConfig.thesisLike();
        final ToyBarrelSimulation simulation = new ToyBarrelSimulation(config, SEED);
        final ToyEvent event = new ToyEvent();
        int withFewerThanTwo = 0;
        for (int i = 0; i < 5_000; i++)
        {
            simulation.next(event);
            assertTrue(event.pt() >= 3 && event.pt() <= 200, "pT " + event + " seed " + SEED);
            assertTrue(Math.abs(event.eta()) <= config.gun().etaMax(), "eta " + event + " seed " + SEED);
            assertTrue(event.charge() == 1 || event.charge() == -1);
            final MuonPrimitives p = event.primitives();
            assertTrue(p.count() <= BarrelGeometry.STATIONS + 1, "at most one duplicate: " + event);
            for (int k = 0; k < p.count(); k++)
            {
                assertNull(p.invalidField(k), "primitive " + k + " of " + event + " seed " + SEED);
                assertEquals(0, p.bx(k));
            }
            if (p.count() < MuonFeatures.MIN_PRIMITIVES)
            {
                withFewerThanTwo++;
            }
        }
        assertEquals(5_000, simulation.generated());
        assertTrue(withFewerThanTwo > 100, "events with < 2 primitives are produced too: " + withFewerThanTwo);
    }

    @Test
    void nextAcceptedSkipsEventsWithFewerThanTwoPrimitives()
    {
        final ToyBarrelSimulation simulation = new ToyBarrelSimulation(ToySimulationConfig.thesisLike(), SEED);
        final ToyEvent event = new ToyEvent();
        long draws = 0;
        for (int i = 0; i < 2_000; i++)
        {
            draws += simulation.nextAccepted(event);
            assertTrue(ToyBarrelSimulation.isAccepted(event), event + " seed " + SEED);
        }
        assertEquals(draws, simulation.generated());
        assertTrue(draws > 2_000, "some events were skipped");
    }

    @Test
    void aConfigurationWithoutUsableEventsFailsClearly()
    {
        final ChamberResponse dead = new ChamberResponse(0, 0, 0, 1, new double[] {1, 1, 1, 1}, 0);
        final ToyBarrelSimulation simulation =
            new ToyBarrelSimulation(new ToySimulationConfig(MuonGun.thesisLike(), BarrelGeometry.cms(), dead,
                ToySimulationConfig.DEFAULT_STEP_LENGTH, true), SEED);
        final IllegalStateException ex =
            assertThrows(IllegalStateException.class, () -> simulation.nextAccepted(new ToyEvent()));
        assertTrue(ex.getMessage().contains("no event with at least 2 primitives"), ex.getMessage());
    }

    @Test
    void negativeMuonsBendToPositivePhiBAtMb1()
    {
        final ToySimulationConfig config = new ToySimulationConfig(MuonGun.thesisLike().withPositiveFraction(0.5),
            BarrelGeometry.cms(), ChamberResponse.ideal(), ToySimulationConfig.DEFAULT_STEP_LENGTH, true);
        final ToyBarrelSimulation simulation = new ToyBarrelSimulation(config, SEED);
        final ToyEvent event = new ToyEvent();
        int checked = 0;
        for (int i = 0; i < 3_000; i++)
        {
            simulation.next(event);
            final MuonPrimitives p = event.primitives();
            for (int k = 0; k < p.count(); k++)
            {
                if (p.station(k) == 1)
                {
                    assertTrue(-event.charge() * p.phiB(k) > 0, "charge sign vs MB1 phiB: " + event + " seed " + SEED);
                    checked++;
                }
            }
        }
        assertTrue(checked > 2_000, "MB1 primitives checked: " + checked);
    }

    @Test
    void nextAllocatesNothing()
    {
        final com.sun.management.ThreadMXBean threads =
            (com.sun.management.ThreadMXBean)ManagementFactory.getThreadMXBean();
        final ToyBarrelSimulation simulation = new ToyBarrelSimulation(ToySimulationConfig.thesisLike(), SEED);
        final ToyEvent event = new ToyEvent();
        final MuonFeatures features = new MuonFeatures();
        final double[] row = new double[MuonFeatures.FEATURE_COUNT];
        long sink = 0;
        for (int i = 0; i < 10_000; i++)
        {
            sink += simulation.nextAccepted(event) + features.build(event.primitives(), row, 0);
        }
        final long id = Thread.currentThread().getId();
        final long before = threads.getThreadAllocatedBytes(id);
        for (int i = 0; i < 10_000; i++)
        {
            sink += simulation.nextAccepted(event) + features.build(event.primitives(), row, 0);
        }
        final long allocated = threads.getThreadAllocatedBytes(id) - before;
        assertTrue(sink > 0);
        assertTrue(allocated < 1024, "10,000 accepted events allocated " + allocated + " bytes");
    }
}
