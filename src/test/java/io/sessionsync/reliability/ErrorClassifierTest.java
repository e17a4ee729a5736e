package io.sessionsync.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import io.sessionsync.mapping.RecordMappingException;
import io.sessionsync.store.StoreException;
import java.io.IOException;
import java.net.ConnectException;
import java.sql.SQLException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeoutException;
import org.apache.camel.component.salesforce.api.SalesforceException;
import org.apache.camel.component.salesforce.api.dto.RestError;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** One test per classification rule of {@link ErrorClassifier}. */
class ErrorClassifierTest {

    static RemoteCallException http(int status) {
        return new RemoteCallException("Twilio", status, null, "boom", null, null);
    }

    static SalesforceException salesforce(String code, int status) {
        RestError e = new RestError();
        e.setErrorCode(code);
        e.setMessage("msg of " + code);
        return new SalesforceException(List.of(e), status);
    }

    @Test
    void a_mapping_failure_is_permanent_even_when_caused_by_an_io_error() {
        RecordMappingException mapping = new RecordMappingException("date_updated", "not a date");
        mapping.initCause(new IOException("would be transient on its own"));
        assertThat(ErrorClassifier.classify(mapping)).isEqualTo(FailureKind.PERMANENT);
    }

    @ParameterizedTest
    @ValueSource(ints = {408, 429, 500, 502, 503, 504})
    void rate_limits_timeouts_and_server_errors_are_transient(int status) {
        assertThat(ErrorClassifier.classify(http(status))).isEqualTo(FailureKind.TRANSIENT);
    }

    @ParameterizedTest
    @ValueSource(ints = {400, 401, 403, 404, 409, 422})
    void other_client_errors_are_permanent(int status) {
        assertThat(ErrorClassifier.classify(http(status))).isEqualTo(FailureKind.PERMANENT);
    }

