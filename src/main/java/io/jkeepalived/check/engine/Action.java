package io.jkeepalived.check.engine;

import io.jkeepalived.lvs.PoolEditor;
import io.jkeepalived.lvs.RealServer;
import io.jkeepalived.lvs.VirtualService;

/** What the check engine asks the world to do. */
public sealed interface Action {

    /** A change to the desired pool (never the kernel: the LVS controller reconciles afterwards). */
    sealed interface DataPlaneOp extends Action {
        void applyTo(PoolEditor pool);
    }

    record AddService(VirtualService service) implements DataPlaneOp {
        public void applyTo(PoolEditor dp) {
            dp.addVirtualService(service);
        }
    }

    record RemoveService(VirtualService service) implements DataPlaneOp {
        public void applyTo(PoolEditor dp) {
            dp.removeVirtualService(service);
        }
    }

    record AddReal(VirtualService service, RealServer server, int weight) implements DataPlaneOp {
        public void applyTo(PoolEditor dp) {
            dp.addRealServer(service, server, weight);
        }
    }

    record UpdateReal(VirtualService service, RealServer server, int weight) implements DataPlaneOp {
        public void applyTo(PoolEditor dp) {
            dp.updateRealServer(service, server, weight);
        }
    }

    record RemoveReal(VirtualService service, RealServer server) implements DataPlaneOp {
        public void applyTo(PoolEditor dp) {
            dp.removeRealServer(service, server);
        }
    }

    /** A log line in keepalived's words. */
    record Log(String line) implements Action {
    }

    /**
     * Run a notify script (notify_up/down, quorum_up/down) exactly as configured: keepalived adds no
     * arguments to LVS notifies. {@code atShutdown} scripts are waited for (bounded) before exit.
     */
    record RunScript(io.jkeepalived.config.model.ScriptSpec script, boolean atShutdown) implements Action {
        /** A script with no user of its own. */
        public RunScript(java.util.List<String> argv, boolean atShutdown) {
            this(io.jkeepalived.config.model.ScriptSpec.of(argv), atShutdown);
        }
    }

    /** An smtp_alert mail. */
    record SendAlert(String subject, String body) implements Action {
    }

    /** A line for notify_fifo / lvs_notify_fifo, e.g. {@code RS [192.0.2.11]:tcp:80 [192.0.2.100]:tcp:80 UP}. */
    record FifoLine(String line) implements Action {
    }
}
