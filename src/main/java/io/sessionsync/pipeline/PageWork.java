package io.sessionsync.pipeline;

import io.sessionsync.model.CanonicalSession;
import io.sessionsync.model.RawRecord;
import io.sessionsync.run.RunCounts;
import io.sessionsync.run.Trigger;
import io.sessionsync.store.StoredPages;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One page of one source on its way through the pipeline's steps ({@code routes/pipeline.yaml}): what
 * each step found, so that the next can go on and the page's counts add up. Each step resets what it
 * fills, so a step the route retries starts clean.
 */
public final class PageWork {
    final String source;
    final List<RawRecord> records;
    final Trigger trigger;
    final LetterTally letters;
    /** Whether the run's pages are worth a lookup of their stored versions before mapping. */
    final VersionLookups versionLookups;
    /** Where the page sits in its source, when the source can say (a Twilio list page): null otherwise. */
    final String pageKey;
    /** The page placed with its {@link PageDigest}, once skipUnchanged made it (null: not placed, or nothing to vouch for). */
    StoredPages.Page page;
    /** Whether the page is remembered as stored in full (by the upsert's own transaction, or after it). */
    boolean pageRemembered;

    List<RawRecord> candidates = List.of();
    long unchangedBeforeMapping;
    final Map<String, RawRecord> rawBySourceId = new HashMap<>();
    final List<CanonicalSession> mapped = new ArrayList<>();
    long mappingUnchanged;
    long mappingFailed;
    long mappingSkipped;
    final List<CanonicalSession> written = new ArrayList<>();
    final Set<String> failedIds = new HashSet<>();
    final Set<String> unrolled = new HashSet<>();
    long storeUnchanged;
    long storeFailed;
    long storeSkipped;

    PageWork(String source, List<RawRecord> records, Trigger trigger, LetterTally letters) {
        this(source, records, trigger, letters, null, new VersionLookups());
    }

    PageWork(String source, List<RawRecord> records, Trigger trigger, LetterTally letters, String pageKey,
             VersionLookups versionLookups) {
        this.source = source;
        this.records = records;
        this.trigger = trigger;
        this.letters = letters;
        this.pageKey = pageKey;
        this.versionLookups = versionLookups;
    }

    /** The source of every record in the page. */
    public String source() {
        return source;
    }

    void resetMapping() {
        rawBySourceId.clear();
        mapped.clear();
        mappingUnchanged = 0;
        mappingFailed = 0;
        mappingSkipped = 0;
    }

    void resetStore() {
        // Once the batch was unrolled one by one, what is written and lettered stays: a step retried
        // after a transient failure mid-unroll goes on with the records not yet done.
        if (!unrolled.isEmpty()) return;
        written.clear();
        storeUnchanged = 0;
    }

    /** A record failed mapping: lettered (true), or skipped as a discarded version (false). */
    void lettered(boolean news) {
        if (news) mappingFailed++;
        else mappingSkipped++;
    }

    void storeLettered(boolean news) {
        if (news) storeFailed++;
        else storeSkipped++;
    }

    /** The page's counts: read, written, unchanged, failed, skipped. */
    public RunCounts counts() {
        return new RunCounts(records.size(), written.size(), unchangedBeforeMapping + mappingUnchanged + storeUnchanged,
                mappingFailed + storeFailed, mappingSkipped + storeSkipped);
    }
}
