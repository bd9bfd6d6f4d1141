package io.jkeepalived.testsupport;

import java.util.ArrayList;
import java.util.List;

/**
 * A network namespace a test creates and removes (also on failure, via {@link #close()}). Names carry
 * a caller prefix and the JVM's pid so parallel runs never collide; only what this object made is
 * deleted, by name.
 */
public final class NetNs implements AutoCloseable {
    private final String name;
    private final List<String> hostLinks = new ArrayList<>();

    private NetNs(String name) {
        this.name = name;
    }

    /** Creates namespace {@code prefix-<pid>-<tag>} with loopback up. */
    public static NetNs create(String prefix, String tag) {
        var ns = new NetNs(prefix + "-" + ProcessHandle.current().pid() + "-" + tag);
        Sh.run("ip", "netns", "del", ns.name); // a leftover of this very pid/tag from a crashed run
        Sh.ok("ip", "netns", "add", ns.name);
        ns.exec("ip", "link", "set", "lo", "up");
        return ns;
    }

    public String name() {
        return name;
    }

    /** Runs a command inside the namespace and returns its output; throws when it fails. */
    public String exec(String... cmd) {
        return Sh.ok(inside(cmd).toArray(String[]::new));
    }

    /** Runs a command inside the namespace and returns exit code and output. */
    public Sh.Result run(String... cmd) {
        return Sh.run(inside(cmd), 30);
    }

    /** The command line that runs {@code cmd} inside this namespace (for ProcessBuilder). */
    public List<String> inside(String... cmd) {
        var all = new ArrayList<String>(List.of("ip", "netns", "exec", name));
        all.addAll(List.of(cmd));
        return all;
    }

    /** Adds a dummy interface (no traffic leaves it) inside the namespace. */
    public NetNs dummy(String ifname) {
        exec("ip", "link", "add", ifname, "type", "dummy");
        exec("ip", "link", "set", ifname, "up");
        return this;
    }

    /** Adds an address (CIDR) to an interface inside the namespace. */
    public NetNs addr(String ifname, String cidr) {
        exec("ip", "addr", "add", cidr, "dev", ifname);
        return this;
    }

    /**
     * Connects this namespace to another with a veth pair: {@code ifHere} here, {@code ifThere} there,
     * both up. Created inside this namespace so nothing is left on the host.
     */
    public NetNs veth(String ifHere, NetNs other, String ifThere) {
        exec("ip", "link", "add", ifHere, "type", "veth", "peer", "name", ifThere, "netns", other.name);
        exec("ip", "link", "set", ifHere, "up");
        other.exec("ip", "link", "set", ifThere, "up");
        return this;
    }

    /** A bridge inside this namespace, to which veth ends can be enslaved (a LAN of several hosts). */
    public NetNs bridge(String brName) {
        exec("ip", "link", "add", brName, "type", "bridge");
        exec("ip", "link", "set", brName, "up");
        return this;
    }

    public NetNs enslave(String ifname, String bridge) {
        exec("ip", "link", "set", ifname, "master", bridge);
        return this;
    }

    @Override
    public void close() {
        // Deleting the namespace removes every link that lives in it, and the peers of its veths.
        Sh.run("ip", "netns", "del", name);
    }
}
