package io.l1infer.systemtest;

import io.aeron.Aeron;
import io.aeron.Publication;
import org.agrona.concurrent.UnsafeBuffer;

import java.nio.ByteBuffer;

/**
 * A publisher that connects to an Aeron directory and offers one message on the daemon's ingest stream; run as
 * another user by {@link IpcAccessTest}. Exit 0: published; 3: could not use the directory; 4: no subscriber.
 */
public final class IpcPublishMain
{
    private IpcPublishMain()
    {
    }

    public static void main(final String[] args) throws InterruptedException
    {
        final Aeron aeron;
        try
        {
            aeron = Aeron.connect(new Aeron.Context().aeronDirectoryName(args[0]).driverTimeoutMs(5000));
        }
        catch (final RuntimeException ex)
        {
            System.out.println("cannot connect: " + ex);
            System.exit(3);
            return;
        }
        try (aeron; Publication publication = aeron.addPublication("aeron:ipc", 1001))
        {
            final long deadline = System.currentTimeMillis() + 10_000;
            final UnsafeBuffer buffer = new UnsafeBuffer(ByteBuffer.allocate(8));
            while (System.currentTimeMillis() < deadline)
            {
                if (publication.offer(buffer, 0, 8) > 0)
                {
                    System.out.println("published");
                    System.exit(0);
                }
                Thread.sleep(10);
            }
        }
        System.out.println("no subscriber");
        System.exit(4);
    }
}
