package io.l1infer.fpga.engine;

import io.l1infer.fpga.fixedpoint.FixedPointType;

/** What every elementwise kernel of the general path holds: its size and result type, answered once here. */
abstract class ElementwiseKernel implements WideLayerKernel
{
    /** Values per event, in and out. */
    final int size;
    /** The layer's {@code res_T}. */
    final FixedPointType result;

    ElementwiseKernel(final int size, final FixedPointType result)
    {
        this.size = size;
        this.result = result;
    }

    @Override
    public final FixedPointType outputType()
    {
        return result;
    }
}
