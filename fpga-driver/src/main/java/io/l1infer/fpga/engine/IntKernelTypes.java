package io.l1infer.fpga.engine;

import io.l1infer.fpga.fixedpoint.FixedPointType;
import io.l1infer.fpga.fixedpoint.Overflow;
import io.l1infer.fpga.fixedpoint.Quantization;
import io.l1infer.fpga.model.BatchNormLayer;
import io.l1infer.fpga.model.DenseLayer;
import io.l1infer.fpga.model.ElementwiseLayer;
import io.l1infer.fpga.model.Layer;
import io.l1infer.fpga.model.LinearLayer;
import io.l1infer.fpga.model.ModelBundle;
import io.l1infer.fpga.model.ReluLayer;

import java.util.ArrayList;
import java.util.List;

/**
 * The types the 32-bit int kernels (and the OpenCL generator built on the same arithmetic) were proven exact for:
 * ap_fixed of at most 32 bits (ap_ufixed 31, so raw values fit an {@code int} and exact products a {@code long}),
 * fraction bits in -32..62, AP_TRN / AP_RND / AP_RND_CONV, AP_WRAP with N = 0 or AP_SAT (which ignores N), and only
 * the layer kinds dense (in {@code dense_latency}'s order), batchnorm, relu and linear. Every other model runs on the
 * exact general path.
 */
public final class IntKernelTypes
{
    private IntKernelTypes()
    {
    }

    /** True when the int kernels compute conversions into and from {@code t} exactly. */
    public static boolean supports(final FixedPointType t)
    {
        return !t.isInteger() &&
            t.width() <= (t.isSigned() ? 32 : 31) &&
            t.fractionBits() >= -32 && t.fractionBits() <= 62 &&
            (t.quantization() == Quantization.AP_TRN || t.quantization() == Quantization.AP_RND ||
                t.quantization() == Quantization.AP_RND_CONV) &&
            ((t.overflow() == Overflow.AP_WRAP && t.saturationBits() == 0) || t.overflow() == Overflow.AP_SAT);
    }

    /** The reasons the int kernels cannot run {@code model}, empty when they can. */
    public static List<String> unsupported(final ModelBundle model)
    {
        return unsupported(model, false);
    }

    /**
     * As {@link #unsupported(ModelBundle)} for the CPU engine's int path, where the activation layers of
     * {@code nnet_activation.h} ({@link ElementwiseLayer}) run between int kernels whatever their table types.
     */
    static List<String> unsupportedOnCpu(final ModelBundle model)
    {
        return unsupported(model, true);
    }

    private static List<String> unsupported(final ModelBundle model, final boolean activationsOnLongs)
    {
        final List<String> reasons = new ArrayList<>();
        check(reasons, "input", model.input().type());
        for (final Layer layer : model.layers())
        {
            final String where = layer.kind() + " '" + layer.name() + "'";
            if (layer instanceof DenseLayer d)
            {
                if (d.compressed() != null)
                {
                    reasons.add(where + ": dense_compressed's summation order (its accumulator " + d.accumType() +
                        " can tell)");
                }
                check(reasons, where + " weight_t", d.weightType());
                check(reasons, where + " bias_t", d.biasType());
                check(reasons, where + " accum_t", d.accumType());
            }
            else if (layer instanceof BatchNormLayer bn)
            {
                check(reasons, where + " scale_t", bn.scaleType());
                check(reasons, where + " bias_t", bn.biasType());
            }
            else if (activationsOnLongs && layer instanceof ElementwiseLayer)
            {
                // The CPU engine computes nnet_activation.h's activations on long raws (IntLaneActivationKernel):
                // only their result has to fit the int lanes.
                check(reasons, where + " result_t", layer.resultType());
                continue;
            }
            else if (!(layer instanceof ReluLayer || layer instanceof LinearLayer))
            {
                reasons.add(where + ": layer kind without an int kernel");
                continue;
            }
            check(reasons, where + " result_t", layer.resultType());
        }
        return reasons;
    }

    private static void check(final List<String> reasons, final String where, final FixedPointType t)
    {
        if (!supports(t))
        {
            reasons.add(where + " " + t);
        }
    }
}
