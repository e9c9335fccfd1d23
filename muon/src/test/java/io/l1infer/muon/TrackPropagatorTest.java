package io.l1infer.muon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Cross-checks of the propagation: bending against the notes' rules of thumb and against the exact helix, energy
 * loss, and the multiple-scattering width against Highland.
 */
class TrackPropagatorTest
{
    private static final long SEED = 20240611L;
    private static final double[] PTS = {5, 10, 20, 50, 100, 200};

    /** The toy-detector.md numbers as written, before tuning to the real sample. */
    private static BarrelGeometry notesGeometry()
    {
        final BarrelGeometry tuned = BarrelGeometry.cms();
        return new BarrelGeometry(3.8, 2.95, 1.29, 2.95, 100.0, 2.75, new double[] {-1.8, -1.8, -1.8},
            tuned.yokeInnerRadii(), tuned.yokeOuterRadii(), 0.01757, 1.14, new double[] {4.1, 5.0, 6.05, 7.2},
            1.27, 3.9, 6.6, new double[4]);
    }

    /** phiB(MB1) * pT and delta-phi(MB1, MB2) * pT averaged over {@link #PTS}, for a negative muon at eta 0. */
    private static double[] bendingConstants(final BarrelGeometry geometry)
    {
        final TrackPropagator propagator = new TrackPropagator(geometry, 0.01, false);
        final StationCrossings crossings = new StationCrossings();
        double phiB = 0;
        double deltaPhi = 0;
        for (final double pt : PTS)
        {
            propagator.propagate(pt, -1, 0.0, 0.3, new SplittableRandom(SEED), crossings);
            assertTrue(crossings.reached(1) && crossings.reached(2), "pT " + pt + " reaches MB1 and MB2");
            phiB += crossings.phiB(1) * pt / PTS.length;
            deltaPhi += (crossings.phi(2) - crossings.phi(1)) * pt / PTS.length;
        }
        return new double[] {phiB, deltaPhi};
    }

    @Test
    void notesGeometryReproducesTheNotesRulesOfThumb()
    {
        final double[] k = bendingConstants(notesGeometry());
        System.out.printf("notes geometry, no material: phiB(MB1) = %.4f/pT, dphi(MB1,MB2) = %.4f/pT%n", k[0], k[1]);
        // The notes' geometry gives 1.21/pT and 0.205/pT; its rules of thumb round to 1.24 and 0.23.
        assertEquals(1.24, k[0], 0.05 * 1.24, "phiB(MB1) * pT within 5% of 1.24");
        assertEquals(0.23, k[1], 0.15 * 0.23, "dphi(MB1,MB2) * pT within 15% of 0.23");
    }

    @Test
    void tunedGeometryStaysWithinFifteenPercentOfTheRulesOfThumb()
    {
        final double[] k = bendingConstants(BarrelGeometry.cms());
        System.out.printf("tuned geometry, no material: phiB(MB1) = %.4f/pT, dphi(MB1,MB2) = %.4f/pT%n", k[0], k[1]);
        // Tuning to the real sample raised the field integral (solenoid radius 3.2 m): 12% more bending at MB1.
        assertEquals(1.24, k[0], 0.15 * 1.24, "phiB(MB1) * pT within 15% of 1.24");
        assertEquals(0.23, k[1], 0.15 * 0.23, "dphi(MB1,MB2) * pT within 15% of 0.23");
    }

    @Test
    void bendingWithoutMaterialFollowsTheExactHelix()
    {
        final BarrelGeometry geometry = BarrelGeometry.cms();
        final TrackPropagator propagator = new TrackPropagator(geometry, 0.01, false);
        final StationCrossings crossings = new StationCrossings();
        final double rs = geometry.solenoidRadius();
        final double r1 = geometry.stationRadius(1);
        for (final double pt : PTS)
        {
            for (final int charge : new int[] {-1, 1})
            {
                final double phi0 = -2.0;
                propagator.propagate(pt, charge, 0.7, phi0, new SplittableRandom(SEED), crossings);
                // Circle through the origin, then a straight line: at the solenoid edge the direction is
                // 2*alpha and the position alpha away from phi0, sin(alpha) = rs / (2 rho).
                final double rho = pt / (TrackPropagator.CURVATURE_PER_TESLA * geometry.solenoidField());
                final double alpha = Math.asin(rs / (2 * rho));
                final double impact = rs * Math.sin(alpha);
                final double expectedPhiB = -charge * Math.asin(impact / r1);
                final double expectedPhi = phi0 - charge * (2 * alpha - Math.asin(impact / r1));
                assertEquals(expectedPhiB, crossings.phiB(1), 1e-5 * Math.abs(expectedPhiB),
                    "phiB(MB1) for pT " + pt + " charge " + charge);
                assertEquals(expectedPhi, crossings.phi(1), 1e-6, "phi(MB1) for pT " + pt + " charge " + charge);
                final double path = 2 * rho * alpha + Math.sqrt(r1 * r1 - impact * impact)
                    - Math.sqrt(rs * rs - impact * impact);
                assertEquals(Math.sinh(0.7) * path, crossings.z(1), 1e-5 * path, "z(MB1) = sinh(eta) * path");
                assertEquals(pt, crossings.pt(1), 0.0, "no energy loss without material");
            }
        }
    }

