package io.l1infer.fpga.model;

import io.l1infer.testsupport.ProjectPaths;
import io.l1infer.fpga.fixedpoint.FixedPointType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.UnaryOperator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Loading validates everything and names the file, layer and field at fault. */
class ModelBundleReaderTest
{
    @TempDir
    Path temp;

    @Test
    void loadsTheThesisBundle()
    {
        final ModelBundle model = ModelBundle.load(ProjectPaths.thesisModel());
        assertEquals("muon-pt-thesis", model.name());
        assertEquals(27, model.input().size());
        assertEquals(FixedPointType.apFixed(16, 6), model.input().type());
        assertEquals(FixedPointType.apFixed(17, 2), model.output().type());
        assertEquals(200.0, model.output().scale());
        assertEquals(18, model.layers().size());
        assertEquals(60, model.maxWidth());
        final DenseLayer first = (DenseLayer)model.layers().get(0);
        assertEquals(27 * 60, first.weights().length);
        // -1.87951660156250 in ap_fixed<17,2> is raw -61588 (x 2^15).
        assertEquals(-61588, first.weights()[15]);
    }

    @Test
    void unknownLayerKind() throws IOException
    {
        assertError(json(s -> s.replaceFirst("\"kind\": \"batchnorm\"", "\"kind\": \"conv2d\"")),
            "layers[1] 'batchnorm_20' field 'kind'", "unknown layer kind 'conv2d'");
    }

    @Test
    void unknownType() throws IOException
    {
        final String accum = "\"accum_t\": \"ap_fixed<16,6>\"";
        assertError(json(s -> s.replaceFirst(accum, "\"accum_t\": \"ap_fixed<16,6,AP_RND_HALF>\"")),
            "layers[0] 'dense_2' field 'accum_t'", "unknown quantization mode 'AP_RND_HALF'");
        assertError(json(s -> s.replaceFirst(accum, "\"accum_t\": \"ap_ufixed<65,6>\"")),
            "layers[0] 'dense_2' field 'accum_t'", "width W=65 outside supported 1..64 for ap_ufixed");
    }

    @Test
    void wrongNumberOfValues() throws IOException
    {
        final Path dir = copy();
        final String w = Files.readString(dir.resolve("w5.txt"));
        Files.writeString(dir.resolve("w5.txt"), w.substring(0, w.lastIndexOf(',')));
        assertError(dir, "layers[3] 'dense_5' field 'weights'", "file w5.txt: expected 3000 values, found 2999");
    }

    @Test
    void unparsableNumber() throws IOException
    {
        final Path dir = copy();
        Files.writeString(dir.resolve("b20.txt"), Files.readString(dir.resolve("b20.txt")).replaceFirst("0\\.", "0.x"));
        assertError(dir, "layers[1] 'batchnorm_20' field 'bias'", "file b20.txt: value #0");
    }

    @Test
    void missingFile() throws IOException
    {
        final Path dir = copy();
        Files.delete(dir.resolve("s22.txt"));
        assertError(dir, "layers[7] 'batchnorm_22' field 'scale'", "file s22.txt: missing file");
    }

    @Test
    void shapeMismatchBetweenLayers() throws IOException
    {
        assertError(json(s -> s.replaceFirst("\"size\": 60,\n      \"scale\"", "\"size\": 61,\n      \"scale\"")),
            "batchnorm_20", "expected 61 values");
        assertError(json(s -> s.replaceFirst("\"name\": \"relu_4\",\n      \"kind\": \"relu\",\n      \"size\": 60",
            "\"name\": \"relu_4\",\n      \"kind\": \"relu\",\n      \"size\": 59")),
            "layers[2] 'relu_4'", "input size 59 does not match 60");
    }

    @Test
    void outputTypeMustMatchLastLayer() throws IOException
    {
        assertError(json(s -> s.replaceFirst("\"type\": \"ap_fixed<17,2>\"", "\"type\": \"ap_fixed<18,2>\"")),
            "output.type", "does not match result_t");
    }

    @Test
    void unknownFieldAndFormatAndJson() throws IOException
    {
        assertError(json(s -> s.replaceFirst("\"kind\": \"dense\",", "\"kind\": \"dense\", \"weigths\": \"x\",")),
            "layers[0] 'dense_2' field 'weigths'", "unknown field");
        assertError(json(s -> s.replace("l1infer-model/1", "l1infer-model/2")), "field 'format'", "unsupported");
        assertError(json(s -> s.substring(0, s.length() / 2)), "model.json", "invalid JSON");
        assertError(json(s -> s.replaceFirst("\"size\": 27,", "\"size\": -27,")), "input field 'size'", "integer");
        assertError(json(s -> s.replaceFirst("\"scale\": 200.0", "\"scale\": 0")), "output field 'scale'", "non-zero");
    }

    @Test
    void weightFileOutsideBundleIsRefused() throws IOException
    {
        assertError(json(s -> s.replaceFirst("\"w2.txt\"", "\"../w2.txt\"")), "field 'weights'", "outside the bundle");
    }

    @Test
    void missingDirectoryOrModelFile() throws IOException
    {
        assertError(temp.resolve("nope"), "nope", "not a directory");
        Files.createDirectories(temp.resolve("empty"));
        assertError(temp.resolve("empty"), "empty", "missing model.json");
    }

    private Path copy() throws IOException
    {
        final Path dir = Files.createTempDirectory(temp, "bundle");
        try (var files = Files.list(ProjectPaths.thesisModel()))
        {
            for (final Path f : (Iterable<Path>)files::iterator)
            {
                Files.copy(f, dir.resolve(f.getFileName()));
            }
        }
        return dir;
    }

    private Path json(final UnaryOperator<String> edit) throws IOException
    {
        final Path dir = copy();
        final String before = Files.readString(dir.resolve("model.json"));
        final String after = edit.apply(before);
        assertTrue(!before.equals(after), "the edit changed nothing");
        Files.writeString(dir.resolve("model.json"), after);
        return dir;
    }

    private static void assertError(final Path dir, final String where, final String what)
    {
        final ModelLoadException ex = assertThrows(ModelLoadException.class, () -> ModelBundle.load(dir));
        assertTrue(ex.getMessage().contains(where) && ex.getMessage().contains(what),
            "message should name '" + where + "' and '" + what + "': " + ex.getMessage());
    }
}
