package io.sessionsync.source.salesforce;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.sessionsync.json.Json;
import io.sessionsync.salesforce.SalesforceLogin;
import java.time.Instant;
import java.util.Iterator;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.Set;
import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The run- and object-level decisions of {@code routes/source-salesforce.yaml}: the login before the
 * first call, which objects a run reads (in the configured order, none after a stop), each object's
 * window (from its checkpoint minus the overlap), whether a window is big enough for the Bulk API 2.0,
 * and how the reading ended.
 */
public final class SalesforceReads {
    private static final Logger LOG = LoggerFactory.getLogger(SalesforceReads.class);
    private static final ObjectMapper JSON = Json.mapper();

    private final Map<String, Set<String>> fieldsByObject;
    private final SalesforceSource.Options options;
    private final SalesforceSource.Bulk bulk;
    private final SalesforceLogin login;
    private volatile boolean lastRunStopped;

    SalesforceReads(Map<String, Set<String>> fieldsByObject, SalesforceSource.Options options, SalesforceSource.Bulk bulk,
                    SalesforceLogin login) {
        this.fieldsByObject = fieldsByObject;
        this.options = options;
        this.bulk = bulk;
        this.login = login;
    }

    /** Whether the last run stopped early for the API budget. */
    boolean lastRunStopped() { return lastRunStopped; }

    /**
     * Logs in unless a session is held (a connection failure is retried by the route, a refusal is not,
     * and either names the login URL and its setting), and opens the run's reading.
     */
    public void begin(Exchange exchange) throws Exception {
        login.ensure();
        SalesforceRun.open(exchange);
        lastRunStopped = false;
    }

    /** The objects to read, in order; after a stop none more. */
    public Iterator<String> objects(Exchange exchange) {
        SalesforceRun run = SalesforceRun.of(exchange);
        Iterator<String> names = fieldsByObject.keySet().iterator();
        return new Iterator<>() {
            @Override
            public boolean hasNext() {
                return !run.stopped() && names.hasNext();
            }

            @Override
            public String next() {
                if (!hasNext()) throw new NoSuchElementException();
                return names.next();
            }
        };
    }

    /** The object in the body: its window starts at the checkpoint minus the overlap (or a re-sync's start). */
    public void window(Exchange exchange) {
        String object = exchange.getMessage().getBody(String.class);
        SalesforceRun run = SalesforceRun.of(exchange);
        Optional<Instant> checkpoint = run.ctx.checkpoint(object);
        Instant from = run.ctx.since().orElseGet(() -> checkpoint.map(c -> c.minus(options.overlap())).orElse(Instant.EPOCH));
        exchange.setProperty(PolledObject.PROPERTY, new PolledObject(object, fieldsByObject.get(object), from, checkpoint.orElse(null)));
    }

    /** Whether a window is counted first: only with the bulk threshold on. */
    public boolean countsFirst() {
        return bulk.enabled();
    }

    /** {@code SELECT COUNT()} of the window, for {@code query}. */
    public String countQuery(Exchange exchange) {
        PolledObject o = PolledObject.of(exchange);
        exchange.getMessage().removeHeaders("*");
        return SoqlBuilder.countChangedSince(o.name, o.from);
    }

    /** The count's answer (null: the run stopped): over the threshold, the object is read in bulk. */
    public void counted(Exchange exchange) throws Exception {
        String answer = exchange.getMessage().getBody(String.class);
        if (answer == null) return;
        PolledObject o = PolledObject.of(exchange);
        long changed = JSON.readTree(answer).path("totalSize").asLong();
        o.bulk = changed > bulk.threshold();
        if (o.bulk) {
            LOG.info("run {}: {} has {} records changed since {}, over the bulk threshold of {}: reading through the Bulk API 2.0",
                    SalesforceRun.of(exchange).ctx.runId(), o.name, changed, o.from, bulk.threshold());
        }
    }

    /** Whether the object is read through Bulk API 2.0 jobs. */
    public boolean bulk(Exchange exchange) {
        return PolledObject.of(exchange).bulk;
    }

    /**
     * Ends the run's reading: a stop for the budget is logged (the run succeeds, checkpoints kept, the
     * next run resumes); a quota answer of a run that is not scheduled fails it now, outside the retried
     * steps, so it is not retried.
     */
    public void end(Exchange exchange) throws Exception {
        SalesforceRun run = SalesforceRun.of(exchange);
        if (run.failure() != null) throw run.failure();
        lastRunStopped = run.stopped();
        if (run.stopped()) {
            LOG.warn("run {}: {}; stopping before every object is read, checkpoints kept, the next run resumes",
                    run.ctx.runId(), run.stopReason());
        }
    }
}
