package io.l1infer.bench.cli;

import io.l1infer.fpga.fixedpoint.FixedPointType;
import io.l1infer.fpga.hls4ml.Hls4mlImporter;
import io.l1infer.fpga.model.ModelBundle;
import io.l1infer.fpga.model.ModelBundleWriter;
import io.l1infer.fpga.model.ModelSummary;
import io.l1infer.fpga.model.RandomModelGenerator;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code model}: tools that make model bundles. */
@Command(name = "model", description = "Model bundle tools.", mixinStandardHelpOptions = true,
    subcommands = {ModelCommand.Random.class, ModelCommand.Import.class})
final class ModelCommand
{
    /** {@code model random}: a deterministic random pruned ReLU MLP bundle. */
    @Command(name = "random", mixinStandardHelpOptions = true,
        description = "Write a deterministic random pruned ReLU MLP bundle (for tests and benchmarks).")
    static final class Random implements Callable<Integer>
    {
        @Option(names = "--arch", split = ",", defaultValue = "27,35,20,25,40,20,15,1",
            description = "Layer widths, input first (default: ${DEFAULT-VALUE}).")
        int[] architecture;

        @Option(names = "--sparsity", defaultValue = "0.75",
            description = "Fraction of zero weights (default: ${DEFAULT-VALUE}).")
        double sparsity;

        @Option(names = "--type", defaultValue = "ap_fixed<16,6>",
            description = "Type of every value (default: ${DEFAULT-VALUE}).")
        String type;

        @Mixin
        SeededBundleOptions bundle;

        @Override
        public Integer call()
        {
            final ModelBundle model =
                RandomModelGenerator.generate(architecture, sparsity, FixedPointType.parse(type), bundle.seed);
            ModelBundleWriter.write(model, bundle.out);
            System.out.println("wrote " + model + " to " + bundle.out);
            return 0;
        }
    }

    /** {@code model import}: an hls4ml project directory to a bundle, with a summary of what was imported. */
    @Command(name = "import", mixinStandardHelpOptions = true,
        description = "Import an hls4ml project directory (its root or firmware/) into a model bundle.")
    static final class Import implements Callable<Integer>
    {
        @Option(names = "--hls4ml", required = true, description = "The hls4ml project directory.")
        Path project;

        @Mixin
        BundleOutOption bundle;

        @Override
        public Integer call()
        {
            final ModelBundle model = Hls4mlImporter.importProject(project);
            ModelBundleWriter.write(model, bundle.out);
            System.out.print(ModelSummary.describe(model));
            System.out.println("wrote " + bundle.out);
            return 0;
        }
    }
}
