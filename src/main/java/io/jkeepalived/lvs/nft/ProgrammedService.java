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
 * @param ids      the number of every destination's chain, live and (DR) retired: a DR server that left
 *                 keeps its chain so the connections it has never move
 * @param devices  DR: the device each server is reached on
 */
public record ProgrammedService(Service service, Mode mode, Map<RealServer, Integer> ids, Map<RealServer, String> devices) {

    /** NAT: DNAT from the inet nat hook; DR: fwd from netdev ingress. */
    public enum Mode { NAT, DR }

    public ProgrammedService {
        ids = Collections.unmodifiableMap(new LinkedHashMap<>(ids));
        devices = Collections.unmodifiableMap(new LinkedHashMap<>(devices));
    }
}
