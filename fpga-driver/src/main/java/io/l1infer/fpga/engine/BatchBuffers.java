package io.l1infer.fpga.engine;

import io.l1infer.fpga.fixedpoint.FixedPointType;
import org.agrona.concurrent.UnsafeBuffer;

import java.nio.ByteOrder;

/**
 * One set of accelerator input and output buffers (event-major, raw values in {@link ElementLayout}), owned by the
 * accelerator and written and read in place by its single owner thread: the only copy on the way to the device.
 */
public final class BatchBuffers
{
    private final UnsafeBuffer input;
    private final UnsafeBuffer output;
    private final int inputSize;
    private final int outputSize;
    private final int capacity;
    private final int inputBytes;
    private final int outputBytes;
    private final boolean inputSigned;
    private final boolean outputSigned;

    /**
     * Wrap memory the accelerator owns (a direct buffer, or a mapped pinned OpenCL buffer).
     */
    public BatchBuffers(
        final UnsafeBuffer input,
        final UnsafeBuffer output,
        final int capacity,
        final int inputSize,
        final FixedPointType inputType,
        final int outputSize,
        final FixedPointType outputType)
    {
        this.inputBytes = ElementLayout.bytesPerElement(inputType);
        this.outputBytes = ElementLayout.bytesPerElement(outputType);
        if (input.capacity() < (long)capacity * inputSize * inputBytes ||
            output.capacity() < (long)capacity * outputSize * outputBytes)
        {
            throw new IllegalArgumentException("buffers too small for " + capacity + " events");
        }
        this.input = input;
        this.output = output;
        this.capacity = capacity;
        this.inputSize = inputSize;
        this.outputSize = outputSize;
        this.inputSigned = inputType.isSigned();
        this.outputSigned = outputType.isSigned();
    }

    /** Most events one batch holds. */
    public int capacity()
    {
        return capacity;
    }

    public int inputSize()
    {
        return inputSize;
    }

    public int outputSize()
    {
        return outputSize;
    }

    public UnsafeBuffer inputBuffer()
    {
        return input;
    }

    public UnsafeBuffer outputBuffer()
    {
        return output;
    }

    public int inputBytesPerElement()
    {
        return inputBytes;
    }

    public int outputBytesPerElement()
    {
        return outputBytes;
    }

    /**
     * Write raw input value {@code index} of event {@code event} of a type of any width; the caller guarantees it is
     * in range.
     */
    public void putInputLong(final int event, final int index, final long raw)
    {
        putLong(input, inputBytes, (event * inputSize + index) * inputBytes, raw);
    }

    /** Read all raw inputs of {@code event} into {@code dst[0 .. inputSize)}: any width, unsigned zero-extended. */
    public void getInputsLong(final int event, final long[] dst)
    {
        final int base = event * inputSize * inputBytes;
        for (int f = 0; f < inputSize; f++)
        {
            dst[f] = getLong(input, inputBytes, inputSigned, base + f * inputBytes);
        }
    }

    /** Write raw output {@code index} of event {@code event}, any width. */
    public void putOutputLong(final int event, final int index, final long raw)
    {
        putLong(output, outputBytes, (event * outputSize + index) * outputBytes, raw);
    }

    /** Read raw output {@code index} of event {@code event}, any width, zero-extending unsigned types. */
    public long getOutputLong(final int event, final int index)
    {
        return getLong(output, outputBytes, outputSigned, (event * outputSize + index) * outputBytes);
    }

    private static void putLong(final UnsafeBuffer buffer, final int bytes, final int offset, final long raw)
    {
        if (bytes == 8)
        {
            buffer.putLong(offset, raw, ByteOrder.LITTLE_ENDIAN);
        }
        else
        {
            put(buffer, bytes, offset, (int)raw);
        }
    }

    private static long getLong(final UnsafeBuffer buffer, final int bytes, final boolean signed, final int offset)
    {
        if (bytes == 8)
        {
            return buffer.getLong(offset, ByteOrder.LITTLE_ENDIAN);
        }
        if (bytes == 4 && !signed)
        {
            return buffer.getInt(offset, ByteOrder.LITTLE_ENDIAN) & 0xFFFF_FFFFL;
        }
        return get(buffer, bytes, signed, offset);
    }

    /** Write raw input value {@code index} of event {@code event}; the caller guarantees it is in range. */
    public void putInput(final int event, final int index, final int raw)
    {
        put(input, inputBytes, (event * inputSize + index) * inputBytes, raw);
    }

