package io.l1infer.muon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Validation and immutability of the simulation configuration records. */
class ConfigurationTest
{
    @Test
    void geometryRejectsBadValuesNamingTheParameter()
    {
        final BarrelGeometry g = BarrelGeometry.cms();
        final IllegalArgumentException radii = assertThrows(IllegalArgumentException.class, () -> new BarrelGeometry(
            3.8, 3.2, 1.29, 2.95, 100, 2.5, g.yokeFields(), g.yokeInnerRadii(), g.yokeOuterRadii(), 0.01757, 1.14,
            new double[] {4.2, 4.0, 6.05, 7.2}, 1.27, 3.9, 6.6, new double[4]));
        assertTrue(radii.getMessage().startsWith("stationRadii must increase"), radii.getMessage());
        final IllegalArgumentException fields = assertThrows(IllegalArgumentException.class, () -> new BarrelGeometry(
            3.8, 3.2, 1.29, 2.95, 100, 2.5, new double[] {-1.8}, g.yokeInnerRadii(), g.yokeOuterRadii(), 0.01757,
            1.14, g.stationRadii(), 1.27, 3.9, 6.6, new double[4]));
        assertEquals("yokeFields must have 3 entries, got 1", fields.getMessage());
    }

    @Test
    void geometryArraysAreCopies()
    {
        final BarrelGeometry g = BarrelGeometry.cms();
        g.stationRadii()[0] = 99;
        assertEquals(4.2, g.stationRadius(1));
        assertEquals(BarrelGeometry.cms(), g);
    }

    @Test
    void wheelsFollowZ()
    {
        final BarrelGeometry g = BarrelGeometry.cms();
        assertEquals(0, g.wheelAt(1.26));
        assertEquals(-1, g.wheelAt(-1.27));
        assertEquals(2, g.wheelAt(3.9));
        assertEquals(-2, g.wheelAt(-6.59));
        assertEquals(BarrelGeometry.NO_WHEEL, g.wheelAt(6.6));
    }

    @Test
    void responseAndGunRejectBadProbabilities()
    {
        final IllegalArgumentException drop = assertThrows(IllegalArgumentException.class,
            () -> new ChamberResponse(0.001, 0.002, 0.04, 0.8, new double[] {0.1, 0.1, 1.5, 0.1}, 0));
        assertEquals("stationDropProbability[2] must be a probability in [0, 1], got 1.5", drop.getMessage());
        final IllegalArgumentException gun = assertThrows(IllegalArgumentException.class,
            () -> MuonGun.thesisLike().withPositiveFraction(-0.1));
        assertEquals("positiveFraction must be in [0, 1], got -0.1", gun.getMessage());
        final IllegalArgumentException step = assertThrows(IllegalArgumentException.class,
            () -> new ToySimulationConfig(MuonGun.thesisLike(), BarrelGeometry.cms(), ChamberResponse.cms(), 0.5,
            true));
        assertEquals("stepLength must be in (0, 0.1] m, got 0.5", step.getMessage());
    }
}
