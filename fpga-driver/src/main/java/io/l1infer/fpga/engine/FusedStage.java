package io.l1infer.fpga.engine;

import java.util.ArrayList;
import java.util.List;

/**
 * A dense layer with the batchnorm and activation layers that follow it (or, when the model starts with them,
 * those element-wise layers alone): the unit the SIMD runners compute in one pass.
 *
 * @param dense      the dense layer, or null.
 * @param inputSize  values coming in.
 * @param width      values going out.
 * @param ops        the element-wise layers after it, in order.
 */
record FusedStage(DenseKernel dense, int inputSize, int width, List<ElementOp> ops)
{
    /** Group a model's kernels into stages; every kernel must have a 32-bit form. */
    static List<FusedStage> plan(final LayerKernel[] kernels, final int inputSize)
    {
        final List<FusedStage> stages = new ArrayList<>();
        DenseKernel dense = null;
        int stageInput = inputSize;
        int width = inputSize;
        List<ElementOp> ops = new ArrayList<>();
        for (final LayerKernel kernel : kernels)
        {
            if (!kernel.hasVectorForm())
            {
                throw new IllegalArgumentException("layer has no 32-bit form: " + kernel);
            }
            if (kernel instanceof DenseKernel d)
            {
                if (dense != null || !ops.isEmpty())
                {
                    stages.add(new FusedStage(dense, stageInput, width, List.copyOf(ops)));
                    stageInput = width;
                }
                dense = d;
                width = d.outputSize;
                ops = new ArrayList<>();
            }
            else if (kernel instanceof BatchNormKernel bn)
            {
                ops.add(new ElementOp(bn));
            }
            else
            {
                ops.add(new ElementOp((ActivationKernel)kernel));
            }
        }
        stages.add(new FusedStage(dense, stageInput, width, List.copyOf(ops)));
        return stages;
    }
}
