package io.jkeepalived.linux;

/**
 * libnftables in this process: nft's own command language, each {@link #run} one atomic transaction
 * (all of it applies or none of it). Sockets open in the calling thread's network namespace; not for
 * concurrent use.
 */
public interface Nftables extends AutoCloseable {

    /** Runs nft commands (one per line, as {@code nft -f}); returns what nft printed (usually nothing). */
    String run(String commands) throws NftablesException;

    /** Runs a {@code list ...} command and returns nft's JSON answer. */
    String listJson(String command) throws NftablesException;

    @Override
    void close();
}
