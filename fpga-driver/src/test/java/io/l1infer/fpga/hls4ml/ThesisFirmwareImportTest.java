package io.l1infer.fpga.hls4ml;

import io.l1infer.fpga.engine.BatchBuffers;
import io.l1infer.fpga.engine.FixedPointEmulator;
import io.l1infer.fpga.model.BatchNormLayer;
import io.l1infer.fpga.model.DenseLayer;
import io.l1infer.fpga.model.Layer;
import io.l1infer.fpga.model.ModelBundle;
import io.l1infer.testsupport.ProjectPaths;
import io.l1infer.testsupport.SharedReference;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** The real thesis firmware directory imports to the shipped bundle's arithmetic and its C simulation's outputs. */
class ThesisFirmwareImportTest
{
    private static Path firmware()
    {
        return SharedReference.require("reference/muon-pt-thesis-firmware", "hls4ml import of the thesis firmware");
    }

    @Test
    void importEqualsTheShippedBundleLayerByLayer()
    {
        final ModelBundle imported = Hls4mlImporter.importProject(firmware());
        final ModelBundle shipped = ModelBundle.load(ProjectPaths.thesisModel());
        assertEquals(shipped.input().size(), imported.input().size());
        assertEquals(shipped.input().type(), imported.input().type());
        assertEquals(shipped.output().size(), imported.output().size());
        assertEquals(shipped.output().type(), imported.output().type());
        assertEquals(shipped.layers().size(), imported.layers().size());
        for (int i = 0; i < shipped.layers().size(); i++)
        {
            final Layer s = shipped.layers().get(i);
            final Layer m = imported.layers().get(i);
            final String at = "layer " + i + " " + s.name() + " / " + m.name();
            assertEquals(s.kind(), m.kind(), at);
            assertEquals(s.inputSize(), m.inputSize(), at);
            assertEquals(s.outputSize(), m.outputSize(), at);
            assertEquals(s.resultType(), m.resultType(), at);
            if (s instanceof DenseLayer sd && m instanceof DenseLayer md)
            {
                assertEquals(sd.weightType(), md.weightType(), at);
                assertEquals(sd.biasType(), md.biasType(), at);
                assertEquals(sd.accumType(), md.accumType(), at);
                assertArrayEquals(sd.weights(), md.weights(), at);
                assertArrayEquals(sd.biases(), md.biases(), at);
            }
            if (s instanceof BatchNormLayer sb && m instanceof BatchNormLayer mb)
            {
                assertEquals(sb.scaleType(), mb.scaleType(), at);
                assertEquals(sb.biasType(), mb.biasType(), at);
                assertArrayEquals(sb.scales(), mb.scales(), at);
                assertArrayEquals(sb.biases(), mb.biases(), at);
            }
        }
        assertEquals("q_dense_10", imported.layers().get(0).name());
        assertEquals("normalize_20", imported.layers().get(1).name());
        assertEquals("relu1", imported.layers().get(2).name());
    }

    @Test
    void importReproducesTheCSimulationBitForBit() throws IOException
    {
        final ModelBundle imported = Hls4mlImporter.importProject(firmware().resolve("."));
        final List<String> lines = Files.readAllLines(ProjectPaths.thesisExpectedCsv()).stream()
            .filter(l -> !l.isBlank()).toList();
        assertEquals(1000, lines.size());
        try (FixedPointEmulator engine = new FixedPointEmulator(imported, lines.size()))
        {
            final BatchBuffers buf = engine.buffers(0);
            for (int e = 0; e < lines.size(); e++)
            {
                final String[] parts = lines.get(e).split(",");
                for (int f = 0; f < 27; f++)
                {
                    buf.putInput(e, f, Integer.parseInt(parts[f].trim()));
                }
            }
            engine.infer(0, lines.size());
            int mismatches = 0;
            for (int e = 0; e < lines.size(); e++)
            {
                final int expected = Integer.parseInt(lines.get(e).split(",")[27].trim());
                mismatches += buf.getOutput(e, 0) == expected ? 0 : 1;
            }
            assertEquals(0, mismatches, "lines differing from expected-first1000.csv");
        }
    }
}
