package io.l1infer.bench.cli;

import io.l1infer.fpga.engine.Accelerator;
import io.l1infer.fpga.engine.BatchBuffers;
import io.l1infer.fpga.engine.FixedPointEmulator;
import io.l1infer.fpga.fixedpoint.FixedPointType;
import io.l1infer.fpga.model.ModelBundle;
import io.l1infer.fpga.model.ModelOutput;
import io.l1infer.fpga.opencl.OpenClAccelerator;
import io.l1infer.fpga.opencl.OpenClDeviceSelector;
import io.l1infer.fpga.opencl.OpenClKernelSource;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/**
 * {@code infer}: offline inference of a CSV file, a stable contract (see the README): one output line per input
 * line in the same order; any bad line fails the whole run with its line number and leaves no output file.
 */
@Command(name = "infer", mixinStandardHelpOptions = true,
    description = "Run a model bundle on a CSV file of inputs, one output line per input line.")
final class InferCommand implements Callable<Integer>
{
    @Option(names = "--model", defaultValue = "${sys:l1infer.home:-.}/models/muon-pt-thesis",
        description = "Model bundle directory (default: the shipped muon-pt-thesis).")
    Path model;

    @Option(names = "--in", required = true, description = "Input CSV file.")
    Path in;

    @Option(names = "--out", required = true, description = "Output CSV file (written only when every line is good).")
    Path out;

    @Option(names = "--raw", description = "Inputs and outputs are raw fixed-point integers instead of floats.")
    boolean raw;

    @Option(names = "--accelerator", defaultValue = "emulator",
        description = "emulator (bit-exact CPU engine) or opencl (default: ${DEFAULT-VALUE}).")
    String accelerator;

    @Option(names = "--opencl-platform", defaultValue = "", description = "OpenCL platform name substring.")
    String openClPlatform;

    @Option(names = "--opencl-device", defaultValue = "", description = "OpenCL device name substring.")
    String openClDevice;

    @Option(names = "--batch", defaultValue = "256", description = "Events per accelerator call (default: ${DEFAULT-VALUE}).")
    int batch;

    @Override
    public Integer call() throws IOException
    {
        if (batch < 1)
        {
            throw new IllegalArgumentException("--batch must be >= 1, got " + batch);
        }
        final ModelBundle bundle = ModelBundle.load(model);
        final int[][] inputs = readInputs(bundle);
        final long start = System.nanoTime();
        final int[][] outputs;
        try (Accelerator acc = open(bundle))
        {
            outputs = run(acc, inputs);
        }
        final long elapsed = System.nanoTime() - start;
        writeOutputs(bundle, outputs);
        System.err.printf(Locale.ROOT, "l1infer-bench infer: %d events through %s in %.1f ms%n",
            inputs.length, accelerator, elapsed / 1e6);
        return 0;
    }

    private Accelerator open(final ModelBundle bundle)
    {
        return switch (accelerator)
        {
            case "emulator" -> new FixedPointEmulator(bundle, batch);
            case "opencl" -> OpenClAccelerator.open(bundle, new OpenClDeviceSelector(openClPlatform, openClDevice,
                OpenClDeviceSelector.DeviceTypeFilter.ALL, 0), null, OpenClKernelSource.DEFAULT_KERNEL_NAME, batch, 1);
            default -> throw new IllegalArgumentException("--accelerator must be emulator or opencl, got '" +
                accelerator + "'");
        };
    }

    private static int[][] run(final Accelerator acc, final int[][] inputs)
    {
        final BatchBuffers buf = acc.buffers(0);
        final int inSize = acc.model().input().size();
        final int outSize = acc.model().output().size();
        final int[][] outputs = new int[inputs.length][outSize];
        for (int first = 0; first < inputs.length; first += acc.maxBatchSize())
        {
            final int n = Math.min(acc.maxBatchSize(), inputs.length - first);
            for (int b = 0; b < n; b++)
            {
                for (int f = 0; f < inSize; f++)
                {
                    buf.putInput(b, f, inputs[first + b][f]);
                }
            }
            acc.infer(0, n);
            for (int b = 0; b < n; b++)
            {
                for (int o = 0; o < outSize; o++)
                {
                    outputs[first + b][o] = buf.getOutput(b, o);
                }
            }
        }
        return outputs;
    }

