/**
 * The checker ports over the Linux layer and the JDK: TCP connects and ICMP echo.
 */
package io.jkeepalived.adapters.check;
