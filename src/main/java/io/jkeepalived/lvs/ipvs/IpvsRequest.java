package io.jkeepalived.lvs.ipvs;

/** One request to the kernel's IPVS generic-netlink family; {@link IpvsCodec#encode} makes its bytes. */
public sealed interface IpvsRequest {
    /** {@code IPVS_CMD_*}. */
    int command();

    /** Whether the kernel answers with a dump ({@code NLM_F_DUMP}) rather than one reply or an ack. */
    default boolean dump() {
        return false;
    }

    record NewService(IpvsService service) implements IpvsRequest {
        public int command() {
            return IpvsCodec.CMD_NEW_SERVICE;
        }
    }

    record SetService(IpvsService service) implements IpvsRequest {
        public int command() {
            return IpvsCodec.CMD_SET_SERVICE;
        }
    }

    record DelService(IpvsService service) implements IpvsRequest {
        public int command() {
            return IpvsCodec.CMD_DEL_SERVICE;
        }
    }

    record NewDest(IpvsService service, IpvsDest dest) implements IpvsRequest {
        public int command() {
            return IpvsCodec.CMD_NEW_DEST;
        }
    }

    record SetDest(IpvsService service, IpvsDest dest) implements IpvsRequest {
        public int command() {
            return IpvsCodec.CMD_SET_DEST;
        }
    }

    record DelDest(IpvsService service, IpvsDest dest) implements IpvsRequest {
        public int command() {
            return IpvsCodec.CMD_DEL_DEST;
        }
    }

    /** Every service, with stats. */
    record GetServices() implements IpvsRequest {
        public int command() {
            return IpvsCodec.CMD_GET_SERVICE;
        }

        public boolean dump() {
            return true;
        }
    }

    /** The destinations of one service (its key is sent, as ipvsadm does), with stats. */
    record GetDests(IpvsService service) implements IpvsRequest {
        public int command() {
            return IpvsCodec.CMD_GET_DEST;
        }

        public boolean dump() {
            return true;
        }
    }

    record SetConfig(IpvsTimeouts timeouts) implements IpvsRequest {
        public int command() {
            return IpvsCodec.CMD_SET_CONFIG;
        }
    }

    record GetConfig() implements IpvsRequest {
        public int command() {
            return IpvsCodec.CMD_GET_CONFIG;
        }
    }

    record NewDaemon(IpvsDaemon daemon) implements IpvsRequest {
        public int command() {
            return IpvsCodec.CMD_NEW_DAEMON;
        }
    }

    /** Stops the daemon in {@code state} (MASTER or BACKUP). */
    record DelDaemon(int state) implements IpvsRequest {
        public int command() {
            return IpvsCodec.CMD_DEL_DAEMON;
        }
    }

    record GetDaemons() implements IpvsRequest {
        public int command() {
            return IpvsCodec.CMD_GET_DAEMON;
        }

        public boolean dump() {
            return true;
        }
    }

    record GetInfo() implements IpvsRequest {
        public int command() {
            return IpvsCodec.CMD_GET_INFO;
        }
    }

    /** {@code ipvsadm -C}: removes every service. */
    record Flush() implements IpvsRequest {
        public int command() {
            return IpvsCodec.CMD_FLUSH;
        }
    }
}
