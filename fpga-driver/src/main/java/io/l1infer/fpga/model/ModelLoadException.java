package io.l1infer.fpga.model;

/** A model bundle that cannot be loaded; the message names the bundle, file, layer and field at fault. */
public final class ModelLoadException extends RuntimeException
{
    private static final long serialVersionUID = 1L;

    public ModelLoadException(final String message)
    {
        super(message);
    }

    public ModelLoadException(final String message, final Throwable cause)
    {
        super(message, cause);
    }
}
