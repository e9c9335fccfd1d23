package io.l1infer.bench.latency;

import io.l1infer.client.InferenceClient;
import io.l1infer.client.SendOutcome;
import io.l1infer.fpga.fixedpoint.FixedPointType;
import io.l1infer.fpga.model.ModelBundle;
import io.l1infer.muon.FeatureTableCsv;
import io.l1infer.muon.MuonFeatures;

import java.nio.file.Path;
import java.util.Arrays;

/**
 * The real thesis test events (the shipped {@code inputs.csv}, 27 features each) quantised to the model's input
 * type once, then sent as FeatureVector messages, cycled.
 */
public final class ThesisWorkload implements Workload
{
    private static final int WIDTH = MuonFeatures.FEATURE_COUNT;

    private final int[] raw;
    private final int size;

    private ThesisWorkload(final int[] raw, final int size)
    {
        this.raw = raw;
        this.size = size;
    }

    /**
     * Read and quantise a feature table.
     *
     * @param inputsCsv a 27-column feature table with a header line.
     * @param model     the model the events go to; its input type quantises them.
     * @return the workload.
     * @throws IllegalArgumentException when the model does not take 27 inputs, or naming the file, line and
     *                                  column of a malformed value.
     */
    public static ThesisWorkload load(final Path inputsCsv, final ModelBundle model)
    {
        if (model.input().size() != WIDTH)
        {
            throw new IllegalArgumentException("the thesis workload sends " + WIDTH + " features, but model " +
                model.name() + " takes " + model.input().size() + " inputs");
        }
        final QuantisedRows rows = new QuantisedRows(model.input().type());
        FeatureTableCsv.forEachRow(inputsCsv, rows);
        if (rows.count == 0)
        {
            throw new IllegalArgumentException(inputsCsv + ": no events");
        }
        return new ThesisWorkload(Arrays.copyOf(rows.raw, rows.count * WIDTH), rows.count);
    }

    /** Collects quantised rows into one growing flat array. */
    private static final class QuantisedRows implements FeatureTableCsv.RowConsumer
    {
        private final FixedPointType type;
        private int[] raw = new int[16_384 * WIDTH];
        private int count;

        QuantisedRows(final FixedPointType type)
        {
            this.type = type;
        }

        @Override
        public void accept(final double[] features, final int lineNumber)
        {
            if ((count + 1) * WIDTH > raw.length)
            {
                raw = Arrays.copyOf(raw, raw.length * 2);
            }
            for (int f = 0; f < WIDTH; f++)
            {
                raw[count * WIDTH + f] = (int)type.fromDouble(features[f]);
            }
            count++;
        }
    }

    @Override
    public String name()
    {
        return "thesis";
    }

    @Override
    public int size()
    {
        return size;
    }

    /** Raw input {@code feature} of pool entry {@code row}, for checks. */
    public int raw(final int row, final int feature)
    {
        return raw[row * WIDTH + feature];
    }

    @Override
    public SendOutcome send(final InferenceClient client, final long sourceId, final long eventId,
        final long sendTimeNs)
    {
        final int row = (int)Long.remainderUnsigned(eventId, size);
        return client.sendFeatures(sourceId, eventId, sendTimeNs, raw, row * WIDTH, WIDTH);
    }
}
