package io.l1infer.bench.cli;

import io.l1infer.fpga.model.ModelBundle;
import io.l1infer.muon.ToySimulationConfig;
import io.l1infer.training.EvaluationReport;
import io.l1infer.training.EvaluationResult;
import io.l1infer.training.Evaluation;
import io.l1infer.training.PtLut;
import io.l1infer.training.PtLutBuilder;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/**
 * {@code evaluate}: pT resolution per bin of a model (through the engine) against the classic lookup table, on fresh
 * simulated muons; turn-on curves; optional plots.
 */
@Command(name = "evaluate", mixinStandardHelpOptions = true,
    description = "Resolution of a muon pT model (fixed-point engine) against the L1 lookup table on fresh toy muons.")
final class EvaluateCommand implements Callable<Integer>
{
    @Option(names = "--model", defaultValue = "${sys:l1infer.home:-.}/models/muon-pt-talk",
        description = "Model bundle directory (default: the shipped muon-pt-talk).")
    Path model;

    @Option(names = "--events", defaultValue = "100000", description = "Muons evaluated (default: ${DEFAULT-VALUE}).")
    int events;

    @Option(names = "--seed", required = true,
        description = "Seed of the evaluation muons (use one the model was not trained with).")
    long seed;

    @Option(names = "--lut-events", defaultValue = "300000",
        description = "Muons the lookup table is built from (default: ${DEFAULT-VALUE}).")
    int lutEvents;

    @Option(names = "--lut-seed", description = "Seed of the table's muons (default: a stream split from --seed).")
    Long lutSeed;

    @Option(names = "--out", description = "Directory for the PNG plots and summary.txt.")
    Path out;

    @Override
    public Integer call()
    {
        final long start = System.nanoTime();
        final ModelBundle bundle = ModelBundle.load(model);
        final ToySimulationConfig simulation = ToySimulationConfig.thesisLike();
        final long tableSeed = lutSeed != null ? lutSeed : PtLutBuilder.defaultSeedFor(seed);
        final PtLut lut = PtLutBuilder.simulate(simulation, tableSeed, lutEvents);
        final EvaluationResult result = Evaluation.run(bundle, lut, simulation, seed, events);
        final List<String> header = new ArrayList<>();
        header.add("model " + bundle + " from " + model);
        header.add("engine: " + result.engineDescription());
        header.add("lookup table from " + lutEvents + " muons, seed " + tableSeed + "; evaluation " + events +
            " muons, seed " + seed);
        header.add("sigma: Gaussian core fit (iterated +-2 sigma truncated moments); half68: half the 16-84% interval");
        header.add("wrap census on the evaluation events: " + result.wraps().summary());
        header.forEach(System.out::println);
        EvaluationReport.lines(result).forEach(System.out::println);
        if (out != null)
        {
            final List<Path> files = EvaluationReport.write(result, out, bundle.name(), header);
            System.out.println("wrote " + files.size() + " files to " + out);
        }
        System.out.printf(Locale.ROOT, "evaluation took %.1f s%n", (System.nanoTime() - start) * 1e-9);
        return 0;
    }
}
