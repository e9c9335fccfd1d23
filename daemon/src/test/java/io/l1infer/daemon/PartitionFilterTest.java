package io.l1infer.daemon;

import io.l1infer.codec.MuonPrimitives;
import io.l1infer.codec.WireVersion;
import io.l1infer.codec.sbe.FeatureVectorEncoder;
import io.l1infer.codec.sbe.MessageHeaderEncoder;
import io.l1infer.codec.sbe.MuonSegmentsEncoder;
import io.l1infer.config.IntRange;
import io.l1infer.fpga.model.ModelBundle;
import io.l1infer.muon.ToyBarrelSimulation;
import io.l1infer.muon.ToyEvent;
import io.l1infer.muon.ToySimulationConfig;
import io.l1infer.testsupport.ProjectPaths;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Which messages a daemon with a detector partition answers on a shared ingest stream. */
class PartitionFilterTest
{
    private static final long SEED = Long.getLong("l1infer.test.seed", 5150L);

    private final UnsafeBuffer buffer = new UnsafeBuffer(ByteBuffer.allocateDirect(1024));
    private final MessageHeaderEncoder header = new MessageHeaderEncoder();
    private final MuonSegmentsEncoder segments = new MuonSegmentsEncoder();
    private final FeatureVectorEncoder features = new FeatureVectorEncoder();

    private final RequestTranslator reader = new RequestTranslator(ModelBundle.load(ProjectPaths.thesisModel()));

    private static PartitionFilter filter(final String wheels, final String sectors)
    {
        return new PartitionFilter(IntRange.parse(wheels), IntRange.parse(sectors));
    }

    /** Read the fragment as the ingest agent does, then ask the filter. */
    private boolean accepts(final PartitionFilter filter, final int length)
    {
        return filter.accepts(reader.read(buffer, 0, length));
    }

    @Test
    void theFirstUsablePrimitiveDecidesElseTheFirst()
    {
        final PartitionFilter plus = filter("1..2", "1..12");
        final MuonPrimitives p = new MuonPrimitives();
        // station, wheel, sector, phi, phiB, quality, ts2tag, bx
        p.add(1, -2, 3, 0, 0, 6, 0, 1);     // out of time: skipped
        p.add(2, -1, 4, 0, 0, 7, 0, 0);     // null quality: skipped
        p.add(3, 1, 5, 0, 0, 2, 0, 0);      // decides: wheel 1
        p.add(4, -2, 6, 0, 0, 6, 0, 0);
        assertTrue(accepts(plus, encode(p)));
        assertFalse(accepts(filter("-2..0", "1..12"), encode(p)));
        assertFalse(accepts(filter("1..2", "6..12"), encode(p)), "sector 5 is outside 6..12");

        final MuonPrimitives none = new MuonPrimitives();
        none.add(1, 2, 9, 0, 0, 7, 0, 0);
        none.add(2, -2, 1, 0, 0, 6, 0, -1);
        assertTrue(accepts(plus, encode(none)), "no usable primitive: the first decides (wheel 2)");
        assertFalse(accepts(filter("-2..1", "1..12"), encode(none)));
    }

    @Test
    void aPartialDaemonIgnoresWhatItCannotPlaceAndAWholeOneTakesEverything()
    {
        final PartitionFilter partial = filter("-2..2", "1..6");
        final PartitionFilter whole = filter("-2..2", "1..12");
        final PartitionFilter wider = filter("-5..5", "0..20");
        assertTrue(whole.isWholeDetector() && wider.isWholeDetector());
        assertFalse(partial.isWholeDetector());

        final int featureLength = encodeFeatures(27);
        assertFalse(accepts(partial, featureLength), "a feature vector has no coordinates");
        assertTrue(accepts(whole, featureLength));

        final MuonPrimitives p = new MuonPrimitives();
        p.add(1, 0, 3, 0, 0, 6, 0, 0);
        p.add(2, 0, 3, 0, 0, 6, 0, 0);
        final int length = encode(p);
        assertTrue(accepts(partial, length));
        assertFalse(accepts(partial, length - 3), "truncated: cannot be placed");
        assertTrue(accepts(whole, length - 3), "the whole-detector daemon rejects it");
        buffer.putByte(MessageHeaderEncoder.ENCODED_LENGTH + MuonSegmentsEncoder.BLOCK_LENGTH + 4 + 1, (byte)9);
        assertFalse(accepts(partial, length), "wheel 9 fails validation");
        assertTrue(accepts(wider, length));
    }

