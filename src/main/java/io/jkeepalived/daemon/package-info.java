/**
 * The composition root and the life cycle: StandardSubcommands behind the command line, Subsystems (which
 * children a config calls for), Daemon (pid files, signals, supervision, reload, dumps, stop).
 */
package io.jkeepalived.daemon;
