package io.l1infer.fpga.engine;

import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

import java.util.List;

/**
 * Runs one event through a model whose every layer has a 32-bit form with the JDK's Vector API, one lane per
 * output feature: each non-zero input adds its (zero-padded, dense) weight row to the accumulators a vector at a
 * time, and the batchnorm and activation that follow a dense layer are applied before the store. Batch 1 is the
 * daemon's common case at moderate rates, so its latency matters most. The arithmetic is that of the scalar kernels.
 */
final class VectorEventRunner
{
    private static final VectorSpecies<Integer> SPECIES = IntVector.SPECIES_PREFERRED;
    private static final int LANES = SPECIES.length();

    /** A dense layer with the element ops after it, or (dense == null) element ops alone. */
    private static final class Stage
    {
        final DenseKernel dense;
        final int inputSize;
        final int paddedWidth;
        final int[] accBias;
        final int[][] rows;
        final int[][] rowsHigh;
        final int[][] rowsLow;
        final ElementOp[] ops;
        /**
         * Whether the dense layer multiplies only its non-zero inputs. Listing them costs about one vector product
         * per input: it pays after a relu (about half of its outputs are zero) or when each input feeds four or more
         * vectors (thesis inputs: many zeros).
         */
        final boolean skipZeroInputs;

        Stage(final FusedStage plan, final boolean inputsFromRelu)
        {
            final DenseKernel dense = plan.dense();
            final List<ElementOp> ops = plan.ops();
            this.dense = dense;
            this.inputSize = plan.inputSize();
            this.paddedWidth = padded(plan.width());
            this.ops = new ElementOp[ops.size()];
            for (int i = 0; i < ops.size(); i++)
            {
                this.ops[i] = ops.get(i).padded(paddedWidth);
            }
            this.skipZeroInputs = dense != null && (inputsFromRelu || paddedWidth >= 4 * LANES);
            if (dense == null)
            {
                accBias = null;
                rows = rowsHigh = rowsLow = null;
                return;
            }
            accBias = java.util.Arrays.copyOf(dense.accBias, paddedWidth);
            rows = new int[dense.inputSize][paddedWidth];
            rowsHigh = new int[dense.inputSize][paddedWidth];
            rowsLow = new int[dense.inputSize][paddedWidth];
            for (int j = 0; j < dense.outputSize; j++)
            {
                for (int k = dense.columnStart[j]; k < dense.columnStart[j + 1]; k++)
                {
                    final int i = dense.inputIndex[k];
                    rows[i][j] = dense.vectorWeight[k];
                    rowsHigh[i][j] = dense.weightHigh[k];
                    rowsLow[i][j] = dense.weightLow[k];
                }
            }
        }
    }

    private final Stage[] stages;
    private final int[] bufferA;
    private final int[] bufferB;
    private final int[] nonZero;

    VectorEventRunner(final LayerKernel[] kernels, final int inputSize, final int maxWidth)
    {
        final List<FusedStage> plan = FusedStage.plan(kernels, inputSize);
        stages = new Stage[plan.size()];
        boolean inputsFromRelu = false;
        for (int i = 0; i < stages.length; i++)
        {
            final List<ElementOp> ops = plan.get(i).ops();
            stages[i] = new Stage(plan.get(i), inputsFromRelu);
            inputsFromRelu = !ops.isEmpty() && ops.get(ops.size() - 1).relu;
        }
        bufferA = new int[padded(maxWidth)];
        bufferB = new int[padded(maxWidth)];
        nonZero = new int[padded(maxWidth)];
    }

    private static int padded(final int width)
    {
        return (width + LANES - 1) / LANES * LANES;
    }

    /** The array the caller fills with the event's inputs. */
    int[] input()
    {
        return bufferA;
    }

    /** Run the event in {@link #input()}; returns the array holding the outputs. */
    int[] run()
    {
        int[] in = bufferA;
        int[] out = bufferB;
        for (final Stage stage : stages)
        {
            if (stage.dense != null)
            {
                runDense(stage, in, out, stage.skipZeroInputs ? nonZero : null);
            }
            else
            {
                for (int j = 0; j < stage.paddedWidth; j += LANES)
                {
                    applyOps(stage.ops, j, in, out);
                }
            }
            final int[] t = in;
            in = out;
            out = t;
        }
        return in;
    }

    private static void runDense(final Stage stage, final int[] in, final int[] acc, final int[] nonZeroOrNull)
    {
        final DenseKernel d = stage.dense;
        final int width = stage.paddedWidth;
        if (d.mode == DenseKernel.MODE_SPLIT)
        {
            accumulateSplit(stage, in, acc);
        }
        else
        {
            accumulateInRegisters(stage, in, acc, nonZeroOrNull);
        }
        for (int j = 0; j < width; j += LANES)
        {
            finishDense(d, acc, j);
            applyOps(stage.ops, j, acc, acc);
        }
    }

