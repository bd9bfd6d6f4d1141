/**
 * From the parsed tree to the model: keyword tables first, then one builder per block family
 * (global_defs, VRRP, LVS/checkers), then the checks keepalived makes once everything is read. Every
 * message uses keepalived 2.2.7's words at keepalived's line, so operators' greps keep working.
 */
package io.jkeepalived.config.build;
