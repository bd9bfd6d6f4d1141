/**
 * The typed, immutable keepalived configuration the engines run: {@link io.jkeepalived.config.model.KeepalivedConfig}
 * and its {@code *Spec} records, with every keepalived default already filled in (see
 * {@code io.jkeepalived.config.build} for how they are made and {@code io.jkeepalived.config.load.ConfigTest#load}
 * for the entry point).
 */
package io.jkeepalived.config.model;