    /**
     * Write all raw inputs of event {@code event} from {@code src[offset .. offset + inputSize)}: the
     * element-size decision is made once per event, not per value.
     */
    public void putInputs(final int event, final int[] src, final int offset)
    {
        // One loop per element width, repeated on purpose: the width test stays out of the per-value loop.
        final int n = inputSize;
        final int base = event * n * inputBytes;
        final UnsafeBuffer b = input;
        switch (inputBytes)
        {
            case 1 ->
            {
                for (int f = 0; f < n; f++)
                {
                    b.putByte(base + f, (byte)src[offset + f]);
                }
            }
            case 2 ->
            {
                for (int f = 0; f < n; f++)
                {
                    b.putShort(base + 2 * f, (short)src[offset + f], ByteOrder.LITTLE_ENDIAN);
                }
            }
            case 4 ->
            {
                for (int f = 0; f < n; f++)
                {
                    b.putInt(base + 4 * f, src[offset + f], ByteOrder.LITTLE_ENDIAN);
                }
            }
            default ->
            {
                for (int f = 0; f < n; f++)
                {
                    b.putLong(base + 8 * f, src[offset + f], ByteOrder.LITTLE_ENDIAN);
                }
            }
        }
    }

    /** Read all raw inputs of event {@code event} into {@code dst[0 .. inputSize)}. */
    public void getInputs(final int event, final int[] dst)
    {
        // The same per-width loops as putInputs on purpose: the width test stays out of the per-value loop.
        final int n = inputSize;
        final int base = event * n * inputBytes;
        final UnsafeBuffer b = input;
        switch (inputBytes)
        {
            case 1 ->
            {
                for (int f = 0; f < n; f++)
                {
                    final byte v = b.getByte(base + f);
                    dst[f] = inputSigned ? v : v & 0xFF;
                }
            }
            case 2 ->
            {
                for (int f = 0; f < n; f++)
                {
                    final short v = b.getShort(base + 2 * f, ByteOrder.LITTLE_ENDIAN);
                    dst[f] = inputSigned ? v : v & 0xFFFF;
                }
            }
            case 4 ->
            {
                for (int f = 0; f < n; f++)
                {
                    dst[f] = b.getInt(base + 4 * f, ByteOrder.LITTLE_ENDIAN);
                }
            }
            default ->
            {
                for (int f = 0; f < n; f++)
                {
                    dst[f] = Math.toIntExact(b.getLong(base + 8 * f, ByteOrder.LITTLE_ENDIAN));
                }
            }
        }
    }

    public int getInput(final int event, final int index)
    {
        return get(input, inputBytes, inputSigned, (event * inputSize + index) * inputBytes);
    }

    public void putOutput(final int event, final int index, final int raw)
    {
        put(output, outputBytes, (event * outputSize + index) * outputBytes, raw);
    }

    public int getOutput(final int event, final int index)
    {
        return get(output, outputBytes, outputSigned, (event * outputSize + index) * outputBytes);
    }

    private static void put(final UnsafeBuffer buffer, final int bytes, final int offset, final int raw)
    {
        switch (bytes)
        {
            case 1 -> buffer.putByte(offset, (byte)raw);
            case 2 -> buffer.putShort(offset, (short)raw, ByteOrder.LITTLE_ENDIAN);
            case 4 -> buffer.putInt(offset, raw, ByteOrder.LITTLE_ENDIAN);
            default -> buffer.putLong(offset, raw, ByteOrder.LITTLE_ENDIAN);
        }
    }

    private static int get(final UnsafeBuffer buffer, final int bytes, final boolean signed, final int offset)
    {
        switch (bytes)
        {
            case 1:
            {
                final byte b = buffer.getByte(offset);
                return signed ? b : b & 0xFF;
            }
            case 2:
            {
                final short s = buffer.getShort(offset, ByteOrder.LITTLE_ENDIAN);
                return signed ? s : s & 0xFFFF;
            }
            case 4:
                return buffer.getInt(offset, ByteOrder.LITTLE_ENDIAN);
            default:
                // The int accessors serve types of at most 32 bits; a wider value that does not fit is an error.
                return Math.toIntExact(buffer.getLong(offset, ByteOrder.LITTLE_ENDIAN));
        }
    }
}
