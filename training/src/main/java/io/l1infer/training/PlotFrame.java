package io.l1infer.training;

import javax.imageio.ImageIO;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.Stroke;
import java.awt.geom.AffineTransform;
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
 * A Java2D canvas (headless) with one pair of linear axes: ticks at 1-2-5 steps, light grid, title, axis labels,
 * a legend, and the few mark types the evaluation plots need. Written as PNG.
 */
final class PlotFrame
{
    static final int WIDTH = 900;
    static final int HEIGHT = 640;
    private static final int LEFT = 95;
    private static final int RIGHT = 30;
    private static final int TOP = 60;
    private static final int BOTTOM = 75;
    private static final Color GRID = new Color(225, 225, 225);

    static
    {
        if (System.getProperty("java.awt.headless") == null)
        {
            System.setProperty("java.awt.headless", "true");
        }
    }

    private final BufferedImage image = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_INT_RGB);
    private final Graphics2D g = image.createGraphics();
    private final double xMin;
    private final double xMax;
    private final double yMin;
    private final double yMax;
    private final List<String> legendLabels = new ArrayList<>();
    private final List<Color> legendColors = new ArrayList<>();
    private final List<Boolean> legendDashed = new ArrayList<>();
    private boolean legendAtBottom;

    PlotFrame(
        final String title, final String xLabel, final String yLabel, final double xMin, final double xMax,
        final double yMin, final double yMax)
    {
        if (!(xMax > xMin) || !(yMax > yMin))
        {
            throw new IllegalArgumentException("plot '" + title + "': empty range x " + xMin + ".." + xMax + ", y " +
                yMin + ".." + yMax);
        }
        this.xMin = xMin;
        this.xMax = xMax;
        this.yMin = yMin;
        this.yMax = yMax;
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, WIDTH, HEIGHT);
        drawAxes(title, xLabel, yLabel);
    }

    int px(final double x)
    {
        return (int)Math.round(LEFT + (x - xMin) / (xMax - xMin) * (WIDTH - LEFT - RIGHT));
    }

    int py(final double y)
    {
        return (int)Math.round(HEIGHT - BOTTOM - (y - yMin) / (yMax - yMin) * (HEIGHT - TOP - BOTTOM));
    }

    private void drawAxes(final String title, final String xLabel, final String yLabel)
    {
        final Font tickFont = new Font(Font.SANS_SERIF, Font.PLAIN, 13);
        final Font labelFont = new Font(Font.SANS_SERIF, Font.PLAIN, 16);
        g.setFont(tickFont);
        final FontMetrics fm = g.getFontMetrics();
        final double xStep = niceStep(xMax - xMin);
        for (double x = Math.ceil(xMin / xStep) * xStep; x <= xMax + 1e-9 * xStep; x += xStep)
        {
            final int p = px(x);
            g.setColor(GRID);
            g.drawLine(p, py(yMin), p, py(yMax));
            g.setColor(Color.BLACK);
            g.drawLine(p, py(yMin), p, py(yMin) + 6);
            final String s = tickText(x, xStep);
            g.drawString(s, p - fm.stringWidth(s) / 2, py(yMin) + 8 + fm.getAscent());
        }
        final double yStep = niceStep(yMax - yMin);
        for (double y = Math.ceil(yMin / yStep) * yStep; y <= yMax + 1e-9 * yStep; y += yStep)
        {
            final int p = py(y);
            g.setColor(GRID);
            g.drawLine(px(xMin), p, px(xMax), p);
            g.setColor(Color.BLACK);
            g.drawLine(px(xMin) - 6, p, px(xMin), p);
            final String s = tickText(y, yStep);
            g.drawString(s, px(xMin) - 10 - fm.stringWidth(s), p + fm.getAscent() / 2 - 1);
        }
        g.setColor(Color.BLACK);
        g.setStroke(new BasicStroke(1.5f));
        g.drawRect(px(xMin), py(yMax), px(xMax) - px(xMin), py(yMin) - py(yMax));
        g.setStroke(new BasicStroke(1f));
        g.setFont(labelFont);
        final FontMetrics lm = g.getFontMetrics();
        g.drawString(xLabel, (px(xMin) + px(xMax) - lm.stringWidth(xLabel)) / 2, HEIGHT - 22);
        final AffineTransform saved = g.getTransform();
        g.rotate(-Math.PI / 2);
        g.drawString(yLabel, -(py(yMin) + py(yMax) + lm.stringWidth(yLabel)) / 2, 28);
        g.setTransform(saved);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 17));
        g.drawString(title, LEFT, 36);
    }

    /** A 1-2-5 step giving about 5-10 ticks over {@code range}. */
    static double niceStep(final double range)
    {
        final double raw = range / 8;
        final double decade = Math.pow(10, Math.floor(Math.log10(raw)));
        final double m = raw / decade;
        return (m < 1.5 ? 1 : m < 3.5 ? 2 : m < 7.5 ? 5 : 10) * decade;
    }

    private static String tickText(final double v, final double step)
    {
        final int decimals = Math.max(0, (int)Math.ceil(-Math.log10(step) - 1e-9));
        return String.format(Locale.ROOT, "%." + decimals + "f", Math.abs(v) < step * 1e-6 ? 0.0 : v);
    }

    /** A histogram as a step line over {@code edges} (counts.length + 1 edges), optionally filled translucent. */
    void histogram(final double[] edges, final double[] counts, final Color color, final boolean filled,
        final boolean dashed)
    {
        final Path2D.Double path = new Path2D.Double();
        path.moveTo(px(edges[0]), py(Math.max(yMin, 0)));
        for (int b = 0; b < counts.length; b++)
        {
            final double y = Math.min(yMax, counts[b]);
            path.lineTo(px(edges[b]), py(y));
            path.lineTo(px(edges[b + 1]), py(y));
        }
        path.lineTo(px(edges[counts.length]), py(Math.max(yMin, 0)));
        if (filled)
        {
            g.setColor(new Color(color.getRed(), color.getGreen(), color.getBlue(), 60));
            g.fill(path);
        }
        g.setColor(color);
        final Stroke saved = g.getStroke();
        g.setStroke(stroke(dashed));
        g.draw(path);
        g.setStroke(saved);
    }

    /** Markers with vertical error bars, joined by a thin line; NaN points are skipped. */
    void points(final double[] x, final double[] y, final double[] error, final Color color, final boolean dashed)
    {
        g.setColor(color);
        final Stroke saved = g.getStroke();
        g.setStroke(stroke(dashed));
        int lastX = Integer.MIN_VALUE;
        int lastY = 0;
        for (int k = 0; k < x.length; k++)
        {
            if (Double.isNaN(y[k]) || x[k] < xMin || x[k] > xMax)
            {
                continue;
            }
            final int cx = px(x[k]);
            final int cy = py(y[k]);
            if (lastX != Integer.MIN_VALUE)
            {
                g.drawLine(lastX, lastY, cx, cy);
            }
            lastX = cx;
            lastY = cy;
        }
        g.setStroke(new BasicStroke(1.2f));
        for (int k = 0; k < x.length; k++)
        {
            if (Double.isNaN(y[k]) || x[k] < xMin || x[k] > xMax)
            {
                continue;
            }
            final int cx = px(x[k]);
            final int cy = py(y[k]);
            if (error != null && !Double.isNaN(error[k]))
            {
                g.drawLine(cx, py(y[k] - error[k]), cx, py(y[k] + error[k]));
            }
            g.fillOval(cx - 3, cy - 3, 7, 7);
        }
        g.setStroke(saved);
    }

    /** A vertical line at x (e.g. a threshold). */
    void verticalLine(final double x, final Color color)
    {
        g.setColor(color);
        final Stroke saved = g.getStroke();
        g.setStroke(new BasicStroke(1.2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {4f, 4f}, 0f));
        g.drawLine(px(x), py(yMin), px(x), py(yMax));
        g.setStroke(saved);
    }

    /** Put the legend in the lower right corner instead of the upper right (curves that end high). */
    void legendAtBottom()
    {
        legendAtBottom = true;
    }

    void legend(final String label, final Color color, final boolean dashed)
    {
        legendLabels.add(label);
        legendColors.add(color);
        legendDashed.add(dashed);
    }

    /** Text lines at the top left inside the axes. */
    void note(final List<String> lines)
    {
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
        g.setColor(Color.DARK_GRAY);
        final FontMetrics fm = g.getFontMetrics();
        int y = py(yMax) + 8 + fm.getAscent();
        for (final String line : lines)
        {
            g.drawString(line, px(xMin) + 10, y);
            y += fm.getHeight();
        }
    }

    private void drawLegend()
    {
        if (legendLabels.isEmpty())
        {
            return;
        }
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 14));
        final FontMetrics fm = g.getFontMetrics();
        int textWidth = 0;
        for (final String s : legendLabels)
        {
            textWidth = Math.max(textWidth, fm.stringWidth(s));
        }
        final int lineHeight = fm.getHeight() + 4;
        final int boxWidth = textWidth + 60;
        final int boxHeight = lineHeight * legendLabels.size() + 10;
        final int x0 = px(xMax) - boxWidth - 10;
        final int y0 = legendAtBottom ? py(yMin) - 10 - boxHeight : py(yMax) + 10;
        g.setColor(new Color(255, 255, 255, 230));
        g.fillRect(x0, y0, boxWidth, boxHeight);
        g.setColor(Color.GRAY);
        g.drawRect(x0, y0, boxWidth, boxHeight);
        for (int k = 0; k < legendLabels.size(); k++)
        {
            final int y = y0 + 5 + lineHeight * k + lineHeight / 2;
            g.setColor(legendColors.get(k));
            final Stroke saved = g.getStroke();
            g.setStroke(stroke(legendDashed.get(k)));
            g.drawLine(x0 + 10, y, x0 + 45, y);
            g.setStroke(saved);
            g.setColor(Color.BLACK);
            g.drawString(legendLabels.get(k), x0 + 52, y + fm.getAscent() / 2 - 1);
        }
    }

    private static Stroke stroke(final boolean dashed)
    {
        return dashed ?
            new BasicStroke(2.2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {8f, 5f}, 0f) :
            new BasicStroke(2.2f);
    }

    /** Draw the legend and write the PNG (parent directories are created). */
    void write(final Path file)
    {
        drawLegend();
        g.dispose();
        try
        {
            final Path parent = file.toAbsolutePath().getParent();
            if (parent != null)
            {
                Files.createDirectories(parent);
            }
            if (!ImageIO.write(image, "png", file.toFile()))
            {
                throw new IOException("no PNG writer available");
            }
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot write plot " + file, ex);
        }
    }
}
