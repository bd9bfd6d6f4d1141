package io.jkeepalived.check.checkers;

import java.util.Optional;

/** keepalived's {@code http_protocol}: what the request line says and whether it asks to close. */
public enum HttpProtocol {
    HTTP_1_0("1.0", 0, false),
    HTTP_1_0C("1.0C", 0, true),
    HTTP_1_1("1.1", 1, true);

    private final String keyword;
    private final int minorVersion;
    private final boolean connectionClose;

    HttpProtocol(String keyword, int minorVersion, boolean connectionClose) {
        this.keyword = keyword;
        this.minorVersion = minorVersion;
        this.connectionClose = connectionClose;
    }

    public String keyword() {
        return keyword;
    }

    int minorVersion() {
        return minorVersion;
    }

    boolean connectionClose() {
        return connectionClose;
    }

    /** Parses {@code 1.0}, {@code 1.0C}/{@code 1.0c}, {@code 1.1} as keepalived does. */
    public static Optional<HttpProtocol> parse(String text) {
        return switch (text) {
            case "1.0" -> Optional.of(HTTP_1_0);
            case "1.0C", "1.0c" -> Optional.of(HTTP_1_0C);
            case "1.1" -> Optional.of(HTTP_1_1);
            default -> Optional.empty();
        };
    }
}
