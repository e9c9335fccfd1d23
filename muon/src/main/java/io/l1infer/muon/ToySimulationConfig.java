package io.l1infer.muon;

/**
 * Everything that defines a toy simulation run apart from its seed.
 *
 * @param gun             what is shot.
 * @param geometry        the detector the muons cross.
 * @param response        how stations turn crossings into primitives.
 * @param stepLength      transverse step of the propagation, m (the notes ask for 1 cm).
 * @param materialEffects whether energy loss and multiple scattering are simulated (off for cross-checks).
 */
public record ToySimulationConfig(
    MuonGun gun, BarrelGeometry geometry, ChamberResponse response, double stepLength, boolean materialEffects)
{
    /** Default transverse step, m. */
    public static final double DEFAULT_STEP_LENGTH = 0.01;

    /** The tuned default that reproduces the real thesis marginals (README). */
    public static ToySimulationConfig thesisLike()
    {
        return new ToySimulationConfig(
            MuonGun.thesisLike(), BarrelGeometry.cms(), ChamberResponse.cms(), DEFAULT_STEP_LENGTH, true);
    }

    public ToySimulationConfig
    {
        if (gun == null || geometry == null || response == null)
        {
            throw new IllegalArgumentException("gun, geometry and response must not be null");
        }
        if (!(stepLength > 0.0 && stepLength <= 0.1))
        {
            throw new IllegalArgumentException("stepLength must be in (0, 0.1] m, got " + stepLength);
        }
    }
}
