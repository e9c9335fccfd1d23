package io.l1infer.fpga.model;

/** A few lines describing a model for people: inputs, outputs, each layer with its types and non-zero weights. */
public final class ModelSummary
{
    private ModelSummary()
    {
    }

    /** The summary text, one line per item, each ending in a newline. */
    public static String describe(final ModelBundle model)
    {
        final StringBuilder sb = new StringBuilder();
        sb.append("model ").append(model.name()).append('\n');
        sb.append("  inputs:  ").append(model.input().size()).append(" x ").append(model.input().type()).append('\n');
        sb.append("  outputs: ").append(model.output().size()).append(" x ").append(model.output().type()).append('\n');
        sb.append("  layers:  ").append(model.layers().size()).append('\n');
        long nonZero = 0;
        long total = 0;
        for (int i = 0; i < model.layers().size(); i++)
        {
            final Layer layer = model.layers().get(i);
            sb.append(String.format("  %3d %-18s %-16s %4d -> %-4d", i, layer.name(), layer.kind(),
                layer.inputSize(), layer.outputSize()));
            if (layer instanceof DenseLayer d)
            {
                final long nz = count(d.weights());
                nonZero += nz;
                total += d.weights().length;
                sb.append(" weight_t ").append(d.weightType()).append(" bias_t ").append(d.biasType())
                    .append(" accum_t ").append(d.accumType()).append(", ").append(nz).append('/')
                    .append(d.weights().length).append(" non-zero weights");
                if (d.compressed() != null)
                {
                    sb.append(", dense_compressed order (reuse factor ").append(d.compressed().reuseFactor())
                        .append(')');
                }
            }
            else if (layer instanceof BatchNormLayer b)
            {
                sb.append(" scale_t ").append(b.scaleType()).append(" bias_t ").append(b.biasType());
            }
            sb.append(" result_t ").append(layer.resultType()).append('\n');
        }
        sb.append("  non-zero dense weights: ").append(nonZero).append(" of ").append(total).append('\n');
        return sb.toString();
    }

    private static long count(final long[] values)
    {
        long n = 0;
        for (final long v : values)
        {
            n += v != 0 ? 1 : 0;
        }
        return n;
    }
}
