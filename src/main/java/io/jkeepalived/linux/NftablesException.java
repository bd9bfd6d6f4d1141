package io.jkeepalived.linux;

import java.io.IOException;

/** libnftables refused a command; the message is nft's own error text (the kernel's reason included). */
public final class NftablesException extends IOException {
    private static final long serialVersionUID = 1L;
    private final String call;

    public NftablesException(String call, String message) {
        super(call + ": " + message);
        this.call = call;
    }

    /** The libnftables function that failed, e.g. {@code nft_run_cmd_from_buffer}. */
    public String call() {
        return call;
    }
}
