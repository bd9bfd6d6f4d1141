/**
 * The entry points of configuration: {@link io.jkeepalived.config.load.ConfigTest} reads, checks and builds a
 * configuration ({@code -t} and the daemon's start and reload), {@link io.jkeepalived.config.load.ConfigDump}
 * prints what is in force ({@code -d}). Above lex, build and model; nothing in {@code config} imports it.
 */
package io.jkeepalived.config.load;
