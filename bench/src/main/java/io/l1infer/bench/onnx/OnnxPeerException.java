package io.l1infer.bench.onnx;

/** ONNX Runtime failed to build, run or close the peer session; the message names the model and the step. */
public final class OnnxPeerException extends RuntimeException
{
    private static final long serialVersionUID = 1L;

    public OnnxPeerException(final String message, final Throwable cause)
    {
        super(message, cause);
    }
}
