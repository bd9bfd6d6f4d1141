/**
 * VRRP on the wire: VrrpCodec (decode to a sealed Decoded, encode), AdvertValidator (the checks that
 * need the receiving instance), AdvertWriter (allocation-free per-instance sender, keepalived's
 * send buffer), AH (HMAC-MD5-96) as keepalived 2.2.7 does it. Tested byte for byte against adverts
 * captured from keepalived (test resources vrrp/golden).
 */
package io.jkeepalived.vrrp.codec;
