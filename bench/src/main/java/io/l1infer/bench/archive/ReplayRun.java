package io.l1infer.bench.archive;

import io.aeron.Aeron;
import io.aeron.FragmentAssembler;
import io.aeron.Image;
import io.aeron.Publication;
import io.aeron.Subscription;
import io.aeron.logbuffer.FragmentHandler;
import org.agrona.CloseHelper;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Replays a recorded ingest stream into a daemon and compares its answers with the recorded ones, event by event:
 * the requests are re-published byte for byte, paced as recorded ({@code original}, from the intended send times),
 * as fast as back pressure allows ({@code max}) or at a fixed rate.
 */
public final class ReplayRun
{
    /** How fast to send: {@code periodNs} 0 with {@code original} false is max. */
    public record Speed(boolean original, long periodNs)
    {
        /** As fast as back pressure allows. */
        public static final Speed MAX = new Speed(false, 0);
        /** Keeping the recorded intended send times' spacing. */
        public static final Speed ORIGINAL = new Speed(true, 0);
    }

    /** What a replay found. */
    public record Outcome(long recordingId, long events, long answered, long identical, List<String> differing)
    {
        /** The one-line summary. */
        public String line()
        {
            return "REPLAY recording=" + recordingId + " events=" + events + " answered=" + answered +
                " identical=" + identical + " differing=" + differing.size();
        }
    }

    private static final long ANSWER_TIMEOUT_NS = 30_000_000_000L;
    private static final long REPLAY_TIMEOUT_NS = 600_000_000_000L;

    private final RecordedOutcomes decoder = new RecordedOutcomes();
    private final Map<RecordedOutcomes.Key, String> recorded = new HashMap<>();
    private final Map<RecordedOutcomes.Key, String> replayed = new HashMap<>();
    private final List<RecordedOutcomes.Key> sent = new ArrayList<>();
    private final UnsafeBuffer copy = new UnsafeBuffer(new byte[1 << 16]);

    /** Read the recorded answers of the run (every results recording of it). */
    public void readRecordedAnswers(final OfflineArchive archive, final List<OfflineArchive.Recording> results)
    {
        for (final OfflineArchive.Recording r : results)
        {
            try (Subscription replay = archive.replay(r))
            {
                drain(replay, r.stopPosition(), new FragmentAssembler(
                    (buffer, offset, length, header) -> decoder.collectAnswer(buffer, offset, length, recorded)),
                    null, null);
            }
        }
    }

    /**
     * Replay {@code ingest} into the daemon behind {@code daemonAeron}'s channels and collect its answers.
     *
     * @return the comparison with the recorded answers.
     */
    public Outcome replay(final OfflineArchive archive, final OfflineArchive.Recording ingest, final Aeron daemonAeron,
        final String ingestChannel, final int ingestStream, final String resultChannel, final int resultStream,
        final int rejectStream, final Speed speed)
    {
        final Publication publication = daemonAeron.addPublication(ingestChannel, ingestStream);
        final Subscription results = daemonAeron.addSubscription(resultChannel, resultStream);
        final Subscription rejects = rejectStream == resultStream ? null :
            daemonAeron.addSubscription(resultChannel, rejectStream);
        try
        {
            final long connectDeadline = System.nanoTime() + ANSWER_TIMEOUT_NS;
            while (!publication.isConnected() || !results.isConnected())
            {
                if (System.nanoTime() > connectDeadline)
                {
                    throw new IllegalStateException("the daemon did not connect to the replay within 30 s");
                }
                Thread.onSpinWait();
            }
            final FragmentAssembler answers = new FragmentAssembler(
                (buffer, offset, length, header) -> decoder.collectAnswer(buffer, offset, length, replayed));
            final Forwarder forwarder = new Forwarder(publication, results, rejects, answers, speed);
            try (Subscription replay = archive.replay(ingest))
            {
                drain(replay, ingest.stopPosition(), new FragmentAssembler(forwarder), results, answers);
            }
            final long deadline = System.nanoTime() + ANSWER_TIMEOUT_NS;
            while (replayed.size() < sent.size() && System.nanoTime() < deadline)
            {
                if (pollAnswers(results, rejects, answers) == 0)
                {
                    Thread.onSpinWait();
                }
            }
        }
        finally
        {
            CloseHelper.quietCloseAll(rejects, results, publication);
        }
        long answered = 0;
        long identical = 0;
        final List<String> differing = new ArrayList<>();
        for (final RecordedOutcomes.Key key : sent)
        {
            final String now = replayed.get(key);
            final String then = recorded.get(key);
            answered += now != null ? 1 : 0;
            if (now != null && now.equals(then))
            {
                identical++;
            }
            else
            {
                differing.add("source " + key.sourceId() + " event " + key.eventId() + ": recorded " +
                    (then != null ? then : "(no answer recorded)") + " replayed " + (now != null ? now :
                    "(no answer)"));
            }
        }
        return new Outcome(ingest.id(), sent.size(), answered, identical, differing);
    }

