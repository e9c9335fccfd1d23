package io.l1infer.bench.latency;

import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramIterationValue;

import javax.imageio.ImageIO;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Path2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A PNG of latency by percentile in the HdrHistogram style: x is {@code log10(1 / (1 - percentile))}, so 90%,
 * 99%, 99.9% ... are evenly spaced and the tail gets the room; y is latency in microseconds on a log scale. One
 * line per run, optional dashed reference lines. Drawn with Java2D, headless.
 */
public final class PercentilePlot
{
    /** One line of the chart. */
    public record Series(String label, Histogram histogram)
    {
    }

    /** A dashed horizontal line, such as another system's per-call time. */
    public record Reference(String label, double us)
    {
    }

    private static final int WIDTH = 1000;
    private static final int HEIGHT = 620;
    private static final int LEFT = 80;
    private static final int RIGHT = 50;
    private static final int TOP = 50;
    private static final int BOTTOM = 60;
    private static final Color[] COLOURS = {
        new Color(0x1f77b4), new Color(0xd62728), new Color(0x2ca02c), new Color(0x9467bd), new Color(0xff7f0e),
        new Color(0x8c564b)};
    private static final String[] X_LABELS = {"0%", "50%", "90%", "99%", "99.9%", "99.99%", "99.999%", "99.9999%",
        "99.99999%"};
    private static final double[] X_PERCENTILES = {0, 50, 90, 99, 99.9, 99.99, 99.999, 99.9999, 99.99999};

    private boolean textWorks = true;

    static
    {
        System.setProperty("java.awt.headless", "true");
    }

    /**
     * Draw and write the chart.
     *
     * @param png        file to write.
     * @param title      chart title.
     * @param series     runs, each with at least one value.
     * @param references reference lines; may be empty.
     * @return whether the labels could be drawn (false when the JVM has no usable fonts: the lines are still there).
     * @throws UncheckedIOException naming the file when it cannot be written.
     */
    public static boolean write(final Path png, final String title, final List<Series> series,
        final List<Reference> references)
    {
        final PercentilePlot plot = new PercentilePlot();
        final BufferedImage image = plot.draw(title, series, references);
        try
        {
            final Path parent = png.toAbsolutePath().getParent();
            Files.createDirectories(parent);
            if (!ImageIO.write(image, "png", png.toFile()))
            {
                throw new IOException("no PNG writer in this JVM");
            }
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot write plot " + png, ex);
        }
        return plot.textWorks;
    }

    /** x position of a percentile on the 1/(1-p) log scale. */
    static double scaleX(final double percentile)
    {
        return Math.log10(1.0 / (1.0 - percentile / 100.0));
    }

