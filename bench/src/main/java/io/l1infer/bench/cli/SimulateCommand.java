package io.l1infer.bench.cli;

import io.l1infer.muon.FeatureTableCsv;
import io.l1infer.muon.MarginalsReport;
import io.l1infer.muon.MuonFeatures;
import io.l1infer.muon.ToyBarrelSimulation;
import io.l1infer.muon.ToyEvent;
import io.l1infer.muon.ToyEventCsv;
import io.l1infer.muon.ToySimulationConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;

/**
 * {@code simulate}: toy barrel muon events to a CSV (true muon and its trigger primitives, see ToyEventCsv), and
 * optionally the toy-vs-real table of feature marginals.
 */
@Command(name = "simulate", mixinStandardHelpOptions = true,
    description = "Write toy barrel muon events (true pT and trigger primitives) to a CSV file.")
final class SimulateCommand implements Callable<Integer>
{
    @Option(names = "--events", required = true, description = "Number of events to write.")
    int events;

    @Option(names = "--seed", required = true, description = "Random seed; the same seed gives the same file.")
    long seed;

    @Option(names = "--out", required = true, description = "CSV file to write (replaced atomically).")
    Path out;

    @Option(names = "--accepted-only", description = "Write only events with at least two usable primitives " +
        "(those the daemon accepts); by default every generated muon is written, the rest with fewer primitives.")
    boolean acceptedOnly;

    @Option(names = "--compare-real", description = "Real 27-feature table (e.g. data/muon-pt-thesis/inputs.csv) " +
        "to compare the written events' feature marginals with; prints a Markdown table.")
    Path compareReal;

    @Override
    public Integer call() throws IOException
    {
        if (events < 1)
        {
            throw new IllegalArgumentException("--events must be >= 1, got " + events);
        }
        final ToyBarrelSimulation simulation = new ToyBarrelSimulation(ToySimulationConfig.thesisLike(), seed);
        final ToyEvent event = new ToyEvent();
        final MarginalsReport toy = new MarginalsReport();
        final MuonFeatures features = new MuonFeatures();
        final double[] row = new double[MuonFeatures.FEATURE_COUNT];
                final long start = System.nanoTime();
        final int[] accepted = new int[1];
        AtomicTextFile.write(out, ".l1infer-simulate", w ->
        {
            ToyEventCsv.writeHeader(w);
            for (int e = 0; e < events; e++)
            {
                if (acceptedOnly)
                {
                    simulation.nextAccepted(event);
                }
                else
                {
                    simulation.next(event);
                }
                ToyEventCsv.write(w, event);
                if (ToyBarrelSimulation.isAccepted(event))
                {
                    accepted[0]++;
                }
                if (compareReal != null && features.build(event.primitives(), row, 0) >= 0)
                {
                    toy.accept(row, 0);
                }
            }
        });
        System.err.printf(Locale.ROOT, "l1infer-bench simulate: %d events (%d with >= 2 usable primitives) to %s " +
            "in %.1f s, seed %d%n", events, accepted[0], out, (System.nanoTime() - start) / 1e9, seed);
        if (compareReal != null)
        {
            final MarginalsReport real = new MarginalsReport();
            FeatureTableCsv.forEachRow(compareReal, (values, line) -> real.accept(values, 0));
            System.out.print(MarginalsReport.comparisonTable(real, toy));
        }
        return 0;
    }
}
