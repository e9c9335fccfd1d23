package io.l1infer.training;

/**
 * The forward and backward pass of quantization-aware training over a mini-batch, with its own buffers and
 * gradient sums (one instance per thread).
 *
 * <p>Forward is the engine's integer arithmetic, event by event: the input-scaling batchnorm, then per dense layer
 * acc = bias (converted to accum_t) + sum over non-zero inputs of floor(x*w / 2^s) modulo 2^32, wrapped to
 * W_acc bits, converted to result_t; ReLU converts positive results to its type and zeroes the rest.
 * Backward is ordinary float back-propagation through the dequantized values with the straight-through
 * estimator: every floor and wrap counts as the identity, ReLU passes the gradient where its input was positive.
 *
 * <p>Range penalty: a value that wraps is a wrong answer of the opposite sign, and the straight-through gradient
 * does not see it, so a few wrapping events can drive training into a state it never leaves. Backward therefore
 * adds the gradient of {@code strength * max(0, |z| - limit)^2} on every dense layer's exact (unwrapped)
 * accumulator z, with the limit at {@link #SOFT_LIMIT} of the narrower of its accumulator and result ranges: zero
 * for realistic values, a strong push back before anything wraps.
 */
final class QatPass
{
    private final QuantizedMlp model;
    private final int capacity;
    private final int layers;
    private final int inputWidth;
    /** Raw model inputs of the batch, event-major. */
    private final int[] inputs;
    /** activation[0] = scaled inputs; activation[l + 1] = output of dense l after its ReLU (raw of the next input). */
    private final int[][] activation;
    /** Raw dense results before ReLU, per dense layer. */
    private final int[][] preActivation;
    /** d loss / d pre-activation value, per dense layer. */
    private final double[][] gradient;
    private final int[] accumulator;
    private final int[] accBias;
    private final double[][] weightGradient;
    private final double[][] biasGradient;
    private final int[] productShift;
    private final double[] activationLsb;
    private final ShiftWrap[] biasToAccum;
    private final ShiftWrap[] accumToResult;
    private final int[] accWrapShift;
    private final ShiftWrap resultToRelu;
    private final double outputLsb;
    /** Fraction of a type's range a dense value may use before the range penalty starts. */
    static final double SOFT_LIMIT = 0.5;

    /** Exact (unwrapped) accumulators of the last forward batch, per dense layer. */
    private final int[][] accumulated;
    private final double[] accumulatorLsb;
    private final double[] softLimit;
    private long wrapped;
    private int batch;

    QatPass(final QuantizedMlp model, final int capacity)
    {
        this.model = model;
        this.capacity = capacity;
        this.layers = model.denseCount();
        this.inputWidth = model.width(0);
        final QuantizationScheme s = model.scheme();
        inputs = new int[capacity * inputWidth];
        activation = new int[layers + 1][];
        preActivation = new int[layers][];
        gradient = new double[layers][];
        weightGradient = new double[layers][];
        biasGradient = new double[layers][];
        productShift = new int[layers];
        activationLsb = new double[layers];
        accumulated = new int[layers][];
        accumulatorLsb = new double[layers];
        softLimit = new double[layers];
        biasToAccum = new ShiftWrap[layers];
        accumToResult = new ShiftWrap[layers];
        accWrapShift = new int[layers];
        int maxWidth = 0;
        for (int l = 0; l <= layers; l++)
        {
            activation[l] = new int[capacity * model.width(l)];
            maxWidth = Math.max(maxWidth, model.width(l));
        }
        for (int l = 0; l < layers; l++)
        {
            final DenseParameters d = model.dense(l);
            preActivation[l] = new int[capacity * d.outputs];
            gradient[l] = new double[capacity * d.outputs];
            weightGradient[l] = new double[d.weight.length];
            biasGradient[l] = new double[d.outputs];
            final var inType = l == 0 ? s.scaled() : s.relu();
            final var accum = model.accumType(l);
            productShift[l] = DenseArithmetic.productShift(inType, s.weight(), accum, d.name);
            activationLsb[l] = Math.scalb(1.0, -inType.fractionBits());
            biasToAccum[l] = new ShiftWrap(s.bias().fractionBits(), accum, d.name + " bias -> accum");
            accumToResult[l] = new ShiftWrap(accum.fractionBits(), model.resultType(l), d.name + " accum -> result");
            accWrapShift[l] = 32 - accum.width();
            accumulated[l] = new int[capacity * d.outputs];
            accumulatorLsb[l] = Math.scalb(1.0, -accum.fractionBits());
            final var result = model.resultType(l);
            softLimit[l] = SOFT_LIMIT * Math.min(accum.toDouble(accum.maxRaw()), result.toDouble(result.maxRaw()));
        }
        accumulator = new int[maxWidth];
        accBias = new int[maxWidth];
        resultToRelu = new ShiftWrap(s.result().fractionBits(), s.relu(), "result -> relu");
        outputLsb = Math.scalb(1.0, -s.output().fractionBits());
    }

