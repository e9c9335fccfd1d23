package io.l1infer.bench.jmh;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The report's arithmetic and table on JMH-shaped JSON results with seeded random scores. */
class EngineBenchmarkReportTest
{
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String BENCHMARK = EngineBenchmark.class.getName() + ".inferBatch";

    @Test
    void dividesByBatchConvertsUnitsAndPairsEngines()
    {
        final long seed = 20_251_124L;
        final SplittableRandom random = new SplittableRandom(seed);
        final ArrayNode results = JSON.createArrayNode();
        final int[] batches = {1, 16, 64, 256};
        final double[][] engineNs = new double[2][batches.length];
        final double[][] onnxNs = new double[2][batches.length];
        final String[] models = {BenchmarkModels.THESIS, BenchmarkModels.RANDOM};
        results.add(result("some.other.Benchmark.run", "thrpt", "thesis", 1, "onnx", 1.0, 0.1, "ops/s"));
        for (int m = 0; m < 2; m++)
        {
            // Larger batches first: rows must come out sorted by batch anyway.
            for (int k = batches.length - 1; k >= 0; k--)
            {
                engineNs[m][k] = 50 + random.nextDouble() * 500;
                onnxNs[m][k] = 200 + random.nextDouble() * 5000;
                final double engineScore = engineNs[m][k] * batches[k];
                // The ONNX results come in microseconds per batch, as JMH writes with -tu us.
                results.add(result(BENCHMARK, "avgt", models[m], batches[k], "onnx",
                    onnxNs[m][k] * batches[k] / 1000, 0.01, "us/op"));
                results.add(result(BENCHMARK, "avgt", models[m], batches[k], "emulator",
                    engineScore, engineScore / 100, "ns/op"));
            }
        }

        final List<EngineBenchmarkReport.Row> rows = EngineBenchmarkReport.rows(results);
        assertEquals(8, rows.size());
        for (int m = 0; m < 2; m++)
        {
            for (int k = 0; k < batches.length; k++)
            {
                final EngineBenchmarkReport.Row row = rows.get(m * batches.length + k);
                final String where = "seed " + seed + ", " + models[m] + " batch " + batches[k];
                assertEquals(models[m], row.model(), where);
                assertEquals(batches[k], row.batch(), where);
                assertEquals(engineNs[m][k], row.engineNs(), 1e-9 * engineNs[m][k], where);
                assertEquals(engineNs[m][k] / 100, row.engineError(), 1e-9 * engineNs[m][k], where);
                assertEquals(onnxNs[m][k], row.onnxNs(), 1e-9 * onnxNs[m][k], where);
                assertEquals(10.0 / batches[k], row.onnxError(), 1e-9, where);
                assertEquals(onnxNs[m][k] / engineNs[m][k], row.ratio(), 1e-9 * row.ratio(), where);
            }
        }
    }

    @Test
    void printsTableAndChecksGoals()
    {
        final ArrayNode results = JSON.createArrayNode();
        results.add(result(BENCHMARK, "avgt", "thesis", 1, "emulator", 100, Double.NaN, "ns/op"));
        results.add(result(BENCHMARK, "avgt", "thesis", 1, "onnx", 1500, 20, "ns/op"));
        results.add(result(BENCHMARK, "avgt", "thesis", 256, "emulator", 256 * 300, 256 * 3, "ns/op"));
        results.add(result(BENCHMARK, "avgt", "thesis", 256, "onnx", 256 * 400, 256 * 4, "ns/op"));
        results.add(result(BENCHMARK, "avgt", "thesis", 64, "emulator", 64 * 200, 64 * 2, "ns/op"));

        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        EngineBenchmarkReport.print(EngineBenchmarkReport.rows(results), new PrintStream(bytes, true,
            StandardCharsets.UTF_8));
        final List<String> lines = List.of(bytes.toString(StandardCharsets.UTF_8).split("\n"));

        assertEquals("| thesis | 1 | 100 | 1500 ± 20 | 15.0x |", lines.get(2));
        assertEquals("| thesis | 64 | 200 ± 2 | - | - |", lines.get(3));
        assertEquals("| thesis | 256 | 300 ± 3 | 400 ± 4 | 1.3x |", lines.get(4));
        assertTrue(lines.contains("- met: thesis batch 1: engine speed-up over ONNX Runtime 15.0x (goal >= 10.0x)"),
            String.join("\n", lines));
        assertTrue(lines.contains("- met: thesis batch 64: engine 200 ns/event (goal <= 250)"),
            String.join("\n", lines));
        assertTrue(lines.contains("- NOT met: thesis batch 256: engine speed-up over ONNX Runtime 1.3x (goal >= 1.5x)"),
            String.join("\n", lines));
        assertTrue(lines.contains("- NOT met: thesis batch 256: engine 300 ns/event (goal <= 250)"),
            String.join("\n", lines));
    }

    @Test
    void rejectsResultsItCannotRead()
    {
        final ArrayNode throughput = JSON.createArrayNode();
        throughput.add(result(BENCHMARK, "thrpt", "thesis", 1, "onnx", 1, 0, "ops/ns"));
        assertEquals("result [0] " + BENCHMARK + ": mode 'thrpt', expected avgt (average time)",
            assertThrows(IllegalArgumentException.class, () -> EngineBenchmarkReport.rows(throughput)).getMessage());

        final ArrayNode noParams = JSON.createArrayNode();
        final ObjectNode bare = result(BENCHMARK, "avgt", "thesis", 1, "onnx", 1, 0, "ns/op");
        ((ObjectNode)bare.get("params")).remove("engine");
        noParams.add(bare);
        assertEquals("result [0] " + BENCHMARK + ": missing field 'engine'",
            assertThrows(IllegalArgumentException.class, () -> EngineBenchmarkReport.rows(noParams)).getMessage());

        final JsonNode notArray = JSON.createObjectNode();
        assertThrows(IllegalArgumentException.class, () -> EngineBenchmarkReport.rows(notArray));
    }

    /** One entry shaped like JMH's JSON output (only the fields the report reads, plus a few it ignores). */
    private static ObjectNode result(
        final String benchmark, final String mode, final String model, final int batch, final String engine,
        final double score, final double error, final String unit)
    {
        final ObjectNode node = JSON.createObjectNode();
        node.put("jmhVersion", "1.37");
        node.put("benchmark", benchmark);
        node.put("mode", mode);
        node.put("threads", 1);
        final ObjectNode params = node.putObject("params");
        params.put("batch", Integer.toString(batch));
        params.put("engine", engine);
        params.put("model", model);
        final ObjectNode metric = node.putObject("primaryMetric");
        metric.put("score", score);
        if (Double.isNaN(error))
        {
            metric.put("scoreError", "NaN");
        }
        else
        {
            metric.put("scoreError", error);
        }
        metric.put("scoreUnit", unit);
        return node;
    }
}
