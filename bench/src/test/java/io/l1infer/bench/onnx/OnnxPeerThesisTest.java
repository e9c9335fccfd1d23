package io.l1infer.bench.onnx;

import io.l1infer.bench.FloatForwardPass;
import io.l1infer.bench.ThesisReference;
import io.l1infer.bench.TruncatingForwardPass;
import io.l1infer.fpga.engine.BatchBuffers;
import io.l1infer.fpga.engine.FixedPointEmulator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The thesis model's float32 ONNX graph in ONNX Runtime against a double-precision forward pass of the same
 * weights, and against the bit-exact engine, on the first 1000 real events.
 */
class OnnxPeerThesisTest
{
    private static final double FLOAT_TOLERANCE = 1e-4;

    private static ThesisReference reference;
    private static FloatForwardPass floatPass;
    private static OnnxPeer peer;

    @BeforeAll
    static void open()
    {
        reference = ThesisReference.load();
        floatPass = new FloatForwardPass(reference.model);
        peer = new OnnxPeer(reference.model, 256);
    }

    @AfterAll
    static void close()
    {
        peer.close();
    }

    @Test
    void agreesWithDoublePrecisionPassOnRealFeaturesAtEveryBatchSize()
    {
        // Batch sizes that leave partial last batches; several runs per size reuse the cached tensors, so each
        // run must see the inputs written since the previous one.
        for (final int batch : new int[] {1, 7, 64, 256})
        {
            final int events = batch == 1 ? 100 : ThesisReference.EVENTS;
            double worst = 0;
            for (int first = 0; first < events; first += batch)
            {
                final int n = Math.min(batch, events - first);
                for (int b = 0; b < n; b++)
                {
                    final double[] x = reference.featuresAsFloat32(first + b);
                    for (int f = 0; f < x.length; f++)
                    {
                        peer.putInput(b, f, (float)x[f]);
                    }
                }
                peer.run(n);
                for (int b = 0; b < n; b++)
                {
                    final double expected = floatPass.apply(reference.featuresAsFloat32(first + b))[0];
                    final double actual = peer.getOutput(b, 0);
                    worst = Math.max(worst, Math.abs(actual - expected));
                    assertEquals(expected, actual, FLOAT_TOLERANCE,
                        "batch size " + batch + ", event " + (first + b) + " (line " + (first + b + 2) +
                            " of inputs.csv)");
                }
            }
            System.out.printf("thesis model, batch %d: ONNX Runtime float32 vs double forward pass, worst |diff| " +
                "%.3g over %d events%n", batch, worst, events);
        }
    }

    @Test
    void showsHowOftenFloatDiffersFromTheBitExactEngine()
    {
        final double lsb = Math.scalb(1.0, -reference.model.output().type().fractionBits());
        final int[] engineRaw = new int[ThesisReference.EVENTS];
        try (FixedPointEmulator engine = new FixedPointEmulator(reference.model, 250))
        {
            final BatchBuffers buf = engine.buffers(0);
            for (int first = 0; first < ThesisReference.EVENTS; first += 250)
            {
                for (int b = 0; b < 250; b++)
                {
                    for (int f = 0; f < ThesisReference.FEATURES; f++)
                    {
                        buf.putInput(b, f, reference.rawInputs[first + b][f]);
                    }
                }
                engine.infer(0, 250);
                for (int b = 0; b < 250; b++)
                {
                    engineRaw[first + b] = buf.getOutput(b, 0);
                    assertEquals(reference.expectedRawOutputs[first + b], engineRaw[first + b],
                        "bit-exact engine, event " + (first + b));
                }
            }
        }

        // ONNX Runtime gets the very input values the engine computes on (features quantized to ap_fixed<16,6>),
        // so any difference comes from the arithmetic alone.
        final double[] onnxOut = new double[ThesisReference.EVENTS];
        for (int first = 0; first < ThesisReference.EVENTS; first += 200)
        {
            for (int b = 0; b < 200; b++)
            {
                final double[] x = reference.quantizedInputs(first + b);
                for (int f = 0; f < x.length; f++)
                {
                    peer.putInput(b, f, (float)x[f]);
                }
            }
            peer.run(200);
            for (int b = 0; b < 200; b++)
            {
                onnxOut[first + b] = peer.getOutput(b, 0);
            }
        }

        // Buckets of |ORT - engine| in output LSBs: <= 1, (1, 4], (4, 16], ... (1024, 4096], > 4096.
        final int[] buckets = new int[8];
        int beyondOneLsb = 0;
        double worstGeV = 0;
        for (int e = 0; e < ThesisReference.EVENTS; e++)
        {
            final double engineValue = engineRaw[e] * lsb;
            final double floatValue = floatPass.apply(reference.quantizedInputs(e))[0];
            assertEquals(floatValue, onnxOut[e], FLOAT_TOLERANCE, "ONNX Runtime vs double pass, event " + e);
            final double lsbs = Math.abs(onnxOut[e] - engineValue) / lsb;
            if (lsbs > 1)
            {
                beyondOneLsb++;
            }
            int bucket = 0;
            for (double edge = 1; lsbs > edge && bucket < buckets.length - 1; edge *= 4)
            {
                bucket++;
            }
            buckets[bucket]++;
            worstGeV = Math.max(worstGeV, Math.abs(onnxOut[e] - engineValue) * reference.model.output().scale());
        }
        System.out.printf("thesis model, 1000 real events: ONNX Runtime float32 differs from the bit-exact engine " +
                "by more than one output LSB (2^-%d) on %d events; worst %.2f GeV/c; " +
                "by LSBs <=1,<=4,<=16,<=64,<=256,<=1024,<=4096,more: %s%n",
            reference.model.output().type().fractionBits(), beyondOneLsb, worstGeV, Arrays.toString(buckets));
        assertEquals(ThesisReference.EVENTS, Arrays.stream(buckets).sum());
        // The model floors every product and sum (AP_TRN) and sometimes wraps, so float cannot match it.
        assertTrue(beyondOneLsb > 0, "float32 matched the wrapping fixed-point model on every event");
    }

    @Test
    void theFloatDifferenceIsTruncationAndOnlyRarelyWrapAround()
    {
        // hls4ml's arithmetic with AP_TRN flooring but unbounded range, exact in double for these types: it must
        // equal the C simulation on every event whose values all stay in range; the rest are the events that wrap.
        final TruncatingForwardPass truncating = new TruncatingForwardPass(reference.model);
        int wrapping = 0;
        for (int e = 0; e < ThesisReference.EVENTS; e++)
        {
            final TruncatingForwardPass.Outcome outcome = truncating.apply(reference.quantizedInputs(e));
            if (outcome.outOfRange())
            {
                wrapping++;
                continue;
            }
            assertEquals(reference.expectedRawOutputs[e] * Math.scalb(1.0, -15), outcome.outputs()[0], 0.0,
                "event " + e + " stays in range, so flooring alone must reproduce the C simulation");
        }
        System.out.printf("thesis model, 1000 real events: flooring without wrap-around reproduces the C simulation " +
            "exactly on %d events; %d events leave a type's range somewhere (wrap)%n",
            ThesisReference.EVENTS - wrapping, wrapping);
        assertTrue(wrapping < ThesisReference.EVENTS / 10, "wrapping events: " + wrapping);
    }
}
