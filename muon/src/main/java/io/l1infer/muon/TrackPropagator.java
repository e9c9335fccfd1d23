package io.l1infer.muon;

import java.util.Arrays;
import java.util.random.RandomGenerator;

/**
 * Steps a muon from the origin through the barrel in the transverse plane, in fixed steps of transverse path
 * length wherever a field or material acts, and records where it crosses the station radii.
 *
 * <p>Where neither acts (the gaps between coil, iron layers and stations) the muon flies straight to the next
 * boundary or station radius in one exact move, which gives what any number of steps would and costs nothing.
 *
 * <p>Per step: the direction turns by {@code -q * 0.2998 * B(r) * ds / pT} (half before and half after the move,
 * which makes the arc second-order accurate); in material the muon loses its mean energy and gets a Gaussian
 * multiple-scattering kick. The kick width per step is the Highland width of the whole layer (with the layer's
 * path length in the logarithm) shared out over its steps in quadrature, because Highland applied per 1 cm
 * step would underestimate the scattering of a thick layer by ~25%. Angles and path lengths in material scale
 * with cosh(eta); scattering in the r-z plane is ignored. The muon stops when pT falls below
 * {@value #RANGE_OUT_PT} GeV/c or when it turns back inwards.
 *
 * <p>{@link #propagate} allocates nothing. Not thread-safe (per-event scratch): one instance per thread.
 */
public final class TrackPropagator
{
    /** pT below which the muon is considered stopped, GeV/c. */
    public static final double RANGE_OUT_PT = 0.5;
    /** Muon mass, GeV/c^2. */
    public static final double MUON_MASS = 0.1056583755;
    /** Curvature per tesla of a unit-charge track of 1 GeV/c, 1/m: 0.2998. */
    public static final double CURVATURE_PER_TESLA = 0.299792458;

    private static final double SMALL_ANGLE = 0.05;

    private final double stepLength;
    private final boolean materialEffects;
    private final double[] stationRadius = new double[BarrelGeometry.STATIONS];
    private final double[] stationRadiusSquared = new double[BarrelGeometry.STATIONS];
    private final int maxSteps;

    // Radial segments [edge[k], edge[k+1]) with constant field and material; the last one is open-ended.
    private final double[] segmentStartSquared;
    private final double[] segmentField;
    private final double[] segmentRadiationLength;
    private final double[] segmentEnergyLossPerMetre;
    private final double[] segmentThicknessInX0;

    // Per-event scratch, refreshed for each muon.
    private final double[] stepEnergyLoss;
    private final double[] stepKickScale;
    private final double[] halfTurnTimesMomentum;