    int capacity()
    {
        return capacity;
    }

    /**
     * Run events {@code order[from] .. order[from + n - 1]} of {@code rawInputs} (rows of the input width).
     */
    void forward(final int[] rawInputs, final int[] order, final int from, final int n)
    {
        if (n > capacity)
        {
            throw new IllegalArgumentException("batch of " + n + " events exceeds the pass capacity " + capacity);
        }
        batch = n;
        final int w = inputWidth;
        for (int b = 0; b < n; b++)
        {
            System.arraycopy(rawInputs, order[from + b] * w, inputs, b * w, w);
        }
        final InputScaling scaling = model.scaling();
        for (int b = 0; b < n; b++)
        {
            scaling.apply(inputs, b * w, activation[0], b * w, w);
        }
        for (int l = 0; l < layers; l++)
        {
            denseForward(l, n);
        }
    }

    private void denseForward(final int l, final int n)
    {
        final DenseParameters d = model.dense(l);
        final int nIn = d.inputs;
        final int nOut = d.outputs;
        final int[] x = activation[l];
        final int[] pre = preActivation[l];
        final int[] exact = accumulated[l];
        final int[] out = activation[l + 1];
        final int[] wRaw = d.weightRaw;
        final int[] acc = accumulator;
        final int s = productShift[l];
        final boolean last = l == layers - 1;
        final int wrapShift = accWrapShift[l];
        final ShiftWrap toResult = accumToResult[l];
        for (int j = 0; j < nOut; j++)
        {
            accBias[j] = biasToAccum[l].apply(d.biasRaw[j]);
        }
        for (int b = 0; b < n; b++)
        {
            System.arraycopy(accBias, 0, acc, 0, nOut);
            final int xBase = b * nIn;
            for (int i = 0; i < nIn; i++)
            {
                final int xi = x[xBase + i];
                if (xi == 0)
                {
                    continue;
                }
                final int row = i * nOut;
                if (s >= 0)
                {
                    for (int j = 0; j < nOut; j++)
                    {
                        acc[j] += (xi * wRaw[row + j]) >> s;
                    }
                }
                else
                {
                    for (int j = 0; j < nOut; j++)
                    {
                        acc[j] += (xi * wRaw[row + j]) << -s;
                    }
                }
            }
            final int outBase = b * nOut;
            for (int j = 0; j < nOut; j++)
            {
                final int a = acc[j];
                final int inAccum = (a << wrapShift) >> wrapShift;
                final int r = toResult.apply(inAccum);
                exact[outBase + j] = a;
                // Exact sums fit an int for the shipped scheme (|x*w| < 2^30, a few dozen terms): a wrap shows as
                // a changed accumulator or a result that is not the shifted accumulator.
                final int shifted = toResult.shift >= 0 ? inAccum >> toResult.shift : inAccum << -toResult.shift;
                if (inAccum != a || r != shifted)
                {
                    wrapped++;
                }
                pre[outBase + j] = r;
                out[outBase + j] = last ? r : (r > 0 ? resultToRelu.apply(r) : 0);
            }
        }
    }

    /** Whether dense layer l's result j was positive for event b of the last forward batch (its ReLU passed). */
    boolean positive(final int l, final int b, final int j)
    {
        return preActivation[l][b * model.width(l + 1) + j] > 0;
    }

    /** Raw output {@code k} of event {@code b} of the last forward batch. */
    int outputRaw(final int b, final int k)
    {
        return activation[layers][b * model.width(layers) + k];
    }

