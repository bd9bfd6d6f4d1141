package io.jkeepalived.tools.lab;

import com.sun.net.httpserver.HttpServer;
import io.jkeepalived.linux.NetworkNamespace;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The lab's real servers: one small HTTP server per real-server namespace, run by the lab's own JVM (the
 * listening socket is opened inside the namespace and stays there), answering with its name so the client
 * can count who served it. Nothing to install.
 */
final class LabWebServers implements AutoCloseable {
    private final Map<String, HttpServer> servers = new LinkedHashMap<>();

    /** Starts {@code name}'s server on {@code 0.0.0.0:port} inside the namespace {@code ns}. */
    void start(String name, String ns, int port) throws Exception {
        HttpServer server = NetworkNamespace.call(NetworkNamespace.named(ns), () -> HttpServer.create(new InetSocketAddress(port), 64));
        byte[] body = (name + "\n").getBytes(StandardCharsets.US_ASCII);
        server.createContext("/", exchange -> {
            exchange.getResponseHeaders().set("Content-Type", "text/plain");
            exchange.sendResponseHeaders(200, body.length);
            try (var out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
        servers.put(name, server);
    }

    /** Stops one server: its port closes, so the directors' health checks fail. */
    void stop(String name) {
        HttpServer server = servers.remove(name);
        if (server != null) {
            server.stop(0);
        }
    }

    @Override
    public void close() {
        servers.values().forEach(s -> s.stop(0));
        servers.clear();
    }

    static String nameOf(byte[] response) throws IOException {
        String text = new String(response, StandardCharsets.US_ASCII);
        int body = text.indexOf("\r\n\r\n");
        if (!text.startsWith("HTTP/1.") || body < 0) {
            throw new IOException("not an HTTP response");
        }
        return text.substring(body + 4).strip();
    }
}
