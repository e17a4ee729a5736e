package io.sessionsync.source.salesforce;

import java.time.Instant;
import java.util.Set;
import org.apache.camel.Exchange;

/**
 * One object's poll in a run, kept as exchange property {@value #PROPERTY} of that object's split
 * exchange: its window, whether it is read in bulk, and its two passes (deleted records, then live ones).
 */
final class PolledObject {
    static final String PROPERTY = "salesforceObject";

    final String name;
    final Set<String> fields;
    /** Where the window starts: the checkpoint minus the overlap, a re-sync's own start, or the epoch. */
    final Instant from;
    /** The stored checkpoint when the poll started, or null before the first run. */
    final Instant checkpoint;
    final Pass deleted = new Pass(true);
    final Pass live = new Pass(false);
    /** Whether the window is big enough (SELECT COUNT()) to read through Bulk API 2.0 jobs. */
    boolean bulk;
    /** The pass being read. */
    Pass current;

    PolledObject(String name, Set<String> fields, Instant from, Instant checkpoint) {
        this.name = name;
        this.fields = fields;
        this.from = from;
        this.checkpoint = checkpoint;
        this.live.checkpoint = checkpoint;
    }

    static PolledObject of(Exchange exchange) {
        PolledObject o = exchange.getProperty(PROPERTY, PolledObject.class);
        if (o == null) throw new IllegalStateException("a Salesforce step ran outside an object's poll (exchange property " + PROPERTY + " is missing)");
        return o;
    }

    /**
     * Starts the deleted or the live pass of the exchange's object (REST or bulk alike): it becomes the
     * current pass, and the headers of the call before are dropped so none is sent with the next one.
     */
    static PolledObject startPass(Exchange exchange, boolean deleted) {
        PolledObject o = of(exchange);
        o.current = deleted ? o.deleted : o.live;
        exchange.getMessage().removeHeaders("*");
        return o;
    }

    /** The object's name, or "?" outside an object's poll (for log lines only). */
    static String nameOf(Exchange exchange) {
        PolledObject o = exchange.getProperty(PROPERTY, PolledObject.class);
        return o == null ? "?" : o.name;
    }

    /** One pass over the window: what it has read, and where its paging stands. */
    static final class Pass extends Tally {
        final boolean deleted;
        /** Live REST pass: the checkpoint as its pages moved it. */
        Instant checkpoint;
        /** REST: the nextRecordsUrl of the last page, null after the last one. */
        String nextRecordsUrl;
        /** Bulk: the job, and the results page the next call reads (locator null: the first). */
        String jobId;
        /** Bulk: how a failed job ended (Failed or Aborted). */
        String endedAs;
        String locator;
        String nextLocator;
        int resultsPage;

        Pass(boolean deleted) {
            this.deleted = deleted;
        }

        /** The query operation of the pass: queryAll finds soft-deleted records, query only live ones. */
        String operation() {
            return deleted ? "queryAll" : "query";
        }
    }
}
