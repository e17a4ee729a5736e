package io.sessionsync.source.twilio;

import io.sessionsync.json.Json;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sessionsync.model.RawRecord;
import io.sessionsync.reliability.RemoteCallException;
import io.sessionsync.reliability.RetryPolicy;

/**
 * Adds a Proxy Session's Participants ({@code GET /v1/Services/{KS}/Sessions/{KC}/Participants}, paged
 * like the sessions by {@code meta.next_page_url}) to the session's JSON under {@code participants},
 * where the mapping file reads them. Each page is one call through the source's client and retry
 * policy, so Retry-After and back-off apply as to every other Proxy call.
 */
final class ProxyParticipants {
    static final String KEY = "participants";
    private static final ObjectMapper JSON = Json.mapper();

    private final TwilioApiClient client;
    private final RetryPolicy retry;
    private final int pageSize;

    ProxyParticipants(TwilioApiClient client, RetryPolicy retry, int pageSize) {
        this.client = client;
        this.retry = retry;
        this.pageSize = pageSize;
    }

    /**
     * The session with its participants. A record that already has them (a replayed dead letter), or
     * whose service or session SID is unusable (the mapping dead-letters it with the reason), is
     * returned as it is. A session Twilio no longer knows (404) gets an empty list.
     */
    RawRecord addTo(RawRecord record) throws Exception {
        JsonNode session = record.node().deepCopy();
        if (!(session instanceof ObjectNode node) || node.has(KEY)) return record;
        String service = node.path("service_sid").asText(null);
        String sid = node.path("sid").asText(null);
        if (!TwilioSids.isService(service) || !TwilioSids.isSession(sid)) return record;

        ArrayNode participants = node.putArray(KEY);
        String path = "/v1/Services/" + service + "/Sessions/" + sid + "/Participants";
        String query = "PageSize=" + pageSize;
        for (int page = 0; path != null; page++) {
            String what = "Twilio Proxy participants of " + service + "/" + sid + " page " + page;
            String p = path, q = query;
            TwilioApiClient.Response answer = retry.call(what, () -> client.get(p, q, true));
            if (answer.status() == 404) break;
            JsonNode body = JSON.readTree(answer.body());
            JsonNode list = body.path(KEY);
            if (!list.isArray()) {
                throw new RemoteCallException(TwilioApiClient.SYSTEM, 200, null, what + ": answer has no 'participants' array", null, null);
            }
            list.forEach(participants::add);
            String next = body.path("meta").path("next_page_url").asText(null);
            if (next == null || next.isBlank()) {
                path = null;
            } else {
                String[] pq = TwilioApiClient.pathAndQuery(next);
                path = pq[0];
                query = pq[1];
            }
        }
        return new RawRecord(record.source(), record.object(), record.id(), record.version(), node);
    }
}
