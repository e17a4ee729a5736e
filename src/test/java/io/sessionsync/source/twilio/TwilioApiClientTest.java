package io.sessionsync.source.twilio;

import static org.assertj.core.api.Assertions.assertThat;

import io.sessionsync.reliability.ErrorClassifier;
import io.sessionsync.reliability.FailureKind;
import io.sessionsync.reliability.RemoteCallException;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** How Twilio's error answers become RemoteCallExceptions the one classifier understands. */
class TwilioApiClientTest {

    @Test
    void keeps_twilios_code_message_and_more_info() {
        RemoteCallException e = TwilioApiClient.error(429,
                "{\"code\":20429,\"message\":\"Too Many Requests\",\"more_info\":\"https://www.twilio.com/docs/errors/20429\",\"status\":429}",
                "2");
        assertThat(e.system()).isEqualTo("Twilio");
        assertThat(e.errorCode()).isEqualTo("20429");
        assertThat(e.moreInfo()).isEqualTo("https://www.twilio.com/docs/errors/20429");
        assertThat(e.retryAfter()).contains(Duration.ofSeconds(2));
        assertThat(ErrorClassifier.classify(e)).isEqualTo(FailureKind.TRANSIENT);
    }

    @Test
    void server_errors_are_transient_and_auth_and_not_found_permanent() {
        assertThat(ErrorClassifier.classify(TwilioApiClient.error(503, "", null))).isEqualTo(FailureKind.TRANSIENT);
        assertThat(ErrorClassifier.classify(TwilioApiClient.error(500, "<html>oops</html>", null)))
                .isEqualTo(FailureKind.TRANSIENT);
        assertThat(ErrorClassifier.classify(TwilioApiClient.error(401, "{\"code\":20003}", null)))
                .isEqualTo(FailureKind.PERMANENT);
        assertThat(ErrorClassifier.classify(TwilioApiClient.error(403, null, null))).isEqualTo(FailureKind.PERMANENT);
        assertThat(ErrorClassifier.classify(TwilioApiClient.error(404, "{}", null))).isEqualTo(FailureKind.PERMANENT);
    }

    @Test
    void an_auth_failure_says_which_settings_to_check() {
        assertThat(TwilioApiClient.error(401, "{\"code\":20003,\"message\":\"Authenticate\"}", null))
                .hasMessageContaining("Twilio answered HTTP 401 (code 20003): Authenticate")
                .hasMessageContaining("sessionsync.twilio.account-sid/auth-token");
    }

    @Test
    void retry_after_is_read_as_seconds_or_an_http_date_and_ignored_when_garbled() {
        assertThat(io.sessionsync.source.http.RetryAfter.parse("5")).isEqualTo(Duration.ofSeconds(5));
        assertThat(io.sessionsync.source.http.RetryAfter.parse("Thu, 01 Jan 1970 00:00:00 GMT")).isEqualTo(Duration.ZERO);
        assertThat(io.sessionsync.source.http.RetryAfter.parse("soon")).isNull();
        assertThat(io.sessionsync.source.http.RetryAfter.parse(null)).isNull();
    }

    @Test
    void next_page_urls_keep_only_path_and_query() {
        String[] pq = TwilioApiClient.pathAndQuery(
                "https://proxy.twilio.com/v1/Services/KSx/Sessions?PageSize=50&Page=1&PageToken=PA%3D%3D");
        assertThat(pq).containsExactly("/v1/Services/KSx/Sessions", "PageSize=50&Page=1&PageToken=PA%3D%3D");
    }
}
