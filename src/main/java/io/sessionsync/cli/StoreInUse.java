package io.sessionsync.cli;

import java.sql.SQLException;
import org.h2.api.ErrorCode;
import org.h2.mvstore.DataUtils;
import org.h2.mvstore.MVStoreException;

/**
 * An embedded H2 store opens in one process at a time: while {@code run} holds it, every CLI command
 * meets H2's bare "The file is locked". This turns that into what the operator can do about it.
 */
final class StoreInUse {
    static final String ADVICE = "An embedded H2 store opens in one process at a time: stop `session-sync run` first; "
            + "or, while it runs, use its admin API instead (GET /ops/runs, GET /ops/dead-letters, POST /ops/sources/{source}/run, "
            + "with the bearer token; see docs/operations.md); or keep the store in PostgreSQL "
            + "(sessionsync.store.url = jdbc:postgresql://...), which the CLI and the service can share";

    private static final String H2_LOCKED = "The file is locked";

    private StoreInUse() {}

    /** The message for a locked H2 store; null when {@code ex} is something else. */
    static String describe(Throwable ex) {
        for (Throwable t = ex; t != null; t = t.getCause()) {
            boolean locked = t instanceof MVStoreException m && m.getErrorCode() == DataUtils.ERROR_FILE_LOCKED
                    || t instanceof SQLException s && s.getErrorCode() == ErrorCode.DATABASE_ALREADY_OPEN_1
                    // The store reports a failed open by its root cause's text only (the chain could carry a password).
                    || t.getMessage() != null && t.getMessage().contains(H2_LOCKED);
            if (locked) return "the H2 store is in use by another process (" + lockedFile(t.getMessage()) + "). " + ADVICE;
        }
        return null;
    }

    /** H2's "The file is locked: /path/store.mv.db [2.3.232/7]" reduced to its first part, or a plain phrase. */
    private static String lockedFile(String message) {
        int at = message == null ? -1 : message.indexOf(H2_LOCKED);
        if (at < 0) return "its file is locked";
        String rest = message.substring(at);
        int end = rest.indexOf(" [");
        return (end < 0 ? rest.lines().findFirst().orElse(rest) : rest.substring(0, end)).trim();
    }
}
