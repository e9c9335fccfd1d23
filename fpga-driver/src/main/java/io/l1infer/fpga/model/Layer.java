package io.l1infer.fpga.model;

import io.l1infer.fpga.fixedpoint.FixedPointType;

/** One hls4ml layer of a loaded model, with its weights already quantized to raw integers. */
public sealed interface Layer permits DenseLayer, SameSizeLayer
{
    /** Name from the bundle, for messages. */
    String name();

    /** The {@code kind} word of the bundle format. */
    String kind();

    int inputSize();

    int outputSize();

    FixedPointType resultType();
}
