/**
 * From the parsed tree to the model. Each block kind has a {@code *Keywords} class holding its
 * {@link io.jkeepalived.config.build.KeywordTable}: keyword → handler, the handler a lambda or method on the
 * block's mutable {@code *Draft} (keepalived's {@code install_keyword(name, handler)}, without its global
 * "current block" state). The draft's {@code finish} makes the record with keepalived's defaults and
 * end-of-block checks; {@link io.jkeepalived.config.build.ConfigBuilder} then makes the checks keepalived makes
 * once everything is read. Every message uses keepalived 2.2.7's words at keepalived's line, so operators'
 * greps keep working.
 */
package io.jkeepalived.config.build;
