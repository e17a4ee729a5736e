package io.sessionsync.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class EvoVoiceEventTest {

    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void should_read_our_event_shape_keyed_by_session_and_event_id() {
        var e = EvoVoiceEvent.parse(utf8("{\"sessionId\":\"s-1\",\"eventId\":\"ev-9\",\"type\":\"session.ended\"}"));
        assertThat(e).isEqualTo(new EvoVoiceEvent("s-1", InboxKey.of("s-1", "event", "ev-9"), "session.ended"));
        var again = EvoVoiceEvent.parse(utf8("{\"type\":\"session.ended\",\"eventId\":\"ev-9\",\"sessionId\":\"s-1\"}"));
        assertThat(again.eventKey()).as("the same event, fields in another order").isEqualTo(e.eventKey());
    }

    @Test
    void an_event_id_reused_for_another_session_is_another_event() {
        var a = EvoVoiceEvent.parse(utf8("{\"sessionId\":\"s-1\",\"eventId\":\"ev-9\"}"));
        var b = EvoVoiceEvent.parse(utf8("{\"sessionId\":\"s-2\",\"eventId\":\"ev-9\"}"));
        assertThat(a.eventKey()).isNotEqualTo(b.eventKey());
    }

    @Test
    void a_key_is_64_hex_digits_however_long_the_event_id() {
        var e = EvoVoiceEvent.parse(utf8("{\"sessionId\":\"s-1\",\"eventId\":\"" + "x".repeat(5000) + "\"}"));
        assertThat(e.eventKey()).hasSize(64).matches("[0-9a-f]{64}");
    }

    @Test
    void should_read_a_whole_sessioninfo_keyed_by_id_and_last_modified() {
        var e = EvoVoiceEvent.parse(utf8("{\"id\":\"s-2\",\"callState\":\"Hold\",\"dateLastModified\":\"2026-11-20T10:15:30.1234567Z\"}"));
        assertThat(e.sessionId()).isEqualTo("s-2");
        assertThat(e.eventKey()).isEqualTo(InboxKey.of("s-2", "modified", "2026-11-20T10:15:30.1234567Z"));
        assertThat(e.type()).isNull();
    }

    @Test
    void should_prefer_session_id_over_id() {
        assertThat(EvoVoiceEvent.parse(utf8("{\"sessionId\":\"s-3\",\"id\":\"other\"}")).sessionId()).isEqualTo("s-3");
    }

    @Test
    void should_key_by_body_hash_when_nothing_else_identifies_the_event() {
        var a = EvoVoiceEvent.parse(utf8("{\"sessionId\":\"s-4\"}"));
        var b = EvoVoiceEvent.parse(utf8("{\"sessionId\":\"s-4\"}"));
        var c = EvoVoiceEvent.parse(utf8("{\"sessionId\":\"s-4\",\"type\":\"x\"}"));
        assertThat(a.eventKey()).hasSize(64).isEqualTo(b.eventKey());
        assertThat(c.eventKey()).isNotEqualTo(a.eventKey());
    }

    @Test
    void should_reject_bodies_that_name_no_session() {
        assertThatThrownBy(() -> EvoVoiceEvent.parse(utf8("{\"eventId\":\"ev-1\"}")))
                .isInstanceOf(EvoVoiceEvent.InvalidEventException.class).hasMessageContaining("'sessionId'");
        assertThatThrownBy(() -> EvoVoiceEvent.parse(utf8("{\"sessionId\":\"  \"}"))).hasMessageContaining("names no session");
        assertThatThrownBy(() -> EvoVoiceEvent.parse(utf8("{\"sessionId\":42}"))).hasMessageContaining("names no session");
        assertThatThrownBy(() -> EvoVoiceEvent.parse(utf8("[1,2]"))).hasMessageContaining("JSON object");
        assertThatThrownBy(() -> EvoVoiceEvent.parse(utf8("Jane-Doe-555-0100"))).hasMessageContaining("not JSON")
                .hasMessageNotContaining("Jane");
        assertThatThrownBy(() -> EvoVoiceEvent.parse(new byte[0])).hasMessageContaining("empty");
    }
}
