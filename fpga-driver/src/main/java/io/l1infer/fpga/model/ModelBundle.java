package io.l1infer.fpga.model;

import io.l1infer.fpga.hls4ml.Hls4mlImporter;
import io.l1infer.fpga.hls4ml.Hls4mlProjectParser;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A fully validated, immutable model: the layers of an hls4ml network with quantized weights, read from a bundle
 * directory in format {@value #FORMAT} (see fpga-driver/README.md).
 */
public final class ModelBundle
{
    /** The bundle format this version reads and writes. */
    public static final String FORMAT = "l1infer-model/1";

    private final String name;
    private final String about;
    private final ModelInput input;
    private final ModelOutput output;
    private final List<Layer> layers;
    private final Path source;

    ModelBundle(
        final String name,
        final String about,
        final ModelInput input,
        final ModelOutput output,
        final List<Layer> layers,
        final Path source)
    {
        this.name = name;
        this.about = about;
        this.input = input;
        this.output = output;
        this.layers = List.copyOf(layers);
        this.source = source;
    }

    /**
     * Load and validate a bundle directory, or import an hls4ml project directory (its root or {@code firmware/},
     * recognised by {@code defines.h} where no {@code model.json} is) in memory.
     *
     * @throws ModelLoadException naming the file, layer and field at fault; nothing is partly loaded.
     */
    public static ModelBundle load(final Path directory)
    {
        if (!Files.exists(directory.resolve(ModelBundleReader.MODEL_FILE)) && Hls4mlProjectParser.isProject(directory))
        {
            return Hls4mlImporter.importProject(directory);
        }
        return new ModelBundleReader(directory).read();
    }

    /** Build a bundle in memory (e.g. a random or freshly trained model), checking the layer chain. */
    public static ModelBundle of(
        final String name,
        final String about,
        final ModelInput input,
        final ModelOutput output,
        final List<Layer> layers)
    {
        ModelBundleReader.checkChain(name, input, output, layers);
        return new ModelBundle(name, about, input, output, layers, null);
    }

    public String name()
    {
        return name;
    }

    public String about()
    {
        return about;
    }

    public ModelInput input()
    {
        return input;
    }

    public ModelOutput output()
    {
        return output;
    }

    public List<Layer> layers()
    {
        return layers;
    }

    /** Directory it was loaded from, or null when built in memory. */
    public Path source()
    {
        return source;
    }

    /** Widest layer output, the scratch size an engine needs per event. */
    public int maxWidth()
    {
        int max = input.size();
        for (final Layer layer : layers)
        {
            max = Math.max(max, layer.outputSize());
        }
        return max;
    }

    @Override
    public String toString()
    {
        final StringBuilder sb = new StringBuilder(name).append(": ").append(input.size());
        for (final Layer layer : layers)
        {
            if (layer instanceof DenseLayer)
            {
                sb.append('-').append(layer.outputSize());
            }
        }
        return sb.append(" (").append(layers.size()).append(" layers, in ").append(input.type())
            .append(", out ").append(output.type()).append(')').toString();
    }
}
