package io.l1infer.bench.cli;

import io.l1infer.config.DaemonSettings;
import io.l1infer.daemon.OpenClProvider;
import io.l1infer.fpga.CsimFloats;
import io.l1infer.fpga.Predictor;
import io.l1infer.fpga.engine.EmulatorProvider;
import io.l1infer.fpga.fixedpoint.FixedPointType;
import io.l1infer.fpga.model.ModelBundle;
import io.l1infer.fpga.model.ModelOutput;
import io.l1infer.fpga.opencl.OpenClDeviceSelector;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/**
 * {@code infer}: offline inference of a CSV file, a stable contract (see the README): one output line per input
 * line in the same order; any bad line fails the whole run with its line number and leaves no output file. It also
 * reads hls4ml's test bench input ({@code tb_input_features.dat}) and writes its C simulation log layout
 * ({@code csim_results.log}), so the result diffs against a user's own C simulation.
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

    @Option(names = "--in-format", defaultValue = "auto",
        description = "csv, hls4ml-dat (tb_input_features.dat: one event per line, floats separated by spaces or " +
            "commas, read as float like hls4ml's test bench), or auto: hls4ml-dat for a file name ending in .dat " +
            "(default: ${DEFAULT-VALUE}).")
    String inFormat;

    @Option(names = "--out-format", defaultValue = "auto",
        description = "csv, csim-log (csim_results.log as hls4ml's test bench writes it: each output as " +
            "ap_fixed prints it, followed by a space, one event per line), or auto: csim-log for a file name " +
            "ending in .log or .dat (default: ${DEFAULT-VALUE}).")
    String outFormat;

    // The engine flags are daemon settings for one run (l1infer.accelerator, l1infer.opencl.platform and .device,
    // l1infer.accelerator.max.batch): their defaults are those declared ones, so infer picks the engine, device and
    // batch size a daemon on its default settings would.
    @Option(names = "--accelerator",
        description = "emulator (bit-exact CPU engine) or opencl (default: ${DEFAULT-VALUE}).")
    String accelerator = DaemonSettings.ACCELERATOR.defaultText();

    @Option(names = "--opencl-platform", description = "OpenCL platform name substring.")
    String openClPlatform = DaemonSettings.OPENCL_PLATFORM.defaultValue();

    @Option(names = "--opencl-device", description = "OpenCL device name substring.")
    String openClDevice = DaemonSettings.OPENCL_DEVICE.defaultValue();

    @Option(names = "--batch", description = "Events per accelerator call (default: ${DEFAULT-VALUE}).")
    int batch = DaemonSettings.ACCELERATOR_MAX_BATCH.defaultValue();

    @Override
    public Integer call() throws IOException
    {
        if (batch < 1)
        {
            throw new IllegalArgumentException("--batch must be >= 1, got " + batch);
        }
        final boolean datIn = isFormat("--in-format", inFormat, "hls4ml-dat", "csv", name(in).endsWith(".dat"));
        final boolean csimOut = isFormat("--out-format", outFormat, "csim-log", "csv",
            name(out).endsWith(".log") || name(out).endsWith(".dat"));
        if (raw && (datIn || csimOut))
        {
            throw new IllegalArgumentException("--raw reads and writes raw CSV; hls4ml's " +
                (datIn ? "tb_input_features.dat" : "csim_results.log") + " holds floats (choose --in-format csv " +
                "--out-format csv with --raw)");
        }
        final ModelBundle bundle = ModelBundle.load(model);
        if (csimOut)
        {
            ApFixedText.checkPrintable(bundle.output().type());
        }
        final long[][] inputs = readInputs(bundle, datIn);
        final long start = System.nanoTime();
        final long[][] outputs;
        try (Predictor predictor = open(bundle))
        {
            outputs = run(predictor, inputs);
        }
        final long elapsed = System.nanoTime() - start;
        if (csimOut)
        {
            writeCsimLog(bundle, outputs);
        }
        else
        {
            writeOutputs(bundle, outputs);
        }
        System.err.printf(Locale.ROOT, "l1infer-bench infer: %d events through %s in %.1f ms%n",
            inputs.length, accelerator, elapsed / 1e6);
        return 0;
    }

    private static String name(final Path path)
    {
        final Path file = path.getFileName();
        return file == null ? "" : file.toString();
    }

    private static boolean isFormat(
        final String option, final String value, final String special, final String plain, final boolean byName)
    {
        if (value.equals("auto"))
        {
            return byName;
        }
        if (value.equals(special) || value.equals(plain))
        {
            return value.equals(special);
        }
        throw new IllegalArgumentException(option + " must be auto, " + plain + " or " + special + ", got '" +
            value + "'");
    }

    private Predictor open(final ModelBundle bundle)
    {
        return switch (accelerator)
        {
            case EmulatorProvider.NAME -> Predictor.emulator(bundle, batch);
            case OpenClProvider.NAME -> Predictor.openCl(bundle, openClSelector(), batch);
            default -> throw new IllegalArgumentException("--accelerator must be emulator or opencl, got '" +
                accelerator + "'");
        };
    }

    /** The daemon's default device choice (the l1infer.opencl.* settings) with --opencl-platform and -device. */
    private OpenClDeviceSelector openClSelector()
    {
        return new OpenClDeviceSelector(openClPlatform, openClDevice,
            OpenClDeviceSelector.DeviceTypeFilter.parse(DaemonSettings.OPENCL_DEVICE_TYPE.defaultValue()),
            DaemonSettings.OPENCL_DEVICE_INDEX.defaultValue());
    }

    private static long[][] run(final Predictor predictor, final long[][] inputs)
    {
        final int inSize = predictor.inputSize();
        final int outSize = predictor.outputSize();
        final long[] in = new long[Math.multiplyExact(inputs.length, inSize)];
        for (int e = 0; e < inputs.length; e++)
        {
            System.arraycopy(inputs[e], 0, in, e * inSize, inSize);
        }
        final long[] out = new long[Math.multiplyExact(inputs.length, outSize)];
        predictor.predictRaw(in, inputs.length, out);
        final long[][] outputs = new long[inputs.length][outSize];
        for (int e = 0; e < inputs.length; e++)
        {
            System.arraycopy(out, e * outSize, outputs[e], 0, outSize);
        }
        return outputs;
    }

    private long[][] readInputs(final ModelBundle bundle, final boolean dat) throws IOException
    {
        final FixedPointType type = bundle.input().type();
        final int size = bundle.input().size();
        final List<String> lines = Files.readAllLines(in, StandardCharsets.UTF_8);
        final List<long[]> rows = new ArrayList<>(lines.size());
        for (int l = 0; l < lines.size(); l++)
        {
            final String line = lines.get(l).strip();
            final int lineNumber = l + 1;
            if (line.isEmpty())
            {
                throw new IllegalArgumentException(in + " line " + lineNumber + ": empty line");
            }
            if (l == 0 && !raw && !dat && isHeader(line))
            {
                continue;
            }
            final String[] fields = dat ? line.split("[ ,]+", -1) : line.split(",", -1);
            if (fields.length != size)
            {
                throw new IllegalArgumentException(in + " line " + lineNumber + ": expected " + size +
                    " values for model " + bundle.name() + ", found " + fields.length);
            }
            final long[] row = new long[size];
            for (int f = 0; f < size; f++)
            {
                row[f] = dat ? parseFloat(fields[f], type, lineNumber, f + 1) :
                    parse(fields[f].strip(), type, lineNumber, f + 1);
            }
            rows.add(row);
        }
        return rows.toArray(new long[0][]);
    }

    /** A tb_input_features.dat value: read into a float, as hls4ml's test bench does, then assigned to the type. */
    private long parseFloat(final String text, final FixedPointType type, final int line, final int column)
    {
        final float value;
        try
        {
            value = CsimFloats.parse(text);
        }
        catch (final NumberFormatException ex)
        {
            throw new IllegalArgumentException(in + " line " + line + " column " + column + ": '" + text +
                "' is not a number");
        }
        if (!Float.isFinite(value))
        {
            throw new IllegalArgumentException(in + " line " + line + " column " + column + ": '" + text +
                "' is not finite as a float");
        }
        return CsimFloats.toRaw(type, value);
    }

    private long parse(final String text, final FixedPointType type, final int line, final int column)
    {
        final String where = in + " line " + line + " column " + column + ": ";
        if (raw)
        {
            final long value;
            try
            {
                // A 64-bit unsigned raw value of 2^63 or more is held as its bits.
                value = type.isUnsigned64() && !text.startsWith("-") ? Long.parseUnsignedLong(text) :
                    Long.parseLong(text);
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
            return value;
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
        return type.fromDouble(value);
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

    private void writeOutputs(final ModelBundle bundle, final long[][] outputs) throws IOException
    {
        final ModelOutput spec = bundle.output();
        final boolean scaled = spec.scale() != 1.0 || !spec.unit().isEmpty();
        AtomicTextFile.write(out, ".l1infer-infer", w ->
        {
            if (!raw)
            {
                w.write(header(spec, scaled));
                w.newLine();
            }
            final StringBuilder sb = new StringBuilder();
            for (final long[] row : outputs)
            {
                sb.setLength(0);
                for (int o = 0; o < row.length; o++)
                {
                    sb.append(o == 0 ? "" : ",");
                    if (raw)
                    {
                        sb.append(spec.type().isUnsigned64() ? Long.toUnsignedString(row[o]) : String.valueOf(row[o]));
                    }
                    else
                    {
                        sb.append(spec.type().toDouble(row[o]));
                    }
                }
                if (!raw && scaled)
                {
                    for (final long value : row)
                    {
                        sb.append(',').append(spec.decode(value));
                    }
                }
                w.write(sb.toString());
                w.newLine();
            }
        });
    }

    /** The layout of hls4ml's csim_results.log: nnet::print_result, each value then a space, std::endl per event. */
    private void writeCsimLog(final ModelBundle bundle, final long[][] outputs) throws IOException
    {
        final FixedPointType type = bundle.output().type();
        AtomicTextFile.write(out, ".l1infer-infer", w ->
        {
            final StringBuilder sb = new StringBuilder();
            for (final long[] row : outputs)
            {
                sb.setLength(0);
                for (final long value : row)
                {
                    sb.append(ApFixedText.format(type, value)).append(' ');
                }
                w.write(sb.append('\n').toString());
            }
        });
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