    @Test
    void disjointPartitionsCoveringTheDetectorTakeEverySimulatedEventExactlyOnce()
    {
        final List<PartitionFilter> tiles = new ArrayList<>();
        final List<int[]> bounds = new ArrayList<>();
        for (final int[] w : new int[][] {{-2, -1}, {0, 0}, {1, 2}})
        {
            for (final int[] s : new int[][] {{1, 4}, {5, 8}, {9, 12}})
            {
                tiles.add(new PartitionFilter(new IntRange(w[0], w[1]), new IntRange(s[0], s[1])));
                bounds.add(new int[] {w[0], w[1], s[0], s[1]});
            }
        }
        final ToyBarrelSimulation simulation = new ToyBarrelSimulation(ToySimulationConfig.thesisLike(), SEED);
        final ToyEvent event = new ToyEvent();
        final SplittableRandom random = new SplittableRandom(SEED);
        final int[] taken = new int[tiles.size()];
        for (int e = 0; e < 5000; e++)
        {
            do
            {
                simulation.next(event);
            }
            while (event.primitives().count() == 0);
            final MuonPrimitives p = event.primitives();
            if (random.nextInt(4) == 0 && p.count() < MuonPrimitives.CAPACITY)
            {
                p.add(1, random.nextInt(5) - 2, 1 + random.nextInt(12), 0, 0, 7, 0, 0); // a null segment at the end
            }
            final int length = encode(p);
            int deciding = 0;
            for (int i = p.count() - 1; i >= 0; i--)
            {
                if (p.bx(i) == 0 && p.quality(i) != MuonPrimitives.QUALITY_NULL)
                {
                    deciding = i;
                }
            }
            int owners = 0;
            for (int t = 0; t < tiles.size(); t++)
            {
                if (accepts(tiles.get(t), length))
                {
                    owners++;
                    taken[t]++;
                    final int[] b = bounds.get(t);
                    final String where = "seed " + SEED + " event " + e + " tile " + t;
                    assertTrue(p.wheel(deciding) >= b[0] && p.wheel(deciding) <= b[1], where);
                    assertTrue(p.sector(deciding) >= b[2] && p.sector(deciding) <= b[3], where);
                }
            }
            assertEquals(1, owners, "seed " + SEED + " event " + e + " taken by " + owners + " partitions");
        }
        for (int t = 0; t < taken.length; t++)
        {
            assertTrue(taken[t] > 0, "seed " + SEED + ": no event in tile " + t);
        }
    }

    private int encode(final MuonPrimitives p)
    {
        segments.wrapAndApplyHeader(buffer, 0, header).sourceId(1).eventId(2).sendTimeNs(3).bx(100);
        p.encode(segments);
        return MessageHeaderEncoder.ENCODED_LENGTH + segments.encodedLength();
    }

    private int encodeFeatures(final int count)
    {
        features.wrapAndApplyHeader(buffer, 0, header).sourceId(1).eventId(2).sendTimeNs(3);
        WireVersion.stampNarrow(header);
        final FeatureVectorEncoder.InputsEncoder g = features.inputsCount(count);
        for (int i = 0; i < count; i++)
        {
            g.next().raw(i);
        }
        return MessageHeaderEncoder.ENCODED_LENGTH + features.encodedLength();
    }
}
