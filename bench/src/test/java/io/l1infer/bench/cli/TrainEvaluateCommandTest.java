package io.l1infer.bench.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code train} writes a bundle that {@code evaluate} reads back; bad options fail with a message. */
class TrainEvaluateCommandTest
{
    @TempDir
    Path temp;

    @Test
    void smallTrainThenEvaluateWritesBundleTableAndPlots() throws IOException
    {
        final Path model = temp.resolve("model");
        final Path eval = temp.resolve("eval");
        assertEquals(0, L1inferBench.run("train", "--events", "2000", "--seed", "5", "--epochs", "2",
            "--out", model.toString(), "--name", "smoke"));
        assertTrue(Files.isRegularFile(model.resolve("model.json")));
        assertTrue(Files.readString(model.resolve("model.json")).contains("\"name\" : \"smoke\""));

        assertEquals(0, L1inferBench.run("evaluate", "--model", model.toString(), "--events", "3000", "--seed", "6",
            "--lut-events", "5000", "--out", eval.toString()));
        final List<String> summary = Files.readAllLines(eval.resolve("summary.txt"));
        assertEquals(7, summary.stream().filter(l -> l.startsWith("BIN lo=")).count(), String.join("\n", summary));
        assertEquals(4, summary.stream().filter(l -> l.startsWith("TURNON ")).count(), String.join("\n", summary));
        assertTrue(Files.size(eval.resolve("resolution-150-200.png")) > 0);
        assertTrue(Files.size(eval.resolve("turnon-20.png")) > 0);
    }

    @Test
    void badOptionsFailNamingTheProblem()
    {
        final StringWriter err = new StringWriter();
        assertEquals(L1inferBench.EXIT_FAILURE, L1inferBench.run(new PrintWriter(err, true), "train", "--events", "0",
            "--seed", "1", "--out", temp.resolve("m").toString()));
        assertTrue(err.toString().contains("number of events must be >= 1: 0"), err.toString());

        final StringWriter err2 = new StringWriter();
        assertEquals(L1inferBench.EXIT_FAILURE, L1inferBench.run(new PrintWriter(err2, true), "evaluate", "--model",
            temp.resolve("missing").toString(), "--seed", "1"));
        assertTrue(err2.toString().contains("missing"), err2.toString());
    }
}
