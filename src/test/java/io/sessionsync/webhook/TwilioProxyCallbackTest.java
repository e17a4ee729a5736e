package io.sessionsync.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TwilioProxyCallbackTest {
    static final String SESSION = "KC" + "0123456789abcdef".repeat(2);
    static final String SERVICE = "KS" + "a".repeat(32);
    static final String INTERACTION = "KI" + "b".repeat(32);

    static Map<String, List<String>> form() {
        Map<String, List<String>> f = new LinkedHashMap<>();
        f.put("interactionSessionSid", List.of(SESSION));
        f.put("interactionServiceSid", List.of(SERVICE));
        f.put("interactionSid", List.of(INTERACTION));
        f.put("interactionType", List.of("message"));
        f.put("inboundResourceStatus", List.of("delivered"));
        f.put("outboundResourceStatus", List.of("sent"));
        f.put("interactionData", List.of("{\"body\":\"hi\"}"));
        return f;
    }

    @Test
    void names_the_session_to_fetch_qualified_by_its_service() {
        TwilioProxyCallback cb = TwilioProxyCallback.parse(form(), null);
        assertThat(cb.sessionSid()).isEqualTo(SESSION);
        assertThat(cb.fetchId()).isEqualTo(SERVICE + "/" + SESSION);
        assertThat(cb.interactionType()).isEqualTo("message");
    }

    @Test
    void without_a_service_the_fetch_id_is_the_bare_session_sid() {
        Map<String, List<String>> f = form();
        f.remove("interactionServiceSid");
        assertThat(TwilioProxyCallback.parse(f, null).fetchId()).isEqualTo(SESSION);
    }

    @Test
    void prefers_twilios_idempotency_token_as_the_event_key() {
        assertThat(TwilioProxyCallback.parse(form(), "tok-123").eventKey()).isEqualTo("twilio-token:tok-123");
    }

    @Test
    void without_a_token_the_key_is_the_interaction_and_its_statuses() {
        TwilioProxyCallback delivered = TwilioProxyCallback.parse(form(), null);
        Map<String, List<String>> later = form();
        later.put("outboundResourceStatus", List.of("delivered"));

        assertThat(delivered.eventKey()).isEqualTo(INTERACTION + ":delivered:sent");
        assertThat(TwilioProxyCallback.parse(later, " ").eventKey()).isNotEqualTo(delivered.eventKey());
        assertThat(TwilioProxyCallback.parse(form(), null).eventKey()).isEqualTo(delivered.eventKey());
    }

    @Test
    void rejects_a_form_without_a_session_sid() {
        Map<String, List<String>> f = form();
        f.remove("interactionSessionSid");
        assertThatThrownBy(() -> TwilioProxyCallback.parse(f, null))
                .isInstanceOf(TwilioProxyCallback.Rejected.class)
                .hasMessageContaining("interactionSessionSid is missing");
    }

    @Test
    void rejects_a_malformed_session_sid_naming_the_field() {
        Map<String, List<String>> f = form();
        f.put("interactionSessionSid", List.of("KC123"));
        assertThatThrownBy(() -> TwilioProxyCallback.parse(f, null))
                .isInstanceOf(TwilioProxyCallback.Rejected.class)
                .hasMessageContaining("interactionSessionSid 'KC123' is not a session SID");
        f.put("interactionSessionSid", List.of("KI" + "b".repeat(32)));
        assertThatThrownBy(() -> TwilioProxyCallback.parse(f, null)).isInstanceOf(TwilioProxyCallback.Rejected.class);
    }

    @Test
    void rejects_a_malformed_service_sid() {
        Map<String, List<String>> f = form();
        f.put("interactionServiceSid", List.of("KS-nope"));
        assertThatThrownBy(() -> TwilioProxyCallback.parse(f, null))
                .hasMessageContaining("interactionServiceSid 'KS-nope'");
    }
}
