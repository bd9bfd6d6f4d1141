package io.jkeepalived.config.model;

import io.jkeepalived.config.SourcePos;
import java.net.InetAddress;
import java.util.List;

/**
 * {@code virtual_server_group NAME { IP [PORT] | IP-LAST [PORT] | IP/LEN [PORT] | fwmark N [inet|inet6] }}.
 */
public record VirtualServerGroupSpec(String name, List<Entry> entries, SourcePos pos) {
    public VirtualServerGroupSpec {
        entries = List.copyOf(entries);
    }

    /** One member line. */
    public sealed interface Entry {
        SourcePos pos();
    }

    /** {@code first..last} inclusive (one address when equal), all on {@code port} (0 = any). */
    public record AddressRange(InetAddress first, InetAddress last, int port, SourcePos pos) implements Entry {
    }

    public record Fwmark(long mark, AddressFamily family, SourcePos pos) implements Entry {
    }
}
