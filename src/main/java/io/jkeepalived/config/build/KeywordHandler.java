package io.jkeepalived.config.build;

/**
 * What one keyword line does to the draft of the block it is in: keepalived's {@code install_keyword}
 * handler, with the draft passed in instead of keepalived's global "current" pointers.
 *
 * @param <D> the mutable draft of one block (a vrrp_instance, a virtual_server ...)
 */
@FunctionalInterface
interface KeywordHandler<D> {
    void apply(D draft, Words line);
}
