/**
 * keepalived's VRRP state machines as a pure function: VrrpEngine takes VrrpEvents with a time and
 * returns VrrpActions. Parameters come resolved (InstanceParams, SyncGroupParams); no clock, no
 * sockets, no config types.
 */
package io.jkeepalived.vrrp.engine;
