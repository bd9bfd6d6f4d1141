/**
 * The health checkers: TCP_CHECK, HTTP_GET, SSL_GET, SMTP_CHECK, DNS_CHECK, UDP_CHECK, PING_CHECK,
 * MISC_CHECK and FILE_CHECK. Each reports one CheckResult per attempt and never decides a server's state;
 * CheckerFactory (a CheckerCatalog) builds them from their specs.
 */
package io.jkeepalived.check.checkers;
