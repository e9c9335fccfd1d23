package io.l1infer.fpga.hls4ml;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * An hls4ml project directory as its files say it, before any meaning is given to it: the top function's arrays
 * and layer calls ({@code <project>.cpp}), the sizes and typedefs ({@code defines.h}), the config structs
 * ({@code parameters.h}) and the weights. {@link Hls4mlImporter} turns it into a model.
 */
public record Hls4mlProject(
    Path directory,
    Path firmware,
    String name,
    List<Hls4mlArray> parameters,
    Map<String, Hls4mlArray> locals,
    List<Hls4mlCall> calls,
    Map<String, String> savedLayerNames,
    Map<String, String> defines,
    Map<String, SourceLocation> defineLocations,
    Map<String, Hls4mlTypedef> typedefs,
    Map<String, Hls4mlConfig> configs,
    Map<String, Hls4mlWeights> weights)
{
    public Hls4mlProject
    {
        parameters = List.copyOf(parameters);
        locals = Map.copyOf(locals);
        calls = List.copyOf(calls);
        savedLayerNames = Map.copyOf(savedLayerNames);
        defines = Map.copyOf(defines);
        defineLocations = Map.copyOf(defineLocations);
        typedefs = Map.copyOf(typedefs);
        configs = Map.copyOf(configs);
        weights = Map.copyOf(weights);
    }

    /** The top function's source file name, e.g. {@code firmware/myproject.cpp}. */
    public String topFile()
    {
        return relative(name + ".cpp");
    }

    /** A firmware file's name relative to the project directory, as messages show it. */
    public String relative(final String firmwareFile)
    {
        final Path rel = directory.relativize(firmware.resolve(firmwareFile));
        return rel.toString();
    }
}
