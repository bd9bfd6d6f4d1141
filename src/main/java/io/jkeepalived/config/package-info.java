/**
 * The base of the configuration packages: the parsed tree ({@link io.jkeepalived.config.ConfigNode},
 * {@link io.jkeepalived.config.Token}, {@link io.jkeepalived.config.SourcePos}) and findings
 * ({@link io.jkeepalived.config.Diagnostic}, {@link io.jkeepalived.config.DiagnosticSink}). It imports none of
 * its sub-packages: {@code lex}, {@code keywords}, {@code model} and {@code build} import it, and {@code load}
 * (the {@code -t} / {@code -d} entry points) sits above them all.
 */
package io.jkeepalived.config;
