package io.sessionsync.ops;

import io.sessionsync.store.DeadLetterFilter;
import io.sessionsync.store.DeadLetterStore;
import java.util.Map;

/**
 * Which pending dead letters a replay takes: one by id, those a filter matches, or all of them.
 *
 * @param id     one letter, or null
 * @param filter the letters it matches (status pending), or null with {@code id}
 */
public record ReplaySelection(Long id, DeadLetterFilter filter, boolean limited) {

    public ReplaySelection(Long id, DeadLetterFilter filter) {
        this(id, filter, false);
    }

    public static ReplaySelection one(long id) {
        return new ReplaySelection(id, null, true);
    }

    /** Every pending letter, however many (replayed in batches). */
    public static ReplaySelection allPending() {
        return new ReplaySelection(null, new DeadLetterFilter(null, DeadLetterStore.PENDING, null, null, null,
                DeadLetterFilter.MAX_LIMIT), false);
    }

    /**
     * From request parameters: {@code id}, or {@code all=true}, or at least one of {@code source, error,
     * from, to} (with an optional {@code limit}: without it, every match is replayed). Only pending
     * letters can be replayed.
     */
    public static ReplaySelection parse(Map<String, String> p) {
        boolean all = OpsParams.bool("all", p.get("all"));
        boolean hasFilter = present(p, "source") || present(p, "error") || present(p, "from") || present(p, "to");
        if (present(p, "id")) {
            if (all || hasFilter) throw new BadOpsRequest("give either id, or a filter, or all=true; not several");
            return one(OpsParams.id(p.get("id")));
        }
        String status = OpsParams.status(p.get("status"));
        if (status != null && !DeadLetterStore.PENDING.equals(status)) {
            throw new BadOpsRequest("only pending dead letters can be replayed, not " + status + " ones");
        }
        if (all) {
            if (hasFilter) throw new BadOpsRequest("all=true replays every pending letter; drop the filter, or drop all");
            return allPending();
        }
        if (!hasFilter) {
            throw new BadOpsRequest("say which dead letters to replay: id, a filter (source, error, from, to), or all=true");
        }
        DeadLetterFilter f = OpsParams.filter(p);
        // Without a limit a filter selects every match, replayed in batches; with one, at most that many.
        return new ReplaySelection(null, new DeadLetterFilter(f.source(), DeadLetterStore.PENDING, f.errorContains(),
                f.from(), f.to(), f.limit()), present(p, "limit"));
    }

    private static boolean present(Map<String, String> p, String key) {
        return p.get(key) != null && !p.get(key).isBlank();
    }
}
