package io.jkeepalived.lvs.nft;

import io.jkeepalived.lvs.RealServer;
import io.jkeepalived.lvs.Service;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One service as our nftables tables hold it.
 *
 * @param service  its settings and live destinations
 * @param mode     the table it lives in
 * @param ids      the number of every destination's chain, live and retired: a server that left keeps its
 *                 chain (DR: so the connections it has never move; both: so coming back is elements only)
 * @param devices  DR: the device each server is reached on
 * @param modulus  how many slots its selection rule picks from ({@link Slots#modulus}): fixed until the service
 *                 is written whole again, so a check result refills slots and changes no rule
 */
public record ProgrammedService(Service service, Mode mode, Map<RealServer, Integer> ids, Map<RealServer, String> devices, int modulus) {

    /** NAT: DNAT from the inet nat hook; DR: fwd from netdev ingress. */
    public enum Mode { NAT, DR }

    public ProgrammedService {
        ids = Collections.unmodifiableMap(new LinkedHashMap<>(ids));
        devices = Collections.unmodifiableMap(new LinkedHashMap<>(devices));
    }
}
