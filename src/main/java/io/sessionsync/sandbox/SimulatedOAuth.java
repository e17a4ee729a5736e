package io.sessionsync.sandbox;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.PublicKey;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * The simulator's OAuth endpoints, token (password, client credentials, JWT bearer) and revoke, and the
 * access tokens they issued. The login answer names the simulator as {@code instance_url}, since
 * camel-salesforce sends its data calls wherever the login says.
 */
final class SimulatedOAuth {
    private final SimulatorHttp http;
    private final Supplier<String> url;
    private final Set<String> tokens = ConcurrentHashMap.newKeySet();
    private final AtomicInteger tokenCounter = new AtomicInteger();
    private volatile PublicKey jwtKey;

    SimulatedOAuth(SimulatorHttp http, Supplier<String> url) {
        this.http = http;
        this.url = url;
    }

    void trustJwtKey(PublicKey key) { jwtKey = key; }

    void expireSessions() { tokens.clear(); }

    /** Whether an Authorization header carries a token this simulator issued and has not revoked. */
    boolean authorized(String authorization) {
        return authorization != null && authorization.startsWith("Bearer ") && tokens.contains(authorization.substring(7));
    }

    void revoke(HttpExchange ex) throws IOException {
        Map<String, String> form = SimulatorHttp.form(ex);
        String token = form.getOrDefault("token", SimulatorHttp.query(ex).get("token"));
        if (token != null) tokens.remove(token);
        http.send(ex, 200, null);
    }

    void login(HttpExchange ex) throws IOException {
        Map<String, String> form = SimulatorHttp.form(ex);
        String grant = form.getOrDefault("grant_type", "");
        boolean clientOk = SalesforceSimulator.CLIENT_ID.equals(form.get("client_id"))
                && SalesforceSimulator.CLIENT_SECRET.equals(form.get("client_secret"));
        boolean ok = switch (grant) {
            case "password" -> clientOk && SalesforceSimulator.USERNAME.equals(form.get("username"))
                    && SalesforceSimulator.PASSWORD.equals(form.get("password"));
            case "client_credentials" -> clientOk;
            case "urn:ietf:params:oauth:grant-type:jwt-bearer" ->
                    SimulatedJwtBearer.valid(form.get("assertion"), jwtKey, SalesforceSimulator.CLIENT_ID, SalesforceSimulator.USERNAME, url.get());
            default -> false;
        };
        if (!ok) {
            Map<String, Object> err = new LinkedHashMap<>();
            boolean known = grant.equals("password") || grant.equals("client_credentials") || grant.endsWith(":jwt-bearer");
            err.put("error", known ? "invalid_grant" : "unsupported_grant_type");
            err.put("error_description", known ? "authentication failure" : "grant type not supported");
            http.send(ex, 400, err);
            return;
        }
        String token = SimulatedSalesforceData.ORG_ID + "!SIM." + tokenCounter.incrementAndGet() + "." + Long.toHexString(System.nanoTime());
        tokens.add(token);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("access_token", token);
        body.put("instance_url", url.get());
        body.put("id", url.get() + "/id/" + SimulatedSalesforceData.ORG_ID + "/" + SimulatedSalesforceData.USER_ID);
        body.put("token_type", "Bearer");
        body.put("issued_at", String.valueOf(System.currentTimeMillis()));
        body.put("signature", Base64.getEncoder().encodeToString(("sig-" + token).getBytes(StandardCharsets.UTF_8)));
        http.send(ex, 200, body);
    }
}