    private int pollAnswers(final Subscription results, final Subscription rejects, final FragmentAssembler answers)
    {
        return results.poll(answers, 64) + (rejects != null ? rejects.poll(answers, 64) : 0);
    }

    /** Poll a replay until its image reaches {@code stopPosition}, answering polls in between. */
    private void drain(final Subscription replay, final long stopPosition, final FragmentHandler handler,
        final Subscription results, final FragmentAssembler answers)
    {
        final long deadline = System.nanoTime() + REPLAY_TIMEOUT_NS;
        Image image = null;
        while (System.nanoTime() < deadline)
        {
            if (image == null)
            {
                image = replay.imageCount() > 0 ? replay.imageAtIndex(0) : null;
            }
            final int work = replay.poll(handler, 16);
            if (results != null)
            {
                results.poll(answers, 64);
            }
            if (image != null && (image.position() >= stopPosition || image.isClosed() && work == 0))
            {
                return;
            }
            if (work == 0)
            {
                Thread.onSpinWait();
            }
        }
        throw new IllegalStateException("replay did not reach position " + stopPosition + " within 10 minutes");
    }

    /** Re-publishes each recorded request, paced, while collecting answers. */
    private final class Forwarder implements FragmentHandler
    {
        private final Publication publication;
        private final Subscription results;
        private final Subscription rejects;
        private final FragmentAssembler answers;
        private final Speed speed;
        private long firstSendTimeNs = Long.MIN_VALUE;
        private long wallStartNs;

        Forwarder(final Publication publication, final Subscription results, final Subscription rejects,
            final FragmentAssembler answers, final Speed speed)
        {
            this.publication = publication;
            this.results = results;
            this.rejects = rejects;
            this.answers = answers;
            this.speed = speed;
        }

        @Override
        public void onFragment(final DirectBuffer buffer, final int offset, final int length,
            final io.aeron.logbuffer.Header header)
        {
            final RecordedOutcomes.Key key = decoder.requestKey(buffer, offset, length);
            if (key == null)
            {
                return;
            }
            final long sendTime = decoder.lastSendTimeNs();
            if (firstSendTimeNs == Long.MIN_VALUE)
            {
                firstSendTimeNs = sendTime;
                wallStartNs = System.nanoTime();
            }
            final long due = speed.original() ? wallStartNs + (sendTime - firstSendTimeNs) :
                wallStartNs + sent.size() * speed.periodNs();
            while (System.nanoTime() < due)
            {
                pollAnswers(results, rejects, answers);
            }
            copy.putBytes(0, buffer, offset, length);
            long result;
            while ((result = publication.offer(copy, 0, length)) < 0)
            {
                if (result == Publication.CLOSED || result == Publication.MAX_POSITION_EXCEEDED)
                {
                    throw new IllegalStateException("replay publication " + Publication.errorString(result));
                }
                pollAnswers(results, rejects, answers);
            }
            sent.add(key);
        }
    }
}
