package io.l1infer.fpga.engine;

import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

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

    /** A fused stage with its element ops as an array, for the inner loop. */
    private static final class Stage
    {
        final DenseKernel dense;
        final ElementOp[] ops;
        final int width;

        Stage(final FusedStage plan)
        {
            this.dense = plan.dense();
            this.ops = plan.ops().toArray(new ElementOp[0]);
            this.width = plan.width();
        }
    }

    private final Stage[] stages;
    private final int[][] tileA;
    private final int[][] tileB;

    VectorTileRunner(final LayerKernel[] kernels, final int inputSize, final int maxWidth)
    {
        final List<FusedStage> plan = FusedStage.plan(kernels, inputSize);
        stages = new Stage[plan.size()];
        for (int i = 0; i < stages.length; i++)
        {
            stages[i] = new Stage(plan.get(i));
        }
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
                applyOps(stage.ops, j, LanewiseConversion.finishDense(acc, d)).intoArray(out[j], b0);
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
            if (op.kind == ElementOp.BATCHNORM)
            {
                v = v.mul(op.scale[feature]).lanewise(VectorOperators.LSHL, op.productShift).add(op.bias[feature]);
                v = LanewiseConversion.apply(v, op.shift, op.wrapShift, op.signed, op.mask);
            }
            else if (op.relu)
            {
                final IntVector y = LanewiseConversion.apply(v, op.shift, op.wrapShift, op.signed, op.mask);
                v = y.blend(0, v.compare(VectorOperators.LE, 0));
            }
            else
            {
                v = LanewiseConversion.apply(v, op.shift, op.wrapShift, op.signed, op.mask);
            }
        }
        return v;
    }
}