    @Test
    void energyLossBeforeMb1IsTheCalorimeterLossInPtAtAnyEta()
    {
        final BarrelGeometry geometry = BarrelGeometry.cms();
        final TrackPropagator propagator = new TrackPropagator(geometry, 0.01, true);
        final StationCrossings crossings = new StationCrossings();
        for (final double eta : new double[] {0.0, 0.5, 1.1})
        {
            propagator.propagate(50.0, 1, eta, 1.0, new SplittableRandom(SEED), crossings);
            // Loss along the path is E_loss * cosh(eta) in p, which is E_loss in pT; E vs p differs by < 1e-5.
            assertEquals(50.0 - geometry.calorimeterEnergyLoss(), crossings.pt(1), 0.02, "pT at MB1, eta " + eta);
            assertTrue(crossings.pt(4) < crossings.pt(3) && crossings.pt(3) < crossings.pt(2), "iron slows it");
        }
    }

    @Test
    void lowMomentumMuonsRangeOut()
    {
        final TrackPropagator propagator = new TrackPropagator(BarrelGeometry.cms(), 0.01, true);
        final StationCrossings crossings = new StationCrossings();
        propagator.propagate(2.5, -1, 0.0, 0.0, new SplittableRandom(SEED), crossings);
        assertTrue(crossings.rangedOut(), "2.5 GeV/c at eta 0 stops in the calorimeter (2.5 GeV loss)");
        assertFalse(crossings.reached(1));
        propagator.propagate(1.0, -1, 0.0, 0.0, new SplittableRandom(SEED), crossings);
        assertTrue(crossings.rangedOut(), "1 GeV/c curls up inside the solenoid");
    }

    @Test
    void scatteringWidthMatchesHighlandForTheWholeCalorimeter()
    {
        // No field and no energy loss, so the direction at MB1 is the sum of the calorimeter kicks alone.
        final BarrelGeometry tuned = BarrelGeometry.cms();
        final BarrelGeometry geometry = new BarrelGeometry(0.0, 3.2, 1.29, 2.95, 100.0, 0.0, new double[3],
            tuned.yokeInnerRadii(), tuned.yokeOuterRadii(), 0.01757, 0.0, tuned.stationRadii(), 1.27, 3.9, 6.6,
            new double[4]);
        final TrackPropagator propagator = new TrackPropagator(geometry, 0.01, true);
        final StationCrossings crossings = new StationCrossings();
        final SplittableRandom random = new SplittableRandom(SEED);
        final double p = 20.0;
        final double eta = 0.5;
        final int n = 20_000;
        double sum = 0;
        double sumSq = 0;
        for (int i = 0; i < n; i++)
        {
            propagator.propagate(p / Math.cosh(eta), 1, eta, 0.0, random, crossings);
            final double direction = crossings.phi(1) + crossings.phiB(1);
            sum += direction;
            sumSq += direction * direction;
        }
        final double sigma = Math.sqrt(sumSq / n - (sum / n) * (sum / n));
        final double x = 100.0 * Math.cosh(eta);
        final double e = Math.sqrt(p * p + TrackPropagator.MUON_MASS * TrackPropagator.MUON_MASS);
        final double highland = 0.0136 * e / (p * p) * Math.sqrt(x) * (1 + 0.038 * Math.log(x)) * Math.cosh(eta);
        assertEquals(highland, sigma, 0.03 * highland, "transverse scattering width (seed " + SEED + ")");
    }
}
