package io.sessionsync.pipeline;

import java.time.Instant;
import java.util.Map;

/**
 * Where a source's checkpoints move once a page is written: per object, the newest version the page
 * reached. Set by a source route as exchange property {@link PageSteps#CHECKPOINT} before it hands the
 * page to {@code direct:pipeline-page}, which saves it after the page's records are stored.
 */
public record PageCheckpoint(Map<String, Instant> watermarks) {
    public PageCheckpoint {
        watermarks = Map.copyOf(watermarks);
    }

    public static PageCheckpoint of(String object, Instant watermark) {
        return new PageCheckpoint(Map.of(object, watermark));
    }
}
