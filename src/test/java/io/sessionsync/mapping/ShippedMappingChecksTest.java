package io.sessionsync.mapping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import org.junit.jupiter.api.Test;

/**
 * The checks the shipped mappings state, on records shaped like the ones the Salesforce simulator
 * breaks on purpose (io.sessionsync.sandbox.SimulatedSalesforceData) and like their real APIs.
 */
class ShippedMappingChecksTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static ObjectNode json(String text) throws IOException {
        return (ObjectNode) JSON.readTree(text);
    }

    private static void failsCheck(SourceMapping m, JsonNode record, String field, String... checks) {
        assertThatThrownBy(() -> m.map(record)).isInstanceOfSatisfying(RecordMappingException.class, e -> {
            assertThat(e.field()).isEqualTo(field);
            assertThat(e.getMessage()).contains(m.file().substring(m.file().lastIndexOf('/') + 1));
            for (String c : checks) assertThat(e.getMessage()).contains("check '" + c + "' failed");
        });
    }

    /** SOSSession i % 25 == 24 of the simulator: ends 120 s before it starts, SessionDuration -120. */
    private static ObjectNode brokenSos() throws IOException {
        return json("""
                {"attributes":{"type":"SOSSession"},"Id":"0NS5g0000000025AAA","Name":"SOS-000025",
                 "OwnerId":"0055g00000SimUsAAA","CreatedDate":"2026-11-20T08:24:00.000+0000",
                 "SystemModstamp":"2026-11-20T08:24:00.000+0000","IsDeleted":false,"AppVersion":"3.4",
                 "ContactId":"0035g00000Ct0024AAA","DeploymentId":"0NW5g000000SimAAA",
                 "StartTime":"2026-11-20T07:24:00.000+0000","WaitDuration":29,
                 "EndTime":"2026-11-20T07:22:00.000+0000","SessionDuration":-120,"SosVersion":"1.0"}""");
    }

    @Test
    void sos_session_ending_before_it_starts_with_a_negative_duration_fails_both_checks() throws Exception {
        failsCheck(Fixtures.source("salesforce", "SOSSession"), brokenSos(), "endedAt",
                "endedAt: not-before startedAt", "durationSeconds: not-negative");
    }

    @Test
    void sos_session_with_a_negative_duration_alone_fails_the_duration_check() throws Exception {
        ObjectNode r = brokenSos().put("EndTime", "2026-11-20T07:30:00.000+0000");
        failsCheck(Fixtures.source("salesforce", "SOSSession"), r, "durationSeconds", "durationSeconds: not-negative");
        ObjectNode sound = r.put("SessionDuration", 360);
        assertThat(Fixtures.source("salesforce", "SOSSession").map(sound).durationSeconds()).isEqualTo(360L);
    }

    /** MessagingSession i % 40 == 19 of the simulator: no StartTime. */
    private static ObjectNode messagingSession() throws IOException {
        return json("""
                {"attributes":{"type":"MessagingSession"},"Id":"0Mw5g0000000020AAA","Name":"MES-000020",
                 "OwnerId":"0055g00000SimUsAAA","CreatedDate":"2026-11-20T08:19:20.000+0000",
                 "SystemModstamp":"2026-11-20T08:19:20.000+0000","IsDeleted":false,"Status":"Active",
                 "AgentType":"System","ChannelType":"System","Origin":"InboundInitiated",
                 "StartTime":"2026-11-20T07:49:00.000+0000","AcceptTime":"2026-11-20T07:49:15.000+0000",
                 "EndTime":null,"AgentMessageCount":5,"EndUserMessageCount":2}""");
    }

    @Test
    void messaging_session_without_a_start_fails_the_required_check() throws Exception {
        SourceMapping m = Fixtures.source("salesforce", "MessagingSession");
        assertThat(m.map(messagingSession()).startedAt()).isNotNull();
        ObjectNode r = messagingSession().putNull("StartTime");
        failsCheck(m, r, "startedAt", "startedAt: required");
        r.remove("StartTime");
        failsCheck(m, r, "startedAt", "startedAt: required");
    }

    @Test
    void messaging_session_ending_or_accepted_before_its_start_fails() throws Exception {
        SourceMapping m = Fixtures.source("salesforce", "MessagingSession");
        failsCheck(m, messagingSession().put("EndTime", "2026-11-20T07:40:00.000+0000"), "endedAt", "endedAt: not-before startedAt");
        failsCheck(m, messagingSession().put("AcceptTime", "2026-11-20T07:48:00.000+0000"), "acceptedAt", "acceptedAt: not-before startedAt");
    }

    @Test
    void engagement_interaction_ending_before_it_starts_fails() throws Exception {
        JsonNode good = Fixtures.records("salesforce-engagement-interactions.json", "records").get(0);
        ObjectNode bad = ((ObjectNode) good.deepCopy()).put("EndDateTime", "2026-11-20T10:00:00.000+0000");
        failsCheck(Fixtures.source("salesforce", "EngagementInteraction"), bad, "endedAt", "endedAt: not-before startedAt");
    }

    @Test
    void twilio_session_ending_before_it_starts_fails_and_one_not_yet_started_passes() throws Exception {
        SourceMapping m = Fixtures.source("twilio-proxy", "Session");
        JsonNode good = Fixtures.records("twilio-proxy-sessions.json", "sessions").get(0);
        failsCheck(m, ((ObjectNode) good.deepCopy()).put("date_ended", "2026-11-20T10:00:00Z"), "endedAt", "endedAt: not-before startedAt");
        assertThat(m.map(Fixtures.records("twilio-proxy-sessions.json", "sessions").get(1)).startedAt()).isNull();
    }

    @Test
    void evo_voice_session_completed_before_it_was_created_fails() throws Exception {
        JsonNode good = Fixtures.records("evovoice-sessions.json", "items").get(1);
        ObjectNode bad = ((ObjectNode) good.deepCopy()).put("dateCompleted", "/Date(1795171000000)/");
        failsCheck(Fixtures.source("evovoice", "Session"), bad, "endedAt", "endedAt: not-before startedAt", "durationSeconds: not-negative");
    }
}
