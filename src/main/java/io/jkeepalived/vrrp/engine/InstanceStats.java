package io.jkeepalived.vrrp.engine;

import io.jkeepalived.vrrp.codec.RejectReason;

/** keepalived's per-instance counters (keepalived.stats and the VRRP SNMP MIBs). Loop-owned, mutable. */
public final class InstanceStats {
    long advertRcvd;
    long advertSent;
    long becomeMaster;
    long releaseMaster;
    long packetLenErr;
    long ipTtlErr;
    long invalidTypeRcvd;
    long advertIntervalErr;
    long addrListErr;
    long invalidAuthtype;
    long authtypeMismatch;
    long authFailure;
    long versErr;
    long chkErr;
    long priZeroRcvd;
    long priZeroSent;
    long splitBrain;
    long unicastSourceErr;

    /** keepalived's STATS_CLEAR signal: every counter back to zero, after the stats were written. */
    void clear() {
        advertRcvd = advertSent = becomeMaster = releaseMaster = 0;
        packetLenErr = ipTtlErr = invalidTypeRcvd = advertIntervalErr = addrListErr = 0;
        invalidAuthtype = authtypeMismatch = authFailure = versErr = chkErr = 0;
        priZeroRcvd = priZeroSent = splitBrain = unicastSourceErr = 0;
    }

    void count(RejectReason reason) {
        switch (reason) {
            case PACKET_LENGTH, IP_HEADER -> packetLenErr++;
            case IP_TTL -> ipTtlErr++;
            case VERSION -> versErr++;
            case INVALID_TYPE -> invalidTypeRcvd++;
            case ADVERT_INTERVAL -> advertIntervalErr++;
            case ADDR_LIST -> addrListErr++;
            case INVALID_AUTHTYPE -> invalidAuthtype++;
            case AUTHTYPE_MISMATCH -> authtypeMismatch++;
            case AUTH_FAILURE -> authFailure++;
            case CHECKSUM -> chkErr++;
            case UNICAST_SOURCE -> unicastSourceErr++;
            case AH_NOT_VRRP -> { }
        }
    }

    public long advertRcvd() { return advertRcvd; }
    public long advertSent() { return advertSent; }
    public long becomeMaster() { return becomeMaster; }
    public long releaseMaster() { return releaseMaster; }
    public long packetLenErr() { return packetLenErr; }
    public long ipTtlErr() { return ipTtlErr; }
    public long invalidTypeRcvd() { return invalidTypeRcvd; }
    public long advertIntervalErr() { return advertIntervalErr; }
    public long addrListErr() { return addrListErr; }
    public long invalidAuthtype() { return invalidAuthtype; }
    public long authtypeMismatch() { return authtypeMismatch; }
    public long authFailure() { return authFailure; }
    public long versErr() { return versErr; }
    public long chkErr() { return chkErr; }
    public long priZeroRcvd() { return priZeroRcvd; }
    public long priZeroSent() { return priZeroSent; }
    /** Beyond keepalived (not in keepalived.stats): adverts from a second master while we were master. */
    public long splitBrain() { return splitBrain; }
    /** Beyond keepalived (it counts nothing): check_unicast_src adverts from a host that is no unicast_peer. */
    public long unicastSourceErr() { return unicastSourceErr; }

    /** The counters in keepalived.stats layout ("VRRP Instance: X" block). */
    public String format(String instance) {
        return "VRRP Instance: " + instance + "\n"
                + "  Advertisements:\n    Received: " + advertRcvd + "\n    Sent: " + advertSent + "\n"
                + "  Became master: " + becomeMaster + "\n  Released master: " + releaseMaster + "\n"
                + "  Packet Errors:\n    Length: " + packetLenErr + "\n    TTL: " + ipTtlErr + "\n"
                + "    Invalid Type: " + invalidTypeRcvd + "\n    Advertisement Interval: " + advertIntervalErr + "\n"
                + "    Address List: " + addrListErr + "\n"
                + "  Authentication Errors:\n    Invalid Type: " + invalidAuthtype + "\n    Type Mismatch: "
                + authtypeMismatch + "\n    Failure: " + authFailure + "\n"
                + "  Priority Zero:\n    Received: " + priZeroRcvd + "\n    Sent: " + priZeroSent + "\n"
                // not in keepalived's layout: shown only once it happened, so the usual dump stays keepalived's
                + (unicastSourceErr == 0 ? "" : "  Not a unicast peer: " + unicastSourceErr + "\n");
    }
}
