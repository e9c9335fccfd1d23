package io.l1infer.muon;

import io.l1infer.codec.MuonPrimitives;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Text form of toy events: a header line, then one line per event
 * {@code pt,charge,eta,phi,n} followed by n groups {@code station,wheel,sector,phi,phiB,quality,bx,ts2tag}.
 * Doubles are written in Java's shortest round-trip form, so reading gives back the same bits.
 */
public final class ToyEventCsv
{
    private static final String[] PRIMITIVE_FIELDS =
        {"station", "wheel", "sector", "phi", "phiB", "quality", "bx", "ts2tag"};

    /** The header line (without line terminator). */
    public static final String HEADER = header();
    private static final int MUON_FIELDS = 5;

    private ToyEventCsv()
    {
    }

    private static String header()
    {
        final StringBuilder sb = new StringBuilder("pt,charge,eta,phi,n");
        for (int i = 1; i <= MuonPrimitives.CAPACITY; i++)
        {
            for (final String field : PRIMITIVE_FIELDS)
            {
                sb.append(',').append(field).append('_').append(i);
            }
        }
        return sb.toString();
    }

    /** Appends {@link #HEADER} and a newline. */
    public static void writeHeader(final Appendable out)
    {
        try
        {
            out.append(HEADER).append('\n');
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot write toy event header", ex);
        }
    }

    /** Appends one event line and a newline. */
    public static void write(final Appendable out, final ToyEvent event)
    {
        final MuonPrimitives p = event.primitives();
        try
        {
            out.append(Double.toString(event.pt())).append(',')
                .append(Integer.toString(event.charge())).append(',')
                .append(Double.toString(event.eta())).append(',')
                .append(Double.toString(event.phi())).append(',')
                .append(Integer.toString(p.count()));
            for (int i = 0; i < p.count(); i++)
            {
                out.append(',').append(Integer.toString(p.station(i)))
                    .append(',').append(Integer.toString(p.wheel(i)))
                    .append(',').append(Integer.toString(p.sector(i)))
                    .append(',').append(Integer.toString(p.phi(i)))
                    .append(',').append(Integer.toString(p.phiB(i)))
                    .append(',').append(Integer.toString(p.quality(i)))
                    .append(',').append(Integer.toString(p.bx(i)))
                    .append(',').append(Integer.toString(p.ts2tag(i)));
            }
            out.append('\n');
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot write toy event", ex);
        }
    }

    /** Reads toy events back, one line per call; checks the header on construction. */
    public static final class Reader
    {
        private final BufferedReader in;
        private final String source;
        private int lineNumber;

        /**
         * @param in     text positioned at the header line.
         * @param source name of the input for error messages (e.g. the file name).
         * @throws IllegalArgumentException if the header is missing or different from {@link #HEADER}.
         */
        public Reader(final BufferedReader in, final String source)
        {
            this.in = in;
            this.source = source;
            final String header = readLine();
            if (header == null)
            {
                throw new IllegalArgumentException(source + ": empty input, expected the toy event header");
            }
            if (!header.equals(HEADER))
            {
                throw new IllegalArgumentException(source + ":1: header is not the toy event header '"
                    + HEADER.substring(0, 40) + "...'");
            }
        }

        /**
         * Fills {@code event} from the next non-empty line.
         *
         * @return false at the end of the input.
         * @throws IllegalArgumentException naming the line and field of the first malformed value.
         */
        public boolean next(final ToyEvent event)
        {
            String line;
            do
            {
                line = readLine();
                if (line == null)
                {
                    return false;
                }
            }
            while (line.isEmpty());

            final String[] fields = line.split(",", -1);
            if (fields.length < MUON_FIELDS)
            {
                throw error("expected at least " + MUON_FIELDS + " fields (pt,charge,eta,phi,n), got " + fields.length);
            }
            final double pt = parseDouble(fields[0], "pt");
            final int charge = parseInt(fields[1], "charge");
            if (charge != 1 && charge != -1)
            {
                throw error("field charge must be 1 or -1, got " + charge);
            }
            final double eta = parseDouble(fields[2], "eta");
            final double phi = parseDouble(fields[3], "phi");
            final int n = parseInt(fields[4], "n");
            if (n < 0 || n > MuonPrimitives.CAPACITY)
            {
                throw error("field n must be in 0.." + MuonPrimitives.CAPACITY + ", got " + n);
            }
            final int expected = MUON_FIELDS + n * PRIMITIVE_FIELDS.length;
            if (fields.length != expected)
            {
                throw error("n = " + n + " needs " + expected + " fields, got " + fields.length);
            }
            event.setMuon(pt, charge, eta, phi);
            final MuonPrimitives p = event.primitives();
            p.clear();
            final int[] v = new int[PRIMITIVE_FIELDS.length];
            for (int i = 0; i < n; i++)
            {
                for (int f = 0; f < v.length; f++)
                {
                    v[f] = parseInt(fields[MUON_FIELDS + i * v.length + f], PRIMITIVE_FIELDS[f] + "_" + (i + 1));
                }
                p.add(v[0], v[1], v[2], v[3], v[4], v[5], v[7], v[6]);
                final String invalid = p.invalidField(i);
                if (invalid != null)
                {
                    throw error("field " + invalid + "_" + (i + 1) + " is out of its hardware range");
                }
            }
            return true;
        }

        private String readLine()
        {
            try
            {
                final String line = in.readLine();
                if (line != null)
                {
                    lineNumber++;
                }
                return line;
            }
            catch (final IOException ex)
            {
                throw new UncheckedIOException("cannot read " + source, ex);
            }
        }

        private double parseDouble(final String text, final String field)
        {
            try
            {
                final double value = Double.parseDouble(text);
                if (!Double.isFinite(value))
                {
                    throw error("field " + field + " is not finite: '" + text + "'");
                }
                return value;
            }
            catch (final NumberFormatException ex)
            {
                throw error("field " + field + " is not a number: '" + text + "'");
            }
        }

        private int parseInt(final String text, final String field)
        {
            try
            {
                return Integer.parseInt(text);
            }
            catch (final NumberFormatException ex)
            {
                throw error("field " + field + " is not an integer: '" + text + "'");
            }
        }

        private IllegalArgumentException error(final String message)
        {
            return new IllegalArgumentException(source + ":" + lineNumber + ": " + message);
        }
    }
}
