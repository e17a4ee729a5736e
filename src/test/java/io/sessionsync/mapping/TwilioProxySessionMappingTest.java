package io.sessionsync.mapping;

import static io.sessionsync.mapping.Fixtures.at;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.sessionsync.model.CanonicalSession;
import io.sessionsync.model.Channel;
import io.sessionsync.model.Direction;
import io.sessionsync.model.Participant;
import io.sessionsync.model.SessionStatus;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TwilioProxySessionMappingTest {
    private final SourceMapping m = Fixtures.source("twilio-proxy", "Session");
    private final List<JsonNode> sessions = Fixtures.records("twilio-proxy-sessions.json", "sessions");

    @Test
    void closed_session_maps_every_field() throws Exception {
        CanonicalSession s = m.map(sessions.get(0));
        assertThat(s.source()).isEqualTo("twilio-proxy");
        assertThat(s.sourceObject()).isEqualTo("Session");
        assertThat(s.sourceId()).isEqualTo("KC0123456789abcdef0123456789abcdef");
        assertThat(s.sourceUpdatedAt()).isEqualTo(at("2026-11-20T10:25:01Z"));
        assertThat(s.externalKey()).isEqualTo("twilio-proxy:KC0123456789abcdef0123456789abcdef");
        assertThat(s.channel()).isEqualTo(Channel.VOICE);
        assertThat(s.channelDetail()).isEqualTo("voice-and-message");
        assertThat(s.status()).isEqualTo(SessionStatus.ENDED);
        assertThat(s.sourceStatus()).isEqualTo("closed");
        assertThat(s.direction()).isEqualTo(Direction.UNKNOWN);
        assertThat(s.startedAt()).isEqualTo(at("2026-11-20T10:15:30Z"));
        assertThat(s.endedAt()).isEqualTo(at("2026-11-20T10:25:00Z"));
        assertThat(s.durationSeconds()).isEqualTo(570L);
        assertThat(s.closedReason()).isEqualTo("ttl");
        assertThat(s.sourceCreatedAt()).isEqualTo(at("2026-11-20T10:15:00Z"));
        assertThat(s.participants()).isEmpty();
        assertThat(s.attributes()).containsExactlyInAnyOrderEntriesOf(Map.of(
                "serviceSid", "KS0123456789abcdef0123456789abcdef", "accountSid", "AC0123456789abcdef0123456789abcdef",
                "uniqueName", "order-4711", "ttl", 3600, "dateLastInteraction", "2026-11-20T10:24:10Z"));
    }

    /** The session as the source hands it over: Twilio's Session with its Participant list under "participants". */
    private JsonNode withParticipants(JsonNode session) {
        com.fasterxml.jackson.databind.node.ObjectNode enriched = session.deepCopy();
        enriched.set("participants", Fixtures.records("twilio-proxy-participants.json", "participants").stream()
                .collect(com.fasterxml.jackson.databind.node.JsonNodeFactory.instance::arrayNode,
                        com.fasterxml.jackson.databind.node.ArrayNode::add, com.fasterxml.jackson.databind.node.ArrayNode::addAll));
        return enriched;
    }

    @Test
    void participants_keep_the_real_and_the_proxy_number_apart() throws Exception {
        CanonicalSession s = m.map(withParticipants(sessions.get(0)));
        assertThat(s.participants()).containsExactly(
                new Participant("+1 (415) 555-0123", "Customer", null, "+14155559000"),
                new Participant("client:agent-ada", "Agent 7", null, "+14155559001"));
    }

    @Test
    void the_first_participant_is_the_customer_and_its_phone_is_normalised_with_the_raw_value_kept() throws Exception {
        CanonicalSession s = m.map(withParticipants(sessions.get(0)));
        assertThat(s.customer().phone()).isEqualTo("+14155550123");
        assertThat(s.attributes()).containsEntry("customerPhoneRaw", "+1 (415) 555-0123");
        assertThat(s.customerKey()).isEqualTo("+14155550123");
    }

    @Test
    void a_session_without_participants_has_no_customer_phone() throws Exception {
        CanonicalSession s = m.map(sessions.get(0));
        assertThat(s.customer().phone()).isNull();
        assertThat(s.customerKey()).isNull();
    }

    @Test
    void open_session_without_date_updated_takes_date_created_as_version() throws Exception {
        CanonicalSession s = m.map(sessions.get(1));
        assertThat(s.sourceUpdatedAt()).isEqualTo(at("2026-11-20T11:00:00Z"));
        assertThat(s.channel()).isEqualTo(Channel.MESSAGING);
        assertThat(s.status()).isEqualTo(SessionStatus.NEW);
        assertThat(s.startedAt()).isNull();
        assertThat(s.durationSeconds()).isNull();
        assertThat(s.closedReason()).isNull();
        assertThat(s.attributes()).containsEntry("ttl", 0).containsEntry("dateExpiry", "2026-11-21T10:00:00Z")
                .doesNotContainKey("uniqueName");
    }

    @Test
    void unknown_mode_takes_the_fallback_and_offsets_are_honoured() throws Exception {
        CanonicalSession s = m.map(sessions.get(2));
        assertThat(s.channel()).isEqualTo(Channel.UNKNOWN);
        assertThat(s.channelDetail()).isEqualTo("video-only");
        assertThat(s.status()).isEqualTo(SessionStatus.ACTIVE);
        assertThat(s.startedAt()).isEqualTo(at("2026-11-20T11:00:00.250Z"));
    }

    @Test
    void session_without_sid_fails_on_the_id() {
        assertThatThrownBy(() -> m.map(sessions.get(3)))
                .isInstanceOfSatisfying(RecordMappingException.class, e -> assertThat(e.field()).isEqualTo("id"))
                .hasMessageContaining("twilio-proxy-session.yaml").hasMessageContaining("sid");
    }

    @Test
    void session_without_any_date_fails_on_the_version() {
        assertThatThrownBy(() -> m.versionOf(sessions.get(4)))
                .isInstanceOfSatisfying(RecordMappingException.class, e -> assertThat(e.field()).isEqualTo("version"))
                .hasMessageContaining("date_updated").hasMessageContaining("date_created");
    }

    @Test
    void id_and_version_are_readable_on_their_own() throws Exception {
        assertThat(m.idOf(sessions.get(0))).isEqualTo("KC0123456789abcdef0123456789abcdef");
        assertThat(m.versionOf(sessions.get(1))).isEqualTo(at("2026-11-20T11:00:00Z"));
    }
}
