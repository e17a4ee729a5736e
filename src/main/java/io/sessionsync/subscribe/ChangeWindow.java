package io.sessionsync.subscribe;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * The ids one channel's events named since the last fetch, per object, with the replay id of the
 * newest of those events. Fetched when {@code maxIds} are collected or the oldest waited
 * {@code maxWait}; the replay id is saved only once they are written.
 */
final class ChangeWindow {
    /** What one fetch takes: ids per object, deleted ones, whether an overflow asks for a poll, the replay id to save after. */
    record Batch(Map<String, Set<String>> idsByObject, Set<String> deletedIds, boolean pollNeeded, String lastReplayId,
                 Instant oldestCommit, List<Instant> commits, int events) {
        int idCount() {
            return idsByObject.values().stream().mapToInt(Set::size).sum();
        }
    }

    private final int maxIds;
    private Map<String, Set<String>> ids = new LinkedHashMap<>();
    private Set<String> deleted = new LinkedHashSet<>();
    private boolean pollNeeded;
    private String lastReplayId;
    private Instant oldestCommit;
    /** Each event's commit time (those that have one), for the lag of every event once stored. */
    private List<Instant> commits = new ArrayList<>();
    private long firstAddedNanos;
    private int events;

    ChangeWindow(int maxIds) {
        this.maxIds = maxIds;
    }

    /** Adds an event's ids; true when the window is full and should be fetched now. */
    synchronized boolean add(ChangeEvent e) {
        if (events == 0) firstAddedNanos = System.nanoTime();
        events++;
        lastReplayId = e.replayId();
        if (e.commitTimestamp() != null && (oldestCommit == null || e.commitTimestamp().isBefore(oldestCommit))) {
            oldestCommit = e.commitTimestamp();
        }
        if (e.commitTimestamp() != null) commits.add(e.commitTimestamp());
        if (e.isOverflow()) {
            pollNeeded = true;
        } else {
            ids.computeIfAbsent(e.entityName(), k -> new LinkedHashSet<>()).addAll(e.recordIds());
            if (e.isDelete()) deleted.addAll(e.recordIds());
        }
        return size() >= maxIds || pollNeeded;
    }

    /** Whether the oldest event waited at least {@code maxWaitNanos}. */
    synchronized boolean due(long maxWaitNanos) {
        return events > 0 && System.nanoTime() - firstAddedNanos >= maxWaitNanos;
    }

    synchronized boolean isEmpty() {
        return events == 0;
    }

    /** Takes everything collected; null when there is nothing. */
    synchronized Batch drain() {
        if (events == 0) return null;
        Batch b = new Batch(ids, deleted, pollNeeded, lastReplayId, oldestCommit, commits, events);
        ids = new LinkedHashMap<>();
        deleted = new LinkedHashSet<>();
        pollNeeded = false;
        lastReplayId = null;
        oldestCommit = null;
        commits = new ArrayList<>();
        events = 0;
        return b;
    }

    /**
     * Puts a batch that could not be written back in front of what came since, so it is fetched again;
     * the replay id to save stays the newest one.
     */
    synchronized void putBack(Batch b) {
        Map<String, Set<String>> merged = new LinkedHashMap<>();
        b.idsByObject().forEach((o, s) -> merged.computeIfAbsent(o, k -> new LinkedHashSet<>()).addAll(s));
        ids.forEach((o, s) -> merged.computeIfAbsent(o, k -> new LinkedHashSet<>()).addAll(s));
        ids = merged;
        Set<String> d = new LinkedHashSet<>(b.deletedIds());
        d.addAll(deleted);
        deleted = d;
        pollNeeded |= b.pollNeeded();
        if (lastReplayId == null) lastReplayId = b.lastReplayId();
        if (b.oldestCommit() != null && (oldestCommit == null || b.oldestCommit().isBefore(oldestCommit))) oldestCommit = b.oldestCommit();
        List<Instant> c = new ArrayList<>(b.commits());
        c.addAll(commits);
        commits = c;
        if (events == 0) firstAddedNanos = System.nanoTime();
        events += b.events();
    }

    /** Forgets everything (this instance stops subscribing: the events come again from the stored replay id). */
    synchronized void clear() {
        drain();
    }

    private int size() {
        int n = 0;
        for (Set<String> s : ids.values()) n += s.size();
        return n;
    }
}
