package io.jkeepalived.lvs.ipvs;

/** One message the kernel's IPVS family sends back (a dump entry or a single reply). */
public sealed interface IpvsReply {
    record Service(IpvsService service, IpvsStats stats) implements IpvsReply {
    }

    record Dest(IpvsDest dest, int activeConnections, int inactiveConnections, int persistentConnections,
                IpvsStats stats) implements IpvsReply {
    }

    record Config(IpvsTimeouts timeouts) implements IpvsReply {
    }

    record Daemon(IpvsDaemon daemon) implements IpvsReply {
    }

    /** {@code IP Virtual Server version 1.2.1 (size=4096)}: version as 0x010201. */
    record Info(int version, int connectionTableSize) implements IpvsReply {
        public String versionText() {
            return (version >> 16) + "." + ((version >> 8) & 0xff) + "." + (version & 0xff);
        }
    }
}
