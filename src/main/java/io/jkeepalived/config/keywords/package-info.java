/**
 * keepalived's keyword tables as data ({@code keywords.tsv}, 417 rows) and the pass that reports
 * {@code Unknown keyword 'X'} with a "did you mean" hint.
 */
package io.jkeepalived.config.keywords;
