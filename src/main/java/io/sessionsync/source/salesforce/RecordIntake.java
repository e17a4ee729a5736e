package io.sessionsync.source.salesforce;

import com.fasterxml.jackson.databind.JsonNode;
import io.sessionsync.model.RawRecord;
import io.sessionsync.salesforce.SalesforceDateTimes;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns Salesforce JSON records into {@link RawRecord}s, leaving out the EngagementInteractions
 * session-sync wrote itself (the loop guard): syncing those back would echo our own writes forever.
 */
final class RecordIntake {
    private static final Logger LOG = LoggerFactory.getLogger(RecordIntake.class);
    private static final String LOOP_GUARD_OBJECT = "EngagementInteraction";

    private final String loopGuardPrefix;
    private final AtomicLong skippedOwnRecords = new AtomicLong();

    RecordIntake(String loopGuardPrefix) {
        this.loopGuardPrefix = loopGuardPrefix;
    }

    long skippedOwnRecords() { return skippedOwnRecords.get(); }

    /** A page's records (our own left out) and the newest SystemModstamp it held (own records included). */
    record Page(List<RawRecord> records, Instant newest) {}

    /**
     * One page as records for the pipeline, skipping our own EngagementInteractions (loop guard). The
     * newest SystemModstamp counts our own records too: they were read, so the window moved past them.
     * {@code tally} adds up what the pass has read.
     */
    Page page(long runId, String object, Iterable<JsonNode> page, Tally tally) {
        List<RawRecord> records = new ArrayList<>();
        Instant pageMax = null;
        for (JsonNode r : page) {
            Instant version = version(r);
            if (version != null && (pageMax == null || version.isAfter(pageMax))) pageMax = version;
            if (isOwn(r)) {
                skippedOwnRecords.incrementAndGet();
                LOG.debug("run {}: skipping {} {}: written by session-sync (loop guard)", runId, object, r.path("Id").asText());
                continue;
            }
            records.add(record(object, r, version));
        }
        tally.read += records.size();
        if (pageMax != null && (tally.max == null || pageMax.isAfter(tally.max))) tally.max = pageMax;
        return new Page(records, pageMax);
    }

    /** The first of {@code records}, or empty if there is none or it is one of our own. */
    Optional<RawRecord> first(String object, JsonNode records) {
        for (JsonNode r : records) {
            if (isOwn(r)) {
                skippedOwnRecords.incrementAndGet();
                return Optional.empty();
            }
            return Optional.of(record(object, r, version(r)));
        }
        return Optional.empty();
    }

    private static RawRecord record(String object, JsonNode r, Instant version) {
        return new RawRecord(SalesforceSource.NAME, object, r.path("Id").asText(null), version, r);
    }

    private boolean isOwn(JsonNode record) {
        String object = record.path("attributes").path("type").asText("");
        String ext = record.path("ExternalIdentifier").asText(null);
        return LOOP_GUARD_OBJECT.equals(object) && ext != null && ext.startsWith(loopGuardPrefix);
    }

    private static Instant version(JsonNode record) {
        String stamp = record.path("SystemModstamp").asText(null);
        try {
            return SalesforceDateTimes.parse(stamp);
        } catch (RuntimeException e) {
            return null; // the mapping decides what a record without a version means
        }
    }
}
