package io.jkeepalived.check.checkers;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import javax.crypto.EncryptedPrivateKeyInfo;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * Builds the TLS client context for SSL_GET from keepalived's {@code SSL { password; ca; certificate;
 * key }} block (PEM files). Like keepalived, the server's certificate is NOT verified when no
 * {@code ca} is given; with a {@code ca} the chain must lead to it (host names are never checked).
 */
public final class TlsContexts {
    private static final Pattern PEM = Pattern.compile(
            "-----BEGIN ([A-Z0-9 ]+)-----([A-Za-z0-9+/=\\s]+?)-----END \\1-----");

    /** The SSL{} block's four keywords; all optional. */
    public record SslFiles(Optional<String> password, Optional<Path> ca, Optional<Path> certificate, Optional<Path> key) {
        public static SslFiles none() {
            return new SslFiles(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
        }
    }

    private TlsContexts() {
    }

    /** keepalived's auto-generated context: no client certificate, no verification. */
    public static SSLContext unverified() {
        try {
            return build(SslFiles.none());
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("cannot create a TLS context: " + e.getMessage(), e);
        }
    }

    /** Builds the context; the exception names the file that could not be used. */
    public static SSLContext build(SslFiles files) throws IOException, GeneralSecurityException {
        KeyManager[] keyManagers = null;
        if (files.certificate().isPresent()) {
            Path certPath = files.certificate().get();
            List<Certificate> chain = readCertificates(certPath);
            Path keyPath = files.key().orElse(certPath);
            PrivateKey key = readKey(keyPath, files.password());
            var store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            store.setKeyEntry("client", key, new char[0], chain.toArray(Certificate[]::new));
            var kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            kmf.init(store, new char[0]);
            keyManagers = kmf.getKeyManagers();
        }
        TrustManager[] trustManagers;
        if (files.ca().isPresent()) {
            var store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            int i = 0;
            for (Certificate c : readCertificates(files.ca().get())) {
                store.setCertificateEntry("ca" + i++, c);
            }
            var tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(store);
            trustManagers = tmf.getTrustManagers();
        } else {
            trustManagers = new TrustManager[]{new TrustEverything()};
        }
        var context = SSLContext.getInstance("TLS");
        context.init(keyManagers, trustManagers, null);
        return context;
    }

    static List<Certificate> readCertificates(Path file) throws IOException, GeneralSecurityException {
        var factory = CertificateFactory.getInstance("X.509");
        try (var in = Files.newInputStream(file)) {
            var certs = new ArrayList<Certificate>(factory.generateCertificates(in));
            if (certs.isEmpty()) {
                throw new GeneralSecurityException(file + ": no certificate in it");
            }
            return certs;
        } catch (java.security.cert.CertificateException e) {
            throw new GeneralSecurityException(file + ": not a PEM certificate: " + e.getMessage(), e);
        }
    }

    static PrivateKey readKey(Path file, Optional<String> password) throws IOException, GeneralSecurityException {
        String text = Files.readString(file, java.nio.charset.StandardCharsets.US_ASCII);
        var m = PEM.matcher(text);
        while (m.find()) {
            String type = m.group(1);
            byte[] der = Base64.getMimeDecoder().decode(m.group(2));
            byte[] pkcs8 = switch (type) {
                case "PRIVATE KEY" -> der;
                case "ENCRYPTED PRIVATE KEY" -> decrypt(der, password.orElseThrow(
                        () -> new GeneralSecurityException(file + ": the key is encrypted and no password is set")));
                case "RSA PRIVATE KEY" -> Pkcs1.toPkcs8(der);
                default -> null;
            };
            if (pkcs8 == null) {
                continue;
            }
            for (String algorithm : List.of("RSA", "EC", "Ed25519", "Ed448", "RSASSA-PSS")) {
                try {
                    return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(pkcs8));
                } catch (GeneralSecurityException tryNext) {
                    // not this algorithm
                }
            }
            throw new GeneralSecurityException(file + ": unsupported private key algorithm");
        }
        throw new GeneralSecurityException(file + ": no PEM private key (PRIVATE KEY, ENCRYPTED PRIVATE KEY or RSA PRIVATE KEY)");
    }

    private static byte[] decrypt(byte[] der, String password) throws IOException, GeneralSecurityException {
        var info = new EncryptedPrivateKeyInfo(der);
        var key = SecretKeyFactory.getInstance(info.getAlgName()).generateSecret(new PBEKeySpec(password.toCharArray()));
        return info.getKeySpec(key).getEncoded();
    }

    /** keepalived's behaviour without a CA: accept whatever certificate the server shows. */
    private static final class TrustEverything extends X509ExtendedTrustManager {
        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, java.net.Socket socket) {
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, javax.net.ssl.SSLEngine engine) {
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, java.net.Socket socket) {
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, javax.net.ssl.SSLEngine engine) {
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }

    /** Wraps a PKCS#1 RSAPrivateKey in a PKCS#8 PrivateKeyInfo (RFC 5208) so the JDK can read it. */
    static final class Pkcs1 {
        private static final byte[] RSA_ALGORITHM = {0x30, 0x0d, 0x06, 0x09, 0x2a, (byte) 0x86, 0x48, (byte) 0x86,
                (byte) 0xf7, 0x0d, 0x01, 0x01, 0x01, 0x05, 0x00};

        static byte[] toPkcs8(byte[] pkcs1) {
            var body = new java.io.ByteArrayOutputStream();
            body.writeBytes(new byte[]{0x02, 0x01, 0x00});
            body.writeBytes(RSA_ALGORITHM);
            body.write(0x04);
            body.writeBytes(length(pkcs1.length));
            body.writeBytes(pkcs1);
            byte[] inner = body.toByteArray();
            var all = new java.io.ByteArrayOutputStream();
            all.write(0x30);
            all.writeBytes(length(inner.length));
            all.writeBytes(inner);
            return all.toByteArray();
        }

        private static byte[] length(int n) {
            if (n < 0x80) {
                return new byte[]{(byte) n};
            }
            if (n < 0x100) {
                return new byte[]{(byte) 0x81, (byte) n};
            }
            if (n < 0x10000) {
                return new byte[]{(byte) 0x82, (byte) (n >> 8), (byte) n};
            }
            return new byte[]{(byte) 0x83, (byte) (n >> 16), (byte) (n >> 8), (byte) n};
        }
    }

}
