package io.sessionsync.pipeline;

import io.sessionsync.model.RawRecord;
import java.util.Optional;
import org.apache.camel.CamelExchangeException;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;

/**
 * A source whose page-level flow is a Camel route: a run sends one exchange to
 * {@code direct:read-<source>} (the source's route file) carrying the run (exchange property
 * {@link PageSteps#RUN}); the route reads each page with its endpoint steps and hands it to
 * {@code direct:pipeline-page}. A failed read is a failed exchange of that route, seen by Camel's route
 * metrics and message history, and thrown here for the run to be recorded as failed.
 */
public final class RoutedSource implements SourceAdapter {
    private final String name;
    private final RecordFetcher fetcher;
    private final ProducerTemplate producer;

    /** @param fetcher fetches one record by id (webhooks, replays): a single call, not a page flow */
    public RoutedSource(String name, RecordFetcher fetcher, ProducerTemplate producer) {
        this.name = name;
        this.fetcher = fetcher;
        this.producer = producer;
    }

    /** The route a run of {@code source} starts. */
    public static String readEndpoint(String source) {
        return "direct:read-" + source;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public void sync(SyncContext context) throws Exception {
        Exchange done = producer.send(readEndpoint(name), ex -> ex.setProperty(PageSteps.RUN, context));
        Exception failure = done.getException();
        // A split or multicast wraps a branch's failure ("Parallel processing failed for number 1"):
        // the run records the failure itself, which says what went wrong.
        while (failure instanceof CamelExchangeException && failure.getCause() instanceof Exception cause) failure = cause;
        if (failure != null) throw failure;
    }

    @Override
    public Optional<RawRecord> fetch(String object, String id) throws Exception {
        return fetcher.fetch(object, id);
    }
}
