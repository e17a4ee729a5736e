package io.sessionsync.source.salesforce;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.sessionsync.mapping.MappingRegistry;
import io.sessionsync.mapping.SourceMapping;
import io.sessionsync.model.RawRecord;
import io.sessionsync.run.Trigger;
import io.sessionsync.reliability.ErrorClassifier;
import io.sessionsync.salesforce.SalesforceBudget;
import io.sessionsync.salesforce.SalesforceSettings;
import io.sessionsync.sandbox.SalesforceSimulator;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.camel.component.salesforce.api.SalesforceException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Backfills through Bulk API 2.0 query jobs: real camel-salesforce against the local simulator. */
class SalesforceBulkSourceIT {
    static final int PER_OBJECT = 120;
    static final int RESULTS_PAGE = 40;
    static final List<String> OBJECTS = SalesforceSource.DEFAULT_OBJECTS;
    static final ObjectMapper JSON = new ObjectMapper();
    static final MappingRegistry MAPPINGS = MappingRegistry.load("classpath:mappings");

    SalesforceSimulator sim;
    final List<SalesforceRoutes> opened = new ArrayList<>();

    @BeforeEach
    void start() throws Exception {
        sim = new SalesforceSimulator(PER_OBJECT).pageSize(50);
    }

    @AfterEach
    void stop() {
        opened.forEach(SalesforceRoutes::close);
        if (sim != null) sim.close();
    }

    /** The fields the real mapping files read, as the application polls them. */
    static Map<String, Set<String>> fields() {
        Map<String, Set<String>> f = new LinkedHashMap<>();
        for (String object : OBJECTS) f.put(object, new LinkedHashSet<>(mapping(object).readFields()));
        return f;
    }

    static SourceMapping mapping(String object) {
        return MAPPINGS.source(SalesforceSource.NAME, object).orElseThrow();
    }

    SalesforceRoutes source(long threshold) throws Exception {
        SalesforceRoutes routes = new SalesforceRoutes(SalesforceSettings.clientCredentials(
                sim.url(), SalesforceSimulator.CLIENT_ID, SalesforceSimulator.CLIENT_SECRET), fields(), new SalesforceBudget(),
                new SalesforceSource.Options(Duration.ofMinutes(10), 0.8, "session-sync:"),
                new SalesforceSource.Bulk(threshold, Duration.ofMillis(5), RESULTS_PAGE, "62.0"));
        opened.add(routes);
        return routes;
    }

    @Test
    void a_window_over_the_threshold_is_read_through_bulk_jobs_and_gives_what_rest_gives() throws Exception {
        String deletedId = sim.idOf("MessagingSession", 5);
        sim.delete("MessagingSession", deletedId);

        SalesforceRoutes bulk = source(100);
        RecordingSyncContext viaBulk = new RecordingSyncContext(Trigger.MANUAL);
        bulk.read(viaBulk);

        // per object: one COUNT() query, then a queryAll job and a query job; nothing through REST paging
        assertThat(sim.calls("query")).isEqualTo(3);
        assertThat(sim.calls("queryAll")).isZero();
        assertThat(sim.calls("queryMore")).isZero();
        assertThat(sim.calls("bulkCreate")).isEqualTo(6);
        assertThat(sim.calls("bulkJob")).isGreaterThanOrEqualTo(6);
        // deleted passes: one page each; live passes: 120 (119) rows at 40 a page = 3 pages each
        assertThat(sim.calls("bulkResults")).isEqualTo(3 * (1 + 3));
        assertThat(viaBulk.pages).allSatisfy(p -> assertThat(p.size()).isLessThanOrEqualTo(RESULTS_PAGE));

        SalesforceRoutes rest = source(0);
        RecordingSyncContext viaRest = new RecordingSyncContext(Trigger.MANUAL);
        rest.read(viaRest);
        assertThat(sim.calls("bulkCreate")).isEqualTo(6); // threshold 0: no bulk, not even a count
        assertThat(sim.calls("query")).isEqualTo(6);

        for (String object : OBJECTS) {
            Map<String, RawRecord> b = byId(viaBulk.records(object));
            Map<String, RawRecord> r = byId(viaRest.records(object));
            assertThat(b.keySet()).as(object).isEqualTo(r.keySet()).isNotEmpty();
            for (String id : r.keySet()) {
                assertThat(b.get(id).version()).as(id).isEqualTo(r.get(id).version());
                assertThat(numbersAsText(b.get(id).json())).as(id).isEqualTo(numbersAsText(r.get(id).json()));
                assertThat(mapped(object, b.get(id))).as(id).isEqualTo(mapped(object, r.get(id)));
            }
            assertThat(viaBulk.checkpoints.get(object)).as(object).isEqualTo(viaRest.checkpoints.get(object));
        }
        assertThat(viaBulk.records("EngagementInteraction")).hasSize(PER_OBJECT - 12); // loop guard as for REST
        assertThat(bulk.skippedOwnRecords()).isEqualTo(12).isEqualTo(rest.skippedOwnRecords());
        assertThat(viaBulk.records("MessagingSession")).filteredOn(x -> x.id().equals(deletedId)).singleElement()
                .satisfies(x -> assertThat(JSON.readTree(x.json()).get("IsDeleted").booleanValue()).isTrue());
    }

