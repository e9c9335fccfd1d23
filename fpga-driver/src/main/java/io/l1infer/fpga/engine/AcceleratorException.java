package io.l1infer.fpga.engine;

/** A failure of the accelerator device or runtime (not of the input), naming the call that failed. */
public class AcceleratorException extends RuntimeException
{
    private static final long serialVersionUID = 1L;

    public AcceleratorException(final String message)
    {
        super(message);
    }

    public AcceleratorException(final String message, final Throwable cause)
    {
        super(message, cause);
    }
}