    /**
     * The outputs in blocks of up to four vectors, each block kept in registers across the inputs: a layer wider
     * than four vectors reads its inputs once per block rather than keeping its accumulators in memory, where every
     * product waited on the store of the one before (thesis on AVX2's 8 lanes). {@code nonZeroOrNull}, when given,
     * receives the indices of the non-zero inputs, listed without a branch, and only those are multiplied; null
     * means every input (the loop's test of it is invariant, so C2 compiles the two loops apart). No test for zero
     * inside the loops: on real events that branch is unpredictable and a mispredicted one costs more than the
     * products it would skip. One method per vector count, straight-line, so the JIT keeps every vector in a
     * register: the repeat across accumulateTwo, accumulateThree and accumulateFour is deliberate (a loop over an
     * array of vectors would spill them).
     */
    private static void accumulateInRegisters(
        final Stage stage, final int[] in, final int[] acc, final int[] nonZeroOrNull)
    {
        final int[] inputs = nonZeroOrNull;
        int count = stage.inputSize;
        if (inputs != null)
        {
            count = 0;
            for (int i = 0; i < stage.inputSize; i++)
            {
                inputs[count] = i;
                count += in[i] != 0 ? 1 : 0;
            }
        }
        for (int base = 0; base < stage.paddedWidth; base += 4 * LANES)
        {
            switch (Math.min(4, (stage.paddedWidth - base) / LANES))
            {
                case 1 -> accumulateOne(stage, in, acc, base, inputs, count);
                case 2 -> accumulateTwo(stage, in, acc, base, inputs, count);
                case 3 -> accumulateThree(stage, in, acc, base, inputs, count);
                default -> accumulateFour(stage, in, acc, base, inputs, count);
            }
        }
    }

    private static void accumulateOne(
        final Stage stage, final int[] in, final int[] acc, final int base, final int[] inputs, final int count)
    {
        final int s = stage.dense.vectorShift;
        final int[] bias = stage.accBias;
        IntVector a0 = IntVector.fromArray(SPECIES, bias, base);
        for (int k = 0; k < count; k++)
        {
            final int i = inputs == null ? k : inputs[k];
            final int x = in[i];
            final int[] row = stage.rows[i];
            a0 = a0.add(IntVector.fromArray(SPECIES, row, base).mul(x).lanewise(VectorOperators.ASHR, s));
        }
        a0.intoArray(acc, base);
    }

    private static void accumulateTwo(
        final Stage stage, final int[] in, final int[] acc, final int base, final int[] inputs, final int count)
    {
        final int s = stage.dense.vectorShift;
        final int[] bias = stage.accBias;
        IntVector a0 = IntVector.fromArray(SPECIES, bias, base);
        IntVector a1 = IntVector.fromArray(SPECIES, bias, base + LANES);
        for (int k = 0; k < count; k++)
        {
            final int i = inputs == null ? k : inputs[k];
            final int x = in[i];
            final int[] row = stage.rows[i];
            a0 = a0.add(IntVector.fromArray(SPECIES, row, base).mul(x).lanewise(VectorOperators.ASHR, s));
            a1 = a1.add(IntVector.fromArray(SPECIES, row, base + LANES).mul(x).lanewise(VectorOperators.ASHR, s));
        }
        a0.intoArray(acc, base);
        a1.intoArray(acc, base + LANES);
    }

    private static void accumulateThree(
        final Stage stage, final int[] in, final int[] acc, final int base, final int[] inputs, final int count)
    {
        final int s = stage.dense.vectorShift;
        final int[] bias = stage.accBias;
        IntVector a0 = IntVector.fromArray(SPECIES, bias, base);
        IntVector a1 = IntVector.fromArray(SPECIES, bias, base + LANES);
        IntVector a2 = IntVector.fromArray(SPECIES, bias, base + 2 * LANES);
        for (int k = 0; k < count; k++)
        {
            final int i = inputs == null ? k : inputs[k];
            final int x = in[i];
            final int[] row = stage.rows[i];
            a0 = a0.add(IntVector.fromArray(SPECIES, row, base).mul(x).lanewise(VectorOperators.ASHR, s));
            a1 = a1.add(IntVector.fromArray(SPECIES, row, base + LANES).mul(x).lanewise(VectorOperators.ASHR, s));
            a2 = a2.add(IntVector.fromArray(SPECIES, row, base + 2 * LANES).mul(x).lanewise(VectorOperators.ASHR, s));
        }
        a0.intoArray(acc, base);
        a1.intoArray(acc, base + LANES);
        a2.intoArray(acc, base + 2 * LANES);
    }

