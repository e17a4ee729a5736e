package io.sessionsync.reliability;

import io.sessionsync.mapping.RecordMappingException;
import java.io.IOException;
import java.sql.SQLException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientException;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeoutException;
import org.apache.camel.component.salesforce.api.SalesforceException;
import org.apache.camel.component.salesforce.api.dto.RestError;

/**
 * The one place that decides whether a failure is transient or permanent, for every source, target and
 * store call: every HTTP status, Salesforce error code and SQL state decision is made here. The whole
 * cause chain is searched for a permanent cause first (a bad password wrapped in a pool timeout is
 * permanent: retrying it only locks the account), then for a transient one; anything unknown is
 * permanent, so it is dead-lettered and seen rather than retried forever.
 */
public final class ErrorClassifier {

    /** Salesforce error codes that mean "later", not "never". */
    static final Set<String> SALESFORCE_TRANSIENT = Set.of(
            "REQUEST_LIMIT_EXCEEDED", "UNABLE_TO_LOCK_ROW", "SERVER_UNAVAILABLE", "QUERY_TIMEOUT");

    private ErrorClassifier() {}

    public static FailureKind classify(Throwable failure) {
        // Permanent first, anywhere in the chain: what caused the failure decides, not what wrapped it.
        for (Throwable t = failure; t != null; t = next(t)) {
            if (isPermanentCause(t)) return FailureKind.PERMANENT;
        }
        for (Throwable t = failure; t != null; t = next(t)) {
            if (t instanceof RemoteCallException r) return classifyStatus(r.status());
            if (t instanceof SalesforceException s) return classifySalesforce(s);
            if (t instanceof SQLException sql && isTransientSql(sql)) return FailureKind.TRANSIENT;
            if (t instanceof IOException || t instanceof TimeoutException) return FailureKind.TRANSIENT;
        }
        return FailureKind.PERMANENT;
    }

    private static Throwable next(Throwable t) {
        return t.getCause() == t ? null : t.getCause();
    }

    /** A cause that no retry can fix, whatever wraps it. */
    private static boolean isPermanentCause(Throwable t) {
        if (t instanceof RecordMappingException) return true;
        if (t instanceof RemoteCallException r) return classifyStatus(r.status()) == FailureKind.PERMANENT;
        if (t instanceof SalesforceException s && s.getStatusCode() != 0) return classifySalesforce(s) == FailureKind.PERMANENT;
        if (t instanceof SQLException sql && sql.getSQLState() != null) return isPermanentSql(sql.getSQLState());
        return false;
    }

    /**
     * SQL states no retry fixes: 28 (bad credentials or authorization), 3D (no such database), 42
     * (syntax, undefined table or column: a schema the code does not match), 22 (a value the column
     * cannot take), 23 (a constraint a record breaks).
     */
    private static boolean isPermanentSql(String state) {
        return state.startsWith("28") || state.startsWith("3D") || state.startsWith("42") || state.startsWith("22")
                || state.startsWith("23");
    }

    /**
     * SQL states of a lost race between two writers of the same rows, which running the guarded unit
     * again at once resolves: 40001 serialization failure, 40P01 deadlock, 90131 H2 concurrent update,
     * HYT00 H2 lock timeout, and 23505 for a guarded upsert only (another writer inserted the same new
     * key first; run again, the statement finds the row). Not a fault: see the store's Jdbc helper.
     */
    public static boolean isWriteConflict(SQLException e) {
        for (SQLException x = e; x != null; x = x.getNextException()) {
            if (x.getSQLState() != null && WRITE_CONFLICT_STATES.contains(x.getSQLState())) return true;
        }
        return e.getCause() instanceof SQLException cause && cause != e && isWriteConflict(cause);
    }

    /** A unique key taken: the insert of a row that exists already. */
    public static boolean isDuplicateKey(SQLException e) {
        return "23505".equals(e.getSQLState());
    }

    private static final Set<String> WRITE_CONFLICT_STATES = Set.of("40001", "40P01", "23505", "90131", "HYT00");

    /** Whether a remote system's own error code (e.g. one record's code in a per-record answer) means "later". */
    public static boolean isTransientCode(String errorCode) {
        return errorCode != null && SALESFORCE_TRANSIENT.contains(errorCode);
    }

    public static boolean isTransient(Throwable failure) {
        return classify(failure) == FailureKind.TRANSIENT;
    }

    /** The wait the remote side asked for, if any failure in the chain carries one. */
    public static Optional<Duration> retryAfter(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof RemoteCallException r && r.retryAfter().isPresent()) return r.retryAfter();
        }
        return Optional.empty();
    }

    /** The remote system's own error code (Twilio 20429, Salesforce FIELD_INTEGRITY_EXCEPTION...), if any. */
    public static Optional<String> errorCode(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof RemoteCallException r && r.errorCode() != null) return Optional.of(r.errorCode());
            if (t instanceof SalesforceException s && s.getErrors() != null && !s.getErrors().isEmpty()) {
                return Optional.ofNullable(s.getErrors().get(0).getErrorCode());
            }
        }
        return Optional.empty();
    }

    static FailureKind classifyStatus(int status) {
        if (status == 429 || status == 408 || status >= 500) return FailureKind.TRANSIENT;
        return FailureKind.PERMANENT;
    }

    private static FailureKind classifySalesforce(SalesforceException s) {
        if (s.getErrors() != null) {
            for (RestError e : s.getErrors()) {
                if (e.getErrorCode() != null && SALESFORCE_TRANSIENT.contains(e.getErrorCode())) {
                    return FailureKind.TRANSIENT;
                }
            }
        }
        int status = s.getStatusCode();
        if (status == 0) {
            // No HTTP answer at all: the call never got through (connection refused, reset, timeout).
            return s.getCause() != null && !(s.getCause() instanceof SalesforceException)
                    ? classify(s.getCause()) : FailureKind.TRANSIENT;
        }
        return classifyStatus(status);
    }

    private static boolean isTransientSql(SQLException e) {
        if (e instanceof SQLTransientException || e instanceof SQLRecoverableException) return true;
        String state = e.getSQLState();
        // 08: connection exception; 40: transaction rollback (serialization, deadlock); 53/57P: resources, shutdown.
        return state != null && (state.startsWith("08") || state.startsWith("40") || state.startsWith("53")
                || state.startsWith("57P") || state.equals("HYT00") || state.equals("90067"));
    }
}
