package io.l1infer.fpga.hls4ml;

import io.l1infer.fpga.model.DenseLayer;
import io.l1infer.fpga.model.Layer;
import io.l1infer.fpga.model.ModelBundle;
import io.l1infer.fpga.model.ModelBundleWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** The same project read from its root, its firmware folder, text or header weights, and through ModelBundle.load. */
class Hls4mlProjectLayoutTest
{
    private static final long SEED = 42;

    @TempDir
    Path dir;

    @Test
    void rootFirmwareFolderHeaderWeightsAndBundleLoadAgree() throws IOException
    {
        for (final Hls4mlProjectWriter.Style style : Hls4mlProjectWriter.Style.values())
        {
            final ModelBundle model = DifferentialModels.random(new SplittableRandom(SEED), style);
            final Path text = dir.resolve(style + "-text");
            final Path headers = dir.resolve(style + "-headers");
            Hls4mlProjectWriter.write(model, text, style, Hls4mlProjectWriter.Values.EXACT, true, SEED);
            Hls4mlProjectWriter.write(model, headers, style, Hls4mlProjectWriter.Values.EXACT, false, SEED);
            final String expected = json(model, "original-" + style);
            assertEquals(expected, json(Hls4mlImporter.importProject(text), "root-" + style), "seed " + SEED);
            assertEquals(expected, json(Hls4mlImporter.importProject(text.resolve("firmware")), "fw-" + style));
            assertEquals(expected, json(Hls4mlImporter.importProject(headers), "h-" + style));
            assertEquals(expected, json(ModelBundle.load(text), "load-" + style));
            final ModelBundle imported = ModelBundle.load(headers.resolve("firmware"));
            for (int i = 0; i < model.layers().size(); i++)
            {
                final Layer a = model.layers().get(i);
                if (a instanceof DenseLayer d)
                {
                    assertArrayEquals(d.weights(), ((DenseLayer)imported.layers().get(i)).weights(), "layer " + i);
                }
            }
        }
    }

    /** The layers part of the bundle's model.json (names, kinds, types, sizes) and its weight files. */
    private String json(final ModelBundle model, final String name) throws IOException
    {
        final Path out = dir.resolve("bundle-" + name);
        ModelBundleWriter.write(model, out);
        final String text = Files.readString(out.resolve("model.json"));
        final StringBuilder sb = new StringBuilder(text.substring(text.indexOf("\"layers\"")));
        try (var files = Files.list(out))
        {
            for (final Path f : (Iterable<Path>)files.sorted()::iterator)
            {
                if (f.toString().endsWith(".txt"))
                {
                    sb.append('\n').append(f.getFileName()).append(": ").append(Files.readString(f));
                }
            }
        }
        return sb.toString().replaceAll("\"name\" : \"[^\"]*\",", "");
    }
}
