package io.l1infer.systemtest;

import io.aeron.Aeron;
import io.aeron.Subscription;
import io.aeron.logbuffer.FragmentHandler;
import io.l1infer.codec.MessageValidator;
import io.l1infer.codec.ValidationVerdict;
import org.agrona.collections.LongHashSet;
import org.agrona.concurrent.BackoffIdleStrategy;
import org.agrona.concurrent.IdleStrategy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;

/**
 * The result consumer host of the multi-host test: joins each daemon's multi-destination result stream as one more
 * receiver and counts every answer, and the distinct (source id, event id) pairs among them, rewriting a small
 * report file every 200 ms until it is killed. Arguments: AERON_DIR STREAM REPORT_FILE CHANNEL...
 */
public final class ResultConsumerMain
{
    private ResultConsumerMain()
    {
    }

    public static void main(final String[] args) throws IOException
    {
        final String aeronDir = args[0];
        final int stream = Integer.parseInt(args[1]);
        final Path report = Path.of(args[2]);
        final MessageValidator validator = new MessageValidator();
        final ValidationVerdict verdict = new ValidationVerdict();
        final LongHashSet distinct = new LongHashSet();
        final long[] counts = new long[2]; // answers, malformed
        final FragmentHandler handler = (buffer, offset, length, header) ->
        {
            if (validator.validate(buffer, offset, length, verdict))
            {
                counts[0]++;
                distinct.add(verdict.sourceId() << 40 | verdict.eventId());
            }
            else
            {
                counts[1]++;
            }
        };
        try (Aeron aeron = Aeron.connect(new Aeron.Context().aeronDirectoryName(aeronDir)
            .errorHandler(t -> System.err.println("result consumer: " + t))))
        {
            final List<Subscription> subscriptions = new ArrayList<>();
            for (int i = 3; i < args.length; i++)
            {
                subscriptions.add(aeron.addSubscription(args[i], stream));
            }
            System.out.println("result consumer subscribed to " + subscriptions.size() + " result streams");
            final IdleStrategy idle = new BackoffIdleStrategy();
            long nextReport = 0;
            while (true)
            {
                int work = 0;
                for (final Subscription s : subscriptions)
                {
                    work += s.poll(handler, 256);
                }
                idle.idle(work);
                final long now = System.nanoTime();
                if (now - nextReport >= 0)
                {
                    nextReport = now + 200_000_000L;
                    int images = 0;
                    for (final Subscription s : subscriptions)
                    {
                        images += s.imageCount();
                    }
                    final Path tmp = report.resolveSibling(report.getFileName() + ".tmp");
                    Files.writeString(tmp, "answers=" + counts[0] + "\ndistinct=" + distinct.size() +
                        "\nmalformed=" + counts[1] + "\nimages=" + images + "\n", StandardCharsets.UTF_8);
                    Files.move(tmp, report, StandardCopyOption.ATOMIC_MOVE);
                }
            }
        }
    }
}
