package io.l1infer.fpga.engine;

import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

import java.util.ArrayList;
import java.util.List;

/**
 * Runs a tile of events through a model whose every layer has a 32-bit form, with the JDK's Vector API: one lane
 * per event, each dense output accumulated in a register across its non-zero weights, and the batchnorm and
 * activation that follow it applied before the single store. Loaded only when {@code jdk.incubator.vector} is
 * present (see {@link VectorSupport}); the arithmetic is exactly that of the scalar kernels it is built from.
 */
final class VectorTileRunner
{
    static final VectorSpecies<Integer> SPECIES = IntVector.SPECIES_PREFERRED;
    /** Events per tile: a multiple of the lane count small enough that a tile's rows stay in L1. */
    static final int TILE = Math.max(64, SPECIES.length());

    private static final int OP_BATCHNORM = 0;
    private static final int OP_ACTIVATION = 1;

    /** A batchnorm or activation applied per feature inside a stage. */
    private static final class ElementOp
    {
        final int kind;
        final int[] scale;
        final int[] bias;
        final int productShift;
        final boolean relu;
        final int shift;
        final int wrapShift;
        final boolean signed;
        final int mask;

        ElementOp(final BatchNormKernel bn)
        {
            kind = OP_BATCHNORM;
            scale = bn.scale;
            bias = bn.alignedBias;
            productShift = bn.productShift;
            relu = false;
            shift = bn.toResult.shift;
            wrapShift = bn.toResult.wrapShift;
            signed = bn.toResult.signed;
            mask = bn.toResult.unsignedMask;
        }

        ElementOp(final ActivationKernel a)
        {
            kind = OP_ACTIVATION;
            scale = null;
            bias = null;
            productShift = 0;
            relu = a.relu;
            shift = a.conversion.shift;
            wrapShift = a.conversion.wrapShift;
            signed = a.conversion.signed;
            mask = a.conversion.unsignedMask;
        }
    }

    /** A dense layer with the element ops that follow it, or (dense == null) element ops on their own. */
    private static final class Stage
    {
        final DenseKernel dense;
        final ElementOp[] ops;
        final int width;

        Stage(final DenseKernel dense, final ElementOp[] ops, final int width)
        {
            this.dense = dense;
            this.ops = ops;
            this.width = width;
        }
    }

    private final Stage[] stages;
    private final int[][] tileA;
    private final int[][] tileB;

