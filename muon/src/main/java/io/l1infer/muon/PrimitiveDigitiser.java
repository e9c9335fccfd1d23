package io.l1infer.muon;

import io.l1infer.codec.MuonPrimitiveLimits;
import io.l1infer.codec.MuonPrimitives;

import java.util.random.RandomGenerator;

/**
 * Turns station crossings into hardware-format trigger primitives and puts them in arrival order.
 *
 * <p>Per station reached inside the wheels and not dropped: quality (4..6 with the correlated probability, else
 * 0..3); phi smeared by the position resolution over the radius and phiB by the resolution of that quality;
 * sector from the staggered chamber boundaries; phi digitised to 1/4096 rad relative to the nominal sector centre
 * and phiB to 1/512 rad, rounded to nearest and clamped to 12 and 10 signed bits; bx 0, ts2tag 0.
 *
 * <p>Arrival order is ascending (wheel, sector, station). That is the order of every one of the 14,248 real
 * events, and it is what puts MB4 in slot 1 (10% of real events): for eta &lt; 0 MB4 sits in a more negative
 * wheel, and the staggered MB4 chambers often sit in a lower-numbered sector than MB1..MB3.
 *
 * <p>{@link #digitise} allocates nothing. Not thread-safe: one instance per thread.
 */
public final class PrimitiveDigitiser
{
    private static final double SECTOR_WIDTH = Math.PI / 6.0;
    private static final double TWO_PI = 2.0 * Math.PI;
    private static final int MAX_CANDIDATES = BarrelGeometry.STATIONS + 1;

    private final BarrelGeometry geometry;
    private final ChamberResponse response;

    private final int[] station = new int[MAX_CANDIDATES];
    private final int[] wheel = new int[MAX_CANDIDATES];
    private final int[] sector = new int[MAX_CANDIDATES];
    private final int[] phi = new int[MAX_CANDIDATES];
    private final int[] phiB = new int[MAX_CANDIDATES];
    private final int[] quality = new int[MAX_CANDIDATES];
    private final int[] order = new int[MAX_CANDIDATES];

    public PrimitiveDigitiser(final BarrelGeometry geometry, final ChamberResponse response)
    {
        this.geometry = geometry;
        this.response = response;
    }

    /** Replaces the content of {@code out} by the primitives of {@code crossings}, in arrival order. */
    public void digitise(final StationCrossings crossings, final RandomGenerator random, final MuonPrimitives out)
    {
        int n = 0;
        for (int s = 1; s <= BarrelGeometry.STATIONS; s++)
        {
            if (!crossings.reached(s))
            {
                continue;
            }
            final int w = geometry.wheelAt(crossings.z(s));
            if (w == BarrelGeometry.NO_WHEEL || random.nextDouble() < response.dropProbabilityOf(s))
            {
                continue;
            }
            final boolean correlated = random.nextDouble() < response.correlatedProbability();
            final int q = correlated ? 4 + random.nextInt(3) : random.nextInt(4);
            final double phiResolution = response.phiPositionResolution() / geometry.stationRadius(s);
            final double phiBResolution =
                correlated ? response.phiBResolutionCorrelated() : response.phiBResolutionSingle();
            final double measuredPhi = crossings.phi(s) + phiResolution * random.nextGaussian();
            final double measuredPhiB = crossings.phiB(s) + phiBResolution * random.nextGaussian();

            final int sec = sectorOf(measuredPhi, geometry.sectorStaggerOf(s));
            final double local = wrapToPi(measuredPhi - (sec - 1) * SECTOR_WIDTH);
            station[n] = s;
            wheel[n] = w;
            sector[n] = sec;
            phi[n] = clamp(Math.round(local * 4096.0), MuonPrimitiveLimits.PHI_MIN, MuonPrimitiveLimits.PHI_MAX);
            phiB[n] = clamp(
                Math.round(measuredPhiB * 512.0), MuonPrimitiveLimits.PHI_B_MIN, MuonPrimitiveLimits.PHI_B_MAX);
            quality[n] = q;
            n++;
            if (s == 1 && Math.abs(w) == 2 && random.nextDouble() < response.mb1OuterWheelDuplicateProbability())
            {
                station[n] = station[n - 1];
                wheel[n] = wheel[n - 1];
                sector[n] = sector[n - 1];
                phi[n] = phi[n - 1];
                phiB[n] = phiB[n - 1];
                quality[n] = quality[n - 1];
                n++;
            }
        }

        // Stable insertion sort by (wheel, sector, station): at most five entries.
        for (int i = 0; i < n; i++)
        {
            int j = i;
            while (j > 0 && arrivalKey(order[j - 1]) > arrivalKey(i))
            {
                order[j] = order[j - 1];
                j--;
            }
            order[j] = i;
        }
        out.clear();
        for (int i = 0; i < n; i++)
        {
            final int c = order[i];
            out.add(station[c], wheel[c], sector[c], phi[c], phiB[c], quality[c], 0, 0);
        }
    }

    private int arrivalKey(final int candidate)
    {
        return ((wheel[candidate] + 2) * 16 + sector[candidate]) * 8 + station[candidate];
    }

    /** Sector 1..12 whose chamber, shifted by {@code stagger}, covers global phi {@code phi}. */
    static int sectorOf(final double phi, final double stagger)
    {
        double a = (phi - stagger + 0.5 * SECTOR_WIDTH) % TWO_PI;
        if (a < 0.0)
        {
            a += TWO_PI;
        }
        final int k = (int)(a / SECTOR_WIDTH);
        return (k >= 12 ? 11 : k) + 1;
    }

    static double wrapToPi(final double angle)
    {
        double a = angle % TWO_PI;
        if (a > Math.PI)
        {
            a -= TWO_PI;
        }
        else if (a <= -Math.PI)
        {
            a += TWO_PI;
        }
        return a;
    }

    private static int clamp(final long value, final int min, final int max)
    {
        return (int)Math.max(min, Math.min(max, value));
    }
}
