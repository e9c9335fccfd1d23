package io.l1infer.systemtest;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Hosts on one machine: one network namespace per host, each with an {@code eth0} veth whose peer sits on a
 * bridge in a "switch" namespace, addresses 10.77.0.x/24, loopback up, multicast flooded by the bridge. Names carry
 * this JVM's pid and a tag, so concurrent runs do not collide; {@link #close()} kills whatever still runs inside
 * them and deletes every namespace (the veths go with them), also after a failure.
 */
final class NetworkNamespaces implements AutoCloseable
{
    private static final String SUBNET = "10.77.0.";

    private final String prefix;
    private final String switchNamespace;
    private final Map<String, String> addresses = new LinkedHashMap<>();
    private final List<String> created = new ArrayList<>();

    /**
     * @param tag short distinguishing text, part of every namespace name.
     */
    NetworkNamespaces(final String tag) throws IOException, InterruptedException
    {
        prefix = "l1i-" + ProcessHandle.current().pid() + "-" + tag + "-";
        switchNamespace = prefix + "sw";
        try
        {
            ip("netns", "add", switchNamespace);
            created.add(switchNamespace);
            ip("-n", switchNamespace, "link", "add", "br0", "type", "bridge");
            // Flood multicast to every port: there is no IGMP querier on this "switch".
            ip("-n", switchNamespace, "link", "set", "br0", "type", "bridge", "mcast_snooping", "0");
            ip("-n", switchNamespace, "link", "set", "br0", "up");
            ip("-n", switchNamespace, "link", "set", "lo", "up");
        }
        catch (final IOException | RuntimeException ex)
        {
            close();
            throw ex;
        }
    }

    /**
     * Why network namespaces cannot be used here, if they cannot: not root, no {@code ip}, or no permission.
     *
     * @return the reason, or empty when a namespace could be created and deleted.
     */
    static Optional<String> unavailableReason()
    {
        final String probe = "l1i-" + ProcessHandle.current().pid() + "-probe";
        try
        {
            final String add = run(List.of("ip", "netns", "add", probe));
            if (add != null)
            {
                return Optional.of("cannot create a network namespace (needs root and iproute2): ip netns add: " +
                    add.trim());
            }
            run(List.of("ip", "netns", "del", probe));
            return Optional.empty();
        }
        catch (final IOException ex)
        {
            return Optional.of("cannot run ip (iproute2 not installed?): " + ex.getMessage());
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            return Optional.of("interrupted");
        }
    }

    /**
     * Add a host on the switch.
     *
     * @param name     short host name, part of the namespace name.
     * @param lastByte its address is 10.77.0.lastByte.
     * @return its address.
     */
    String addHost(final String name, final int lastByte) throws IOException, InterruptedException
    {
        final String ns = namespace(name);
        final String address = SUBNET + lastByte;
        ip("netns", "add", ns);
        created.add(ns);
        final String port = "p-" + name;
        ip("link", "add", "eth0", "netns", ns, "type", "veth", "peer", "name", port, "netns", switchNamespace);
        ip("-n", switchNamespace, "link", "set", port, "master", "br0");
        ip("-n", switchNamespace, "link", "set", port, "up");
        ip("-n", ns, "addr", "add", address + "/24", "dev", "eth0");
        ip("-n", ns, "link", "set", "eth0", "up");
        ip("-n", ns, "link", "set", "lo", "up");
        ip("-n", ns, "route", "add", "224.0.0.0/4", "dev", "eth0");
        addresses.put(name, address);
        return address;
    }

    /** The namespace name of a host. */
    String namespace(final String host)
    {
        return prefix + host;
    }

    /** A command line that runs {@code command} inside a host's namespace. */
    List<String> inHost(final String host, final List<String> command)
    {
        final List<String> full = new ArrayList<>(List.of("ip", "netns", "exec", namespace(host)));
        full.addAll(command);
        return full;
    }

    @Override
    public void close() throws InterruptedException
    {
        for (int i = created.size() - 1; i >= 0; i--)
        {
            final String ns = created.get(i);
            try
            {
                final String pids = output(List.of("ip", "netns", "pids", ns));
                for (final String pid : pids.split("\\s+"))
                {
                    if (!pid.isBlank())
                    {
                        ProcessHandle.of(Long.parseLong(pid.trim())).ifPresent(ProcessHandle::destroyForcibly);
                    }
                }
                run(List.of("ip", "netns", "del", ns));
            }
            catch (final IOException | RuntimeException ex)
            {
                System.err.println("could not delete network namespace " + ns + ": " + ex);
            }
        }
        created.clear();
    }

    private static void ip(final String... args) throws IOException, InterruptedException
    {
        final List<String> command = new ArrayList<>();
        command.add("ip");
        command.addAll(List.of(args));
        final String error = run(command);
        if (error != null)
        {
            throw new IOException(String.join(" ", command) + " failed: " + error.trim());
        }
    }

    /** Run a short command; null on success, else its output. */
    private static String run(final List<String> command) throws IOException, InterruptedException
    {
        final Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        final String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(30, TimeUnit.SECONDS))
        {
            p.destroyForcibly();
            return "timed out: " + out;
        }
        return p.exitValue() == 0 ? null : "exit " + p.exitValue() + ": " + out;
    }

    private static String output(final List<String> command) throws IOException, InterruptedException
    {
        final Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        final String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        p.waitFor(30, TimeUnit.SECONDS);
        return out;
    }
}
