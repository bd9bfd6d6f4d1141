package io.jkeepalived.vrrp.runtime;

import io.jkeepalived.common.ThreadWatch;
import java.util.Optional;

/** A part of a VRRP run with a thread of its own: the run is alive only while none of them died or is stuck. */
interface Supervised {
    /** The thread's death or stall, if it died or is stuck. */
    Optional<ThreadWatch.Death> death();
}
