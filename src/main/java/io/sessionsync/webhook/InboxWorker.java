package io.sessionsync.webhook;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sessionsync.json.Json;
import io.sessionsync.model.RawRecord;
import io.sessionsync.pipeline.RunSummary;
import io.sessionsync.pipeline.SourceAdapter;
import io.sessionsync.pipeline.SyncService;
import io.sessionsync.run.Trigger;
import io.sessionsync.reliability.ErrorClassifier;
import io.sessionsync.reliability.RetryPolicy;
import io.sessionsync.store.InboxEvent;
import io.sessionsync.store.WebhookInbox;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Drains the durable webhook inbox: each accepted event names one record, which is fetched from its
 * source and sent down the pipeline as a recorded webhook run. A transient failure leaves the event
 * leased, so it is claimed again when the lease ends; after {@link #MAX_ATTEMPTS} claims, or on a
 * permanent failure, it is marked failed with the reason.
 */
public final class InboxWorker {
    private static final Logger LOG = LoggerFactory.getLogger(InboxWorker.class);
    static final int MAX_ATTEMPTS = 5;
    private static final int BATCH = 20;

    private final WebhookInbox inbox;
    private final SyncService sync;
    private final RetryPolicy retry;
    private final ObjectMapper json = Json.mapper();

    public InboxWorker(WebhookInbox inbox, SyncService sync, RetryPolicy retry) {
        this.inbox = inbox;
        this.sync = sync;
        this.retry = retry;
    }

    /** The inbox payload of an accepted event: which record to fetch. */
    public static String payload(String object, String id) {
        return Json.mapper().createObjectNode().put("object", object).put("id", id).toString();
    }

    /** Processes what is waiting; returns how many events were settled (done or failed). */
    public int drain() {
        int settled = 0;
        List<InboxEvent> events = inbox.claim(BATCH);
        for (InboxEvent e : events) {
            if (handle(e)) settled++;
        }
        return settled;
    }

    private boolean handle(InboxEvent event) {
        try {
            JsonNode p = json.readTree(event.payload());
            String object = p.path("object").asText();
            String id = p.path("id").asText();
            SourceAdapter adapter = sync.source(event.source()).orElseThrow(() ->
                    new IllegalStateException("source " + event.source() + " is not enabled"));
            Optional<RawRecord> record = retry.call("fetch of " + event.source() + "/" + object + "/" + id,
                    () -> adapter.fetch(object, id));
            if (record.isEmpty()) {
                LOG.info("Webhook event {} names {}/{}/{}, which the source no longer has", event.eventKey(),
                        event.source(), object, id);
                inbox.markDone(event.id());
                return true;
            }
            RunSummary run = sync.process(event.source(), Trigger.WEBHOOK, List.of(record.get()));
            if (!run.succeeded()) throw new IllegalStateException(run.error());
            inbox.markDone(event.id());
            return true;
        } catch (Exception e) {
            String reason = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            if (ErrorClassifier.isTransient(e) && event.attempts() < MAX_ATTEMPTS) {
                LOG.warn("Webhook event {} failed transiently (claim {}), it will be claimed again: {}",
                        event.eventKey(), event.attempts(), reason);
                return false;
            }
            LOG.error("Webhook event {} failed for good after {} claims: {}", event.eventKey(), event.attempts(), reason);
            inbox.markFailed(event.id(), reason);
            return true;
        }
    }
}
