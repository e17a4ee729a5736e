package io.sessionsync.sandbox;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Random;
import java.util.Set;

/**
 * The simulator's view of the generated sessions: archive split, date and account filters, sorting
 * and paging, plus the sessions touched since start (an overlay of new lastModified values). Sorted
 * listings are computed by index (see {@link EvoSessionGenerator}) with the touched ones moved to the
 * end; a small cursor cache makes sequential paging through a filtered million linear, not quadratic.
 */
final class EvoSessionCatalog {
    static final Duration ARCHIVE_AFTER = Duration.ofDays(15);

    /** A parsed {@code GET /sessions} request; empty accountIds means every account. */
    record ListQuery(Set<String> accountIds, LocalDate startDate, LocalDate endDate, int page, int countPerPage,
                     String sortField, boolean descending, boolean archive, List<String> specificIds) {
        String cursorKey(int forPage) {
            return accountIds + "|" + startDate + "|" + endDate + "|" + countPerPage + "|" + sortField + "|"
                    + descending + "|" + archive + "#" + forPage;
        }
    }

    record ListPage(List<ObjectNode> items, boolean hasMore) {}

    private final EvoSessionGenerator gen;
    private final Clock clock;
    private final Map<Integer, Instant> touched = new HashMap<>();
    private Instant lastTouch;
    private final Map<String, Integer> cursors = new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Integer> e) {
            return size() > 1000;
        }
    };

    EvoSessionCatalog(EvoSessionGenerator gen, Clock clock) {
        this.gen = gen;
        this.clock = clock;
        this.lastTouch = gen.newestLastModified();
    }

    /** Bumps the session's dateLastModified past every other; false when the id is unknown. */
    synchronized boolean touch(String id) {
        OptionalInt i = gen.indexOf(id);
        if (i.isEmpty()) return false;
        Instant now = clock.instant();
        lastTouch = now.isAfter(lastTouch) ? now : lastTouch.plusMillis(1);
        touched.put(i.getAsInt(), lastTouch);
        cursors.clear(); // the dateLastModified order changed
        return true;
    }

    /**
     * Touches {@code n} distinct sessions of the live period ({@code archived=false}) or of the archive,
     * one from each of {@code n} equal slices of it, so that every age is represented; returns their
     * indexes in touch order. Fewer when the period holds fewer sessions.
     */
    synchronized List<Integer> churn(int n, boolean archived, Random dice) {
        int cut = gen.firstCreatedAtOrAfter(clock.instant().minus(ARCHIVE_AFTER));
        int lo = archived ? 0 : cut;
        int hi = archived ? cut : gen.count();
        List<Integer> out = new ArrayList<>();
        int slices = Math.min(n, hi - lo);
        for (int k = 0; k < slices; k++) {
            long from = lo + (long) (hi - lo) * k / slices;
            long to = lo + (long) (hi - lo) * (k + 1) / slices;
            int idx = (int) (from + dice.nextInt((int) (to - from)));
            touch(gen.id(idx));
            out.add(idx);
        }
        return out;
    }

    /** The session's current dateLastModified, touches included. */
    synchronized Instant currentLastModified(int index) {
        return lastModified(index);
    }

    synchronized Optional<ObjectNode> getLive(String id) {
        OptionalInt i = gen.indexOf(id);
        if (i.isEmpty() || archived(i.getAsInt())) return Optional.empty();
        return Optional.of(gen.session(i.getAsInt(), touched.get(i.getAsInt()), false)); // the real API: log []
    }

    synchronized ListPage list(ListQuery q) {
        int[] range = range(q);
        if (!q.specificIds().isEmpty()) return specific(q, range[0], range[1]);
        Order order = new Order(range[0], range[1], q);
        Integer cached = cursors.get(q.cursorKey(q.page()));
        int pos = cached != null ? cached : skipMatches(order, q, (long) q.page() * q.countPerPage());
        List<ObjectNode> items = new ArrayList<>();
        for (; pos < order.length && items.size() < q.countPerPage(); pos++) {
            int idx = order.index(pos);
            if (matches(q, idx)) items.add(gen.session(idx, touched.get(idx), true));
        }
        int next = nextMatch(order, q, pos);
        cursors.put(q.cursorKey(q.page() + 1), next);
        return new ListPage(items, next < order.length);
    }

    /** How many sessions match the query, for the totals of non-simplified paging. */
    synchronized long count(ListQuery q) {
        int[] range = range(q);
        long n = 0;
        if (!q.specificIds().isEmpty()) {
            for (String id : q.specificIds()) {
                OptionalInt i = gen.indexOf(id);
                if (i.isPresent() && i.getAsInt() >= range[0] && i.getAsInt() < range[1] && matches(q, i.getAsInt())) n++;
            }
            return n;
        }
        for (int i = range[0]; i < range[1]; i++) if (matches(q, i)) n++;
        return n;
    }

    /** The index range the archive flag and the day filter (on dateCreated, inclusive) leave. */
    private int[] range(ListQuery q) {
        int archiveCut = gen.firstCreatedAtOrAfter(clock.instant().minus(ARCHIVE_AFTER));
        int lo = q.archive() ? 0 : archiveCut;
        int hi = q.archive() ? archiveCut : gen.count();
        if (q.startDate() != null) lo = Math.max(lo, gen.firstCreatedAtOrAfter(dayStart(q.startDate())));
        if (q.endDate() != null) hi = Math.min(hi, gen.firstCreatedAtOrAfter(dayStart(q.endDate().plusDays(1))));
        return new int[] {lo, Math.max(lo, hi)};
    }

    private static Instant dayStart(LocalDate d) {
        return d.atStartOfDay().toInstant(ZoneOffset.UTC);
    }

    private boolean archived(int index) {
        return gen.created(index).isBefore(clock.instant().minus(ARCHIVE_AFTER));
    }

    private boolean matches(ListQuery q, int index) {
        return q.accountIds().isEmpty() || q.accountIds().contains(gen.accountId(index));
    }

    private int skipMatches(Order order, ListQuery q, long toSkip) {
        int pos = 0;
        for (long skipped = 0; pos < order.length && skipped < toSkip; pos++) {
            if (matches(q, order.index(pos))) skipped++;
        }
        return nextMatch(order, q, pos);
    }

    private int nextMatch(Order order, ListQuery q, int pos) {
        while (pos < order.length && !matches(q, order.index(pos))) pos++;
        return pos;
    }

    private ListPage specific(ListQuery q, int lo, int hi) {
        List<Integer> found = new ArrayList<>();
        for (String id : q.specificIds()) {
            OptionalInt i = gen.indexOf(id);
            if (i.isPresent() && i.getAsInt() >= lo && i.getAsInt() < hi && matches(q, i.getAsInt())) found.add(i.getAsInt());
        }
        Comparator<Integer> by = Comparator.comparing(this::lastModified);
        if ("dateCreated".equalsIgnoreCase(q.sortField())) by = Comparator.naturalOrder();
        found.sort(q.descending() ? by.reversed() : by);
        int from = (int) Math.min(found.size(), (long) q.page() * q.countPerPage());
        int to = (int) Math.min(found.size(), (long) from + q.countPerPage());
        List<ObjectNode> items = found.subList(from, to).stream().map(i -> gen.session(i, touched.get(i), true)).toList();
        return new ListPage(items, to < found.size());
    }

    private Instant lastModified(int index) {
        Instant t = touched.get(index);
        return t != null ? t : gen.lastModified(index);
    }

    /**
     * Positions 0..length-1 of the sorted listing mapped to indexes. By dateCreated it is the index
     * order; by dateLastModified the untouched indexes in order, then the touched ones by touch time.
     */
    private final class Order {
        final int lo;
        final int length;
        final boolean byCreated;
        final boolean descending;
        final int[] touchedByIndex;
        final int[] touchedByTime;

        Order(int lo, int hi, ListQuery q) {
            this.lo = lo;
            this.length = hi - lo;
            this.byCreated = "dateCreated".equalsIgnoreCase(q.sortField());
            this.descending = q.descending();
            List<Integer> in = touched.keySet().stream().filter(i -> i >= lo && i < hi).toList();
            this.touchedByIndex = in.stream().sorted().mapToInt(Integer::intValue).toArray();
            this.touchedByTime = in.stream().sorted(Comparator.comparing(touched::get)).mapToInt(Integer::intValue).toArray();
        }

        int index(int pos) {
            int k = descending ? length - 1 - pos : pos;
            if (byCreated) return lo + k;
            int untouched = length - touchedByIndex.length;
            if (k >= untouched) return touchedByTime[k - untouched];
            int idx = lo + k;
            for (int t : touchedByIndex) {
                if (t <= idx) idx++; else break;
            }
            return idx;
        }
    }
}
