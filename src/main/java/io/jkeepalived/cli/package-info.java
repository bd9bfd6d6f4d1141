/**
 * keepalived's command line with getopt_long's rules, parsed into RunOptions and dispatched through the
 * Subcommands port (implemented by the daemon package), so it can be tested without running anything.
 */
package io.jkeepalived.cli;
