package io.sessionsync.testing;

import io.sessionsync.app.SessionSyncApplication;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.camel.main.Main;

/**
 * The real service in this JVM (the run command's routes, the sandbox simulators, a PostgreSQL store
 * in a schema of its own, HTTP on free ports), for tests of its HTTP face. No scheduled run fires.
 */
public final class RunningService implements AutoCloseable {
    public final int port;
    public final Map<String, String> settings;
    private final TestPostgres pg;
    private final Main app;
    private final HttpClient http = HttpClient.newHttpClient();

    private RunningService(TestPostgres pg, int port, Map<String, String> settings, Main app) {
        this.pg = pg;
        this.port = port;
        this.settings = settings;
        this.app = app;
    }

    /** Starts the service with {@code extra} settings on top of the test defaults. */
    public static RunningService start(String schemaPrefix, Map<String, String> extra) throws Exception {
        TestPostgres pg = TestPostgres.freshSchema(schemaPrefix);
        int port = freePort();
        Map<String, String> s = new HashMap<>();
        s.put("sessionsync.store.url", pg.url());
        s.put("sessionsync.store.user", TestPostgres.USER);
        s.put("sessionsync.sandbox.sessions-per-source", "20");
        for (String source : List.of("twilio", "evovoice", "salesforce")) {
            s.put("sessionsync." + source + ".cron", "0 0 0 1 1 ? 2099");
        }
        s.put("camel.server.port", Integer.toString(port));
        s.put("sessionsync.salesforce.subscribe.enabled", "false"); // on in the sandbox; tests of it switch it on
        s.putAll(extra);
        Main app = SessionSyncApplication.create(true, null, SessionSyncApplication.ALL_ROUTES, s);
        try {
            app.start();
        } catch (Exception e) {
            pg.close();
            throw e;
        }
        return new RunningService(pg, port, Map.copyOf(s), app);
    }

    public TestPostgres store() {
        return pg;
    }

    public org.apache.camel.CamelContext camel() {
        return app.getCamelContext();
    }

    public HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    public static HttpRequest.Builder request(int port, String path) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path));
    }

    public static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    @Override
    public void close() throws Exception {
        try {
            app.stop();
        } finally {
            pg.close();
        }
    }
}
