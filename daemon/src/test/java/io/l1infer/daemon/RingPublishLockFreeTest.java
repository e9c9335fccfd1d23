package io.l1infer.daemon;

import com.lmax.disruptor.RingBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.lang.management.LockInfo;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * Publishing into the daemon's ring takes no lock: with every monitor of the ring's wait strategy held by another
 * thread, the ingest side still claims and publishes; the same probe blocks the publisher of a ring with the
 * Disruptor's default (blocking) strategy, which shows the probe can see such a lock.
 */
class RingPublishLockFreeTest
{
    private static final int EVENTS = 1_000;

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void daemonRingPublishesWhileTheWaitStrategysMonitorsAreHeld() throws Exception
    {
        final RingBuffer<RingEvent> ring = RingEvent.newRing(4, false, 64);
        final Thread publisher = publisherThread(ring);
        final List<Object> monitors = waitStrategyMonitors(ring);
        withMonitorsHeld(monitors, () ->
        {
            publisher.start();
            while (publisher.isAlive())
            {
                // Only the held monitors count: a new thread may block a moment on a class loader's lock.
                assertFalse(blockedOnOneOf(publisher, monitors), "publish waits for a monitor of the wait strategy");
                Thread.onSpinWait();
            }
        });
        assertEquals(EVENTS - 1, ring.getCursor(), "every claimed sequence published");
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void probeBlocksThePublisherOfABlockingRing() throws Exception
    {
        final RingBuffer<RingEvent> blocking = RingBuffer.createSingleProducer(() -> new RingEvent(4, false), 64);
        final Thread publisher = publisherThread(blocking);
        final List<Object> monitors = waitStrategyMonitors(blocking);
        withMonitorsHeld(monitors, () ->
        {
            publisher.start();
            while (!blockedOnOneOf(publisher, monitors))
            {
                Thread.onSpinWait();
            }
        });
        publisher.join();
    }

    /** Whether the thread is blocked entering one of these monitors (by identity, as the JVM reports its lock). */
    private static boolean blockedOnOneOf(final Thread thread, final List<Object> monitors)
    {
        final ThreadInfo info = ManagementFactory.getThreadMXBean().getThreadInfo(thread.getId());
        if (info == null || info.getThreadState() != Thread.State.BLOCKED || info.getLockInfo() == null)
        {
            return false;
        }
        final LockInfo lock = info.getLockInfo();
        for (final Object monitor : monitors)
        {
            if (System.identityHashCode(monitor) == lock.getIdentityHashCode() &&
                monitor.getClass().getName().equals(lock.getClassName()))
            {
                return true;
            }
        }
        return false;
    }

    private static Thread publisherThread(final RingBuffer<RingEvent> ring)
    {
        final Thread thread = new Thread(() ->
        {
            for (int i = 0; i < EVENTS; i++)
            {
                final long sequence = ring.next();
                ring.get(sequence).eventId = i;
                ring.publish(sequence);
            }
        }, "ring-publisher");
        thread.setDaemon(true);
        return thread;
    }

    /** The wait strategy and each object it references: whatever its signal could synchronize on. */
    private static List<Object> waitStrategyMonitors(final RingBuffer<?> ring) throws ReflectiveOperationException
    {
        final Object sequencer = field(ring, "sequencer");
        final Object strategy = field(sequencer, "waitStrategy");
        final List<Object> monitors = new ArrayList<>();
        monitors.add(strategy);
        for (Class<?> c = strategy.getClass(); c != Object.class; c = c.getSuperclass())
        {
            for (final Field f : c.getDeclaredFields())
            {
                if (!f.getType().isPrimitive() && !Modifier.isStatic(f.getModifiers()))
                {
                    f.setAccessible(true);
                    final Object value = f.get(strategy);
                    if (value != null)
                    {
                        monitors.add(value);
                    }
                }
            }
        }
        return monitors;
    }

    private static Object field(final Object owner, final String name) throws ReflectiveOperationException
    {
        for (Class<?> c = owner.getClass(); c != null; c = c.getSuperclass())
        {
            try
            {
                final Field f = c.getDeclaredField(name);
                f.setAccessible(true);
                return f.get(owner);
            }
            catch (final NoSuchFieldException ignored)
            {
                // declared further up
            }
        }
        throw new NoSuchFieldException(name + " in " + owner.getClass());
    }

    /** Run {@code whileHeld} on this thread while a second thread holds every monitor, then release them. */
    private static void withMonitorsHeld(final List<Object> monitors, final Step whileHeld) throws Exception
    {
        final CountDownLatch held = new CountDownLatch(1);
        final CountDownLatch release = new CountDownLatch(1);
        final Thread holder = new Thread(() -> hold(monitors, 0, held, release), "monitor-holder");
        holder.setDaemon(true);
        holder.start();
        held.await();
        try
        {
            whileHeld.run();
        }
        finally
        {
            release.countDown();
            holder.join();
        }
    }

    private static void hold(final List<Object> monitors, final int i, final CountDownLatch held,
        final CountDownLatch release)
    {
        if (i == monitors.size())
        {
            held.countDown();
            try
            {
                release.await();
            }
            catch (final InterruptedException ex)
            {
                Thread.currentThread().interrupt();
            }
            return;
        }
        synchronized (monitors.get(i))
        {
            hold(monitors, i + 1, held, release);
        }
    }

    /** A test step that may throw. */
    private interface Step
    {
        void run() throws Exception;
    }
}