    public TrackPropagator(final BarrelGeometry geometry, final double stepLength, final boolean materialEffects)
    {
        if (!(stepLength > 0.0 && stepLength <= 0.1))
        {
            throw new IllegalArgumentException("stepLength must be in (0, 0.1] m, got " + stepLength);
        }
        this.stepLength = stepLength;
        this.materialEffects = materialEffects;
        for (int s = 1; s <= BarrelGeometry.STATIONS; s++)
        {
            stationRadius[s - 1] = geometry.stationRadius(s);
            stationRadiusSquared[s - 1] = geometry.stationRadius(s) * geometry.stationRadius(s);
        }
        // Generous: a looper is stopped by the inward-turn test long before this.
        this.maxSteps = (int)Math.ceil(4.0 * stationRadius[BarrelGeometry.STATIONS - 1] / stepLength);

        final double[] yokeIn = geometry.yokeInnerRadii();
        final double[] yokeOut = geometry.yokeOuterRadii();
        final double[] yokeFields = geometry.yokeFields();
        final double[] edges = new double[4 + 2 * yokeIn.length];
        int e = 0;
        edges[e++] = 0.0;
        edges[e++] = geometry.calorimeterInnerRadius();
        edges[e++] = geometry.calorimeterOuterRadius();
        edges[e++] = geometry.solenoidRadius();
        for (int i = 0; i < yokeIn.length; i++)
        {
            edges[e++] = yokeIn[i];
            edges[e++] = yokeOut[i];
        }
        final double[] sorted = Arrays.stream(edges).sorted().distinct().toArray();
        final int n = sorted.length;
        segmentStartSquared = new double[n];
        segmentField = new double[n];
        segmentRadiationLength = new double[n];
        segmentEnergyLossPerMetre = new double[n];
        segmentThicknessInX0 = new double[n];
        stepEnergyLoss = new double[n];
        stepKickScale = new double[n];
        halfTurnTimesMomentum = new double[n];
        for (int k = 0; k < n; k++)
        {
            segmentStartSquared[k] = sorted[k] * sorted[k];
            final double mid = k + 1 < n ? 0.5 * (sorted[k] + sorted[k + 1]) : sorted[k] + 1.0;
            double field = mid < geometry.solenoidRadius() ? geometry.solenoidField() : 0.0;
            if (mid >= geometry.calorimeterInnerRadius() && mid < geometry.calorimeterOuterRadius())
            {
                final double thickness = geometry.calorimeterOuterRadius() - geometry.calorimeterInnerRadius();
                segmentRadiationLength[k] = thickness / geometry.calorimeterRadiationLengths();
                segmentEnergyLossPerMetre[k] = geometry.calorimeterEnergyLoss() / thickness;
                segmentThicknessInX0[k] = geometry.calorimeterRadiationLengths();
            }
            for (int i = 0; i < yokeIn.length; i++)
            {
                if (mid >= yokeIn[i] && mid < yokeOut[i])
                {
                    field += yokeFields[i];
                    segmentRadiationLength[k] = geometry.ironRadiationLength();
                    segmentEnergyLossPerMetre[k] = geometry.ironEnergyLossPerMetre();
                    segmentThicknessInX0[k] = (yokeOut[i] - yokeIn[i]) / geometry.ironRadiationLength();
                }
            }
            segmentField[k] = field;
        }
    }

    /** Transverse step length in field or material, m. */
    public double stepLength()
    {
        return stepLength;
    }

    /** Whether energy loss and multiple scattering are simulated. */
    public boolean materialEffects()
    {
        return materialEffects;
    }

