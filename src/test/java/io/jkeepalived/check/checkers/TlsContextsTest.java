package io.jkeepalived.check.checkers;

import io.jkeepalived.testsupport.Sh;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The SSL{} block's PEM files as openssl writes them: plain, encrypted (password) and PKCS#1 keys. */
class TlsContextsTest {
    @TempDir
    Path dir;

    private Path cert(Path key) {
        Path crt = dir.resolve(key.getFileName() + ".crt");
        Sh.ok("openssl", "req", "-x509", "-key", key.toString(), "-passin", "pass:secret", "-subj", "/CN=client", "-days", "1",
                "-out", crt.toString());
        return crt;
    }

    @Test
    void plainEncryptedAndPkcs1KeysLoad() throws Exception {
        Path plain = dir.resolve("plain.key");
        Sh.ok("openssl", "genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-256", "-out", plain.toString());
        assertNotNull(TlsContexts.build(new TlsContexts.SslFiles(Optional.empty(), Optional.of(cert(plain)), Optional.of(cert(plain)), Optional.of(plain))));

        Path encrypted = dir.resolve("enc.key");
        Sh.ok("openssl", "genpkey", "-algorithm", "RSA", "-pkeyopt", "rsa_keygen_bits:2048", "-aes-256-cbc", "-pass", "pass:secret",
                "-out", encrypted.toString());
        assertNotNull(TlsContexts.build(new TlsContexts.SslFiles(Optional.of("secret"), Optional.empty(), Optional.of(cert(encrypted)),
                Optional.of(encrypted))));
        var noPassword = assertThrows(GeneralSecurityException.class, () -> TlsContexts.build(new TlsContexts.SslFiles(Optional.empty(),
                Optional.empty(), Optional.of(cert(encrypted)), Optional.of(encrypted))));
        assertTrue(noPassword.getMessage().contains("encrypted and no password"), noPassword.getMessage());

        Path pkcs1 = dir.resolve("rsa.key");
        Sh.ok("openssl", "genrsa", "-traditional", "-out", pkcs1.toString(), "2048");
        assertTrue(Files.readString(pkcs1).contains("BEGIN RSA PRIVATE KEY"));
        assertNotNull(TlsContexts.build(new TlsContexts.SslFiles(Optional.empty(), Optional.empty(), Optional.of(cert(pkcs1)), Optional.of(pkcs1))));
    }

    @Test
    void aMissingOrBadFileIsNamed() throws Exception {
        Path junk = dir.resolve("junk.pem");
        Files.writeString(junk, "not a certificate\n");
        var e = assertThrows(GeneralSecurityException.class, () -> TlsContexts.build(new TlsContexts.SslFiles(Optional.empty(),
                Optional.of(junk), Optional.empty(), Optional.empty())));
        assertTrue(e.getMessage().startsWith(junk.toString()), e.getMessage());
        assertThrows(java.nio.file.NoSuchFileException.class, () -> TlsContexts.build(new TlsContexts.SslFiles(Optional.empty(),
                Optional.of(dir.resolve("missing.pem")), Optional.empty(), Optional.empty())));
    }
}
