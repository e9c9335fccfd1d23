package io.l1infer.bench.jmh;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Turns the JSON result file of an {@link EngineBenchmark} run ({@code -rf json -rff FILE}) into the README's
 * Markdown table: nanoseconds per event for the bit-exact engine and for ONNX Runtime, their ratio, and the issue's
 * goals checked against them.
 *
 * <p>Usage: {@code java -cp "bench/target/classes:bench/target/lib/*" io.l1infer.bench.jmh.EngineBenchmarkReport
 * engine.json}.
 */
public final class EngineBenchmarkReport
{
    /** Goal: ONNX Runtime takes at least this many times longer per event at batch 1. */
    public static final double GOAL_RATIO_BATCH_1 = 10.0;
    /** Goal: ONNX Runtime takes at least this many times longer per event at batch 256. */
    public static final double GOAL_RATIO_BATCH_256 = 1.5;
    /** Goal: the engine needs at most this many nanoseconds per event at batch 64 and above. */
    public static final double GOAL_NS_PER_EVENT = 250.0;
    private static final int GOAL_NS_MIN_BATCH = 64;

    /** One table line: a model at a batch size, both engines' ns per event and JMH's 99.9% error (NaN if none). */
    public record Row(String model, int batch, double engineNs, double engineError, double onnxNs, double onnxError)
    {
        /** ONNX Runtime's time per event over the engine's: how many times faster the engine is (NaN if missing). */
        public double ratio()
        {
            return onnxNs / engineNs;
        }
    }

    private EngineBenchmarkReport()
    {
    }

    public static void main(final String[] args) throws IOException
    {
        if (args.length != 1)
        {
            System.err.println("usage: EngineBenchmarkReport JMH_RESULT.json");
            System.exit(2);
        }
        final List<Row> rows;
        try
        {
            rows = rows(new ObjectMapper().readTree(Path.of(args[0]).toFile()));
        }
        catch (final IllegalArgumentException ex)
        {
            System.err.println(args[0] + ": " + ex.getMessage());
            System.exit(1);
            return;
        }
        print(rows, System.out);
    }

    /**
     * Collect the {@link EngineBenchmark} results of a JMH JSON result array into rows, ordered by model (first
     * seen first) and batch size.
     *
     * @throws IllegalArgumentException naming the entry that is not an average-time EngineBenchmark result.
     */
    public static List<Row> rows(final JsonNode results)
    {
        if (!results.isArray())
        {
            throw new IllegalArgumentException("not a JMH JSON result (expected an array of benchmark results)");
        }
        final Map<String, TreeMap<Integer, double[]>> byModel = new LinkedHashMap<>();
        for (int i = 0; i < results.size(); i++)
        {
            final JsonNode result = results.get(i);
            final String benchmark = result.path("benchmark").asText();
            if (!benchmark.startsWith(EngineBenchmark.class.getName() + "."))
            {
                continue;
            }
            final String where = "result [" + i + "] " + benchmark;
            if (!"avgt".equals(result.path("mode").asText()))
            {
                throw new IllegalArgumentException(where + ": mode '" + result.path("mode").asText() +
                    "', expected avgt (average time)");
            }
            final JsonNode params = result.path("params");
            final String model = required(params, "model", where).asText();
            final String engine = required(params, "engine", where).asText();
            final int batch;
            try
            {
                batch = Integer.parseInt(required(params, "batch", where).asText());
            }
            catch (final NumberFormatException ex)
            {
                throw new IllegalArgumentException(where + ": param batch is not an integer: " +
                    params.path("batch").asText());
            }
            final JsonNode metric = required(result, "primaryMetric", where);
            final double nsPerOp = toNanos(required(metric, "scoreUnit", where).asText(), where);
            final double score = required(metric, "score", where).asDouble() * nsPerOp / batch;
            final double error = metric.path("scoreError").asDouble(Double.NaN) * nsPerOp / batch;
            final double[] cell = byModel.computeIfAbsent(model, m -> new TreeMap<>())
                .computeIfAbsent(batch, b -> new double[] {Double.NaN, Double.NaN, Double.NaN, Double.NaN});
            switch (engine)
            {
                case EngineBenchmark.EMULATOR ->
                {
                    cell[0] = score;
                    cell[1] = error;
                }
                case EngineBenchmark.ONNX ->
                {
                    cell[2] = score;
                    cell[3] = error;
                }
                default -> throw new IllegalArgumentException(where + ": unknown engine '" + engine + "'");
            }
        }
        final List<Row> rows = new ArrayList<>();
        byModel.forEach((model, batches) -> batches.forEach((batch, c) ->
            rows.add(new Row(model, batch, c[0], c[1], c[2], c[3]))));
        return rows;
    }

