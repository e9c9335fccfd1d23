package io.l1infer.muon;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import io.l1infer.codec.MuonPrimitiveLimits;
import io.l1infer.codec.MuonPrimitives;
import org.junit.jupiter.api.Test;

/** Tests of digitisation: sectors with stagger, bit widths and clamping, arrival order, duplicates. */
class PrimitiveDigitiserTest
{
    private static final double DEG = Math.PI / 180;
    private static final long SEED = 5L;

    @Test
    void sectorsAreThirtyDegreesWithSectorOneCentredAtZero()
    {
        assertEquals(1, PrimitiveDigitiser.sectorOf(0.0, 0.0));
        assertEquals(1, PrimitiveDigitiser.sectorOf(14.9 * DEG, 0.0));
        assertEquals(2, PrimitiveDigitiser.sectorOf(15.1 * DEG, 0.0));
        assertEquals(12, PrimitiveDigitiser.sectorOf(-15.1 * DEG, 0.0));
        assertEquals(7, PrimitiveDigitiser.sectorOf(Math.PI, 0.0));
        assertEquals(7, PrimitiveDigitiser.sectorOf(-Math.PI + 1e-9, 0.0));
        assertEquals(12, PrimitiveDigitiser.sectorOf(-30 * DEG, 0.0));
        // A chamber boundary staggered by -3.6 degrees: 13 degrees is already in sector 2.
        assertEquals(2, PrimitiveDigitiser.sectorOf(13 * DEG, -3.6 * DEG));
        assertEquals(1, PrimitiveDigitiser.sectorOf(13 * DEG, 0.0));
    }

    @Test
    void idealResponseDigitisesToNearestCountRelativeToTheNominalSectorCentre()
    {
        final BarrelGeometry geometry = BarrelGeometry.cms();
        final PrimitiveDigitiser digitiser = new PrimitiveDigitiser(geometry, ChamberResponse.ideal());
        final StationCrossings crossings = new StationCrossings();
        // MB2 at 13 degrees: staggered MB2 chamber is sector 2, local phi = 13 - 30 degrees.
        crossings.record(1, 13 * DEG, 0.0301, 0.5, 20);
        crossings.record(2, 13 * DEG, 0.0201, 0.5, 20);
        crossings.record(3, 13 * DEG, -5.0, 0.5, 20);
        final MuonPrimitives out = new MuonPrimitives();
        digitiser.digitise(crossings, new SplittableRandom(SEED), out);

        assertEquals(3, out.count());
        assertEquals(1, out.station(0));
        assertEquals(1, out.sector(0));
        assertEquals(Math.round(13 * DEG * 4096), out.phi(0));
        assertEquals(Math.round(0.0301 * 512), out.phiB(0));
        assertEquals(3, out.station(1), "MB3 in sector 1 arrives before MB2 in sector 2");
        assertEquals(MuonPrimitiveLimits.PHI_B_MIN, out.phiB(1), "phiB clamped to 10 bits");
        assertEquals(2, out.station(2));
        assertEquals(2, out.sector(2));
        assertEquals(Math.round((13 - 30) * DEG * 4096), out.phi(2));
        for (int i = 0; i < out.count(); i++)
        {
            assertEquals(0, out.wheel(i));
            assertEquals(0, out.bx(i));
            assertEquals(0, out.ts2tag(i));
            assertEquals(null, out.invalidField(i));
        }
    }

    @Test
    void arrivalOrderIsWheelThenSectorThenStationAndOutsideTheWheelsNothingIsProduced()
    {
        final PrimitiveDigitiser digitiser = new PrimitiveDigitiser(BarrelGeometry.cms(), ChamberResponse.ideal());
        final StationCrossings crossings = new StationCrossings();
        crossings.record(1, 0.1, 0.01, -3.0, 20);
        crossings.record(2, 0.1, 0.01, -3.6, 20);
        crossings.record(3, 0.1, 0.01, -4.4, 20);
        crossings.record(4, 0.1, 0.01, -6.7, 20);
        final MuonPrimitives out = new MuonPrimitives();
        digitiser.digitise(crossings, new SplittableRandom(SEED), out);

        assertEquals(3, out.count(), "MB4 at z = -6.7 m is beyond wheel -2");
        assertEquals(3, out.station(0), "wheel -2 first");
        assertEquals(-2, out.wheel(0));
        assertEquals(1, out.station(1));
        assertEquals(2, out.station(2));
        assertEquals(-1, out.wheel(2));
    }

    @Test
    void outerWheelMb1DuplicatesFollowTheOriginal()
    {
        final ChamberResponse alwaysDuplicate = new ChamberResponse(0, 0, 0, 1, new double[4], 1.0);
        final PrimitiveDigitiser digitiser = new PrimitiveDigitiser(BarrelGeometry.cms(), alwaysDuplicate);
        final StationCrossings crossings = new StationCrossings();
        crossings.record(1, 0.2, 0.01, 4.5, 20);
        crossings.record(2, 0.2, 0.008, 5.4, 20);
        final MuonPrimitives out = new MuonPrimitives();
        digitiser.digitise(crossings, new SplittableRandom(SEED), out);

        assertEquals(3, out.count());
        assertEquals(1, out.station(0));
        assertEquals(1, out.station(1));
        assertEquals(out.phi(0), out.phi(1));
        assertEquals(2, out.station(2));

        crossings.clear();
        crossings.record(1, 0.2, 0.01, 0.5, 20);
        digitiser.digitise(crossings, new SplittableRandom(SEED), out);
        assertEquals(1, out.count(), "no duplicate in wheel 0");
    }

    @Test
    void dropProbabilityOneProducesNothing()
    {
        final ChamberResponse dead = new ChamberResponse(0, 0, 0, 1, new double[] {1, 1, 1, 1}, 0);
        final PrimitiveDigitiser digitiser = new PrimitiveDigitiser(BarrelGeometry.cms(), dead);
        final StationCrossings crossings = new StationCrossings();
        for (int s = 1; s <= 4; s++)
        {
            crossings.record(s, 0.2, 0.01, 0.5, 20);
        }
        final MuonPrimitives out = new MuonPrimitives();
        digitiser.digitise(crossings, new SplittableRandom(SEED), out);
        assertEquals(0, out.count());
    }
}
