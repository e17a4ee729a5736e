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

class EvoVoiceSessionMappingTest {
    private final SourceMapping m = Fixtures.source("evovoice", "Session");
    private final List<JsonNode> items = Fixtures.records("evovoice-sessions.json", "items");

    @Test
    void live_call_maps_every_field_with_members_and_log() throws Exception {
        CanonicalSession s = m.map(items.get(0));
        assertThat(s.source()).isEqualTo("evovoice");
        assertThat(s.sourceObject()).isEqualTo("Session");
        assertThat(s.sourceId()).isEqualTo("ses-20261120-0001");
        assertThat(s.sourceUpdatedAt()).isEqualTo(at("2026-11-20T10:15:41.500Z"));  // no zone: UTC
        assertThat(s.externalKey()).isEqualTo("evovoice:ses-20261120-0001");
        assertThat(s.channel()).isEqualTo(Channel.VOICE);
        assertThat(s.channelDetail()).isEqualTo("Voice");
        assertThat(s.status()).isEqualTo(SessionStatus.ACTIVE);
        assertThat(s.sourceStatus()).isEqualTo("Connected");
        assertThat(s.direction()).isEqualTo(Direction.INBOUND);
        assertThat(s.startedAt()).isEqualTo(at("2026-11-20T10:15:30.1234567Z"));
        assertThat(s.endedAt()).isNull();
        assertThat(s.durationSeconds()).isNull();
        assertThat(s.customer().phone()).isEqualTo("+14155550100");  // fromPhoneNumber is null: fromAddress
        assertThat(s.customer().name()).isEqualTo("Jane Caller");
        assertThat(s.agent().ownerId()).isEqualTo("ep-sam");
        assertThat(s.agent().name()).isEqualTo("Sam Agent");
        assertThat(s.queue()).isEqualTo("Support");
        assertThat(s.outcome()).isNull();
        assertThat(s.sourceCreatedAt()).isEqualTo(at("2026-11-20T10:15:30.1234567Z"));
        assertThat(s.participants()).containsExactly(
                new Participant("client:caller", "Jane Caller", "Caller"),
                new Participant("client:sam", "Sam Agent", "Agent"));
        assertThat(s.attributes()).containsAllEntriesOf(Map.of(
                "callSid", "CA0123456789abcdef0123456789abcdef", "conferenceSid", "CF0123456789abcdef0123456789abcdef",
                "callState", "Connected", "queueState", "Connected", "dialState", "None", "holdReason", "None",
                "toAddress", "+14155550199", "endpointId", "ep-main-line", "evoCustomerName", "Acme West", "logCount", 2));
        assertThat(s.attributes()).containsEntry("ended", false).containsEntry("wasMissed", false)
                .doesNotContainKeys("heldByUserId", "ringQueueId");
        assertThat(s.attributes().get("log")).isEqualTo(List.of(
                Map.of("date", "2026-11-20T10:15:30.1234567Z", "message", "Call started"),
                Map.of("date", "2026-11-20T10:15:41.0000000Z", "message", "Answered by Sam Agent")));
    }

    @Test
    void ended_outgoing_chat_reads_wcf_dates_and_takes_no_phone_from_our_own_side() throws Exception {
        CanonicalSession s = m.map(items.get(1));
        assertThat(s.channel()).isEqualTo(Channel.CHAT);
        assertThat(s.status()).isEqualTo(SessionStatus.ENDED);
        assertThat(s.direction()).isEqualTo(Direction.OUTBOUND);
        assertThat(s.startedAt()).isEqualTo(at("2026-11-20T10:50:00Z"));   // /Date(ms)/
        assertThat(s.endedAt()).isEqualTo(at("2026-11-20T11:00:00Z"));     // /Date(ms-0000)/
        assertThat(s.sourceUpdatedAt()).isEqualTo(at("2026-11-20T11:00:00Z"));
        assertThat(s.durationSeconds()).isEqualTo(600L);
        // Outgoing: the customer is at the to-number, which this chat lacks; fromPhoneNumber is our side.
        assertThat(s.customer().phone()).isNull();
        assertThat(s.attributes()).doesNotContainKey("customerPhoneRaw");
        assertThat(s.outcome()).isEqualTo("Resolved");
        assertThat(s.participants()).isEmpty();
        assertThat(s.attributes()).containsEntry("logCount", 0).containsEntry("log", List.of()).containsEntry("ended", true);
    }

    @Test
    void an_outgoing_call_takes_the_customer_phone_from_the_number_dialled_normalised_to_e164() throws Exception {
        CanonicalSession s = m.map(items.get(4));
        assertThat(s.direction()).isEqualTo(Direction.OUTBOUND);
        assertThat(s.customer().phone()).isEqualTo("+14155550142");           // toAddress, not fromAddress (+14155550199)
        assertThat(s.attributes()).containsEntry("customerPhoneRaw", "(415) 555-0142");
        assertThat(s.customerKey()).isEqualTo("+14155550142");
    }

    @Test
    void an_incoming_call_takes_the_customer_phone_from_the_caller() throws Exception {
        CanonicalSession s = m.map(items.get(0));
        assertThat(s.direction()).isEqualTo(Direction.INBOUND);
        assertThat(s.customer().phone()).isEqualTo("+14155550100");
        assertThat(s.attributes()).containsEntry("customerPhoneRaw", "+14155550100");
    }

    @Test
    void unknown_enum_values_take_the_fallbacks_and_fax_keeps_its_detail() throws Exception {
        CanonicalSession s = m.map(items.get(2));
        assertThat(s.channel()).isEqualTo(Channel.UNKNOWN);
        assertThat(s.channelDetail()).isEqualTo("Fax");
        assertThat(s.status()).isEqualTo(SessionStatus.UNKNOWN);
        assertThat(s.sourceStatus()).isEqualTo("Parked");
        assertThat(s.direction()).isEqualTo(Direction.UNKNOWN);
        assertThat(s.participants()).isEmpty();  // members: null
        assertThat(s.attributes()).doesNotContainKeys("logCount", "log");
    }

    @Test
    void session_without_dates_fails_on_the_version() {
        assertThatThrownBy(() -> m.map(items.get(3)))
                .isInstanceOfSatisfying(RecordMappingException.class, e -> assertThat(e.field()).isEqualTo("version"))
                .hasMessageContaining("evovoice-session.yaml").hasMessageContaining("dateLastModified");
    }
}
