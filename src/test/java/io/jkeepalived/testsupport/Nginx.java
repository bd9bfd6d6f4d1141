package io.jkeepalived.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * Debian's nginx inside a {@link ServerNet}, serving files from its own web root over HTTP on port 80
 * and, when asked, HTTPS on ports 443 and 444 with a self-signed certificate the test generates with
 * openssl. A second virtual host ({@code www.example.test}, {@code www.firewall.loc}) serves other pages.
 * Runs in the foreground (no daemon, no master) with every path in a temp directory.
 */
public final class Nginx implements AutoCloseable {
    private final ServerNet net;
    private final InetAddress address;
    private final Path dir;
    private final Path root;
    private final Daemon daemon;

    private Nginx(ServerNet net, InetAddress address, Path dir, Daemon daemon) {
        this.net = net;
        this.address = address;
        this.dir = dir;
        this.root = dir.resolve("www");
        this.daemon = daemon;
    }

    /** Starts nginx on a new address of {@code net}; {@code tls} adds HTTPS with {@code cert}. */
    public static Nginx start(ServerNet net, String name, TlsCert cert) {
        InetAddress address = net.newServerAddress();
        Path dir = net.dir().resolve(name);
        try {
            Files.createDirectories(dir.resolve("www"));
            Files.writeString(dir.resolve("www/index.html"), "<html><body>jkeepalived test page</body></html>\n");
            String a = address.getHostAddress();
            String tls = cert == null ? "" : """
                     listen %1$s:443 ssl; listen %1$s:444 ssl;
                     ssl_certificate %2$s; ssl_certificate_key %3$s;
                    """.formatted(a, cert.certificate(), cert.key());
            Files.writeString(dir.resolve("nginx.conf"), """
                    daemon off; master_process off; worker_processes 1;
                    pid %1$s/nginx.pid; error_log %1$s/error.log;
                    events { worker_connections 1024; }
                    http {
                      access_log %1$s/access.log;
                      client_body_temp_path %1$s/t; proxy_temp_path %1$s/t; fastcgi_temp_path %1$s/t;
                      uwsgi_temp_path %1$s/t; scgi_temp_path %1$s/t;
                      server { listen %2$s:80; %3$s root %1$s/www;
                               location /status/404 { return 404; }
                               location /status/500 { return 500 "broken\\n"; }
                      }
                      server { listen %2$s:80; %3$s root %1$s/www-vhost;
                               server_name www.example.test www.firewall.loc; }
                    }
                    """.formatted(dir, a, tls));
            Files.createDirectories(dir.resolve("www-vhost"));
            Files.writeString(dir.resolve("www-vhost/index.html"), "virtual host page\n");
            Files.createDirectories(dir.resolve("www/mrtg"));
            Files.writeString(dir.resolve("www/mrtg/index.html"), "mrtg page\n");
            Files.createDirectories(dir.resolve("www-vhost/mrtg"));
            Files.writeString(dir.resolve("www-vhost/mrtg/index.html"), "virtual host mrtg page\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        var daemon = net.spawn(name, List.of("nginx", "-e", dir.resolve("error.log").toString(), "-c",
                dir.resolve("nginx.conf").toString(), "-p", dir.toString()));
        var nginx = new Nginx(net, address, dir, daemon);
        nginx.awaitUp();
        return nginx;
    }

    public InetAddress address() {
        return address;
    }

    public InetSocketAddress http() {
        return new InetSocketAddress(address, 80);
    }

    public InetSocketAddress https() {
        return new InetSocketAddress(address, 443);
    }

    /** Writes a file into the web root (e.g. to change a page and so its digest). */
    public void page(String path, String content) {
        try {
            Path p = root.resolve(path.replaceFirst("^/", ""));
            Files.createDirectories(p.getParent());
            Files.writeString(p, content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Path webRoot() {
        return root;
    }

    public void stop() {
        daemon.stop();
    }

    public void restart() {
        daemon.start();
        awaitUp();
    }

    private void awaitUp() {
        net.awaitTcp(http(), Duration.ofSeconds(10));
    }

    public String errorLog() {
        try {
            return Files.readString(dir.resolve("error.log"));
        } catch (IOException e) {
            return "";
        }
    }

    @Override
    public void close() {
        stop();
    }
}
