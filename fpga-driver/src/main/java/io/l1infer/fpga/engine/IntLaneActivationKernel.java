package io.l1infer.fpga.engine;

import io.l1infer.fpga.fixedpoint.FixedPointType;

/**
 * Runs an {@link ActivationFunction} inside the int-lane scalar path: the input, possibly held reduced (see
 * {@link LayerKernel}), is widened back to the declared input type exactly (a left shift), the output is the
 * result type's raw value. No vector form: models with these layers run on the scalar kernels.
 */
final class IntLaneActivationKernel implements LayerKernel
{
    private final ActivationFunction function;
    private final FixedPointType held;
    private final FixedPointType declared;
    private final long[] in;
    private final long[] out;

    IntLaneActivationKernel(
        final ActivationFunction function, final int size, final FixedPointType held, final FixedPointType declared)
    {
        this.function = function;
        this.held = held;
        this.declared = declared;
        this.in = new long[size];
        this.out = new long[size];
        if (function.outputType().width() > 32)
        {
            throw new IllegalArgumentException("activation result " + function.outputType() +
                " is wider than the 32-bit engine lanes");
        }
    }

    @Override
    public void run(final int[] input, final int[] output)
    {
        final int heldF = held.fractionBits();
        for (int i = 0; i < in.length; i++)
        {
            in[i] = declared.convert(input[i], heldF);
        }
        function.run(in, out);
        for (int i = 0; i < out.length; i++)
        {
            output[i] = (int)out[i];
        }
    }

    @Override
    public FixedPointType outputType()
    {
        return function.outputType();
    }

    @Override
    public boolean hasVectorForm()
    {
        return false;
    }
}
