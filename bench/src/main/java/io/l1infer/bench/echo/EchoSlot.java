package io.l1infer.bench.echo;

import org.agrona.concurrent.UnsafeBuffer;

/** One pre-allocated ring slot of the echo server: a copy of one request's bytes. */
final class EchoSlot
{
    /** Largest fragment a slot holds; every l1infer request is far smaller (a FeatureVector of 64 inputs: 288). */
    static final int CAPACITY = 2048;

    final UnsafeBuffer bytes = new UnsafeBuffer(new byte[CAPACITY]);
    int length;
}
