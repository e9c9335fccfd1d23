package io.l1infer.bench.jmh;

import io.l1infer.bench.latency.ToyWorkload;
import io.l1infer.codec.MessageValidator;
import io.l1infer.codec.MuonPrimitives;
import io.l1infer.codec.ValidationVerdict;
import io.l1infer.codec.sbe.MessageHeaderDecoder;
import io.l1infer.codec.sbe.MessageHeaderEncoder;
import io.l1infer.codec.sbe.MuonSegmentsDecoder;
import io.l1infer.codec.sbe.MuonSegmentsEncoder;
import io.l1infer.fpga.fixedpoint.FixedPointType;
import io.l1infer.muon.MuonFeatures;
import io.l1infer.muon.QuantizedMuonFeatures;
import org.agrona.concurrent.UnsafeBuffer;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import java.nio.ByteBuffer;
import java.util.concurrent.TimeUnit;

/**
 * The daemon's per-event ingest work on toy MuonSegments messages, one event per operation: validation, decoding,
 * and decoding plus the 27 features in the thesis input type, converted per event or through the tables.
 *
 * <p>The messages (the bench's toy pool, seed 1) lie encoded one after another in one direct buffer, as fragments
 * do in a term. Run from the project directory: {@code java --add-exports java.base/jdk.internal.misc=ALL-UNNAMED
 * -cp "bench/target/classes:bench/target/lib/*" org.openjdk.jmh.Main IngestBenchmark -f 1 -wi 3 -w 1 -i 5 -r 1};
 * add {@code -jvmArgsAppend -Dagrona.disable.bounds.checks=true} for the launchers' setting.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class IngestBenchmark
{
    private static final int POOL = 65_536;
    private static final int STRIDE = 128;

    private final MessageValidator validator = new MessageValidator();
    private final ValidationVerdict verdict = new ValidationVerdict();
    private final MessageHeaderDecoder header = new MessageHeaderDecoder();
    private final MuonSegmentsDecoder segments = new MuonSegmentsDecoder();
    private final MuonPrimitives primitives = new MuonPrimitives();
    private final int[] lengths = new int[POOL];
    private UnsafeBuffer messages;
    private int cursor;

    /** Simulate and encode the pool. */
    @Setup(Level.Trial)
    public void open()
    {
        final ToyWorkload pool = ToyWorkload.generate(POOL, 1);
        messages = new UnsafeBuffer(ByteBuffer.allocateDirect(POOL * STRIDE));
        final MessageHeaderEncoder headerEncoder = new MessageHeaderEncoder();
        final MuonSegmentsEncoder encoder = new MuonSegmentsEncoder();
        final MuonPrimitives event = new MuonPrimitives();
        for (int i = 0; i < POOL; i++)
        {
            encoder.wrapAndApplyHeader(messages, i * STRIDE, headerEncoder).sourceId(1).eventId(i).sendTimeNs(i).bx(0);
            pool.copyPrimitives(i, event).encode(encoder);
            lengths[i] = MessageHeaderEncoder.ENCODED_LENGTH + encoder.encodedLength();
            if (!validator.validate(messages, i * STRIDE, lengths[i], verdict))
            {
                throw new IllegalStateException("toy event " + i + " does not validate: " + verdict);
            }
        }
    }

    /** {@link MessageValidator#validate} of the next message. */
    @Benchmark
    public boolean validate()
    {
        final int i = next();
        return validator.validate(messages, i * STRIDE, lengths[i], verdict);
    }

    /** The next message's primitives decoded. */
    @Benchmark
    public int decode()
    {
        return decodeNext().count();
    }

    /** The next message decoded and its 27 features written in the thesis input type. */
    @Benchmark
    public long decodeAndFeatures(final Conversion conversion)
    {
        return conversion.convert(decodeNext());
    }

    /** How the features reach the input type; only {@link #decodeAndFeatures} runs once per choice. */
    @State(Scope.Thread)
    public static class Conversion
    {
        /** Features as doubles, then {@link FixedPointType#fromDouble} per feature: the daemon before the tables. */
        public static final String FROM_DOUBLE = "fromDouble";
        /** {@link QuantizedMuonFeatures}: the daemon's path. */
        public static final String TABLES = "tables";

        @Param({FROM_DOUBLE, TABLES})
        public String conversion;

        private final MuonFeatures features = new MuonFeatures();
        private final double[] values = new double[MuonFeatures.FEATURE_COUNT];
        private final long[] raw = new long[MuonFeatures.FEATURE_COUNT];
        private FixedPointType inputType;
        private QuantizedMuonFeatures tables;
        private boolean viaTables;

        /** The thesis input type and its tables. */
        @Setup(Level.Trial)
        public void open()
        {
            inputType = BenchmarkModels.model(BenchmarkModels.THESIS).input().type();
            tables = new QuantizedMuonFeatures(inputType::fromDouble);
            viaTables = TABLES.equals(conversion);
        }

        long convert(final MuonPrimitives event)
        {
            if (viaTables)
            {
                tables.buildInRange(event, raw);
            }
            else
            {
                features.buildInRange(event, values, 0);
                for (int f = 0; f < MuonFeatures.FEATURE_COUNT; f++)
                {
                    raw[f] = inputType.fromDouble(values[f]);
                }
            }
            return raw[MuonFeatures.DELTA_PHI] + raw[MuonFeatures.FEATURE_COUNT - 1];
        }
    }

    private MuonPrimitives decodeNext()
    {
        segments.wrapAndApplyHeader(messages, next() * STRIDE, header);
        return primitives.decode(segments.primitives());
    }

    private int next()
    {
        final int i = cursor;
        cursor = i + 1 == POOL ? 0 : i + 1;
        return i;
    }
}