    /**
     * Output {@code k} of event {@code b} before the output type's wrap, as the straight-through estimator sees it
     * (the wrap counts as the identity): the loss gradient of a wrapped output must point back into range, not
     * away from the wrapped value. Equal to {@link #output} whenever nothing wrapped.
     */
    double outputForGradient(final int b, final int k)
    {
        final int l = layers - 1;
        final int a = accumulated[l][b * model.width(layers) + k];
        final int shift = accumToResult[l].shift;
        return (shift >= 0 ? a >> shift : a << -shift) * outputLsb;
    }

    /** Output {@code k} of event {@code b} as a value (pT / 200 for the muon model). */
    double output(final int b, final int k)
    {
        return outputRaw(b, k) * outputLsb;
    }

    /**
     * Back-propagate d loss / d output value (event-major, {@code batch} rows of the output width) and add the
     * parameter gradients to this pass's sums.
     */
    void backward(final double[] outputGradient, final double penaltyScale)
    {
        final int n = batch;
        final int last = layers - 1;
        System.arraycopy(outputGradient, 0, gradient[last], 0, n * model.width(layers));
        for (int l = last; l >= 0; l--)
        {
            final DenseParameters d = model.dense(l);
            final int nIn = d.inputs;
            final int nOut = d.outputs;
            final int[] x = activation[l];
            final double lsb = activationLsb[l];
            final double[] g = gradient[l];
            addRangePenalty(l, n * nOut, penaltyScale);
            final double[] gw = weightGradient[l];
            final double[] gb = biasGradient[l];
            for (int b = 0; b < n; b++)
            {
                final int gBase = b * nOut;
                for (int j = 0; j < nOut; j++)
                {
                    gb[j] += g[gBase + j];
                }
                final int xBase = b * nIn;
                for (int i = 0; i < nIn; i++)
                {
                    final int xi = x[xBase + i];
                    if (xi == 0)
                    {
                        continue;
                    }
                    final double xv = xi * lsb;
                    final int row = i * nOut;
                    for (int j = 0; j < nOut; j++)
                    {
                        gw[row + j] += xv * g[gBase + j];
                    }
                }
            }
            if (l == 0)
            {
                break;
            }
            final int[] prevPre = preActivation[l - 1];
            final double[] prevGrad = gradient[l - 1];
            final double[] wv = d.weightValue;
            for (int b = 0; b < n; b++)
            {
                final int gBase = b * nOut;
                final int pBase = b * nIn;
                for (int i = 0; i < nIn; i++)
                {
                    if (prevPre[pBase + i] <= 0)
                    {
                        prevGrad[pBase + i] = 0;
                        continue;
                    }
                    final int row = i * nOut;
                    double sum = 0;
                    for (int j = 0; j < nOut; j++)
                    {
                        sum += wv[row + j] * g[gBase + j];
                    }
                    prevGrad[pBase + i] = sum;
                }
            }
        }
    }

    /** Adds d/dz of penaltyScale * max(0, |z| - limit)^2 for the exact accumulators z of dense layer l. */
    private void addRangePenalty(final int l, final int values, final double penaltyScale)
    {
        final int[] exact = accumulated[l];
        final double[] g = gradient[l];
        final double lsb = accumulatorLsb[l];
        final double limit = softLimit[l];
        for (int k = 0; k < values; k++)
        {
            final double z = exact[k] * lsb;
            if (z > limit)
            {
                g[k] += 2 * penaltyScale * (z - limit);
            }
            else if (z < -limit)
            {
                g[k] += 2 * penaltyScale * (z + limit);
            }
        }
    }

    /** Values that wrapped in the forward passes since the last {@link #takeWrapCount}. */
    long takeWrapCount()
    {
        final long w = wrapped;
        wrapped = 0;
        return w;
    }

    void clearGradients()
    {
        for (int l = 0; l < layers; l++)
        {
            java.util.Arrays.fill(weightGradient[l], 0);
            java.util.Arrays.fill(biasGradient[l], 0);
        }
    }

    /** Add this pass's gradient sums into the model's (callers fix the order across passes: determinism). */
    void addGradientsTo(final QuantizedMlp target)
    {
        for (int l = 0; l < layers; l++)
        {
            final DenseParameters d = target.dense(l);
            final double[] gw = weightGradient[l];
            for (int k = 0; k < gw.length; k++)
            {
                d.weightGradient[k] += gw[k];
            }
            final double[] gb = biasGradient[l];
            for (int j = 0; j < gb.length; j++)
            {
                d.biasGradient[j] += gb[j];
            }
        }
    }
}
