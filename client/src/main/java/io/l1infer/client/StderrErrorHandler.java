package io.l1infer.client;

import org.agrona.ErrorHandler;

/**
 * The Aeron client error handler of clients that open their own Aeron connection: prints the error to stderr and
 * nothing else, because Aeron's default handler ends the whole JVM when the media driver goes away, and only the
 * embedding application may decide that.
 */
final class StderrErrorHandler implements ErrorHandler
{
    /** The one instance; it holds no state. */
    static final StderrErrorHandler INSTANCE = new StderrErrorHandler();

    private StderrErrorHandler()
    {
    }

    @Override
    public void onError(final Throwable throwable)
    {
        System.err.println("l1infer-client: Aeron error: " + throwable);
    }
}