    private static void accumulateFour(
        final Stage stage, final int[] in, final int[] acc, final int base, final int[] inputs, final int count)
    {
        final int s = stage.dense.vectorShift;
        final int[] bias = stage.accBias;
        IntVector a0 = IntVector.fromArray(SPECIES, bias, base);
        IntVector a1 = IntVector.fromArray(SPECIES, bias, base + LANES);
        IntVector a2 = IntVector.fromArray(SPECIES, bias, base + 2 * LANES);
        IntVector a3 = IntVector.fromArray(SPECIES, bias, base + 3 * LANES);
        for (int k = 0; k < count; k++)
        {
            final int i = inputs == null ? k : inputs[k];
            final int x = in[i];
            final int[] row = stage.rows[i];
            a0 = a0.add(IntVector.fromArray(SPECIES, row, base).mul(x).lanewise(VectorOperators.ASHR, s));
            a1 = a1.add(IntVector.fromArray(SPECIES, row, base + LANES).mul(x).lanewise(VectorOperators.ASHR, s));
            a2 = a2.add(IntVector.fromArray(SPECIES, row, base + 2 * LANES).mul(x).lanewise(VectorOperators.ASHR, s));
            a3 = a3.add(IntVector.fromArray(SPECIES, row, base + 3 * LANES).mul(x).lanewise(VectorOperators.ASHR, s));
        }
        a0.intoArray(acc, base);
        a1.intoArray(acc, base + LANES);
        a2.intoArray(acc, base + 2 * LANES);
        a3.intoArray(acc, base + 3 * LANES);
    }

    private static void accumulateSplit(final Stage stage, final int[] in, final int[] acc)
    {
        final DenseKernel d = stage.dense;
        final int width = stage.paddedWidth;
        final int k0 = d.splitBits;
        final int rest = d.shift - k0;
        System.arraycopy(stage.accBias, 0, acc, 0, width);
        for (int i = 0; i < stage.inputSize; i++)
        {
            final int x = in[i];
            if (x != 0)
            {
                final int[] high = stage.rowsHigh[i];
                final int[] low = stage.rowsLow[i];
                for (int j = 0; j < width; j += LANES)
                {
                    final IntVector lowPart = IntVector.fromArray(SPECIES, low, j).mul(x)
                        .lanewise(VectorOperators.ASHR, k0);
                    IntVector.fromArray(SPECIES, acc, j).add(IntVector.fromArray(SPECIES, high, j).mul(x)
                        .add(lowPart).lanewise(VectorOperators.ASHR, rest)).intoArray(acc, j);
                }
            }
        }
    }

    /*
     * The conversions below work in place on arrays, a few vector operations per method, and take no vector
     * argument: see LanewiseConversion on why a compiled unit must stay small and vectors must not cross calls.
     */

    /** The dense layer's deferred accumulator wrap and conversion to result_t, lanes j..j+LANES-1 in place. */
    private static void finishDense(final DenseKernel d, final int[] acc, final int j)
    {
        LanewiseConversion.finishDense(IntVector.fromArray(SPECIES, acc, j), d).intoArray(acc, j);
    }

    private static void applyOps(final ElementOp[] ops, final int j, final int[] from, final int[] to)
    {
        int[] source = from;
        for (final ElementOp op : ops)
        {
            if (op.kind == ElementOp.BATCHNORM)
            {
                batchNorm(op, j, source, to);
            }
            else
            {
                activation(op, j, source, to);
            }
            source = to;
        }
        if (source != to)
        {
            System.arraycopy(source, j, to, j, LANES);
        }
    }

    private static void batchNorm(final ElementOp op, final int j, final int[] from, final int[] to)
    {
        final IntVector v = IntVector.fromArray(SPECIES, from, j).mul(IntVector.fromArray(SPECIES, op.scale, j))
            .lanewise(VectorOperators.LSHL, op.productShift).add(IntVector.fromArray(SPECIES, op.bias, j));
        LanewiseConversion.apply(v, op.shift, op.wrapShift, op.signed, op.mask).intoArray(to, j);
    }

    private static void activation(final ElementOp op, final int j, final int[] from, final int[] to)
    {
        final IntVector v = IntVector.fromArray(SPECIES, from, j);
        final IntVector y = LanewiseConversion.apply(v, op.shift, op.wrapShift, op.signed, op.mask);
        (op.relu ? y.blend(0, v.compare(VectorOperators.LE, 0)) : y).intoArray(to, j);
    }
}
