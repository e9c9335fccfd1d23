package io.l1infer.daemon;

import com.sun.jna.LastErrorException;
import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.Structure;

import java.nio.charset.StandardCharsets;

/**
 * The sending side of sd_notify: one datagram per message to systemd's notify socket (a path or, written with a
 * leading {@code @}, an abstract name), through the C library by JNA because Java 17 has no Unix datagram channel.
 * This is what libsystemd's sd_notify does, without a dependency on libsystemd or a logging framework.
 */
final class SdNotifySocket implements AutoCloseable
{
    private static final int AF_UNIX = 1;
    private static final int SOCK_DGRAM = 2;
    private static final int SOCK_CLOEXEC = 0x80000;
    private static final int MSG_NOSIGNAL = 0x4000;
    private static final int PATH_OFFSET = 2;

    /** The C functions used. */
    interface C extends Library
    {
        int socket(int domain, int type, int protocol) throws LastErrorException;

        long sendto(int fd, byte[] buffer, long length, int flags, SockAddrUn address, int addressLength)
            throws LastErrorException;

        int close(int fd);
    }

    /** struct sockaddr_un. */
    @Structure.FieldOrder({"family", "path"})
    public static final class SockAddrUn extends Structure
    {
        public short family = AF_UNIX;
        public byte[] path = new byte[108];
    }

    private static volatile C c;

    private final int fd;
    private final SockAddrUn address = new SockAddrUn();
    private final int addressLength;

    /**
     * Open a socket for the address in NOTIFY_SOCKET.
     *
     * @param socket the value of NOTIFY_SOCKET.
     * @throws IllegalArgumentException when the address is too long for a Unix socket.
     * @throws LastErrorException when no socket can be made.
     */
    SdNotifySocket(final String socket)
    {
        final byte[] name = socket.getBytes(StandardCharsets.UTF_8);
        if (name.length == 0 || name.length >= address.path.length)
        {
            throw new IllegalArgumentException("NOTIFY_SOCKET '" + socket + "' is not a Unix socket address");
        }
        System.arraycopy(name, 0, address.path, 0, name.length);
        final boolean abstractName = name[0] == '@';
        if (abstractName)
        {
            address.path[0] = 0;
        }
        // An abstract name is exactly its bytes; a path includes the terminating NUL.
        addressLength = PATH_OFFSET + name.length + (abstractName ? 0 : 1);
        address.write();
        fd = library().socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0);
    }

    private static C library()
    {
        C lib = c;
        if (lib == null)
        {
            lib = Native.load("c", C.class);
            c = lib;
        }
        return lib;
    }

    /**
     * Send one message such as {@code READY=1}.
     *
     * @param message newline-separated assignments.
     * @throws LastErrorException when the datagram cannot be sent.
     */
    void send(final String message)
    {
        final byte[] bytes = message.getBytes(StandardCharsets.UTF_8);
        library().sendto(fd, bytes, bytes.length, MSG_NOSIGNAL, address, addressLength);
    }

    @Override
    public void close()
    {
        library().close(fd);
    }
}
