package io.jkeepalived.adapters.vrrp;

import io.jkeepalived.linux.Linux;
import io.jkeepalived.linux.Nftables;
import io.jkeepalived.linux.NftablesException;
import io.jkeepalived.vrrp.plan.VipFirewallPlan;
import io.jkeepalived.vrrp.plan.VipFirewallPlan.Element;
import io.jkeepalived.vrrp.plan.VipFirewallRuleset;
import io.jkeepalived.vrrp.port.AddressManager;
import io.jkeepalived.vrrp.port.LogSink;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * no_accept over nftables, around the address manager: a no_accept instance's VIPs go into our table's
 * {@code vips} sets before the addresses are added and leave them after the addresses are removed (as keepalived
 * sets its "firewall drop rule" before "setting VIPs."). The table is made at start (replacing what a killed run
 * left) and deleted at {@link #close}. Each change is one libnftables transaction; a failure is logged with the
 * instance's name and never thrown into the VRRP loop. Without libnftables (or with a table name nft cannot
 * take) it says so once per instance at start, naming the line that turned accept mode off, and passes through.
 */
public final class NftablesVipFirewall implements AddressManager, AutoCloseable {
    private final AddressManager delegate;
    private final VipFirewallPlan plan;
    private final VipFirewallRuleset ruleset;
    private final LogSink info;
    private final LogSink warning;
    private final Set<Element> inSets = new HashSet<>();
    /** keepalived's firewall_rules_set per instance, and the instances seen: its log lines, once per change. */
    private final Set<String> rulesSet = new HashSet<>();
    private final Set<String> seen = new HashSet<>();
    private Nftables nft;

    private NftablesVipFirewall(AddressManager delegate, VipFirewallPlan plan, Nftables nft, LogSink info, LogSink warning) {
        this.delegate = delegate;
        this.plan = plan;
        this.ruleset = new VipFirewallRuleset(plan);
        this.nft = nft;
        this.info = info;
        this.warning = warning;
    }

    /**
     * Our tables, made now when some instance needs them (otherwise, or when nftables cannot be used, the
     * result only passes calls through). {@code nftables} opens libnftables (in the calling thread's network
     * namespace): {@link Linux#openNftables} in production.
     */
    public static NftablesVipFirewall open(AddressManager delegate, VipFirewallPlan plan, NftablesOpener nftables,
                                      LogSink info, LogSink warning) {
        if (plan.isEmpty()) {
            return new NftablesVipFirewall(delegate, plan, null, info, warning);
        }
        if (plan.defaultTable()) {
            info.log("use_vmac or no_accept/strict specified, but no firewall configured - using nftables");
        }
        Optional<String> problem = plan.tableNameProblem();
        Nftables nft = null;
        if (problem.isEmpty()) {
            try {
                nft = nftables.open();
            } catch (NftablesException | RuntimeException | LinkageError e) {
                problem = Optional.of("nftables is not available: " + e.getMessage());
            }
        }
        var firewall = new NftablesVipFirewall(delegate, plan, nft, info, warning);
        if (nft != null) {
            try {
                nft.run(firewall.ruleset.create());
                return firewall;
            } catch (NftablesException e) {
                nft.close();
                problem = Optional.of("cannot create nftables table " + plan.table() + ": " + e.getMessage());
            }
        }
        String why = problem.orElseThrow();
        plan.instances().values().forEach(i -> warning.log("(" + i.name() + ") no_accept (" + i.noAcceptPos() + ") is not applied: "
                + why + "; its VIPs accept traffic"));
        return new NftablesVipFirewall(delegate, plan, null, info, warning);
    }

    /** Opens libnftables; a seam for tests that have none. */
    @FunctionalInterface
    public interface NftablesOpener {
        Nftables open() throws NftablesException;
    }

    public static NftablesVipFirewall open(AddressManager delegate, VipFirewallPlan plan, LogSink info, LogSink warning) {
        return open(delegate, plan, Linux::openNftables, info, warning);
    }

    @Override
    public void add(String instance, List<InetAddress> vips, boolean accept) throws Exception {
        if (!accept) {
            change(instance, vips, true);
        }
        delegate.add(instance, vips, accept);
    }

    @Override
    public void remove(String instance, List<InetAddress> vips, boolean accept) throws Exception {
        try {
            delegate.remove(instance, vips, accept);
        } finally {
            if (!accept) {
                change(instance, vips, false);
            }
        }
    }

    /** Puts the VIPs in (or takes them out of) the sets, only those not already there (not there any more). */
    private synchronized void change(String instance, List<InetAddress> vips, boolean add) {
        var i = plan.instances().get(instance);
        if (i == null || nft == null) {
            return;
        }
        var todo = new ArrayList<Element>();
        for (Element e : i.elementsOf(vips)) {
            if (inSets.contains(e) != add) {
                todo.add(e);
            }
        }
        // VIPs and E-VIPs come as two calls; keepalived says this once per state change (and at start)
        boolean say = add ? rulesSet.add(instance) : rulesSet.remove(instance) || !seen.contains(instance);
        seen.add(instance);
        if (say) {
            info.log("(" + instance + ") " + (add ? "setting" : "removing") + " firewall drop rule");
        }
        if (todo.isEmpty()) {
            return;
        }
        try {
            nft.run(add ? ruleset.add(todo) : ruleset.remove(todo));
            if (add) {
                inSets.addAll(todo);
            } else {
                todo.forEach(inSets::remove);
            }
        } catch (NftablesException | RuntimeException e) {
            warning.log("(" + instance + ") cannot " + (add ? "set" : "remove") + " the no_accept firewall drop rule in nftables table "
                    + plan.table() + ": " + e.getMessage());
        }
    }

    /** Deletes our tables. */
    @Override
    public synchronized void close() {
        if (nft == null) {
            return;
        }
        try {
            nft.run(ruleset.delete());
        } catch (NftablesException | RuntimeException e) {
            warning.log("cannot delete nftables table " + plan.table() + ": " + e.getMessage());
        } finally {
            nft.close();
            nft = null;
            inSets.clear();
            rulesSet.clear();
        }
    }
}
