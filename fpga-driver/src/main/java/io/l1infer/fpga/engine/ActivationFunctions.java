package io.l1infer.fpga.engine;

import io.l1infer.fpga.fixedpoint.FixedPointType;
import io.l1infer.fpga.model.EluLayer;
import io.l1infer.fpga.model.ElementwiseLayer;
import io.l1infer.fpga.model.HardActivationLayer;
import io.l1infer.fpga.model.LookupActivationLayer;
import io.l1infer.fpga.model.PReluLayer;
import io.l1infer.fpga.model.ParametrizedRelu;
import io.l1infer.fpga.model.ParametrizedReluLayer;
import io.l1infer.fpga.model.ReluMaxLayer;
import io.l1infer.fpga.model.SeluLayer;
import io.l1infer.fpga.model.SignActivationLayer;
import io.l1infer.fpga.model.SoftmaxLayer;
import io.l1infer.fpga.model.UnaryLutLayer;
import io.l1infer.fpga.model.Unsigned64Activations;

/** Picks the kernel for each activation record of {@link ElementwiseLayer}. */
final class ActivationFunctions
{
    private ActivationFunctions()
    {
    }

    /**
     * @param input the layer's declared input type ({@code data_T}: the previous layer's result type).
     * @throws IllegalArgumentException naming the layer when its configuration cannot be computed exactly.
     */
    static ActivationFunction create(final ElementwiseLayer layer, final FixedPointType input)
    {
        Unsigned64Activations.check(layer, input);
        if (layer instanceof ReluMaxLayer || layer instanceof ParametrizedReluLayer || layer instanceof PReluLayer ||
            layer instanceof EluLayer)
        {
            // each assigns x itself to res_T for some x >= 0: refused at load where ap_types leaves that undefined
            layer.resultType().checkConvertibleFrom(input.integerBits(), "layer '" + layer.name() + "'");
        }
        if (layer instanceof ReluMaxLayer r)
        {
            return ReluFamilyKernel.reluMax(r.size(), r.maxInt(), input, r.resultType());
        }
        if (layer instanceof ParametrizedReluLayer r)
        {
            return r.function() == ParametrizedRelu.LEAKY_RELU
                ? ReluFamilyKernel.leaky(r.name(), r.size(), r.parameter(), r.parameterType(), input, r.resultType())
                : ReluFamilyKernel.thresholded(r.size(), r.parameter(), r.parameterType(), input, r.resultType());
        }
        if (layer instanceof PReluLayer p)
        {
            return ReluFamilyKernel.prelu(p.name(), p.alphas(), p.alphaType(), input, p.resultType());
        }
        if (layer instanceof EluLayer e)
        {
            return ExpTableKernel.elu(e.name(), e.size(), e.alpha(), e.alphaType(), e.table(), input,
                e.resultType());
        }
        if (layer instanceof SeluLayer s)
        {
            return ExpTableKernel.selu(s.name(), s.size(), s.table(), s.generation(), input, s.resultType());
        }
        if (layer instanceof LookupActivationLayer l)
        {
            return new LookupKernel(l.function(), l.size(), l.table(), input, l.resultType());
        }
        if (layer instanceof HardActivationLayer h)
        {
            return new HardActivationKernel(h, input);
        }
        if (layer instanceof SignActivationLayer s)
        {
            return new SignKernel(s, input);
        }
        if (layer instanceof UnaryLutLayer u)
        {
            return new UnaryLutKernel(u, input);
        }
        return new SoftmaxKernel((SoftmaxLayer)layer, input);
    }
}
