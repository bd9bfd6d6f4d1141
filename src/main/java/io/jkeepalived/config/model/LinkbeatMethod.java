package io.jkeepalived.config.model;

/**
 * How keepalived's linkbeat asks an interface for its link (a {@code linkbeat_interfaces} line's second word):
 * {@code AUTO} tries MII, then ethtool, then the interface flags, and keeps the first that answers; a named method
 * that does not answer falls back the same way.
 */
public enum LinkbeatMethod { AUTO, MII, ETHTOOL, IOCTL }