    @Test
    void the_checkpoint_moves_once_per_object_after_the_whole_job_to_the_newest_modstamp() throws Exception {
        RecordingSyncContext ctx = new RecordingSyncContext(Trigger.SCHEDULE);
        source(100).read(ctx);

        // results come newest-first here (no promised order): a per-page checkpoint would have jumped
        // to the newest record on page one; the bulk reader saves once, at the end
        assertThat(ctx.checkpointLog).hasSize(3);
        for (String object : OBJECTS) {
            Instant newest = ctx.records(object).stream().map(RawRecord::version).max(Instant::compareTo).orElseThrow();
            assertThat(ctx.checkpoints.get(object)).isAfterOrEqualTo(newest);
        }
        assertThat(ctx.checkpoints.get("SOSSession")).isEqualTo(
                ctx.records("SOSSession").stream().map(RawRecord::version).max(Instant::compareTo).orElseThrow());
    }

    @Test
    void a_window_under_the_threshold_stays_on_rest_after_the_count() throws Exception {
        RecordingSyncContext ctx = new RecordingSyncContext(Trigger.MANUAL);
        source(PER_OBJECT).read(ctx); // 120 changed is not over 120
        assertThat(sim.calls("bulkCreate")).isZero();
        assertThat(sim.calls("query")).isEqualTo(3 + 3); // COUNT() + the live query, per object
        assertThat(sim.calls("queryAll")).isEqualTo(3);
        assertThat(ctx.records("SOSSession")).hasSize(PER_OBJECT);
    }

    @Test
    void a_failed_job_is_a_clear_error_and_keeps_the_checkpoint() throws Exception {
        Instant checkpoint = Instant.parse("2026-11-20T07:00:00Z"); // before every record: the window holds all
        RecordingSyncContext ctx = new RecordingSyncContext(Trigger.SCHEDULE);
        ctx.checkpoints.put("SOSSession", checkpoint);
        sim.failNextBulkJob("Query timed out");

        assertThatThrownBy(() -> source(100).read(ctx))
                .isInstanceOf(BulkQueryJobs.FailedException.class)
                .hasMessageContaining("SOSSession").hasMessageContaining("queryAll").hasMessageContaining("ended Failed (Salesforce: Query timed out)")
                .hasMessageContaining("checkpoint of SOSSession is kept");
        assertThat(ctx.checkpoints.get("SOSSession")).isEqualTo(checkpoint);
        assertThat(ctx.checkpointLog).isEmpty();
        assertThat(sim.calls("bulkResults")).isZero();
    }

    @Test
    void request_limit_exceeded_stops_a_scheduled_run_cleanly_before_any_bulk_job() throws Exception {
        sim.requestLimitExceeded(true);
        SalesforceRoutes bulk = source(100);
        RecordingSyncContext ctx = new RecordingSyncContext(Trigger.SCHEDULE);
        bulk.read(ctx); // no exception: the quota is not a record fault
        assertThat(bulk.lastRunStopped()).isTrue();
        assertThat(ctx.pages).isEmpty();
        assertThat(ctx.checkpointLog).isEmpty();
        assertThat(sim.calls("bulkCreate")).isZero();
    }

    @Test
    void a_bulk_call_refused_for_the_quota_keeps_salesforces_error_code() throws Exception {
        sim.apiUsage(0, 1); // the COUNT() query is the last call the quota allows; bulk2CreateQueryJob gets the 403
        RecordingSyncContext ctx = new RecordingSyncContext(Trigger.MANUAL);
        assertThatThrownBy(() -> source(100).read(ctx))
                .isInstanceOf(SalesforceException.class)
                .satisfies(e -> assertThat(ErrorClassifier.errorCode(e)).contains("REQUEST_LIMIT_EXCEEDED"));
        assertThat(sim.calls("403")).isEqualTo(1);
        assertThat(ctx.checkpointLog).isEmpty();
    }

    @Test
    void an_expired_session_during_a_bulk_read_logs_in_again_and_goes_on() throws Exception {
        SalesforceRoutes bulk = source(100);
        bulk.read(new RecordingSyncContext(Trigger.MANUAL));
        sim.expireSessions();

        RecordingSyncContext again = new RecordingSyncContext(Trigger.MANUAL);
        bulk.read(again);
        assertThat(sim.calls("401")).isGreaterThanOrEqualTo(1);
        assertThat(again.records("SOSSession")).hasSize(PER_OBJECT);
    }

    private static Map<String, RawRecord> byId(List<RawRecord> records) {
        assertThat(records.stream().map(RawRecord::id).distinct()).hasSameSizeAs(records);
        return records.stream().collect(Collectors.toMap(RawRecord::id, Function.identity()));
    }

    /** CSV has only text: the bulk reader keeps numbers as text, which the mappings read the same. */
    private static JsonNode numbersAsText(String json) throws Exception {
        ObjectNode r = (ObjectNode) JSON.readTree(json);
        for (Iterator<Map.Entry<String, JsonNode>> it = r.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> f = it.next();
            if (f.getValue().isNumber()) f.setValue(TextNode.valueOf(f.getValue().asText()));
            // Bulk CSV has no relationship attributes (type, url): the REST query's are not compared.
            if (!f.getKey().equals("attributes") && f.getValue() instanceof ObjectNode related) related.remove("attributes");
        }
        return r;
    }

    /** The canonical session, or the mapping's error for records broken on purpose. */
    private static Object mapped(String object, RawRecord r) throws Exception {
        try {
            return mapping(object).map(JSON.readTree(r.json()));
        } catch (Exception e) {
            return e.getClass().getSimpleName() + ": " + e.getMessage();
        }
    }
}
