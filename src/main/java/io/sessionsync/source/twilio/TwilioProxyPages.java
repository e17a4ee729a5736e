package io.sessionsync.source.twilio;

import io.sessionsync.json.ListAnswer;
import io.sessionsync.model.RawRecord;
import io.sessionsync.pipeline.PlacedPage;
import io.sessionsync.reliability.RemoteCallException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangeProperty;
import org.apache.camel.Message;

/**
 * The page-level decisions of {@code routes/source-twilio-proxy.yaml}: which services a run reads, where
 * each list GET points (the endpoint carries only scheme, host, port and credentials; path and query
 * travel as headers, so paging does not create an endpoint per page), and how a list answer becomes a
 * page of records and the link to the next one. Proxy lists have no changed-since filter: every run
 * reads every session and the pipeline skips the versions the store holds; no checkpoint is kept.
 */
public final class TwilioProxyPages {
    /** Exchange property: the page whose next link the list GET follows. */
    public static final String POINTER = "twilioProxyPointer";

    private final TwilioSettings settings;

    public TwilioProxyPages(TwilioSettings settings) {
        this.settings = Objects.requireNonNull(settings, "settings");
    }

    /**
     * The endpoint the route's list GETs use ({@code sessionsync.twilio.api-uri}): the API client's own,
     * without stream caching, so {@link #read} parses the answer from the socket as it arrives instead of
     * from a copy of the whole page (a large array: see {@link ListAnswer}). The route reads the stream
     * in the very next step, so it is consumed, and its connection released, before the exchange goes on.
     */
    public static String endpointUri(TwilioSettings settings) {
        return TwilioApiClient.endpointUri(settings) + "&disableStreamCache=true";
    }

    /** The services a run reads, in the configured order. */
    public List<String> services() {
        return settings.serviceSids();
    }

    /** Points the next GET at the first list page of the service in the body. */
    public ProxyPage first(Exchange exchange) {
        String service = exchange.getMessage().getBody(String.class);
        ProxyPage start = new ProxyPage(service, -1, List.of(), "/v1/Services/" + service + "/Sessions",
                "PageSize=" + settings.pageSize());
        pointAt(exchange.getMessage(), start);
        return start;
    }

    /** Points the next GET at the page after the one in the body. */
    public ProxyPage next(Exchange exchange) {
        ProxyPage page = exchange.getMessage().getBody(ProxyPage.class);
        pointAt(exchange.getMessage(), page);
        return page;
    }

    private static void pointAt(Message m, ProxyPage page) {
        m.removeHeaders("*");
        m.setHeader(Exchange.HTTP_METHOD, "GET");
        m.setHeader(Exchange.HTTP_PATH, page.nextPath());
        if (page.nextQuery() != null) m.setHeader(Exchange.HTTP_QUERY, page.nextQuery());
        m.setHeader("Accept", "application/json");
    }

    /**
     * Reads a list answer: 2xx becomes the page's records and the link to the next page (null at the
     * end); anything else is thrown as {@link RemoteCallException} for the classifier and retry policy.
     * The page that pointed here (exchange property {@value #POINTER}) says which service and page this is.
     */
    public ProxyPage read(Exchange exchange, @ExchangeProperty(POINTER) ProxyPage pointer) throws Exception {
        Message m = exchange.getMessage();
        int status = m.getHeader(Exchange.HTTP_RESPONSE_CODE, 0, Integer.class);
        int index = pointer.index() + 1;
        String what = "Twilio Proxy list " + pointer.service() + " page " + index;
        if (status < 200 || status >= 300) {
            throw TwilioApiClient.error(status, m.getBody(String.class), m.getHeader("Retry-After", String.class));
        }
        // Read from the stream as it arrives, each session copied out: its tree is built only if it is mapped.
        ListAnswer answer;
        try (InputStream body = m.getBody(InputStream.class)) {
            answer = ListAnswer.read(body, "sessions", TwilioProxySource.PEEKED);
        }
        if (!answer.hasList()) {
            throw new RemoteCallException(TwilioApiClient.SYSTEM, 200, null, what + ": answer has no 'sessions' array", null, null);
        }
        List<RawRecord> records = new ArrayList<>(answer.items().size());
        for (ListAnswer.Item session : answer.items()) records.add(TwilioProxySource.toRecord(session));
        // next_page_url is absolute; only its path and query are used so our configured host is kept.
        String next = answer.rest().path("meta").path("next_page_url").asText(null);
        if (next == null || next.isBlank()) return new ProxyPage(pointer.service(), index, records, null, null);
        String[] pq = TwilioApiClient.pathAndQuery(next);
        return new ProxyPage(pointer.service(), index, records, pq[0], pq[1]);
    }

    /**
     * One list page of one service: its records, and the path and query of the next page (null at the
     * end). Before the first GET, page -1, with no records, points at the first page.
     */
    public record ProxyPage(String service, int index, List<RawRecord> records, String nextPath, String nextQuery)
            implements PlacedPage {
        public boolean hasNext() {
            return nextPath != null;
        }

        /** Where the page sits: its service and index (the pipeline's page key). */
        @Override
        public String pageKey() {
            return service + "/" + index;
        }

        /**
         * A page is itself alone: the route's {@code ${body.pageKey}}, {@code ${body.records}} and
         * {@code ${body.hasNext}} look the page up in Camel's bean-info cache by hash and equality, three times
         * a page, and a record's own hash code hashes every session of it (a tenth of a re-run's samples, JFR),
         * its equality compares every session's JSON. No page is ever looked up by its value.
         */
        @Override
        public boolean equals(Object other) {
            return this == other;
        }

        @Override
        public int hashCode() {
            return System.identityHashCode(this);
        }
    }
}