    VectorTileRunner(final LayerKernel[] kernels, final int maxWidth)
    {
        final List<Stage> list = new ArrayList<>();
        DenseKernel dense = null;
        List<ElementOp> ops = new ArrayList<>();
        int width = 0;
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
                    list.add(new Stage(dense, ops.toArray(new ElementOp[0]), width));
                }
                dense = d;
                ops = new ArrayList<>();
                width = d.outputSize;
            }
            else if (kernel instanceof BatchNormKernel bn)
            {
                ops.add(new ElementOp(bn));
                width = bn.size;
            }
            else
            {
                final ActivationKernel a = (ActivationKernel)kernel;
                ops.add(new ElementOp(a));
                width = a.size;
            }
        }
        list.add(new Stage(dense, ops.toArray(new ElementOp[0]), width));
        stages = list.toArray(new Stage[0]);
        tileA = new int[maxWidth][TILE];
        tileB = new int[maxWidth][TILE];
    }

    /** Rows the caller fills with the tile's inputs: {@code inputRows()[feature][event]}. */
    int[][] inputRows()
    {
        return tileA;
    }

    /**
     * Run the first {@code n} events of the input rows (lanes past n compute garbage that nobody reads) and
     * return the rows holding the outputs.
     */
    int[][] run(final int n)
    {
        int[][] in = tileA;
        int[][] out = tileB;
        for (final Stage stage : stages)
        {
            if (stage.dense != null)
            {
                runDense(stage, in, out, n);
            }
            else
            {
                runElementwise(stage, in, out, n);
            }
            final int[][] t = in;
            in = out;
            out = t;
        }
        return in;
    }

    private static void runDense(final Stage stage, final int[][] in, final int[][] out, final int n)
    {
        final DenseKernel d = stage.dense;
        final int lanes = SPECIES.length();
        final int s = d.shift;
        final int k0 = d.splitBits;
        final int[] start = d.columnStart;
        final int[] index = d.inputIndex;
        final int[] w = d.weight;
        final int[] wh = d.weightHigh;
        final int[] wl = d.weightLow;
        for (int b0 = 0; b0 < n; b0 += lanes)
        {
            for (int j = 0; j < d.outputSize; j++)
            {
                IntVector acc = IntVector.broadcast(SPECIES, d.accBias[j]);
                final int end = start[j + 1];
                switch (d.mode)
                {
                    case DenseKernel.MODE_SHIFT_RIGHT:
                        for (int k = start[j]; k < end; k++)
                        {
                            final IntVector x = IntVector.fromArray(SPECIES, in[index[k]], b0);
                            acc = acc.add(x.mul(w[k]).lanewise(VectorOperators.ASHR, s));
                        }
                        break;
                    case DenseKernel.MODE_SHIFT_LEFT:
                        if (-s < 32)
                        {
                            for (int k = start[j]; k < end; k++)
                            {
                                final IntVector x = IntVector.fromArray(SPECIES, in[index[k]], b0);
                                acc = acc.add(x.mul(w[k]).lanewise(VectorOperators.LSHL, -s));
                            }
                        }
                        break;
                    default:
                        for (int k = start[j]; k < end; k++)
                        {
                            final IntVector x = IntVector.fromArray(SPECIES, in[index[k]], b0);
                            final IntVector low = x.mul(wl[k]).lanewise(VectorOperators.ASHR, k0);
                            acc = acc.add(x.mul(wh[k]).add(low).lanewise(VectorOperators.ASHR, s - k0));
                        }
                        break;
                }
                // Deferred wrap of the accumulator, then its conversion to result_t.
                acc = d.accSigned ?
                    acc.lanewise(VectorOperators.LSHL, d.accWrapShift).lanewise(VectorOperators.ASHR, d.accWrapShift) :
                    acc.and(d.accMask);
                final RawConversion r = d.toResult;
                acc = convert(acc, r.shift, r.wrapShift, r.signed, r.unsignedMask);
                applyOps(stage.ops, j, acc).intoArray(out[j], b0);
            }
        }
    }

    private static void runElementwise(final Stage stage, final int[][] in, final int[][] out, final int n)
    {
        final int lanes = SPECIES.length();
        for (int b0 = 0; b0 < n; b0 += lanes)
        {
            for (int k = 0; k < stage.width; k++)
            {
                applyOps(stage.ops, k, IntVector.fromArray(SPECIES, in[k], b0)).intoArray(out[k], b0);
            }
        }
    }

    private static IntVector applyOps(final ElementOp[] ops, final int feature, final IntVector value)
    {
        IntVector v = value;
        for (final ElementOp op : ops)
        {
            if (op.kind == OP_BATCHNORM)
            {
                v = v.mul(op.scale[feature]).lanewise(VectorOperators.LSHL, op.productShift).add(op.bias[feature]);
                v = convert(v, op.shift, op.wrapShift, op.signed, op.mask);
            }
            else if (op.relu)
            {
                final IntVector y = convert(v, op.shift, op.wrapShift, op.signed, op.mask);
                v = y.blend(0, v.compare(VectorOperators.LE, 0));
            }
            else
            {
                v = convert(v, op.shift, op.wrapShift, op.signed, op.mask);
            }
        }
        return v;
    }

    /** {@link RawConversion#applyShiftAndWrap} lane-wise. */
    private static IntVector convert(
        final IntVector v, final int shift, final int wrapShift, final boolean signed, final int mask)
    {
        final IntVector shifted = shift >= 0 ?
            v.lanewise(VectorOperators.ASHR, shift) : v.lanewise(VectorOperators.LSHL, -shift);
        return signed ?
            shifted.lanewise(VectorOperators.LSHL, wrapShift).lanewise(VectorOperators.ASHR, wrapShift) :
            shifted.and(mask);
    }
}