    /**
     * Propagates one muon from the origin and fills {@code out}.
     *
     * @param pt     transverse momentum at the vertex, GeV/c.
     * @param charge +1 or -1.
     * @param eta    pseudorapidity (straight line in r-z: z = sinh(eta) * transverse path).
     * @param phi    azimuth of the momentum at the vertex, rad.
     * @param random source of the scattering kicks (unused without material effects).
     */
    public void propagate(
        final double pt,
        final int charge,
        final double eta,
        final double phi,
        final RandomGenerator random,
        final StationCrossings out)
    {
        out.clear();
        final double ds = stepLength;
        final double coshEta = Math.cosh(eta);
        final double sinhEta = Math.sinh(eta);
        final int segments = segmentStartSquared.length;
        if (materialEffects)
        {
            prepareMaterial(coshEta);
        }

        double currentPt = pt;
        double momentum = pt * coshEta;
        double energy = Math.sqrt(momentum * momentum + MUON_MASS * MUON_MASS);
        double x = 0.0;
        double y = 0.0;
        double cx = Math.cos(phi);
        double cy = Math.sin(phi);
        double r2 = 0.0;
        double pathT = 0.0;
        int segment = 0;
        double invMomentum = 1.0 / momentum;
        int nextStation = 0;
        final double invCoshEta = 1.0 / coshEta;
        for (int k = 0; k < segments; k++)
        {
            // Half the turn of one step is this divided by the momentum.
            halfTurnTimesMomentum[k] = -0.5 * charge * CURVATURE_PER_TESLA * segmentField[k] * ds * coshEta;
        }
        if (segments > 1 && segmentRadiationLength[0] == 0.0 && segmentStartSquared[1] < stationRadiusSquared[0])
        {
            // From the origin through a field without material the arc is exact: the chord to radius R has
            // length R and points along the mean direction, and the direction turns by kappa * s.
            final double radius = Math.sqrt(segmentStartSquared[1]);
            final double kappa = -charge * CURVATURE_PER_TESLA * segmentField[0] / pt;
            final double halfChordAngle = 0.5 * radius * Math.abs(kappa);
            if (halfChordAngle >= 1.0)
            {
                out.markRangedOut();
                return;
            }
            final double arc = kappa == 0.0 ? radius : 2.0 * Math.asin(halfChordAngle) / Math.abs(kappa);
            x = radius * Math.cos(phi + 0.5 * kappa * arc);
            y = radius * Math.sin(phi + 0.5 * kappa * arc);
            cx = Math.cos(phi + kappa * arc);
            cy = Math.sin(phi + kappa * arc);
            r2 = segmentStartSquared[1];
            pathT = arc;
            segment = 1;
        }
        double cachedHalfTurn = 0.0;
        double halfCos = 1.0;
        double halfSin = 0.0;
        double fullCos = 1.0;
        double fullSin = 0.0;

        for (int step = 0; step < maxSteps; step++)
        {
            // The muon only moves outwards (it is stopped when it turns back), so segments only advance.
            while (segment + 1 < segments && r2 >= segmentStartSquared[segment + 1])
            {
                segment++;
            }
            final double edge2 = segment + 1 < segments ? segmentStartSquared[segment + 1] : Double.MAX_VALUE;
            final double field = segmentField[segment];
            final boolean inMatter = materialEffects && segmentRadiationLength[segment] > 0.0;

            if (field == 0.0 && !inMatter)
            {
                // Nothing acts on the muon here: fly straight to the next edge or station radius, exactly.
                final boolean toStation = stationRadiusSquared[nextStation] <= edge2;
                final double target2 = toStation ? stationRadiusSquared[nextStation] : edge2;
                final double t = distanceToRadius(x, y, cx, cy, r2, target2);
                x += t * cx;
                y += t * cy;
                pathT += t;
                r2 = target2;
                if (toStation)
                {
                    out.record(nextStation + 1, Math.atan2(y, x), Math.atan2(x * cy - y * cx, x * cx + y * cy),
                        sinhEta * pathT, currentPt);
                    if (++nextStation == BarrelGeometry.STATIONS)
                    {
                        return;
                    }
                }
                else
                {
                    segment++;
                }
                continue;
            }

            // A full step, or a shorter one that ends on the segment edge so that field and material stop there.
            double h = ds;
            boolean endsOnEdge = false;
            final double xFull = x + ds * cx;
            final double yFull = y + ds * cy;
            if (xFull * xFull + yFull * yFull >= edge2)
            {
                h = distanceToRadius(x, y, cx, cy, r2, edge2);
                endsOnEdge = true;
            }
            final double fraction = h / ds;
            final double halfTurn = halfTurnTimesMomentum[segment] * invMomentum * fraction;
            final double xPrev = x;
            final double yPrev = y;
            final double r2Prev = r2;
            final double pathPrev = pathT;
            if (inMatter)
            {
                // Move along the chord (direction turned by half the step's bend), lose energy, then turn the
                // direction by the full bend plus the scattering kick.
                final double hc = cosOf(halfTurn);
                final double hs = sinOf(halfTurn);
                x += h * (cx * hc - cy * hs);
                y += h * (cx * hs + cy * hc);
                pathT += h;
                r2 = x * x + y * y;
                energy -= stepEnergyLoss[segment] * fraction;
                if (energy <= MUON_MASS)
                {
                    out.markRangedOut();
                    return;
                }
                momentum = Math.sqrt((energy - MUON_MASS) * (energy + MUON_MASS));
                invMomentum = 1.0 / momentum;
                currentPt = momentum * invCoshEta;
                if (currentPt < RANGE_OUT_PT)
                {
                    out.markRangedOut();
                    return;
                }
                final double kickScale =
                    endsOnEdge ? stepKickScale[segment] * Math.sqrt(fraction) : stepKickScale[segment];
                final double kick = kickScale * energy * invMomentum * invMomentum * random.nextGaussian();
                final double turn = 2.0 * halfTurn + kick;
                final double tc = cosOf(turn);
                final double ts = sinOf(turn);
                final double nx = cx * tc - cy * ts;
                cy = cx * ts + cy * tc;
                cx = nx;
            }
            else
            {
                if (halfTurn != cachedHalfTurn)
                {
                    cachedHalfTurn = halfTurn;
                    halfCos = cosOf(halfTurn);
                    halfSin = sinOf(halfTurn);
                    fullCos = cosOf(2.0 * halfTurn);
                    fullSin = sinOf(2.0 * halfTurn);
                }
                x += h * (cx * halfCos - cy * halfSin);
                y += h * (cx * halfSin + cy * halfCos);
                pathT += h;
                r2 = x * x + y * y;
                final double nx = cx * fullCos - cy * fullSin;
                cy = cx * fullSin + cy * fullCos;
                cx = nx;
            }
            if (endsOnEdge)
            {
                segment++;
            }

            while (nextStation < BarrelGeometry.STATIONS && r2 >= stationRadiusSquared[nextStation])
            {
                // A station inside a field or material region: interpolate within the step.
                final double rs = stationRadius[nextStation];
                final double rPrev = Math.sqrt(r2Prev);
                final double f = (rs - rPrev) / (Math.sqrt(r2) - rPrev);
                final double xc = xPrev + f * (x - xPrev);
                final double yc = yPrev + f * (y - yPrev);
                final double zc = sinhEta * (pathPrev + f * h);
                final double phiB = Math.atan2(xc * cy - yc * cx, xc * cx + yc * cy);
                out.record(nextStation + 1, Math.atan2(yc, xc), phiB, zc, currentPt);
                nextStation++;
            }
            if (nextStation == BarrelGeometry.STATIONS)
            {
                return;
            }
            if (x * cx + y * cy <= 0.0)
            {
                out.markRangedOut();
                return;
            }
        }
        out.markRangedOut();
    }

