package io.l1infer.fpga.model;

import io.l1infer.fpga.engine.CompressedOrderModels;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A dense layer's dense_compressed order survives a bundle (keys {@code compressed}, {@code reuse_factor}). */
class CompressedOrderBundleTest
{
    private static final long SEED = Long.getLong("l1infer.test.seed", 12L);

    @TempDir
    Path temp;

    @Test
    void ordersRoundTrip()
    {
        final SplittableRandom r = new SplittableRandom(SEED);
        for (int k = 0; k < 20; k++)
        {
            final ModelBundle original = CompressedOrderModels.withRandomOrders(CompressedOrderModels.random(r), r);
            final Path dir = temp.resolve("m" + k);
            ModelBundleWriter.write(original, dir);
            final ModelBundle loaded = ModelBundle.load(dir);
            for (int l = 0; l < original.layers().size(); l++)
            {
                if (original.layers().get(l) instanceof DenseLayer d)
                {
                    final DenseLayer e = (DenseLayer)loaded.layers().get(l);
                    assertEquals(d.compressed().reuseFactor(), e.compressed().reuseFactor(), "seed " + SEED);
                    assertArrayEquals(d.compressed().entries(), e.compressed().entries(), "seed " + SEED);
                    assertArrayEquals(d.weights(), e.weights(), "seed " + SEED);
                }
            }
        }
        ModelBundleWriter.write(CompressedOrderModels.random(r), temp.resolve("plain"));
        assertNull(((DenseLayer)ModelBundle.load(temp.resolve("plain")).layers().get(0)).compressed());
    }

    @Test
    void aBadOrderIsRefusedNamingTheLayerAndFile() throws IOException
    {
        final ModelBundle original = CompressedOrderModels.withRandomOrders(
            CompressedOrderModels.random(new SplittableRandom(SEED)), new SplittableRandom(SEED));
        final DenseLayer d = (DenseLayer)original.layers().get(0);
        ModelBundleWriter.write(original, temp);
        final int cells = d.inputSize() * d.outputSize();
        Files.writeString(temp.resolve("c0.txt"), "0, " + cells);
        final ModelLoadException outside = assertThrows(ModelLoadException.class, () -> ModelBundle.load(temp));
        assertTrue(outside.getMessage().contains("layers[0] 'dense_0' field 'compressed': file c0.txt: entry #1 '" +
            cells + "' is not a position 0.." + (cells - 1) + " (row * out + col)"), outside.getMessage());

        final int rf = d.compressed().reuseFactor();
        final String json = Files.readString(temp.resolve("model.json"));
        Files.writeString(temp.resolve("c0.txt"), "0, 0, 0");
        Files.writeString(temp.resolve("model.json"),
            json.replaceFirst("\"reuse_factor\" : " + rf, "\"reuse_factor\" : 2"));
        final ModelLoadException count = assertThrows(ModelLoadException.class, () -> ModelBundle.load(temp));
        assertTrue(count.getMessage().contains("field 'compressed': file c0.txt: dense_compressed: 3 entries are " +
            "not a multiple of reuse factor 2"), count.getMessage());
    }
}
