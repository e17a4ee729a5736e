package io.sessionsync.mapping;

import static io.sessionsync.mapping.Fixtures.at;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.sessionsync.model.AgentType;
import io.sessionsync.model.CanonicalSession;
import io.sessionsync.model.Channel;
import io.sessionsync.model.Direction;
import io.sessionsync.model.SessionStatus;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SalesforceSourceMappingsTest {

    /** A fixture record with relationship fields added as the REST query returns them. */
    private static JsonNode withRelated(JsonNode record, String relationship, String type, String json) throws Exception {
        com.fasterxml.jackson.databind.node.ObjectNode r = record.deepCopy();
        com.fasterxml.jackson.databind.node.ObjectNode related = (com.fasterxml.jackson.databind.node.ObjectNode)
                new com.fasterxml.jackson.databind.ObjectMapper().readTree(json.replace('\'', '"'));
        related.putObject("attributes").put("type", type).put("url", "/services/data/v62.0/sobjects/" + type + "/x");
        r.set(relationship, related);
        return r;
    }

    @Test
    void sos_session_reads_the_contacts_phone_and_email_through_relationship_fields() throws Exception {
        SourceMapping m = Fixtures.source("salesforce", "SOSSession");
        JsonNode record = withRelated(Fixtures.records("salesforce-sos-sessions.json", "records").get(0), "Contact", "Contact",
                "{'Name':'Ada Ng','Phone':'(415) 555-0123','MobilePhone':null,'Email':'Ada.Ng@Example.com'}");

        CanonicalSession s = m.map(record);

        assertThat(s.customer().phone()).isEqualTo("+14155550123");
        assertThat(s.customer().email()).isEqualTo("Ada.Ng@Example.com");
        assertThat(s.customer().name()).isEqualTo("Ada Ng");
        assertThat(s.attributes()).containsEntry("customerPhoneRaw", "(415) 555-0123");
        assertThat(s.customerKey()).isEqualTo("+14155550123");
    }

    @Test
    void a_whatsapp_messaging_session_reads_the_end_users_platform_key_and_a_web_chat_the_contacts_phone() throws Exception {
        SourceMapping m = Fixtures.source("salesforce", "MessagingSession");
        com.fasterxml.jackson.databind.node.ObjectNode record = (com.fasterxml.jackson.databind.node.ObjectNode)
                withRelated(withRelated(Fixtures.records("salesforce-messaging-sessions.json", "records").get(0),
                        "MessagingEndUser", "MessagingEndUser", "{'MessagingPlatformKey':'whatsapp:+447700900123'}"),
                        "EndUserContact", "Contact", "{'Name':'Ben Okafor','Phone':'(415) 555-0124','MobilePhone':null,'Email':null}");

        record.put("ChannelType", "WhatsApp");
        CanonicalSession whatsapp = m.map(record);
        assertThat(whatsapp.customer().phone()).isEqualTo("+447700900123");
        assertThat(whatsapp.attributes()).containsEntry("messagingPlatformKey", "whatsapp:+447700900123");

        record.put("ChannelType", "EmbeddedMessaging");
        ((com.fasterxml.jackson.databind.node.ObjectNode) record.get("MessagingEndUser")).put("MessagingPlatformKey", "v2/iframe/0000002a");
        CanonicalSession chat = m.map(record);
        assertThat(chat.customer().phone()).isEqualTo("+14155550124");
        assertThat(chat.customerKey()).isEqualTo("+14155550124");
    }

    @Test
    void sos_session_maps_every_field() throws Exception {
        SourceMapping m = Fixtures.source("salesforce", "SOSSession");
        CanonicalSession s = m.map(Fixtures.records("salesforce-sos-sessions.json", "records").get(0));
        assertThat(s.source()).isEqualTo("salesforce");
        assertThat(s.sourceObject()).isEqualTo("SOSSession");
        assertThat(s.sourceId()).isEqualTo("0RxHs000001AbCdKAK");
        assertThat(s.sourceUpdatedAt()).isEqualTo(at("2026-11-20T10:28:01Z"));
        assertThat(s.externalKey()).isEqualTo("salesforce:0RxHs000001AbCdKAK");
        assertThat(s.channel()).isEqualTo(Channel.VIDEO);
        assertThat(s.channelDetail()).isEqualTo("SOS");
        assertThat(s.direction()).isEqualTo(Direction.INBOUND);
        assertThat(s.status()).isEqualTo(SessionStatus.UNKNOWN);
        assertThat(s.startedAt()).isEqualTo(at("2026-11-20T10:15:30Z"));
        assertThat(s.endedAt()).isEqualTo(at("2026-11-20T10:27:45Z"));
        assertThat(s.durationSeconds()).isEqualTo(735L);
        assertThat(s.waitSeconds()).isEqualTo(42L);
        assertThat(s.caseId()).isEqualTo("500Hs00001XyZabIAF");
        assertThat(s.customer().contactId()).isEqualTo("003Hs00002QrStuIAB");
        assertThat(s.agent().ownerId()).isEqualTo("005Hs00000AbCdEIAV");
        assertThat(s.agent().type()).isEqualTo(AgentType.HUMAN);
        assertThat(s.sourceCreatedAt()).isEqualTo(at("2026-11-20T10:15:00Z"));
        assertThat(s.deleted()).isFalse();
        assertThat(s.attributes()).containsExactlyInAnyOrderEntriesOf(Map.of(
                "name", "SOS-000042", "deploymentId", "0NWHs0000004C2tOAE", "appVersion", "5.2.1",
                "sosVersion", "3.1", "systemInfo", "iOS 18.1", "sessionRecordingUrl", "https://recordings.example.com/sos/42"));
    }

    @Test
    void sos_session_with_nulls_keeps_them_empty_and_reads_offsets_and_deletion() throws Exception {
        SourceMapping m = Fixtures.source("salesforce", "SOSSession");
        CanonicalSession s = m.map(Fixtures.records("salesforce-sos-sessions.json", "records").get(1));
        assertThat(s.startedAt()).isEqualTo(at("2026-11-21T07:00:00Z"));  // +0100
        assertThat(s.endedAt()).isNull();
        assertThat(s.durationSeconds()).isNull();
        assertThat(s.waitSeconds()).isNull();
        assertThat(s.caseId()).isNull();
        assertThat(s.customer().contactId()).isNull();
        assertThat(s.deleted()).isTrue();
        assertThat(s.attributes()).doesNotContainKeys("appVersion", "systemInfo").containsEntry("sosVersion", "3.1");
    }

    @Test
    void sos_session_with_an_unreadable_date_fails_naming_file_and_field_not_the_value() {
        SourceMapping m = Fixtures.source("salesforce", "SOSSession");
        JsonNode bad = Fixtures.records("salesforce-sos-sessions.json", "records").get(2);
        assertThatThrownBy(() -> m.map(bad))
                .isInstanceOfSatisfying(RecordMappingException.class, e -> assertThat(e.field()).isEqualTo("startedAt"))
                .hasMessageContaining("salesforce-sos-session.yaml")
                .hasMessageContaining("StartTime")
                .hasMessageNotContaining("21/11/2026");
    }

    @Test
    void sos_session_reads_only_the_fields_it_maps() {
        assertThat(Fixtures.source("salesforce", "SOSSession").readFields()).containsExactlyInAnyOrder(
                "Id", "SystemModstamp", "StartTime", "EndTime", "SessionDuration", "WaitDuration", "CaseId", "ContactId",
                "OwnerId", "CreatedDate", "IsDeleted", "Name", "DeploymentId", "AppVersion", "SosVersion", "SystemInfo",
                "SessionRecordingUrl", "Contact.MobilePhone", "Contact.Phone", "Contact.Email", "Contact.Name");
    }

    @Test
    void messaging_session_maps_every_field() throws Exception {
        SourceMapping m = Fixtures.source("salesforce", "MessagingSession");
        CanonicalSession s = m.map(Fixtures.records("salesforce-messaging-sessions.json", "records").get(0));
        assertThat(s.sourceId()).isEqualTo("0MwHs000000k9AaKAI");
        assertThat(s.sourceUpdatedAt()).isEqualTo(at("2026-11-20T10:30:02Z"));
        assertThat(s.externalKey()).isEqualTo("salesforce:0MwHs000000k9AaKAI");
        assertThat(s.channel()).isEqualTo(Channel.MESSAGING);
        assertThat(s.channelDetail()).isEqualTo("Text");
        assertThat(s.status()).isEqualTo(SessionStatus.ENDED);
        assertThat(s.sourceStatus()).isEqualTo("Ended");
        assertThat(s.direction()).isEqualTo(Direction.INBOUND);
        assertThat(s.startedAt()).isEqualTo(at("2026-11-20T10:15:30Z"));
        assertThat(s.acceptedAt()).isEqualTo(at("2026-11-20T10:16:10Z"));
        assertThat(s.endedAt()).isEqualTo(at("2026-11-20T10:30:00Z"));
        assertThat(s.durationSeconds()).isEqualTo(870L);
        assertThat(s.waitSeconds()).isEqualTo(40L);
        assertThat(s.customer().contactId()).isEqualTo("003Hs00002QrStuIAB");
        assertThat(s.customer().accountId()).isEqualTo("001Hs00003AbCdEIAV");
        assertThat(s.customer().leadId()).isNull();
        assertThat(s.agent().ownerId()).isEqualTo("005Hs00000AbCdEIAV");
        assertThat(s.agent().type()).isEqualTo(AgentType.HUMAN);
        assertThat(s.caseId()).isEqualTo("500Hs00001XyZabIAF");
        assertThat(s.agentMessageCount()).isEqualTo(7);
        assertThat(s.customerMessageCount()).isEqualTo(9);
        assertThat(s.sourceCreatedAt()).isEqualTo(at("2026-11-20T10:15:30Z"));
        assertThat(s.deleted()).isFalse();
        assertThat(s.attributes()).containsExactlyInAnyOrderEntriesOf(Map.of(
                "name", "MS-0000001234", "sessionKey", "f0c3a1e2-5b6d-4c7e-8f90-1a2b3c4d5e6f", "origin", "InboundInitiated",
                "channelName", "Support SMS", "messagingChannelId", "0MjHs0000000AbcKAE",
                "messagingEndUserId", "0PAHs0000001DefGAE", "conversationId", "0dwHs0000001xYzIAI"));
        assertThat(s.attributes().values()).doesNotContain("Hi, my parcel has not arrived");
    }

    @Test
    void messaging_session_with_unknown_picklist_values_takes_the_fallbacks() throws Exception {
        SourceMapping m = Fixtures.source("salesforce", "MessagingSession");
        CanonicalSession s = m.map(Fixtures.records("salesforce-messaging-sessions.json", "records").get(1));
        assertThat(s.channel()).isEqualTo(Channel.UNKNOWN);         // Instagram is not in the map
        assertThat(s.channelDetail()).isEqualTo("Instagram");
        assertThat(s.status()).isEqualTo(SessionStatus.UNKNOWN);    // Snoozed is not in the map
        assertThat(s.sourceStatus()).isEqualTo("Snoozed");
        assertThat(s.direction()).isEqualTo(Direction.OUTBOUND);
        assertThat(s.agent().type()).isEqualTo(AgentType.BOT);
        assertThat(s.customer().leadId()).isEqualTo("00QHs00000LeAdXYZ1");
        assertThat(s.acceptedAt()).isNull();
        assertThat(s.waitSeconds()).isNull();
        assertThat(s.agentMessageCount()).isNull();
        assertThat(s.customerMessageCount()).isEqualTo(1);
    }

    @Test
    void messaging_session_with_a_non_numeric_count_fails_on_that_field() {
        SourceMapping m = Fixtures.source("salesforce", "MessagingSession");
        JsonNode bad = Fixtures.records("salesforce-messaging-sessions.json", "records").get(2);
        assertThatThrownBy(() -> m.map(bad))
                .isInstanceOfSatisfying(RecordMappingException.class, e -> assertThat(e.field()).isEqualTo("agentMessageCount"))
                .hasMessageContaining("salesforce-messaging-session.yaml")
                .hasMessageNotContaining("many");
    }

    @Test
    void engagement_interaction_maps_every_field() throws Exception {
        SourceMapping m = Fixtures.source("salesforce", "EngagementInteraction");
        List<JsonNode> records = Fixtures.records("salesforce-engagement-interactions.json", "records");
        CanonicalSession s = m.map(records.get(0));
        assertThat(s.sourceId()).isEqualTo("0eIHs0000000AbcKAE");
        assertThat(s.sourceUpdatedAt()).isEqualTo(at("2026-11-20T10:20:35Z"));
        assertThat(s.externalKey()).isEqualTo("salesforce:0eIHs0000000AbcKAE");
        assertThat(s.channel()).isEqualTo(Channel.VOICE);
        assertThat(s.channelDetail()).isEqualTo("Voice Call");
        assertThat(s.status()).isEqualTo(SessionStatus.ENDED);
        assertThat(s.sourceStatus()).isEqualTo("Completed");
        assertThat(s.direction()).isEqualTo(Direction.INBOUND);
        assertThat(s.startedAt()).isEqualTo(at("2026-11-20T10:15:30Z"));
        assertThat(s.endedAt()).isEqualTo(at("2026-11-20T10:20:30Z"));
        assertThat(s.durationSeconds()).isEqualTo(300L);
        assertThat(s.customer().phone()).isEqualTo("+14155550100");
        assertThat(s.agent().ownerId()).isEqualTo("005Hs00000AbCdEIAV");
        assertThat(s.sourceCreatedAt()).isEqualTo(at("2026-11-20T10:15:31Z"));
        assertThat(s.deleted()).isFalse();
        assertThat(s.attributes()).containsExactlyInAnyOrderEntriesOf(Map.of(
                "reason", "Billing question", "name", "EI-0000007", "initiatingAttendeeId", "003Hs00002QrStuIAB",
                "sentiment", "Neutral", "attendeeVerified", false, "attendeeAuthenticated", true,
                "customerPhoneRaw", "+14155550100"));

        CanonicalSession ours = m.map(records.get(1));
        assertThat(ours.channel()).isEqualTo(Channel.UNKNOWN);
        assertThat(ours.status()).isEqualTo(SessionStatus.ACTIVE);
        assertThat(ours.direction()).isEqualTo(Direction.UNKNOWN);
        assertThat(ours.endedAt()).isNull();
        assertThat(ours.durationSeconds()).isNull();
        assertThat(ours.attributes()).containsEntry("externalIdentifier", "session-sync:twilio-proxy:KC0123456789abcdef0123456789abcdef");
    }
}
