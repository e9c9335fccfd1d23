package io.l1infer.training;

import io.l1infer.fpga.fixedpoint.FixedPointType;
import io.l1infer.muon.MuonFeatures;
import io.l1infer.muon.ToyBarrelSimulation;
import io.l1infer.muon.ToyEvent;
import io.l1infer.muon.ToySimulationConfig;

/**
 * Simulated muons as the model sees them: per event the 27 features quantized to the model's input type exactly as
 * the daemon does ({@code inputType.fromDouble(feature)}), and the true pT. Flat arrays, event-major.
 */
public final class TrainingSample
{
    private final int[] rawInputs;
    private final double[] pt;
    private final int count;
    private final int width;

    TrainingSample(final int[] rawInputs, final double[] pt, final int width)
    {
        if (rawInputs.length != pt.length * width)
        {
            throw new IllegalArgumentException("sample: " + rawInputs.length + " inputs for " + pt.length +
                " events of width " + width);
        }
        this.rawInputs = rawInputs;
        this.pt = pt;
        this.count = pt.length;
        this.width = width;
    }

    /**
     * Simulate {@code events} accepted muons (at least two usable primitives).
     *
     * @throws IllegalStateException if a simulated event's features are invalid (a simulation bug).
     */
    public static TrainingSample simulate(
        final ToySimulationConfig config, final long seed, final int events, final FixedPointType inputType)
    {
        if (events < 1)
        {
            throw new IllegalArgumentException("number of events must be >= 1: " + events);
        }
        final ToyBarrelSimulation simulation = new ToyBarrelSimulation(config, seed);
        final ToyEvent event = new ToyEvent();
        final MuonFeatures features = new MuonFeatures();
        final int width = MuonFeatures.FEATURE_COUNT;
        final double[] values = new double[width];
        final int[] raw = new int[events * width];
        final double[] pt = new double[events];
        for (int e = 0; e < events; e++)
        {
            simulation.nextAccepted(event);
            if (features.build(event.primitives(), values, 0) < MuonFeatures.MIN_PRIMITIVES)
            {
                throw new IllegalStateException("simulated event " + e + " (seed " + seed + ") has invalid features: " +
                    event);
            }
            quantize(values, inputType, raw, e * width);
            pt[e] = event.pt();
        }
        return new TrainingSample(raw, pt, width);
    }

    /** The daemon's quantization of one feature vector. */
    static void quantize(final double[] features, final FixedPointType type, final int[] out, final int offset)
    {
        for (int k = 0; k < features.length; k++)
        {
            out[offset + k] = (int)type.fromDouble(features[k]);
        }
    }

    /** Events {@code from .. to-1} as a sample of their own (copies). */
    TrainingSample slice(final int from, final int to)
    {
        final int[] raw = java.util.Arrays.copyOfRange(rawInputs, from * width, to * width);
        return new TrainingSample(raw, java.util.Arrays.copyOfRange(pt, from, to), width);
    }

    /** Raw inputs, event-major (shared, not copied: read only). */
    int[] rawInputs()
    {
        return rawInputs;
    }

    public double pt(final int event)
    {
        return pt[event];
    }

    public int count()
    {
        return count;
    }

    public int width()
    {
        return width;
    }
}
