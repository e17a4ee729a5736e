package io.sessionsync.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sessionsync.store.DeadLetterFilter;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OpsParamsTest {

    @Test
    void a_full_filter_is_read_into_checked_values() {
        DeadLetterFilter f = OpsParams.filter(Map.of("source", "twilio-proxy", "status", "pending", "error", "version",
                "from", "2026-11-01T00:00:00Z", "to", "2026-11-02T00:00:00Z", "limit", "50"));
        assertThat(f).isEqualTo(new DeadLetterFilter("twilio-proxy", "pending", "version",
                Instant.parse("2026-11-01T00:00:00Z"), Instant.parse("2026-11-02T00:00:00Z"), 50));
    }

    @Test
    void an_empty_filter_matches_everything_up_to_the_default_limit() {
        assertThat(OpsParams.filter(Map.of())).isEqualTo(DeadLetterFilter.all());
    }

    @Test
    void a_bad_status_is_refused_with_the_allowed_values() {
        assertThatThrownBy(() -> OpsParams.filter(Map.of("status", "lost")))
                .isInstanceOf(BadOpsRequest.class).hasMessage("status must be one of pending, replayed, discarded, not 'lost'");
    }

    @Test
    void a_bad_time_is_refused_naming_the_parameter() {
        assertThatThrownBy(() -> OpsParams.filter(Map.of("from", "yesterday")))
                .isInstanceOf(BadOpsRequest.class).hasMessageStartingWith("from must be an ISO-8601 instant");
        assertThatThrownBy(() -> OpsParams.filter(Map.of("from", "2026-11-02T00:00:00Z", "to", "2026-11-01T00:00:00Z")))
                .isInstanceOf(BadOpsRequest.class).hasMessage("from must be before to");
    }

    @Test
    void a_huge_negative_or_non_numeric_limit_is_refused() {
        for (String bad : new String[] {"10001", "99999999999999999999", "-1", "0", "ten", "1e3"}) {
            assertThatThrownBy(() -> OpsParams.filter(Map.of("limit", bad))).as(bad)
                    .isInstanceOf(BadOpsRequest.class).hasMessageStartingWith("limit must be a number from 1 to 10000");
        }
    }

    @Test
    void an_id_must_be_a_positive_number() {
        assertThat(OpsParams.id("42")).isEqualTo(42L);
        for (String bad : new String[] {"abc", "1;DROP TABLE dead_letter", "-3", "0", "12345678901234567890", ""}) {
            assertThatThrownBy(() -> OpsParams.id(bad)).as(bad).isInstanceOf(BadOpsRequest.class);
        }
    }

    @Test
    void a_hostile_value_is_not_echoed_in_the_error() {
        String hostile = "<script>alert(1)</script>";
        assertThatThrownBy(() -> OpsParams.source(hostile, false))
                .isInstanceOf(BadOpsRequest.class).message().doesNotContain("script");
        assertThatThrownBy(() -> OpsParams.status("x".repeat(500)))
                .isInstanceOf(BadOpsRequest.class).message().doesNotContain("xxxx");
    }

    @Test
    void an_unknown_source_is_refused_with_the_valid_names() {
        assertThat(OpsParams.source("twilio-proxy", true)).isEqualTo("twilio-proxy");
        assertThatThrownBy(() -> OpsParams.filter(Map.of("source", "twilio")))
                .isInstanceOf(BadOpsRequest.class)
                .hasMessage("unknown source 'twilio'; valid sources: twilio-proxy, evovoice, salesforce");
        assertThatThrownBy(() -> OpsParams.source("evo-voice", true))
                .isInstanceOf(BadOpsRequest.class).hasMessageContaining("valid sources: twilio-proxy, evovoice, salesforce");
        assertThatThrownBy(() -> ReplaySelection.parse(Map.of("source", "sf")))
                .isInstanceOf(BadOpsRequest.class).hasMessageContaining("unknown source 'sf'");
    }

    @Test
    void the_source_names_are_the_sources_own() {
        assertThat(io.sessionsync.config.SourceNames.all()).containsExactly(
                io.sessionsync.source.twilio.TwilioProxySource.NAME, io.sessionsync.source.evovoice.EvoVoiceSource.NAME,
                io.sessionsync.source.salesforce.SalesforceSource.NAME);
    }

    @Test
    void free_text_is_limited_and_free_of_control_characters() {
        assertThatThrownBy(() -> OpsParams.text("error", "a".repeat(201))).hasMessage("error must be at most 200 characters");
        assertThatThrownBy(() -> OpsParams.text("error", "a\u0000b")).hasMessage("error must not contain control characters");
        assertThatThrownBy(() -> OpsParams.reason("  ")).hasMessageStartingWith("reason is required");
        assertThat(OpsParams.reason(" duplicate of a fixed record ")).isEqualTo("duplicate of a fixed record");
    }

    @Test
    void a_replay_needs_an_id_a_filter_or_all() {
        assertThat(ReplaySelection.parse(Map.of("id", "7"))).isEqualTo(ReplaySelection.one(7));
        assertThat(ReplaySelection.parse(Map.of("all", "true"))).isEqualTo(ReplaySelection.allPending());
        ReplaySelection bySource = ReplaySelection.parse(Map.of("source", "evovoice"));
        assertThat(bySource.filter().source()).isEqualTo("evovoice");
        assertThat(bySource.filter().status()).isEqualTo("pending");

        assertThatThrownBy(() -> ReplaySelection.parse(Map.of())).hasMessageStartingWith("say which dead letters to replay");
        assertThatThrownBy(() -> ReplaySelection.parse(Map.of("limit", "5"))).hasMessageStartingWith("say which dead letters to replay");
        assertThatThrownBy(() -> ReplaySelection.parse(Map.of("id", "7", "all", "true"))).hasMessageStartingWith("give either id");
        assertThatThrownBy(() -> ReplaySelection.parse(Map.of("source", "evovoice", "status", "discarded")))
                .hasMessage("only pending dead letters can be replayed, not discarded ones");
        assertThatThrownBy(() -> ReplaySelection.parse(Map.of("all", "yes"))).hasMessage("all must be true or false, not 'yes'");
    }

    @Test
    void the_bearer_token_is_compared_exactly_and_an_empty_one_refuses_everyone() {
        BearerToken token = new BearerToken("0123456789abcdef-token");
        assertThat(token.accepts("Bearer 0123456789abcdef-token")).isTrue();
        assertThat(token.accepts("bearer 0123456789abcdef-token")).isTrue();
        assertThat(token.accepts("Bearer 0123456789abcdef-toke")).isFalse();
        assertThat(token.accepts("Bearer 0123456789abcdef-tokenX")).isFalse();
        assertThat(token.accepts("Basic 0123456789abcdef-token")).isFalse();
        assertThat(token.accepts(null)).isFalse();
        assertThat(token.toString()).doesNotContain("0123456789abcdef");

        BearerToken off = new BearerToken("");
        assertThat(off.accepts("Bearer ")).isFalse();
        assertThat(off.accepts("Bearer")).isFalse();
    }
}
