package io.sessionsync.source.twilio;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sessionsync.json.Json;
import io.sessionsync.model.RawRecord;
import io.sessionsync.run.RunCounts;
import io.sessionsync.pipeline.RecordEnricher;
import io.sessionsync.pipeline.SourceAdapter;
import io.sessionsync.pipeline.SyncContext;
import io.sessionsync.reliability.RemoteCallException;
import io.sessionsync.reliability.RetryPolicy;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.Objects;
import java.util.Optional;
import org.apache.camel.ProducerTemplate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Reads Twilio Proxy Sessions. Proxy lists have no changed-since filter, so every run pages through
 * every configured service and the pipeline skips versions the store already holds; no checkpoint is
 * kept. One page is in memory at a time, two with prefetch (the next is read while this one is written).
 * As the pipeline's {@link RecordEnricher} it adds each new or changed session's Participants.
 */
public final class TwilioProxySource implements SourceAdapter, RecordEnricher {
    public static final String NAME = "twilio-proxy";
    public static final String OBJECT = "Session";
    private static final Logger LOG = LoggerFactory.getLogger(TwilioProxySource.class);
    private static final ObjectMapper JSON = Json.mapper();

    private final TwilioSettings settings;
    private final TwilioApiClient client;
    private final RetryPolicy retry;
    private final boolean prefetch;
    private final ProxyParticipants participants;

    public TwilioProxySource(TwilioSettings settings, ProducerTemplate producer, RetryPolicy retry) {
        this(settings, producer, retry, false);
    }

    /** @param prefetch fetch the next list page while the current one is mapped and written */
    public TwilioProxySource(TwilioSettings settings, ProducerTemplate producer, RetryPolicy retry, boolean prefetch) {
        this.prefetch = prefetch;
        this.settings = Objects.requireNonNull(settings, "settings");
        this.client = new TwilioApiClient(Objects.requireNonNull(producer, "producer"), settings);
        this.retry = Objects.requireNonNull(retry, "retry");
        this.participants = new ProxyParticipants(client, retry, settings.pageSize());
    }

    @Override
    public String name() { return NAME; }

    @Override
    public String source() { return NAME; }

    /** Called by the pipeline for new and changed sessions only: one Participants list per session. */
    @Override
    public RawRecord enrich(RawRecord record) throws Exception {
        return participants.addTo(record);
    }

    @Override
    public void sync(SyncContext context) throws Exception {
        ExecutorService fetcher = prefetch ? Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "twilio-proxy-prefetch");
            t.setDaemon(true);
            return t;
        }) : null;
        try {
            for (String service : settings.serviceSids()) {
                RunCounts total = RunCounts.ZERO;
                Page page = null;
                Future<Page> next = null;
                String firstQuery = "PageSize=" + settings.pageSize();
                for (int index = 0; ; index++) {
                    if (index == 0) page = listPage(service, "/v1/Services/" + service + "/Sessions", firstQuery, 0);
                    else if (next != null) page = await(next);
                    else page = listPage(service, page.nextPath(), page.nextQuery(), index);
                    // With prefetch the next page is fetched while this one is mapped and written:
                    // at most two pages are in memory, and Proxy keeps no checkpoint a read-ahead could move.
                    next = null;
                    if (fetcher != null && page.nextPath() != null) {
                        Page current = page;
                        int nextIndex = index + 1;
                        Map<String, String> mdc = MDC.getCopyOfContextMap();
                        next = fetcher.submit(() -> {
                            if (mdc != null) MDC.setContextMap(mdc);
                            return listPage(service, current.nextPath(), current.nextQuery(), nextIndex);
                        });
                    }
                    total = total.plus(context.accept(page.records()));
                    if (page.nextPath() == null) break;
                }
                LOG.info("run {}: Twilio Proxy service {} read {} sessions ({} written, {} unchanged, {} failed)",
                        context.runId(), service, total.read(), total.written(), total.unchanged(), total.failed());
            }
        } finally {
            if (fetcher != null) fetcher.shutdownNow();
        }
    }

    /** One list page: its records and where the next one is (null at the end). */
    private record Page(List<RawRecord> records, String nextPath, String nextQuery) {}

    private Page listPage(String service, String path, String query, int index) throws Exception {
        String what = "Twilio Proxy list " + service + " page " + index;
        JsonNode body = JSON.readTree(retry.call(what, () -> client.get(path, query, false)).body());
        List<RawRecord> records = toRecords(body.path("sessions"), what);
        // next_page_url is absolute; only its path and query are used so our host is kept.
        String next = body.path("meta").path("next_page_url").asText(null);
        if (next == null || next.isBlank()) return new Page(records, null, null);
        String[] pq = TwilioApiClient.pathAndQuery(next);
        return new Page(records, pq[0], pq[1]);
    }

    private static Page await(Future<Page> next) throws Exception {
        try {
            return next.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof Exception cause) throw cause;
            throw e;
        }
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

    private static List<RawRecord> toRecords(JsonNode sessions, String what) {
        if (!sessions.isArray()) {
            throw new RemoteCallException(TwilioApiClient.SYSTEM, 200, null,
                    what + ": answer has no 'sessions' array", null, null);
        }
        List<RawRecord> records = new ArrayList<>(sessions.size());
        for (JsonNode session : sessions) records.add(toRecord(session));
        return records;
    }

    /**
     * The version is date_updated, else date_created (the spec lets both be null); with neither the
     * record keeps a null version and the pipeline dead-letters it with the reason.
     */
    static RawRecord toRecord(JsonNode session) {
        String sid = session.hasNonNull("sid") ? session.get("sid").asText() : null;
        Instant version = instant(session.get("date_updated"));
        if (version == null) version = instant(session.get("date_created"));
        return new RawRecord(NAME, OBJECT, sid, version, session.toString());
    }

    private static Instant instant(JsonNode value) {
        if (value == null || !value.isTextual()) return null;
        try {
            return Instant.parse(value.asText());
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
