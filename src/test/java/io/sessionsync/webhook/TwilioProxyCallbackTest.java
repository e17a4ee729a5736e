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
        TwilioProxyCallback cb = TwilioProxyCallback.parse(form());
        assertThat(cb.sessionSid()).isEqualTo(SESSION);
        assertThat(cb.fetchId()).isEqualTo(SERVICE + "/" + SESSION);
        assertThat(cb.interactionType()).isEqualTo("message");
    }

    @Test
    void without_a_service_the_fetch_id_is_the_bare_session_sid() {
        Map<String, List<String>> f = form();
        f.remove("interactionServiceSid");
        assertThat(TwilioProxyCallback.parse(f).fetchId()).isEqualTo(SESSION);
    }

    @Test
    void reads_the_fields_of_a_json_body_like_form_parameters() {
        String body = "{\"interactionSessionSid\":\"" + SESSION + "\",\"interactionServiceSid\":\"" + SERVICE
                + "\",\"interactionSid\":\"" + INTERACTION + "\",\"interactionData\":{\"body\":\"hi\"},\"outboundResourceStatus\":null}";
        TwilioProxyCallback cb = TwilioProxyCallback.parse(JsonFields.of(body));
        assertThat(cb.fetchId()).isEqualTo(SERVICE + "/" + SESSION);
        assertThat(cb.interactionSid()).isEqualTo(INTERACTION);
        assertThat(cb.outboundStatus()).isNull();
    }

    @Test
    void a_json_body_that_is_not_an_object_is_rejected_without_quoting_it() {
        assertThatThrownBy(() -> JsonFields.of("[\"secret-ish\"]")).isInstanceOf(TwilioProxyCallback.Rejected.class)
                .hasMessageContaining("must be an object").hasMessageNotContaining("secret-ish");
        assertThatThrownBy(() -> JsonFields.of("{oops")).isInstanceOf(TwilioProxyCallback.Rejected.class)
                .hasMessageContaining("does not parse");
    }

    @Test
    void rejects_a_form_without_a_session_sid() {
        Map<String, List<String>> f = form();
        f.remove("interactionSessionSid");
        assertThatThrownBy(() -> TwilioProxyCallback.parse(f))
                .isInstanceOf(TwilioProxyCallback.Rejected.class)
                .hasMessageContaining("interactionSessionSid is missing");
    }

    @Test
    void rejects_a_malformed_session_sid_naming_the_field() {
        Map<String, List<String>> f = form();
        f.put("interactionSessionSid", List.of("KC123"));
        assertThatThrownBy(() -> TwilioProxyCallback.parse(f))
                .isInstanceOf(TwilioProxyCallback.Rejected.class)
                .hasMessageContaining("interactionSessionSid 'KC123' is not a session SID");
        f.put("interactionSessionSid", List.of("KI" + "b".repeat(32)));
        assertThatThrownBy(() -> TwilioProxyCallback.parse(f)).isInstanceOf(TwilioProxyCallback.Rejected.class);
    }

    @Test
    void rejects_a_malformed_service_sid() {
        Map<String, List<String>> f = form();
        f.put("interactionServiceSid", List.of("KS-nope"));
        assertThatThrownBy(() -> TwilioProxyCallback.parse(f))
                .hasMessageContaining("interactionServiceSid 'KS-nope'");
    }
}
