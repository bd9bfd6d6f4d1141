package io.jkeepalived.vrrp.runtime;

import io.jkeepalived.vrrp.engine.InstanceParams;
import io.jkeepalived.vrrp.engine.VrrpAction;
import io.jkeepalived.vrrp.engine.VrrpState;
import io.jkeepalived.vrrp.port.AddressManager;
import io.jkeepalived.vrrp.port.LogSink;
import io.jkeepalived.vrrp.port.Notifier;
import io.jkeepalived.vrrp.port.VrrpTransport;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.util.List;

/** Port wrappers that apply a {@link ReloadHold}: see there for what is held back and when. */
final class HoldingPorts {
    private HoldingPorts() {
    }

    /** Drops the priority-0 adverts of held instances (the old run stopping). */
    static VrrpTransport transport(VrrpTransport delegate, ReloadHold hold) {
        return new VrrpTransport() {
            @Override
            public void send(InstanceParams instance, ByteBuffer packet, int vrrpOffset) throws IOException {
                if (hold.held(instance.name()) && (packet.get(packet.position() + vrrpOffset + 2) & 0xff) == 0) {
                    return;
                }
                delegate.send(instance, packet, vrrpOffset);
            }

            @Override
            public Received receive(ByteBuffer into) throws IOException {
                return delegate.receive(into);
            }

            @Override
            public InetAddress multicastGroup(InstanceParams instance) {
                return delegate.multicastGroup(instance);
            }

            @Override
            public void close() {
                delegate.close();
            }
        };
    }

    /** Leaves out the "sent 0 priority" / "removing VIPs." lines of held instances: neither happens. */
    static LogSink log(LogSink delegate, ReloadHold hold) {
        return line -> {
            if (line.startsWith("(") && (line.endsWith(") sent 0 priority") || line.endsWith(") removing VIPs.")
                    || line.endsWith(") removing E-VIPs."))) {
                int end = line.indexOf(')');
                if (hold.held(line.substring(1, end))) {
                    return;
                }
            }
            delegate.log(line);
        };
    }

    /** Keeps held instances' VIPs where they are: all of them, or those kept over an in-place change. */
    static AddressManager addresses(AddressManager delegate, ReloadHold hold) {
        return new AddressManager() {
            @Override
            public void add(String instance, List<InetAddress> vips, boolean accept) throws Exception {
                delegate.add(instance, vips, accept);
            }

            @Override
            public void remove(String instance, List<InetAddress> vips, boolean accept) throws Exception {
                List<InetAddress> removable = hold.removable(instance, vips);
                if (!removable.isEmpty()) {
                    delegate.remove(instance, removable, accept);
                }
            }
        };
    }

    /**
     * Holds back held instances' and groups' notifies. With {@code releasing} (the new run): an instance is
     * released when it is in its carried state again; one carried as MASTER that ends up in another state
     * instead has its VIPs (still on from before the reload) removed then, and that state is notified. Group
     * notifies follow ReloadHold.swallowGroupNotify.
     */
    static Notifier notifier(Notifier delegate, ReloadHold hold, boolean releasing, AddressManager addresses,
                             java.util.Map<String, InstanceParams> params, LogSink log) {
        return new Notifier() {
            @Override
            public void notify(VrrpAction.RunNotify n) {
                boolean group = n.target() == VrrpAction.NotifyTarget.GROUP;
                if (!group && hold.held(n.name())) {
                    return;
                }
                if (!group && n.state() == VrrpAction.NotifyState.STOP && hold.gone(n.name()).isPresent()) {
                    // an instance the reload removed is announced DELETED, or not at all (GoneAtReload)
                    if (hold.gone(n.name()).get().announced()) {
                        delegate.notify(new VrrpAction.RunNotify(n.target(), n.name(), VrrpAction.NotifyState.DELETED,
                                n.priority()));
                    }
                    return;
                }
                if (group && hold.groupHeld(n.name())
                        && (!releasing || hold.swallowGroupNotify(n.name(), stateOf(n.state())))) {
                    return;
                }
                delegate.notify(n);
            }

            @Override
            public void transition(VrrpAction.Transition t) {
                var carried = releasing ? hold.carriedState(t.instance()) : java.util.Optional.<VrrpState>empty();
                if (carried.isPresent()) {
                    if (t.to() == carried.get()) {
                        hold.release(t.instance());
                    } else if (carried.get() == VrrpState.MASTER && !t.reason().equals("init")) {
                        hold.release(t.instance());
                        InstanceParams p = params.get(t.instance());
                        try {
                            addresses.remove(t.instance(), p.vips(), p.accept());
                            addresses.remove(t.instance(), p.excludedVips(), p.accept());
                        } catch (Exception e) {
                            log.log("(" + t.instance() + ") cannot remove VIPs kept over the reload: " + e.getMessage());
                        }
                        delegate.notify(notifyOf(t, p));
                    } else if (carried.get() == VrrpState.BACKUP) {
                        hold.release(t.instance());
                        delegate.notify(notifyOf(t, params.get(t.instance())));
                    }
                }
                delegate.transition(t);
            }

            @Override
            public void priorityChanged(VrrpAction.PriorityChanged change) {
                if (!hold.held(change.instance())) {
                    delegate.priorityChanged(change);
                }
            }

            @Override
            public void splitBrain(VrrpAction.SplitBrain splitBrain) {
                // A second master is a fact about the network, not about the reload: never held back.
                delegate.splitBrain(splitBrain);
            }
        };
    }

    private static VrrpAction.RunNotify notifyOf(VrrpAction.Transition t, InstanceParams p) {
        return new VrrpAction.RunNotify(VrrpAction.NotifyTarget.INSTANCE, t.instance(), switch (t.to()) {
            case MASTER -> VrrpAction.NotifyState.MASTER;
            case FAULT -> VrrpAction.NotifyState.FAULT;
            default -> VrrpAction.NotifyState.BACKUP;
        }, p.priority());
    }

    /** The group states a notify can announce; other notifies (STOP, ...) never match a carried state. */
    private static VrrpState stateOf(VrrpAction.NotifyState s) {
        return switch (s) {
            case MASTER -> VrrpState.MASTER;
            case BACKUP -> VrrpState.BACKUP;
            case FAULT -> VrrpState.FAULT;
            case STOP, DELETED, MASTER_RX_LOWER_PRI -> VrrpState.INIT;
        };
    }
}