    private BufferedImage draw(final String title, final List<Series> series, final List<Reference> references)
    {
        final List<double[][]> curves = new ArrayList<>();
        double xMax = 3;
        double yMin = Double.MAX_VALUE;
        double yMax = 0;
        for (final Series s : series)
        {
            final double[][] c = curve(s.histogram());
            curves.add(c);
            if (c[0].length > 0)
            {
                xMax = Math.max(xMax, c[0][c[0].length - 1]);
                for (final double y : c[1])
                {
                    yMin = Math.min(yMin, y);
                    yMax = Math.max(yMax, y);
                }
            }
        }
        for (final Reference r : references)
        {
            yMin = Math.min(yMin, r.us());
            yMax = Math.max(yMax, r.us());
        }
        if (yMax <= 0)
        {
            yMin = 1;
            yMax = 10;
        }
        xMax = Math.min(Math.ceil(xMax), X_LABELS.length - 1);
        final double logMin = Math.floor(Math.log10(Math.max(yMin, 0.1)));
        final double logMax = Math.max(logMin + 1, Math.ceil(Math.log10(yMax)));

        final BufferedImage image = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_INT_RGB);
        final Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, WIDTH, HEIGHT);
        final int plotW = WIDTH - LEFT - RIGHT;
        final int plotH = HEIGHT - TOP - BOTTOM;
        final Mapper map = new Mapper(plotW, plotH, xMax, logMin, logMax);

        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        g.setStroke(new BasicStroke(1f));
        for (int i = 0; i < X_LABELS.length && scaleX(X_PERCENTILES[i]) <= xMax + 1e-9; i++)
        {
            final int x = map.x(scaleX(X_PERCENTILES[i]));
            g.setColor(new Color(0xdddddd));
            g.drawLine(x, TOP, x, TOP + plotH);
            g.setColor(Color.DARK_GRAY);
            centred(g, X_LABELS[i], x, TOP + plotH + 18);
        }
        for (int d = (int)logMin; d <= (int)logMax; d++)
        {
            final int y = map.y(d);
            g.setColor(new Color(0xdddddd));
            g.drawLine(LEFT, y, LEFT + plotW, y);
            for (int m = 2; m < 10 && d < (int)logMax; m++)
            {
                final int ym = map.y(d + Math.log10(m));
                g.setColor(new Color(0xf0f0f0));
                g.drawLine(LEFT, ym, LEFT + plotW, ym);
            }
            g.setColor(Color.DARK_GRAY);
            text(g, yLabel(d), 10, y + 4);
        }
        g.setColor(Color.BLACK);
        g.drawRect(LEFT, TOP, plotW, plotH);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 15));
        text(g, title, LEFT, 30);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        text(g, "percentile (log scale of 1/(1-p))", LEFT + plotW / 2 - 90, HEIGHT - 15);
        text(g, "latency", 10, TOP - 8);

        final BasicStroke dashed = new BasicStroke(1.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f,
            new float[] {6f, 5f}, 0f);
        int legendY = TOP + 20;
        for (final Reference r : references)
        {
            final int y = map.y(Math.log10(Math.max(r.us(), 0.1)));
            g.setColor(Color.GRAY);
            g.setStroke(dashed);
            g.drawLine(LEFT, y, LEFT + plotW, y);
            g.setStroke(new BasicStroke(1f));
            text(g, r.label(), LEFT + plotW - 330, y - 4);
        }
        g.setStroke(new BasicStroke(2f));
        for (int s = 0; s < series.size(); s++)
        {
            final double[][] c = curves.get(s);
            final Color colour = COLOURS[s % COLOURS.length];
            g.setColor(colour);
            if (c[0].length > 0)
            {
                final Path2D path = new Path2D.Double();
                path.moveTo(map.x(c[0][0]), map.y(Math.log10(Math.max(c[1][0], 0.1))));
                for (int i = 1; i < c[0].length; i++)
                {
                    path.lineTo(map.x(c[0][i]), map.y(Math.log10(Math.max(c[1][i], 0.1))));
                }
                g.draw(path);
            }
            g.drawLine(LEFT + 15, legendY - 4, LEFT + 45, legendY - 4);
            g.setColor(Color.BLACK);
            text(g, series.get(s).label(), LEFT + 52, legendY);
            legendY += 18;
        }
        g.dispose();
        return image;
    }

    /** Percentile positions (x) and latencies in us (y), from HdrHistogram's percentile iteration. */
    private static double[][] curve(final Histogram h)
    {
        if (h.getTotalCount() == 0)
        {
            return new double[][] {new double[0], new double[0]};
        }
        // Beyond 1 - 1/count there is no more information: stop the x axis there.
        final double lastX = Math.log10(h.getTotalCount());
        final List<double[]> points = new ArrayList<>();
        for (final HistogramIterationValue v : h.percentiles(5))
        {
            final double p = v.getPercentileLevelIteratedTo();
            final double x = p >= 100.0 ? lastX : Math.min(scaleX(p), lastX);
            points.add(new double[] {x, h.highestEquivalentValue(v.getValueIteratedTo()) / 1000.0});
            if (p >= 100.0)
            {
                break;
            }
        }
        final double[][] c = new double[2][points.size()];
        for (int i = 0; i < points.size(); i++)
        {
            c[0][i] = points.get(i)[0];
            c[1][i] = points.get(i)[1];
        }
        return c;
    }

    private static String yLabel(final int decade)
    {
        final double us = Math.pow(10, decade);
        if (us >= 1e6)
        {
            return String.format(Locale.ROOT, "%.0f s", us / 1e6);
        }
        if (us >= 1e3)
        {
            return String.format(Locale.ROOT, "%.0f ms", us / 1e3);
        }
        return us >= 1 ? String.format(Locale.ROOT, "%.0f us", us) : String.format(Locale.ROOT, "%.1f us", us);
    }

    private void centred(final Graphics2D g, final String s, final int x, final int y)
    {
        int width = 0;
        if (textWorks)
        {
            try
            {
                width = g.getFontMetrics().stringWidth(s);
            }
            catch (final RuntimeException | LinkageError | InternalError ex)
            {
                width = 0;
            }
        }
        text(g, s, x - width / 2, y);
    }

    /** Text is optional: a JVM without fonts (no fontconfig) still gets the lines. */
    private void text(final Graphics2D g, final String s, final int x, final int y)
    {
        if (!textWorks)
        {
            return;
        }
        try
        {
            g.drawString(s, x, y);
        }
        catch (final RuntimeException | LinkageError | InternalError ex)
        {
            textWorks = false;
            System.err.println("l1infer-bench: plot labels left out, no usable font in this JVM: " + ex);
        }
    }

    /** Data coordinates to pixels. */
    private record Mapper(int plotW, int plotH, double xMax, double logMin, double logMax)
    {
        int x(final double value)
        {
            return LEFT + (int)Math.round(value / xMax * plotW);
        }

        int y(final double logValue)
        {
            return TOP + plotH - (int)Math.round((logValue - logMin) / (logMax - logMin) * plotH);
        }
    }
}
