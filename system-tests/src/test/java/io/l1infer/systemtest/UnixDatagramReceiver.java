package io.l1infer.systemtest;

import com.sun.jna.LastErrorException;
import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.Structure;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A bound Unix datagram socket standing in for systemd's notify socket: Java 17 cannot bind one, so this calls the
 * C library through JNA, as the daemon's SdNotifySocket does on the sending side.
 */
final class UnixDatagramReceiver implements AutoCloseable
{
    private static final int AF_UNIX = 1;
    private static final int SOCK_DGRAM = 2;
    private static final int SOL_SOCKET = 1;
    private static final int SO_RCVTIMEO = 20;

    /** The C functions used. */
    interface C extends Library
    {
        C INSTANCE = Native.load("c", C.class);

        int socket(int domain, int type, int protocol) throws LastErrorException;

        int bind(int fd, SockAddrUn address, int length) throws LastErrorException;

        int setsockopt(int fd, int level, int name, TimeVal value, int length) throws LastErrorException;

        int recv(int fd, byte[] buffer, long length, int flags);

        int close(int fd);
    }

    /** struct sockaddr_un. */
    @Structure.FieldOrder({"family", "path"})
    public static final class SockAddrUn extends Structure
    {
        public short family = AF_UNIX;
        public byte[] path = new byte[108];
    }

    /** struct timeval on 64-bit Linux. */
    @Structure.FieldOrder({"seconds", "microseconds"})
    public static final class TimeVal extends Structure
    {
        public long seconds;
        public long microseconds;
    }

    private final int fd;
    private final Path path;
    private final byte[] buffer = new byte[4096];

    UnixDatagramReceiver(final Path path) throws Exception
    {
        Files.deleteIfExists(path);
        this.path = path;
        fd = C.INSTANCE.socket(AF_UNIX, SOCK_DGRAM, 0);
        final SockAddrUn address = new SockAddrUn();
        final byte[] bytes = path.toString().getBytes(StandardCharsets.UTF_8);
        System.arraycopy(bytes, 0, address.path, 0, bytes.length);
        address.write();
        C.INSTANCE.bind(fd, address, address.size());
        final TimeVal timeout = new TimeVal();
        timeout.microseconds = 200_000;
        timeout.write();
        C.INSTANCE.setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, timeout, timeout.size());
    }

    Path path()
    {
        return path;
    }

    /** One datagram, or null after the 200 ms receive timeout. */
    String receive()
    {
        final int n = C.INSTANCE.recv(fd, buffer, buffer.length, 0);
        return n <= 0 ? null : new String(buffer, 0, n, StandardCharsets.UTF_8);
    }

    /** Receive into {@code sink} (with its arrival time) for about {@code millis}. */
    void drainFor(final long millis, final List<TimedMessage> sink)
    {
        final long end = System.currentTimeMillis() + millis;
        while (System.currentTimeMillis() < end)
        {
            final String message = receive();
            if (message != null)
            {
                for (final String line : message.split("\n"))
                {
                    sink.add(new TimedMessage(System.nanoTime(), line));
                }
            }
        }
    }

    /** A notify line and when it arrived. */
    record TimedMessage(long nanoTime, String text)
    {
    }

    @Override
    public void close() throws Exception
    {
        C.INSTANCE.close(fd);
        Files.deleteIfExists(path);
    }
}
