package io.sessionsync.pipeline;

import io.sessionsync.model.RawRecord;
import java.util.List;

/**
 * A page a source read and can place (a Twilio Proxy list page: its service and index), as a source
 * route hands it to {@code direct:pipeline-prepare} to be readied while the page before it is written.
 */
public interface PlacedPage {
    /** Where the page sits in its source, the same on every run while the source lists the same way. */
    String pageKey();

    /** The page's records, in the source's order. */
    List<RawRecord> records();
}
