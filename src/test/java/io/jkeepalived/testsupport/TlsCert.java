package io.jkeepalived.testsupport;

import java.nio.file.Path;

/**
 * A self-signed certificate and its key (PEM files) made with openssl for a test server.
 *
 * @param certificate PEM certificate
 * @param key         PEM private key (PKCS#8, unencrypted)
 */
public record TlsCert(Path certificate, Path key) {
    /** Generates an EC P-256 self-signed certificate for {@code commonName} into {@code dir}. */
    public static TlsCert selfSigned(Path dir, String name, String commonName) {
        Path cert = dir.resolve(name + ".crt");
        Path key = dir.resolve(name + ".key");
        Sh.ok("openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes",
                "-days", "2", "-subj", "/CN=" + commonName, "-keyout", key.toString(), "-out", cert.toString());
        return new TlsCert(cert, key);
    }
}