    /** Straight-line distance from (x, y) along the unit direction (cx, cy) to radius sqrt(target2) &gt;= r. */
    private static double distanceToRadius(
        final double x, final double y, final double cx, final double cy, final double r2, final double target2)
    {
        final double b = x * cx + y * cy;
        return Math.max(0.0, -b + Math.sqrt(Math.max(0.0, b * b + (target2 - r2))));
    }

    private void prepareMaterial(final double coshEta)
    {
        final double pathPerStep = stepLength * coshEta;
        for (int k = 0; k < segmentRadiationLength.length; k++)
        {
            final double x0 = segmentRadiationLength[k];
            if (x0 > 0.0)
            {
                stepEnergyLoss[k] = segmentEnergyLossPerMetre[k] * pathPerStep;
                final double highlandLog = 1.0 + 0.038 * Math.log(segmentThicknessInX0[k] * coshEta);
                // Width of the kick in the transverse angle for beta*p = 1 GeV/c: a deflection a of the 3D
                // direction perpendicular to it in the transverse plane turns psi by a * cosh(eta).
                stepKickScale[k] = 0.0136 * Math.sqrt(pathPerStep / x0) * highlandLog * coshEta;
            }
            else
            {
                stepEnergyLoss[k] = 0.0;
                stepKickScale[k] = 0.0;
            }
        }
    }

    private static double cosOf(final double a)
    {
        if (Math.abs(a) < SMALL_ANGLE)
        {
            final double a2 = a * a;
            return 1.0 - a2 * (0.5 - a2 * (1.0 / 24.0 - a2 * (1.0 / 720.0)));
        }
        return Math.cos(a);
    }

    private static double sinOf(final double a)
    {
        if (Math.abs(a) < SMALL_ANGLE)
        {
            final double a2 = a * a;
            return a * (1.0 - a2 * (1.0 / 6.0 - a2 * (1.0 / 120.0 - a2 * (1.0 / 5040.0))));
        }
        return Math.sin(a);
    }
}
