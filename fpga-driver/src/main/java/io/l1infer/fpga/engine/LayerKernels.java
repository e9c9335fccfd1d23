package io.l1infer.fpga.engine;

import io.l1infer.fpga.fixedpoint.FixedPointType;
import io.l1infer.fpga.model.BatchNormLayer;
import io.l1infer.fpga.model.DenseLayer;
import io.l1infer.fpga.model.ElementwiseLayer;
import io.l1infer.fpga.model.Layer;
import io.l1infer.fpga.model.LinearLayer;
import io.l1infer.fpga.model.ReluLayer;

/**
 * The routing from a model layer to its kernel on the exact general path: the one place where a new layer kind
 * gets its {@link WideLayerKernel}.
 */
public final class LayerKernels
{
    private LayerKernels()
    {
    }

    /**
     * The general-path kernel of {@code layer} reading values of {@code input} (the previous layer's result type,
     * or the model's input type).
     *
     * @throws IllegalArgumentException naming the layer when it cannot be computed exactly.
     */
    public static WideLayerKernel wide(final Layer layer, final FixedPointType input)
    {
        if (layer instanceof DenseLayer d)
        {
            return d.compressed() != null ? new WideCompressedDenseKernel(d, input) : new WideDenseKernel(d, input);
        }
        if (layer instanceof BatchNormLayer bn)
        {
            return new WideBatchNormKernel(bn, input);
        }
        if (layer instanceof ReluLayer r)
        {
            return new WideActivationKernel(r.name(), r.size(), true, input, r.resultType());
        }
        if (layer instanceof LinearLayer l)
        {
            return new WideActivationKernel(l.name(), l.size(), false, input, l.resultType());
        }
        if (layer instanceof ElementwiseLayer e)
        {
            return ActivationFunctions.create(e, input);
        }
        // A new layer kind: add its record to Layer's permits and a branch above returning its WideLayerKernel.
        throw new IllegalArgumentException("layer '" + layer.name() + "': kind '" + layer.kind() +
            "' has no kernel in the CPU engine");
    }
}
