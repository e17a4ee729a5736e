package io.sessionsync.mapping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sessionsync.model.CanonicalSession;
import io.sessionsync.model.Channel;
import io.sessionsync.model.Direction;
import io.sessionsync.model.SessionStatus;
import io.sessionsync.salesforce.SalesforceDateTimes;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EngagementInteractionTargetMappingTest {
    private final TargetMapping t = Fixtures.REAL.target("salesforce", "EngagementInteraction").orElseThrow();

    @Test
    void header_names_the_upsert_key() {
        assertThat(t.key()).isEqualTo("ExternalIdentifier");
        assertThat(t.file()).endsWith("salesforce-engagement-interaction-target.yaml");
    }

    @Test
    void twilio_session_becomes_an_engagement_interaction_in_salesforce_formats() throws Exception {
        CanonicalSession s = Fixtures.source("twilio-proxy", "Session")
                .map(Fixtures.records("twilio-proxy-sessions.json", "sessions").get(0));
        Map<String, Object> out = t.map(s);
        assertThat(out).containsExactly(
                Map.entry("ExternalIdentifier", "session-sync:twilio-proxy:KC0123456789abcdef0123456789abcdef"),
                Map.entry("CommunicationChannel", "Voice Call"),
                Map.entry("StartDateTime", "2026-11-20T10:15:30.000+0000"),
                Map.entry("EndDateTime", "2026-11-20T10:25:00.000+0000"),
                Map.entry("Status", "Completed"));  // direction UNKNOWN: Type is left out; no phone, no reason
    }

    @Test
    void datetimes_are_spelled_by_the_one_salesforce_datetime_writer() throws Exception {
        Instant start = Instant.parse("2026-11-20T10:15:30.1234567Z");
        CanonicalSession s = CanonicalSession.builder().source("evovoice").sourceId("ses-2").externalKey("evovoice:ses-2")
                .channel(Channel.CHAT).status(SessionStatus.ACTIVE).startedAt(start).build();
        assertThat(t.map(s)).containsEntry("StartDateTime", SalesforceDateTimes.format(start));
    }

    @Test
    void every_mapped_field_is_written() throws Exception {
        CanonicalSession s = CanonicalSession.builder().source("evovoice").sourceId("ses-1").externalKey("evovoice:ses-1")
                .channel(Channel.CHAT).status(SessionStatus.ON_HOLD).direction(Direction.OUTBOUND)
                .startedAt(Instant.parse("2026-11-20T10:15:30.1234567Z")).customerPhone("+14155550100")
                .attribute("reason", "Billing question").build();
        assertThat(t.map(s)).containsExactly(
                Map.entry("ExternalIdentifier", "session-sync:evovoice:ses-1"),
                Map.entry("CommunicationChannel", "Web Chat"),
                Map.entry("StartDateTime", "2026-11-20T10:15:30.123+0000"),
                Map.entry("Status", "In Progress"),
                Map.entry("Type", "Outbound"),
                Map.entry("PhoneNumber", "+14155550100"),
                Map.entry("Reason", "Billing question"));
    }

    @Test
    void start_falls_back_to_the_creation_time() throws Exception {
        CanonicalSession s = Fixtures.source("twilio-proxy", "Session")
                .map(Fixtures.records("twilio-proxy-sessions.json", "sessions").get(1));
        assertThat(t.map(s)).containsEntry("StartDateTime", "2026-11-20T11:00:00.000+0000").containsEntry("Status", "New")
                .containsEntry("CommunicationChannel", "Web Chat").doesNotContainKey("EndDateTime");
    }

    @Test
    void a_channel_the_picklist_cannot_express_fails_the_record() throws Exception {
        CanonicalSession fax = Fixtures.source("evovoice", "Session").map(Fixtures.records("evovoice-sessions.json", "items").get(2));
        assertThatThrownBy(() -> t.map(fax))
                .isInstanceOfSatisfying(RecordMappingException.class, e -> assertThat(e.field()).isEqualTo("CommunicationChannel"))
                .hasMessageContaining("salesforce-engagement-interaction-target.yaml").hasMessageContaining("UNKNOWN");
    }

    @Test
    void a_session_without_any_start_fails_on_the_required_start() {
        CanonicalSession s = CanonicalSession.builder().source("evovoice").sourceId("x").externalKey("evovoice:x")
                .channel(Channel.VOICE).participants(List.of()).build();
        assertThatThrownBy(() -> t.map(s))
                .isInstanceOfSatisfying(RecordMappingException.class, e -> assertThat(e.field()).isEqualTo("StartDateTime"))
                .hasMessageContaining("required");
    }

    @Test
    void a_session_without_external_key_fails_on_the_upsert_key() {
        CanonicalSession s = CanonicalSession.builder().source("evovoice").sourceId("x").channel(Channel.VOICE)
                .startedAt(Instant.EPOCH).build();
        assertThatThrownBy(() -> t.map(s))
                .isInstanceOfSatisfying(RecordMappingException.class, e -> assertThat(e.field()).isEqualTo("ExternalIdentifier"));
    }
}
