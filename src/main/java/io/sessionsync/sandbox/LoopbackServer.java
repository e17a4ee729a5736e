package io.sessionsync.sandbox;

import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The HTTP server under each simulator: loopback only, a few daemon threads (a simulator never keeps
 * the JVM alive), one handler for every path.
 */
final class LoopbackServer implements AutoCloseable {
    static {
        // The JDK server writes headers and body separately; with Nagle on, each answer then waits
        // for the client's delayed ACK (about 40 ms): one call per Proxy session's Participants made
        // sandbox runs seven times slower. Read once, when the first server starts.
        System.setProperty("sun.net.httpserver.nodelay", "true");
    }

    private final HttpServer server;
    private final ExecutorService executor;

    /** @param port 0 for an ephemeral port */
    LoopbackServer(String name, int port, HttpHandler handler) throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
        executor = Executors.newFixedThreadPool(4, r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(executor);
        server.createContext("/", handler);
        server.start();
    }

    /** e.g. {@code http://127.0.0.1:40123} */
    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
