package io.sessionsync.source.evovoice;

import com.fasterxml.jackson.databind.JsonNode;
import io.sessionsync.model.RawRecord;
import io.sessionsync.pipeline.PageSteps;
import io.sessionsync.pipeline.SyncContext;
import java.time.Clock;
import java.util.List;
import java.util.Objects;
import org.apache.camel.Body;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangeProperty;

/**
 * The steps of {@code routes/source-evovoice.yaml}: each one hands the route what it needs next (the
 * listings, the next page's query, a page's records and checkpoint), while the decisions are the run's
 * {@link EvoVoiceRead} (exchange property {@value #READ}): backfill window or trailing re-read, archive
 * then live or live then archive, the call budget, the same-first-id guard, the watermarks and the
 * checkpoint rules of {@link EvoVoiceSource}.
 */
public final class EvoVoicePages {
    /** Exchange property: the run's {@link EvoVoiceRead}. */
    public static final String READ = "evoVoiceRead";

    private final EvoVoiceSettings settings;
    private final Clock clock;

    public EvoVoicePages(EvoVoiceSettings settings, Clock clock) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** The camel-http endpoint of {@code GET /sessions}, with Basic credentials as options (see {@link EvoVoiceClient#endpointUri}). */
    public static String endpointUri(EvoVoiceSettings settings) {
        return EvoVoiceClient.endpointUri(settings);
    }

    /** Decides how the run reads (property {@value #READ}); answers the listings to read, in order. */
    public List<ListingRead> begin(Exchange exchange, @ExchangeProperty(PageSteps.RUN) SyncContext run) {
        EvoVoiceRead read = EvoVoiceRead.plan(run, settings, clock);
        exchange.setProperty(READ, read);
        return read.listings();
    }

    /** The query of the listing's first page, or null when it is not read. */
    public String first(@Body ListingRead listing, @ExchangeProperty(READ) EvoVoiceRead read) {
        return read.start(listing);
    }

    /** Makes the exchange the list request for the query in the body; counted, retries too, against the call budget. */
    public void request(Exchange exchange, @ExchangeProperty(READ) EvoVoiceRead read) {
        String query = exchange.getMessage().getBody(String.class);
        read.sent();
        EvoVoiceClient.prepare(exchange.getMessage(), settings, query);
    }

    /** The answer's JSON; a non-2xx answer is thrown as RemoteCallException, for the caller's retries. */
    public JsonNode answer(Exchange exchange) {
        return EvoVoiceClient.read(exchange.getMessage(), settings);
    }

    /**
     * The records of the answer in the body to hand on (none when the page holds none to hand on), and
     * the checkpoint the page moves once written (property {@value PageSteps#CHECKPOINT}, or none).
     */
    public List<RawRecord> page(Exchange exchange, @Body JsonNode answer, @ExchangeProperty(READ) EvoVoiceRead read) {
        EvoVoiceRead.Page page = read.take(answer);
        if (page.checkpoint() != null) exchange.setProperty(PageSteps.CHECKPOINT, page.checkpoint());
        else exchange.removeProperty(PageSteps.CHECKPOINT);
        return page.records();
    }

    /** The query of the listing's next page, or null when the listing is done (or the call budget spent). */
    public String next(@ExchangeProperty(READ) EvoVoiceRead read) {
        return read.next();
    }

    /** After every listing: the checkpoints that move only once the whole read is done. */
    public void end(@ExchangeProperty(PageSteps.RUN) SyncContext run, @ExchangeProperty(READ) EvoVoiceRead read) {
        read.finish(run);
    }
}
