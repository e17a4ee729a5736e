package io.sessionsync.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import io.sessionsync.store.StoreException;
import java.sql.BatchUpdateException;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;

class FailureReasonTest {

    @Test
    void a_batch_failure_keeps_the_database_error_and_drops_the_statement_with_its_values() {
        BatchUpdateException batch = new BatchUpdateException(
                "Batch entry 0 INSERT INTO session VALUES ('Jane Doe', '+4915112345678') was aborted", "22021", new int[0]);
        batch.setNextException(new SQLException("ERROR: invalid byte sequence for encoding \"UTF8\": 0x00\n  Where: x", "22021"));
        String reason = FailureReason.of(new StoreException("Upsert of 1 sessions failed: " + batch.getMessage(), batch));
        assertThat(reason).isEqualTo("the database refused the write: ERROR: invalid byte sequence for encoding \"UTF8\": 0x00 (SQLState 22021)");
        assertThat(reason).doesNotContain("Jane").doesNotContain("+49");
    }

    @Test
    void other_failures_keep_their_message_with_nul_made_visible() {
        assertThat(FailureReason.of(new IllegalArgumentException("bad \u0000 value"))).isEqualTo("bad \\u0000 value");
        assertThat(FailureReason.of(new NullPointerException())).isEqualTo("NullPointerException");
    }
}