    @Test
    void a_remote_error_is_found_under_wrappers() {
        assertThat(ErrorClassifier.isTransient(new RuntimeException(new IllegalStateException(http(503))))).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"REQUEST_LIMIT_EXCEEDED", "UNABLE_TO_LOCK_ROW", "SERVER_UNAVAILABLE", "QUERY_TIMEOUT"})
    void salesforce_later_codes_are_transient_whatever_the_status(String code) {
        assertThat(ErrorClassifier.classify(salesforce(code, 400))).isEqualTo(FailureKind.TRANSIENT);
    }

    @Test
    void a_per_record_code_is_transient_only_when_it_means_later() {
        assertThat(ErrorClassifier.isTransientCode("UNABLE_TO_LOCK_ROW")).isTrue();
        assertThat(ErrorClassifier.isTransientCode("REQUIRED_FIELD_MISSING")).isFalse();
        assertThat(ErrorClassifier.isTransientCode(null)).isFalse();
    }

    @Test
    void salesforce_data_errors_are_permanent() {
        assertThat(ErrorClassifier.classify(salesforce("INVALID_FIELD", 400))).isEqualTo(FailureKind.PERMANENT);
        assertThat(ErrorClassifier.classify(salesforce("FIELD_INTEGRITY_EXCEPTION", 400))).isEqualTo(FailureKind.PERMANENT);
    }

    @Test
    void salesforce_5xx_without_a_known_code_is_transient() {
        assertThat(ErrorClassifier.classify(salesforce("UNKNOWN_EXCEPTION", 500))).isEqualTo(FailureKind.TRANSIENT);
    }

    @Test
    void salesforce_without_an_answer_follows_its_cause() {
        assertThat(ErrorClassifier.classify(new SalesforceException("no answer", 0, new ConnectException("refused"))))
                .isEqualTo(FailureKind.TRANSIENT);
        assertThat(ErrorClassifier.classify(new SalesforceException("no answer", 0, new IllegalArgumentException("bad body"))))
                .isEqualTo(FailureKind.PERMANENT);
        assertThat(ErrorClassifier.classify(new SalesforceException("no answer", 0))).isEqualTo(FailureKind.TRANSIENT);
    }

    @ParameterizedTest
    @ValueSource(strings = {"08006", "08001", "40001", "40P01", "53300", "57P01", "HYT00", "90067"})
    void connection_loss_conflicts_and_shutdowns_of_the_database_are_transient(String state) {
        StoreException wrapped = new StoreException("Upsert failed", new SQLException("x", state));
        assertThat(ErrorClassifier.classify(wrapped)).isEqualTo(FailureKind.TRANSIENT);
    }

    @ParameterizedTest
    @ValueSource(strings = {"23505", "22001", "23502", "42P01", "22021"})
    void constraint_and_data_errors_of_the_database_are_permanent(String state) {
        assertThat(ErrorClassifier.classify(new StoreException("x", new SQLException("x", state)))).isEqualTo(FailureKind.PERMANENT);
    }

    @Test
    void jdbc_transient_and_recoverable_exceptions_are_transient_without_a_state() {
        assertThat(ErrorClassifier.isTransient(new SQLTransientConnectionException("pool timeout"))).isTrue();
        assertThat(ErrorClassifier.isTransient(new SQLRecoverableException("socket closed"))).isTrue();
    }

    @Test
    void io_errors_and_timeouts_are_transient() {
        assertThat(ErrorClassifier.isTransient(new RuntimeException(new IOException("reset")))).isTrue();
        assertThat(ErrorClassifier.isTransient(new TimeoutException("slow"))).isTrue();
    }

    @Test
    void a_bad_password_wrapped_in_a_transient_pool_timeout_is_permanent() {
        SQLException badPassword = new SQLException("password authentication failed for user \"sync\"", "28P01");
        SQLTransientConnectionException poolTimeout = new SQLTransientConnectionException(
                "pool-1 - Connection is not available, request timed out after 30000ms", "08001", badPassword);
        assertThat(ErrorClassifier.classify(new StoreException("Upsert failed", poolTimeout))).isEqualTo(FailureKind.PERMANENT);
    }

    @Test
    void a_permanent_remote_answer_under_an_io_error_is_permanent() {
        RemoteCallException unauthorized = new RemoteCallException("Twilio", 401, "20003", "Authenticate", null, null);
        assertThat(ErrorClassifier.classify(new IOException("wrapped", unauthorized))).isEqualTo(FailureKind.PERMANENT);
        assertThat(ErrorClassifier.classify(new IOException("wrapped", http(503)))).isEqualTo(FailureKind.TRANSIENT);
    }

    @Test
    void lost_races_between_writers_are_write_conflicts_other_sql_errors_are_not() {
        for (String state : List.of("40001", "40P01", "23505", "90131", "HYT00")) {
            assertThat(ErrorClassifier.isWriteConflict(new SQLException("x", state))).as(state).isTrue();
        }
        assertThat(ErrorClassifier.isWriteConflict(new SQLException("x", "08006"))).isFalse();
        assertThat(ErrorClassifier.isWriteConflict(new SQLException("x", "23502"))).isFalse();
    }

    @Test
    void anything_unknown_is_permanent_so_it_is_seen() {
        assertThat(ErrorClassifier.classify(new IllegalStateException("?"))).isEqualTo(FailureKind.PERMANENT);
        assertThat(ErrorClassifier.classify(new NullPointerException())).isEqualTo(FailureKind.PERMANENT);
    }

    @Test
    void retry_after_and_error_code_are_read_from_the_chain() {
        RemoteCallException limited = new RemoteCallException("Twilio", 429, "20429", "Too Many Requests", null, Duration.ofSeconds(7));
        RuntimeException wrapped = new RuntimeException(limited);
        assertThat(ErrorClassifier.retryAfter(wrapped)).contains(Duration.ofSeconds(7));
        assertThat(ErrorClassifier.errorCode(wrapped)).contains("20429");
        assertThat(ErrorClassifier.errorCode(new RuntimeException(salesforce("UNABLE_TO_LOCK_ROW", 400)))).contains("UNABLE_TO_LOCK_ROW");
        assertThat(ErrorClassifier.retryAfter(http(503))).isEmpty();
        assertThat(ErrorClassifier.errorCode(new IllegalStateException())).isEmpty();
    }
}