    private int[][] readInputs(final ModelBundle bundle) throws IOException
    {
        final FixedPointType type = bundle.input().type();
        final int size = bundle.input().size();
        final List<String> lines = Files.readAllLines(in, StandardCharsets.UTF_8);
        final List<int[]> rows = new ArrayList<>(lines.size());
        for (int l = 0; l < lines.size(); l++)
        {
            final String line = lines.get(l).strip();
            final int lineNumber = l + 1;
            if (line.isEmpty())
            {
                throw new IllegalArgumentException(in + " line " + lineNumber + ": empty line");
            }
            if (l == 0 && !raw && isHeader(line))
            {
                continue;
            }
            final String[] fields = line.split(",", -1);
            if (fields.length != size)
            {
                throw new IllegalArgumentException(in + " line " + lineNumber + ": expected " + size +
                    " values for model " + bundle.name() + ", found " + fields.length);
            }
            final int[] row = new int[size];
            for (int f = 0; f < size; f++)
            {
                row[f] = parse(fields[f].strip(), type, lineNumber, f + 1);
            }
            rows.add(row);
        }
        return rows.toArray(new int[0][]);
    }

    private int parse(final String text, final FixedPointType type, final int line, final int column)
    {
        final String where = in + " line " + line + " column " + column + ": ";
        if (raw)
        {
            final long value;
            try
            {
                value = Long.parseLong(text);
            }
            catch (final NumberFormatException ex)
            {
                throw new IllegalArgumentException(where + "'" + text + "' is not an integer");
            }
            if (!type.containsRaw(value))
            {
                throw new IllegalArgumentException(where + value + " is outside the raw range [" + type.minRaw() +
                    ", " + type.maxRaw() + "] of " + type);
            }
            return (int)value;
        }
        final double value;
        try
        {
            value = Double.parseDouble(text);
        }
        catch (final NumberFormatException ex)
        {
            throw new IllegalArgumentException(where + "'" + text + "' is not a number");
        }
        if (!Double.isFinite(value))
        {
            throw new IllegalArgumentException(where + "'" + text + "' is not finite");
        }
        return (int)type.fromDouble(value);
    }

    private static boolean isHeader(final String line)
    {
        final String first = line.split(",", 2)[0].strip();
        try
        {
            Double.parseDouble(first);
            return false;
        }
        catch (final NumberFormatException ex)
        {
            return true;
        }
    }

    private void writeOutputs(final ModelBundle bundle, final int[][] outputs) throws IOException
    {
        final ModelOutput spec = bundle.output();
        final boolean scaled = spec.scale() != 1.0 || !spec.unit().isEmpty();
        final Path parent = out.toAbsolutePath().getParent();
        Files.createDirectories(parent);
        final Path temp = Files.createTempFile(parent, ".l1infer-infer", ".tmp");
        try
        {
            try (BufferedWriter w = Files.newBufferedWriter(temp, StandardCharsets.UTF_8))
            {
                if (!raw)
                {
                    w.write(header(spec, scaled));
                    w.newLine();
                }
                final StringBuilder sb = new StringBuilder();
                for (final int[] row : outputs)
                {
                    sb.setLength(0);
                    for (int o = 0; o < row.length; o++)
                    {
                        sb.append(o == 0 ? "" : ",");
                        if (raw)
                        {
                            sb.append(row[o]);
                        }
                        else
                        {
                            sb.append(spec.type().toDouble(row[o]));
                        }
                    }
                    if (!raw && scaled)
                    {
                        for (final int value : row)
                        {
                            sb.append(',').append(spec.decode(value));
                        }
                    }
                    w.write(sb.toString());
                    w.newLine();
                }
            }
            Files.move(temp, out, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        }
        finally
        {
            Files.deleteIfExists(temp);
        }
    }

    private static String header(final ModelOutput spec, final boolean scaled)
    {
        final StringBuilder sb = new StringBuilder();
        for (int o = 0; o < spec.size(); o++)
        {
            sb.append(o == 0 ? "" : ",").append(name(spec, o));
        }
        if (scaled)
        {
            final String unit = spec.unit().isEmpty() ? "scaled" : spec.unit();
            for (int o = 0; o < spec.size(); o++)
            {
                sb.append(',').append(name(spec, o)).append('*').append(spec.scale()).append(" [").append(unit)
                    .append(']');
            }
        }
        return sb.toString();
    }

    private static String name(final ModelOutput spec, final int o)
    {
        return spec.names().isEmpty() ? "output_" + o : spec.names().get(o);
    }
}
