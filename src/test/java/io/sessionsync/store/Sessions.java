package io.sessionsync.store;

import io.sessionsync.model.AgentType;
import io.sessionsync.model.CanonicalSession;
import io.sessionsync.model.Channel;
import io.sessionsync.model.Direction;
import io.sessionsync.model.Participant;
import io.sessionsync.model.SessionStatus;
import java.time.Instant;
import java.util.List;

/** Sessions for store tests. */
final class Sessions {
    static final Instant T0 = Instant.parse("2026-11-20T10:15:30.123456Z");

    private Sessions() {}

    /** Every field set, enums away from their defaults, microsecond instants. */
    static CanonicalSession full(String id, Instant version) {
        return CanonicalSession.builder()
                .source("twilio-proxy").sourceObject("Session").sourceId(id).externalKey("twilio-proxy:" + id)
                .channel(Channel.MESSAGING).channelDetail("WhatsApp").status(SessionStatus.ENDED).sourceStatus("closed")
                .direction(Direction.OUTBOUND)
                .startedAt(T0.minusSeconds(600)).acceptedAt(T0.minusSeconds(590)).endedAt(T0.minusSeconds(10))
                .durationSeconds(580L).waitSeconds(10L)
                .contactId("003A").accountId("001A").leadId("00QA").customerName("Zoë O'Brien").customerPhone("+15551230000")
                .ownerId("005A").agentName("Ada").agentType(AgentType.BOT)
                .caseId("500A").queue("Support").outcome("Resolved").closedReason("ttl")
                .agentMessageCount(7).customerMessageCount(9)
                .participants(List.of(new Participant("+15551230000", "Zoë", "customer"), new Participant("client:ada", null, "agent")))
                .sourceCreatedAt(T0.minusSeconds(700)).sourceUpdatedAt(version).deleted(true)
                .attribute("serviceSid", "KS123").attribute("unique", "name \"quoted\"").attribute("ttl", 3600)
                .attribute("flag", true)
                .build();
    }

    /** Only what the store requires: key and version. */
    static CanonicalSession sparse(String id, Instant version) {
        return CanonicalSession.builder().source("evo-voice").sourceId(id).sourceUpdatedAt(version).build();
    }
}
