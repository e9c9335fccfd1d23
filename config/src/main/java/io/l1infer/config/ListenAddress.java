package io.l1infer.config;

import java.net.InetSocketAddress;

/**
 * A TCP address a server binds to, written {@code HOST:PORT}, {@code [IPV6]:PORT} or a bare {@code PORT} meaning
 * the loopback interface, so nothing is exposed beyond the host unless an interface is named.
 *
 * @param host a host name or address literal (IPv6 without brackets).
 * @param port between 0 (any free port, for tests) and 65535.
 */
public record ListenAddress(String host, int port)
{
    /** Human description of the accepted syntax, used in reasons and generated documentation. */
    public static final String SYNTAX = "HOST:PORT, [IPV6]:PORT or PORT (loopback), or empty for off; port 0 = any " +
        "free port";

    /** Host a bare port binds to. */
    public static final String LOOPBACK = "127.0.0.1";

    /**
     * Validate the parts.
     *
     * @throws IllegalArgumentException when the host is empty or the port outside 0..65535.
     */
    public ListenAddress
    {
        if (host.isEmpty() || port < 0 || port > 65535)
        {
            throw new IllegalArgumentException("must be " + SYNTAX);
        }
    }

    /**
     * Parse {@code HOST:PORT}, {@code [IPV6]:PORT} or {@code PORT}.
     *
     * @param text such as {@code "127.0.0.1:9464"} or {@code "9464"}.
     * @return the address.
     * @throws IllegalArgumentException naming the accepted syntax when the text is not an address.
     */
    public static ListenAddress parse(final String text)
    {
        final String trimmed = text.strip();
        final int colon = trimmed.lastIndexOf(':');
        try
        {
            if (colon < 0)
            {
                return new ListenAddress(LOOPBACK, Integer.parseInt(trimmed));
            }
            String host = trimmed.substring(0, colon);
            if (host.startsWith("[") && host.endsWith("]"))
            {
                host = host.substring(1, host.length() - 1);
            }
            else if (host.indexOf(':') >= 0)
            {
                throw new IllegalArgumentException("must be " + SYNTAX + " (an IPv6 address in brackets)");
            }
            return new ListenAddress(host, Integer.parseInt(trimmed.substring(colon + 1)));
        }
        catch (final NumberFormatException ex)
        {
            throw new IllegalArgumentException("must be " + SYNTAX);
        }
    }

    /**
     * The socket address to bind, resolving the host now.
     *
     * @return an address that is resolved unless the host name is unknown.
     */
    public InetSocketAddress toSocketAddress()
    {
        return new InetSocketAddress(host, port);
    }

    @Override
    public String toString()
    {
        return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
    }
}
