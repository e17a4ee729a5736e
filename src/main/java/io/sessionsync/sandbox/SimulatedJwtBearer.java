package io.sessionsync.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sessionsync.json.Json;
import java.nio.charset.StandardCharsets;
import java.security.PublicKey;
import java.security.Signature;
import java.util.Base64;

/**
 * Checks an OAuth JWT bearer assertion the way Salesforce does: RS256 signature by the certificate
 * uploaded to the connected app, {@code iss} = consumer key, {@code sub} = the user, {@code aud} =
 * the login host, {@code exp} in the future.
 */
final class SimulatedJwtBearer {
    private static final ObjectMapper JSON = Json.mapper();

    private SimulatedJwtBearer() {}

    static boolean valid(String assertion, PublicKey trusted, String clientId, String username, String audience) {
        if (assertion == null || trusted == null) return false;
        String[] parts = assertion.split("\\.");
        if (parts.length != 3) return false;
        try {
            Signature rs256 = Signature.getInstance("SHA256withRSA");
            rs256.initVerify(trusted);
            rs256.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
            if (!rs256.verify(Base64.getUrlDecoder().decode(parts[2]))) return false;
            JsonNode claims = JSON.readTree(Base64.getUrlDecoder().decode(parts[1]));
            long exp = Long.parseLong(claims.path("exp").asText("0"));
            return clientId.equals(claims.path("iss").asText()) && username.equals(claims.path("sub").asText())
                    && audience.equals(claims.path("aud").asText()) && exp * 1000 > System.currentTimeMillis();
        } catch (Exception e) {
            return false;
        }
    }
}
