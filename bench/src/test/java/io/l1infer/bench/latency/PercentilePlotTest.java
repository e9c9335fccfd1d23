package io.l1infer.bench.latency;

import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The plot's axis mapping and a drawn PNG with one coloured line per run. */
class PercentilePlotTest
{
    private static final long SEED = 77L;

    @TempDir
    Path temp;

    @Test
    void percentilesSitOnTheLogOneOverOneMinusPScale()
    {
        assertEquals(0.0, PercentilePlot.scaleX(0), 1e-12);
        assertEquals(Math.log10(2), PercentilePlot.scaleX(50), 1e-12);
        assertEquals(1.0, PercentilePlot.scaleX(90), 1e-12);
        assertEquals(2.0, PercentilePlot.scaleX(99), 1e-9);
        assertEquals(3.0, PercentilePlot.scaleX(99.9), 1e-9);
        assertEquals(5.0, PercentilePlot.scaleX(99.999), 1e-6);
    }

    @Test
    void drawsOneColouredLinePerRun() throws IOException
    {
        final SplittableRandom random = new SplittableRandom(SEED);
        final Histogram fast = LatencyRecorder.newHistogram();
        final Histogram slow = LatencyRecorder.newHistogram();
        for (int i = 0; i < 100_000; i++)
        {
            fast.recordValue(5_000 + random.nextInt(20_000));
            slow.recordValue(50_000 + (long)(1e6 * Math.pow(random.nextDouble(), 30)));
        }
        final Path png = temp.resolve("p.png");
        PercentilePlot.write(png, "test", List.of(new PercentilePlot.Series("fast", fast),
            new PercentilePlot.Series("slow", slow)), List.of(new PercentilePlot.Reference("ref", 87.19)));
        final BufferedImage image = ImageIO.read(png.toFile());
        assertEquals(1000, image.getWidth());
        assertEquals(620, image.getHeight());
        int blue = 0;
        int red = 0;
        for (int x = 0; x < image.getWidth(); x++)
        {
            for (int y = 0; y < image.getHeight(); y++)
            {
                final int rgb = image.getRGB(x, y) & 0xFFFFFF;
                blue += rgb == 0x1f77b4 ? 1 : 0;
                red += rgb == 0xd62728 ? 1 : 0;
            }
        }
        assertTrue(blue > 500 && red > 500, "both lines drawn (seed " + SEED + "): blue " + blue + ", red " + red);
    }
}