    private static JsonNode required(final JsonNode node, final String field, final String where)
    {
        final JsonNode value = node.get(field);
        if (value == null || value.isNull())
        {
            throw new IllegalArgumentException(where + ": missing field '" + field + "'");
        }
        return value;
    }

    private static double toNanos(final String unit, final String where)
    {
        return switch (unit)
        {
            case "ns/op" -> 1.0;
            case "us/op" -> 1e3;
            case "ms/op" -> 1e6;
            case "s/op" -> 1e9;
            default -> throw new IllegalArgumentException(where + ": score unit '" + unit +
                "' is not a time per operation");
        };
    }

    /** Print the Markdown table, then one line per goal that the rows can answer. */
    public static void print(final List<Row> rows, final PrintStream out)
    {
        out.println("| model | batch | engine ns/event | ONNX Runtime ns/event | ORT / engine |");
        out.println("|---|---:|---:|---:|---:|");
        for (final Row row : rows)
        {
            out.println("| " + row.model() + " | " + row.batch() +
                " | " + withError(row.engineNs(), row.engineError()) +
                " | " + withError(row.onnxNs(), row.onnxError()) +
                " | " + ratio(row.ratio()) + " |");
        }
        out.println();
        for (final Row row : rows)
        {
            if (row.batch() == 1 && !Double.isNaN(row.ratio()))
            {
                out.println(goal(row.ratio() >= GOAL_RATIO_BATCH_1, row.model() +
                    " batch 1: engine speed-up over ONNX Runtime " + ratio(row.ratio()) + " (goal >= " +
                    ratio(GOAL_RATIO_BATCH_1) + ")"));
            }
            if (row.batch() == 256 && !Double.isNaN(row.ratio()))
            {
                out.println(goal(row.ratio() >= GOAL_RATIO_BATCH_256, row.model() +
                    " batch 256: engine speed-up over ONNX Runtime " + ratio(row.ratio()) + " (goal >= " +
                    ratio(GOAL_RATIO_BATCH_256) + ")"));
            }
            if (row.batch() >= GOAL_NS_MIN_BATCH && !Double.isNaN(row.engineNs()))
            {
                out.println(goal(row.engineNs() <= GOAL_NS_PER_EVENT, row.model() + " batch " + row.batch() +
                    ": engine " + number(row.engineNs()) + " ns/event (goal <= " + number(GOAL_NS_PER_EVENT) + ")"));
            }
        }
    }

    private static String goal(final boolean met, final String text)
    {
        return "- " + (met ? "met: " : "NOT met: ") + text;
    }

    private static String withError(final double value, final double error)
    {
        if (Double.isNaN(value))
        {
            return "-";
        }
        return Double.isNaN(error) ? number(value) : number(value) + " ± " + format(error, decimals(value));
    }

    private static String number(final double value)
    {
        return format(value, decimals(value));
    }

    /** Three significant digits for small values, whole nanoseconds from 100 up. */
    private static int decimals(final double value)
    {
        return value >= 100 ? 0 : value >= 10 ? 1 : 2;
    }

    private static String format(final double value, final int decimals)
    {
        return String.format(Locale.ROOT, "%." + decimals + "f", value);
    }

    private static String ratio(final double value)
    {
        return Double.isNaN(value) ? "-" : String.format(Locale.ROOT, "%.1fx", value);
    }
}
