package io.l1infer.fpga.hls4ml;

import io.l1infer.fpga.model.TemplateGeneration;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Which hls4ml template generation wrote a project: from the project's own {@code nnet_utils/nnet_activation.h}
 * when it ships one (that is the C++ its C simulation compiles), otherwise from what {@code parameters.h} declares.
 */
final class TemplateGenerations
{
    private TemplateGenerations()
    {
    }

    /** The generation and how it was decided, for messages. */
    record Decision(TemplateGeneration generation, String reason)
    {
    }

    static Decision of(final Path firmware)
    {
        final Path activation = firmware.resolve("nnet_utils").resolve("nnet_activation.h");
        if (Files.isRegularFile(activation))
        {
            final String text = read(activation);
            final String why = "from the project's nnet_utils/nnet_activation.h";
            if (text.contains("softmax_multidim") || text.contains("n_slice"))
            {
                return new Decision(TemplateGeneration.V1, why);
            }
            if (text.contains("softmax_argmax"))
            {
                return new Decision(TemplateGeneration.V0_8, why);
            }
            return new Decision(TemplateGeneration.EARLY, why);
        }
        final String parameters = read(firmware.resolve("parameters.h"));
        final String why = "from parameters.h (the project has no nnet_utils/)";
        if (parameters.contains("exp_table_size") || parameters.contains("using kernel") ||
            parameters.contains("n_outer"))
        {
            return new Decision(TemplateGeneration.V1, why);
        }
        if (parameters.contains("nnet_code_gen.h") || parameters.contains("nnet::product::"))
        {
            return new Decision(TemplateGeneration.V0_8, why);
        }
        return new Decision(TemplateGeneration.EARLY, why);
    }

    private static String read(final Path file)
    {
        try
        {
            return Files.readString(file, StandardCharsets.ISO_8859_1);
        }
        catch (final IOException ex)
        {
            return "";
        }
    }
}
