package io.l1infer.fpga.engine;

import io.l1infer.fpga.fixedpoint.FixedPointType;

/**
 * relu_max (relu6, relu1), leaky_relu, thresholded_relu and prelu: comparisons and products are exact in ap_fixed,
 * so each output is one conversion to {@code res_T} of x, of alpha * x (fraction bits added), of MAX_INT or of 0.
 * Same code in every template generation.
 */
final class ReluFamilyKernel extends ElementwiseKernel implements ActivationFunction
{
    enum Kind
    {
        RELU_MAX, LEAKY, THRESHOLDED, PRELU
    }

    private final Kind kind;
    private final FixedPointType input;
    private final int fin;
    /** alpha (leaky), theta (thresholded) or the alphas (prelu), raw in {@code paramF} fraction bits. */
    private final long[] params;
    private final int paramF;
    /** The C++ type of alpha * x ({@code mult}): its integer bits and signedness decide ap_int and AP_SAT_SYM. */
    private final int productI;
    private final boolean productSigned;
    private final long maxAsResult;
    private final int maxInt;

    private ReluFamilyKernel(
        final Kind kind,
        final int size,
        final FixedPointType input,
        final FixedPointType result,
        final long[] params,
        final FixedPointType paramType,
        final int maxInt)
    {
        super(size, result);
        this.kind = kind;
        this.input = input;
        this.fin = input.fractionBits();
        this.params = params;
        this.paramF = paramType == null ? 0 : paramType.fractionBits();
        this.productI = paramType == null ? 0 : paramType.integerBits() + input.integerBits();
        this.productSigned = paramType == null || paramType.isSigned() || input.isSigned();
        this.maxInt = maxInt;
        this.maxAsResult = result.convert(maxInt, ApFixedArithmetic.C_INT);
    }

    static ReluFamilyKernel reluMax(final int size, final int maxInt, final FixedPointType in, final FixedPointType res)
    {
        return new ReluFamilyKernel(Kind.RELU_MAX, size, in, res, new long[0], null, maxInt);
    }

    static ReluFamilyKernel leaky(
        final String name, final int size, final double alpha, final FixedPointType alphaType,
        final FixedPointType in, final FixedPointType res)
    {
        ApFixedArithmetic.requireProductFits(name, alphaType, in);
        res.checkConvertibleFrom(alphaType.integerBits() + in.integerBits(), "layer '" + name + "' alpha * x");
        return new ReluFamilyKernel(Kind.LEAKY, size, in, res, new long[] {alphaType.fromDouble(alpha)}, alphaType,
            0);
    }

    static ReluFamilyKernel thresholded(
        final int size, final double theta, final FixedPointType thetaType,
        final FixedPointType in, final FixedPointType res)
    {
        return new ReluFamilyKernel(Kind.THRESHOLDED, size, in, res, new long[] {thetaType.fromDouble(theta)},
            thetaType, 0);
    }

    static ReluFamilyKernel prelu(
        final String name, final long[] alphas, final FixedPointType alphaType,
        final FixedPointType in, final FixedPointType res)
    {
        ApFixedArithmetic.requireProductFits(name, alphaType, in);
        res.checkConvertibleFrom(alphaType.integerBits() + in.integerBits(), "layer '" + name + "' alpha * x");
        return new ReluFamilyKernel(Kind.PRELU, alphas.length, in, res, alphas.clone(), alphaType, 0);
    }

    /** res_T(alpha * x) from the exact product as the C++ types it (ap_int with I = 0 and AP_SAT_SYM read that). */
    private long product(final long p)
    {
        return result.convertWide(p >> 63, p, paramF + fin, productI, productSigned);
    }

    @Override
    public void run(final long[] in, final long[] out)
    {
        for (int i = 0; i < size; i++)
        {
            final long x = in[i];
            switch (kind)
            {
                case RELU_MAX:
                    if (x < 0)
                    {
                        out[i] = 0;
                    }
                    else if (ApFixedArithmetic.compare(x, fin, maxInt, 0) > 0)
                    {
                        out[i] = maxAsResult;
                    }
                    else
                    {
                        out[i] = result.convert(x, input);
                    }
                    break;
                case LEAKY:
                    out[i] = x > 0 ? result.convert(x, input) : product(params[0] * x);
                    break;
                case THRESHOLDED:
                    out[i] = ApFixedArithmetic.compare(x, fin, params[0], paramF) > 0 ? result.convert(x, input) : 0;
                    break;
                case PRELU:
                    out[i] = x > 0 ? result.convert(x, input) : product(params[i] * x);
                    break;
                default:
                    throw new IllegalStateException(kind.name());
            }
        }
    }
}
