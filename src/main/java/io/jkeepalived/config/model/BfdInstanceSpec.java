package io.jkeepalived.config.model;

import io.jkeepalived.config.SourcePos;
import java.net.InetAddress;
import java.time.Duration;
import java.util.Optional;

/** {@code bfd_instance NAME { neighbor_ip; source_ip; min_rx (10 ms); min_tx (10 ms); idle_tx (1000 ms); multiplier (5) ... }}. */
public record BfdInstanceSpec(String name, Optional<InetAddress> neighbor, Optional<InetAddress> source,
        Duration minRx, Duration minTx, Duration idleTx, int multiplier, boolean passive, int ttl, int hoplimit,
        int maxHops, boolean multihop, int weight, boolean weightReverse, boolean vrrpOnly, boolean checkerOnly,
        SourcePos pos) {
}
