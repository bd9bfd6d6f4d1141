package io.jkeepalived.lvs;

/** One change to a data plane, in terms of the pool model (no kernel types). */
public sealed interface LvsOp {

    /** The service this op touches; null for table-wide ops. */
    VirtualService service();

    record SetTimeouts(Timeouts timeouts) implements LvsOp {
        @Override
        public VirtualService service() {
            return null;
        }
    }

    record AddService(VirtualService service, ServiceSettings settings) implements LvsOp {
    }

    /** Scheduler, flags or persistence changed; destinations and connections stay. */
    record EditService(VirtualService service, ServiceSettings settings) implements LvsOp {
    }

    record RemoveService(VirtualService service) implements LvsOp {
    }

    record AddDestination(VirtualService service, Destination destination) implements LvsOp {
    }

    /** Weight, thresholds or forwarding changed; the server's connections stay. */
    record EditDestination(VirtualService service, Destination destination) implements LvsOp {
    }

    record RemoveDestination(VirtualService service, RealServer server) implements LvsOp {
    }
}
