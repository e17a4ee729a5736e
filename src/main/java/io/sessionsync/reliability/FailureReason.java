package io.sessionsync.reliability;

import java.sql.BatchUpdateException;
import java.sql.SQLException;

/**
 * The reason a failure is logged and dead-lettered with. A JDBC batch failure's own message quotes
 * the statement with its bound values (PgJDBC: "Batch entry 0 INSERT ... VALUES (...) was aborted"):
 * personal data, and possibly the very bytes the database refused, such as a NUL, which would then
 * make the dead letter itself unwritable. So for those only the database's first error line is kept,
 * and of any other SQL failure only the first line (further lines may quote the failing row).
 */
public final class FailureReason {
    private FailureReason() {}

    public static String of(Throwable failure) {
        String reason = null;
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof BatchUpdateException batch) {
                SQLException shown = batch.getNextException() != null ? batch.getNextException() : batch;
                reason = "the database refused the write: " + firstLine(shown.getMessage())
                        + " (SQLState " + shown.getSQLState() + ")";
                break;
            }
        }
        if (reason == null) {
            reason = failure.getMessage() == null ? failure.getClass().getSimpleName() : failure.getMessage();
            // A server error's further lines may quote the row (PostgreSQL: "Detail: Failing row contains
            // (...)", a multi-row INSERT's values): only the first line of any SQL error is kept.
            for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
                if (t instanceof SQLException) {
                    reason = firstLine(reason);
                    break;
                }
            }
        }
        // PostgreSQL text cannot hold NUL; a reason must always be storable.
        return reason.replace("\u0000", "\\u0000");
    }

    private static String firstLine(String s) {
        if (s == null) return "";
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }
}
