package io.sessionsync.source.twilio;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sessionsync.json.Json;
import io.sessionsync.json.ListAnswer;
import io.sessionsync.mapping.Instants;
import io.sessionsync.model.RawRecord;
import io.sessionsync.pipeline.RecordEnricher;
import io.sessionsync.pipeline.RecordFetcher;
import io.sessionsync.reliability.RetryPolicy;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.apache.camel.ProducerTemplate;

/**
 * Twilio Proxy Sessions one at a time: fetches a session by SID (webhooks, replays) and, as the
 * pipeline's {@link RecordEnricher}, adds each new or changed session's Participants. Runs page through
 * the lists in {@code routes/source-twilio-proxy.yaml} ({@link TwilioProxyPages}).
 */
public final class TwilioProxySource implements RecordFetcher, RecordEnricher {
    public static final String NAME = "twilio-proxy";
    public static final String OBJECT = "Session";
    private static final ObjectMapper JSON = Json.mapper();

    private final TwilioSettings settings;
    private final TwilioApiClient client;
    private final RetryPolicy retry;
    private final ProxyParticipants participants;

    /** @param retry single fetches run outside a route step, under the retry policy's own loop */
    public TwilioProxySource(TwilioSettings settings, ProducerTemplate producer, RetryPolicy retry) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.client = new TwilioApiClient(Objects.requireNonNull(producer, "producer"), settings);
        this.retry = Objects.requireNonNull(retry, "retry");
        this.participants = new ProxyParticipants(client, retry, settings.pageSize());
    }

    @Override
    public String source() { return NAME; }

    /** Called by the pipeline for new and changed sessions only: one Participants list per session. */
    @Override
    public RawRecord enrich(RawRecord record) throws Exception {
        return participants.addTo(record);
    }

    @Override
    public Optional<RawRecord> fetch(String object, String id) throws Exception {
        if (!OBJECT.equals(object)) {
            throw new IllegalArgumentException(NAME + " has no object '" + object + "', only " + OBJECT);
        }
        String sid = id;
        List<String> services = settings.serviceSids();
        if (id != null && id.indexOf('/') > 0) {
            String service = id.substring(0, id.indexOf('/'));
            sid = id.substring(id.indexOf('/') + 1);
            if (!TwilioSids.isService(service)) {
                throw new IllegalArgumentException(NAME + " fetch: '" + service + "' is not a service SID (KS...)");
            }
            services = List.of(service);
        }
        if (!TwilioSids.isSession(sid)) {
            throw new IllegalArgumentException(NAME + " fetch: '" + id + "' is not a session SID (KC... or KS.../KC...)");
        }
        for (String service : services) {
            String path = "/v1/Services/" + service + "/Sessions/" + sid;
            TwilioApiClient.Response answer = retry.call("Twilio Proxy fetch " + service + "/" + sid,
                    () -> client.get(path, null, true));
            if (answer.status() == 404) continue;
            return Optional.of(toRecord(JSON.readTree(answer.body())));
        }
        return Optional.empty();
    }

    /**
     * The version is date_updated, else date_created (the spec lets both be null); with neither the
     * record keeps a null version and the pipeline dead-letters it with the reason.
     */
    static RawRecord toRecord(JsonNode session) {
        String sid = session.hasNonNull("sid") ? session.get("sid").asText() : null;
        Instant version = instant(text(session.get("date_updated")));
        if (version == null) version = instant(text(session.get("date_created")));
        return new RawRecord(NAME, OBJECT, sid, version, session);
    }

    /** The top-level fields of a listed session that {@link #toRecord(ListAnswer.Item)} reads. */
    static final Set<String> PEEKED = Set.of("sid", "date_updated", "date_created");

    /** A session of a list page, as copied out of it: the same id and version as from its tree. */
    static RawRecord toRecord(ListAnswer.Item session) {
        Instant version = instant(session.text("date_updated"));
        if (version == null) version = instant(session.text("date_created"));
        return new RawRecord(NAME, OBJECT, session.text("sid"), version, session.json());
    }

    private static String text(JsonNode value) {
        return value == null || !value.isTextual() ? null : value.asText();
    }

    /**
     * Read as the mapping reads the version ({@link Instants}), so the two agree; and digit by digit:
     * {@link Instant#parse} cost 4% of a backfill's samples and 5% of its allocation (JFR).
     */
    private static Instant instant(String text) {
        if (text == null || text.isEmpty()) return null;
        try {
            return Instants.parse(text);
        } catch (DateTimeException | NumberFormatException e) {
            return null;
        }
    }
}
