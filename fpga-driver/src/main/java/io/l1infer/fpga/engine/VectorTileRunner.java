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
    /** Events per tile: four lane blocks, a tile's rows still in L1. */
    static final int TILE = 4 * SPECIES.length();

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
        final int lanes = SPECIES.length();
        if (n <= lanes)
        {
            runDenseBlock(stage, in, out);
            return;
        }
        if (n <= 2 * lanes)
        {
            // Up to two blocks of events pay for two, not four: on 16 lanes the thesis model's batches of 17-32
            // took 8.6-9.1 us this way against 13.4-15.0 as a four-block tile (JMH).
            runDenseTwoBlocks(stage, in, out);
            return;
        }
        // Four lane blocks at once: each weight and input index is loaded once for four vectors, and four
        // independent accumulator chains keep the multiplier busy (twice the throughput of one block at a time).
        for (int b0 = 0; b0 < n; b0 += 4 * lanes)
        {
            runDenseFourBlocks(stage, in, out, b0);
        }
    }

    private static void runDenseBlock(final Stage stage, final int[][] in, final int[][] out)
    {
        final DenseKernel d = stage.dense;
        final int[] start = d.columnStart;
        final int[] index = d.inputIndex;
        final boolean split = d.mode == DenseKernel.MODE_SPLIT;
        final int s = d.vectorShift;
        final int k0 = d.splitBits;
        for (int j = 0; j < d.outputSize; j++)
        {
            IntVector acc = IntVector.broadcast(SPECIES, d.accBias[j]);
            final int end = start[j + 1];
            if (!split)
            {
                final int[] w = d.vectorWeight;
                for (int k = start[j]; k < end; k++)
                {
                    acc = acc.add(IntVector.fromArray(SPECIES, in[index[k]], 0).mul(w[k])
                        .lanewise(VectorOperators.ASHR, s));
                }
            }
            else
            {
                for (int k = start[j]; k < end; k++)
                {
                    acc = acc.add(splitTerm(IntVector.fromArray(SPECIES, in[index[k]], 0), d.weightHigh[k],
                        d.weightLow[k], k0, s - k0));
                }
            }
            acc.intoArray(out[j], 0);
        }
        final ElementOp[] ops = stage.ops;
        final int lanes = SPECIES.length();
        for (int j = 0; j < d.outputSize; j++)
        {
            finishDense(d, out[j], 0, lanes);
            applyOps(ops, j, out[j], out[j], 0, lanes);
        }
    }

    private static void runDenseTwoBlocks(final Stage stage, final int[][] in, final int[][] out)
    {
        // runDenseFourBlocks with two of its accumulator chains, on purpose: see the caller.
        final DenseKernel d = stage.dense;
        final int lanes = SPECIES.length();
        final int[] start = d.columnStart;
        final int[] index = d.inputIndex;
        final boolean split = d.mode == DenseKernel.MODE_SPLIT;
        final int s = d.vectorShift;
        final int k0 = d.splitBits;
        for (int j = 0; j < d.outputSize; j++)
        {
            IntVector a0 = IntVector.broadcast(SPECIES, d.accBias[j]);
            IntVector a1 = a0;
            final int end = start[j + 1];
            if (!split)
            {
                final int[] weights = d.vectorWeight;
                for (int k = start[j]; k < end; k++)
                {
                    final int[] x = in[index[k]];
                    final int w = weights[k];
                    a0 = a0.add(IntVector.fromArray(SPECIES, x, 0).mul(w).lanewise(VectorOperators.ASHR, s));
                    a1 = a1.add(IntVector.fromArray(SPECIES, x, lanes).mul(w).lanewise(VectorOperators.ASHR, s));
                }
            }
            else
            {
                for (int k = start[j]; k < end; k++)
                {
                    final int[] x = in[index[k]];
                    final int wh = d.weightHigh[k];
                    final int wl = d.weightLow[k];
                    a0 = a0.add(splitTerm(IntVector.fromArray(SPECIES, x, 0), wh, wl, k0, s - k0));
                    a1 = a1.add(splitTerm(IntVector.fromArray(SPECIES, x, lanes), wh, wl, k0, s - k0));
                }
            }
            final int[] o = out[j];
            a0.intoArray(o, 0);
            a1.intoArray(o, lanes);
        }
        final ElementOp[] ops = stage.ops;
        for (int j = 0; j < d.outputSize; j++)
        {
            finishDense(d, out[j], 0, 2 * lanes);
            applyOps(ops, j, out[j], out[j], 0, 2 * lanes);
        }
    }

    private static void runDenseFourBlocks(final Stage stage, final int[][] in, final int[][] out, final int b0)
    {
        // runDenseBlock unrolled four times on purpose: four independent accumulator chains, see the caller.
        final DenseKernel d = stage.dense;
        final int lanes = SPECIES.length();
        final int b1 = b0 + lanes;
        final int b2 = b1 + lanes;
        final int b3 = b2 + lanes;
        final int[] start = d.columnStart;
        final int[] index = d.inputIndex;
        final boolean split = d.mode == DenseKernel.MODE_SPLIT;
        final int s = d.vectorShift;
        final int k0 = d.splitBits;
        for (int j = 0; j < d.outputSize; j++)
        {
            IntVector a0 = IntVector.broadcast(SPECIES, d.accBias[j]);
            IntVector a1 = a0;
            IntVector a2 = a0;
            IntVector a3 = a0;
            final int end = start[j + 1];
            if (!split)
            {
                final int[] weights = d.vectorWeight;
                for (int k = start[j]; k < end; k++)
                {
                    final int[] x = in[index[k]];
                    final int w = weights[k];
                    a0 = a0.add(IntVector.fromArray(SPECIES, x, b0).mul(w).lanewise(VectorOperators.ASHR, s));
                    a1 = a1.add(IntVector.fromArray(SPECIES, x, b1).mul(w).lanewise(VectorOperators.ASHR, s));
                    a2 = a2.add(IntVector.fromArray(SPECIES, x, b2).mul(w).lanewise(VectorOperators.ASHR, s));
                    a3 = a3.add(IntVector.fromArray(SPECIES, x, b3).mul(w).lanewise(VectorOperators.ASHR, s));
                }
            }
            else
            {
                for (int k = start[j]; k < end; k++)
                {
                    final int[] x = in[index[k]];
                    final int wh = d.weightHigh[k];
                    final int wl = d.weightLow[k];
                    a0 = a0.add(splitTerm(IntVector.fromArray(SPECIES, x, b0), wh, wl, k0, s - k0));
                    a1 = a1.add(splitTerm(IntVector.fromArray(SPECIES, x, b1), wh, wl, k0, s - k0));
                    a2 = a2.add(splitTerm(IntVector.fromArray(SPECIES, x, b2), wh, wl, k0, s - k0));
                    a3 = a3.add(splitTerm(IntVector.fromArray(SPECIES, x, b3), wh, wl, k0, s - k0));
                }
            }
            final int[] o = out[j];
            a0.intoArray(o, b0);
            a1.intoArray(o, b1);
            a2.intoArray(o, b2);
            a3.intoArray(o, b3);
        }
        // Finish in a second pass over the (L1-resident) rows: one copy of the conversion code keeps the
        // accumulation loop small enough for the JIT to keep every vector in a register.
        final ElementOp[] ops = stage.ops;
        for (int j = 0; j < d.outputSize; j++)
        {
            finishDense(d, out[j], b0, b3 + lanes);
            applyOps(ops, j, out[j], out[j], b0, b3 + lanes);
        }
    }

    /** floor(x*w / 2^s) modulo 2^32 through w = wh*2^k + wl, see {@link DenseKernel#splitBitsFor}. */
    private static IntVector splitTerm(final IntVector x, final int wh, final int wl, final int k, final int rest)
    {
        return x.mul(wh).add(x.mul(wl).lanewise(VectorOperators.ASHR, k)).lanewise(VectorOperators.ASHR, rest);
    }

    private static void runElementwise(final Stage stage, final int[][] in, final int[][] out, final int n)
    {
        final int lanes = SPECIES.length();
        final int end = (n + lanes - 1) / lanes * lanes;
        for (int k = 0; k < stage.width; k++)
        {
            applyOps(stage.ops, k, in[k], out[k], 0, end);
        }
    }

    /*
     * The conversions below work in place on arrays, a few vector operations per method, and take no vector
     * argument: see LanewiseConversion on why a compiled unit must stay small and vectors must not cross calls.
     */

    /*
     * Each method loops over the lanes [start, end) of one row, a multiple of the vector length: one call per row
     * and operation, and the loop body is what C2 inlines into, whatever the unrolling it does afterwards.
     */

    /** The dense layer's deferred accumulator wrap and conversion to result_t, in place. */
    private static void finishDense(final DenseKernel d, final int[] row, final int start, final int end)
    {
        for (int b = start; b < end; b += SPECIES.length())
        {
            LanewiseConversion.finishDense(IntVector.fromArray(SPECIES, row, b), d).intoArray(row, b);
        }
    }

    private static void applyOps(final ElementOp[] ops, final int feature, final int[] from, final int[] to,
        final int start, final int end)
    {
        int[] source = from;
        for (final ElementOp op : ops)
        {
            if (op.kind == ElementOp.BATCHNORM)
            {
                batchNorm(op, feature, source, to, start, end);
            }
            else
            {
                activation(op, source, to, start, end);
            }
            source = to;
        }
        if (source != to)
        {
            System.arraycopy(source, start, to, start, end - start);
        }
    }

    private static void batchNorm(final ElementOp op, final int feature, final int[] from, final int[] to,
        final int start, final int end)
    {
        final int scale = op.scale[feature];
        final int bias = op.bias[feature];
        for (int b = start; b < end; b += SPECIES.length())
        {
            final IntVector v = IntVector.fromArray(SPECIES, from, b).mul(scale)
                .lanewise(VectorOperators.LSHL, op.productShift).add(bias);
            LanewiseConversion.apply(v, op.shift, op.wrapShift, op.signed, op.mask).intoArray(to, b);
        }
    }

    private static void activation(final ElementOp op, final int[] from, final int[] to, final int start,
        final int end)
    {
        for (int b = start; b < end; b += SPECIES.length())
        {
            final IntVector v = IntVector.fromArray(SPECIES, from, b);
            final IntVector y = LanewiseConversion.apply(v, op.shift, op.wrapShift, op.signed, op.mask);
            (op.relu ? y.blend(0, v.compare(VectorOperators.LE, 0)) : y).intoArray(to, b);
        }
    }
}
