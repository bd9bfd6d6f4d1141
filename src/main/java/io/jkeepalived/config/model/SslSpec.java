package io.jkeepalived.config.model;

import java.util.Optional;

/** The root {@code SSL { password; ca; certificate; key }} block used by SSL_GET. */
public record SslSpec(Optional<String> password, Optional<String> ca, Optional<String> certificate, Optional<String> key) {
}
