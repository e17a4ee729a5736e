package io.sessionsync.mapping;

import com.fasterxml.jackson.databind.JsonNode;
import io.sessionsync.model.AgentType;
import io.sessionsync.model.CanonicalSession;
import io.sessionsync.model.Channel;
import io.sessionsync.model.Direction;
import io.sessionsync.model.Participant;
import io.sessionsync.model.SessionStatus;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The five source mappings written by hand in plain Java: the speed limit the engine is measured
 * against. Field for field the same as mappings/*.yaml (the benchmark checks the results are equal).
 */
final class HandWrittenMappers {
    private HandWrittenMappers() {}

    static CanonicalSession sos(JsonNode r) {
        CanonicalSession.Builder b = sf(r, "SOSSession")
                .channel(Channel.VIDEO).channelDetail("SOS").direction(Direction.INBOUND).agentType(AgentType.HUMAN)
                .startedAt(instant(r, "StartTime")).endedAt(instant(r, "EndTime"))
                .durationSeconds(seconds(r, "SessionDuration")).waitSeconds(seconds(r, "WaitDuration"))
                .caseId(text(r, "CaseId")).contactId(text(r, "ContactId")).ownerId(text(r, "OwnerId"));
        sfTail(b, r);
        attr(b, "name", text(r, "Name"));
        attr(b, "deploymentId", text(r, "DeploymentId"));
        attr(b, "appVersion", text(r, "AppVersion"));
        attr(b, "sosVersion", text(r, "SosVersion"));
        attr(b, "systemInfo", text(r, "SystemInfo"));
        attr(b, "sessionRecordingUrl", text(r, "SessionRecordingUrl"));
        return b.build();
    }

    static CanonicalSession messaging(JsonNode r) {
        String channelType = text(r, "ChannelType"), status = text(r, "Status"), origin = text(r, "Origin");
        Instant start = instant(r, "StartTime"), accept = instant(r, "AcceptTime"), end = instant(r, "EndTime");
        CanonicalSession.Builder b = sf(r, "MessagingSession")
                .channelDetail(channelType).sourceStatus(status).startedAt(start).acceptedAt(accept).endedAt(end)
                .durationSeconds(between(start, end)).waitSeconds(between(start, accept))
                .contactId(text(r, "EndUserContactId")).accountId(text(r, "EndUserAccountId")).leadId(text(r, "LeadId"))
                .ownerId(text(r, "OwnerId")).caseId(text(r, "CaseId"))
                .agentMessageCount(integer(r, "AgentMessageCount")).customerMessageCount(integer(r, "EndUserMessageCount"));
        if (channelType != null) {
            b.channel(switch (channelType) {
                case "Text", "WhatsApp", "Facebook" -> Channel.MESSAGING;
                case "EmbeddedMessaging" -> Channel.CHAT;
                case "Phone", "Voice" -> Channel.VOICE;
                default -> Channel.UNKNOWN;
            });
        }
        if (status != null) {
            b.status(switch (status) {
                case "New" -> SessionStatus.NEW;
                case "Consent", "Waiting" -> SessionStatus.WAITING;
                case "Active" -> SessionStatus.ACTIVE;
                case "Paused", "Inactive" -> SessionStatus.ON_HOLD;
                case "Ended" -> SessionStatus.ENDED;
                case "Error" -> SessionStatus.FAILED;
                default -> SessionStatus.UNKNOWN;
            });
        }
        if (origin != null) {
            b.direction(switch (origin) {
                case "InboundInitiated" -> Direction.INBOUND;
                case "AgentInitiated", "TriggeredOutbound" -> Direction.OUTBOUND;
                default -> Direction.UNKNOWN;
            });
        }
        String agentType = text(r, "AgentType");
        if (agentType != null) {
            b.agentType(switch (agentType) {
                case "Agent", "BotToAgent" -> AgentType.HUMAN;
                case "Bot", "System" -> AgentType.BOT;
                default -> AgentType.UNKNOWN;
            });
        }
        sfTail(b, r);
        attr(b, "name", text(r, "Name"));
        attr(b, "sessionKey", text(r, "SessionKey"));
        attr(b, "origin", origin);
        attr(b, "channelName", text(r, "ChannelName"));
        attr(b, "messagingChannelId", text(r, "MessagingChannelId"));
        attr(b, "messagingEndUserId", text(r, "MessagingEndUserId"));
        attr(b, "conversationId", text(r, "ConversationId"));
        attr(b, "opportunityId", text(r, "OpportunityId"));
        return b.build();
    }

    static CanonicalSession engagement(JsonNode r) {
        String channel = text(r, "CommunicationChannel"), status = text(r, "Status"), type = text(r, "Type");
        Instant start = instant(r, "StartDateTime"), end = instant(r, "EndDateTime");
        CanonicalSession.Builder b = sf(r, "EngagementInteraction")
                .channelDetail(channel).sourceStatus(status).startedAt(start).endedAt(end).durationSeconds(between(start, end))
                .customerPhone(text(r, "PhoneNumber")).ownerId(text(r, "OwnerId"));
        if (channel != null) {
            b.channel(switch (channel) {
                case "Voice Call" -> Channel.VOICE;
                case "Video Call" -> Channel.VIDEO;
                case "Web Chat" -> Channel.CHAT;
                case "In Person" -> Channel.IN_PERSON;
                default -> Channel.UNKNOWN;
            });
        }
        if (status != null) {
            b.status(switch (status) {
                case "New" -> SessionStatus.NEW;
                case "In Progress" -> SessionStatus.ACTIVE;
                case "Completed" -> SessionStatus.ENDED;
                default -> SessionStatus.UNKNOWN;
            });
        }
        if (type != null) b.direction("Inbound".equals(type) ? Direction.INBOUND : "Outbound".equals(type) ? Direction.OUTBOUND : Direction.UNKNOWN);
        sfTail(b, r);
        attr(b, "externalIdentifier", text(r, "ExternalIdentifier"));
        attr(b, "reason", text(r, "Reason"));
        attr(b, "name", text(r, "Name"));
        attr(b, "initiatingAttendeeId", text(r, "InitiatingAttendeeId"));
        attr(b, "contextId", text(r, "ContextId"));
        attr(b, "sentiment", text(r, "Sentiment"));
        attr(b, "attendeeVerified", bool(r, "IsAttendeeVerified"));
        attr(b, "attendeeAuthenticated", bool(r, "IsAttendeeAuthenticated"));
        return b.build();
    }

    static CanonicalSession twilio(JsonNode r) {
        String sid = text(r, "sid"), mode = text(r, "mode"), status = text(r, "status");
        Instant updated = instant(r, "date_updated");
        Instant start = instant(r, "date_started"), end = instant(r, "date_ended");
        CanonicalSession.Builder b = CanonicalSession.builder().source("twilio-proxy").sourceObject("Session").sourceId(sid)
                .sourceUpdatedAt(updated != null ? updated : instant(r, "date_created"))
                .externalKey("twilio-proxy:" + sid).channelDetail(mode).sourceStatus(status)
                .startedAt(start).endedAt(end).durationSeconds(between(start, end))
                .closedReason(text(r, "closed_reason")).sourceCreatedAt(instant(r, "date_created"));
        if (mode != null) {
            b.channel(switch (mode) {
                case "message-only" -> Channel.MESSAGING;
                case "voice-only", "voice-and-message" -> Channel.VOICE;
                default -> Channel.UNKNOWN;
            });
        }
        if (status != null) {
            b.status(switch (status) {
                case "open" -> SessionStatus.NEW;
                case "in-progress" -> SessionStatus.ACTIVE;
                case "closed" -> SessionStatus.ENDED;
                case "failed" -> SessionStatus.FAILED;
                default -> SessionStatus.UNKNOWN;
            });
        }
        attr(b, "serviceSid", text(r, "service_sid"));
        attr(b, "accountSid", text(r, "account_sid"));
        attr(b, "uniqueName", text(r, "unique_name"));
        attr(b, "ttl", integer(r, "ttl"));
        attr(b, "dateExpiry", text(r, "date_expiry"));
        attr(b, "dateLastInteraction", text(r, "date_last_interaction"));
        return b.build();
    }

    static CanonicalSession evo(JsonNode r) {
        String id = text(r, "id"), channel = text(r, "channel"), callState = text(r, "callState"), direction = text(r, "direction");
        Instant modified = instant(r, "dateLastModified"), created = instant(r, "dateCreated"), completed = instant(r, "dateCompleted");
        String phone = text(r, "fromPhoneNumber");
        if (phone == null || phone.isEmpty()) phone = text(r, "fromAddress");
        CanonicalSession.Builder b = CanonicalSession.builder().source("evovoice").sourceObject("Session").sourceId(id)
                .sourceUpdatedAt(modified != null ? modified : created).externalKey("evovoice:" + id)
                .channelDetail(channel).sourceStatus(callState).startedAt(created).endedAt(completed)
                .durationSeconds(between(created, completed)).customerPhone(phone).customerName(text(r, "fromName"))
                .ownerId(text(r, "answeredById")).agentName(text(r, "answeredByName")).queue(text(r, "holdQueueName"))
                .outcome(text(r, "outcome")).sourceCreatedAt(created);
        if (channel != null) b.channel("Voice".equals(channel) ? Channel.VOICE : "Chat".equals(channel) ? Channel.CHAT : Channel.UNKNOWN);
        if (callState != null) {
            b.status(switch (callState) {
                case "Ringing" -> SessionStatus.WAITING;
                case "Connected", "Passive" -> SessionStatus.ACTIVE;
                case "Hold" -> SessionStatus.ON_HOLD;
                case "Disconnected" -> SessionStatus.ENDED;
                default -> SessionStatus.UNKNOWN;
            });
        }
        if (direction != null) b.direction("Incoming".equals(direction) ? Direction.INBOUND : "Outgoing".equals(direction) ? Direction.OUTBOUND : Direction.UNKNOWN);
        JsonNode members = r.get("members");
        if (members != null && members.isArray()) {
            List<Participant> ps = new ArrayList<>(members.size());
            for (JsonNode m : members) ps.add(new Participant(text(m, "identity"), text(m, "displayName"), text(m, "role")));
            b.participants(ps);
        }
        attr(b, "callSid", text(r, "callSid"));
        attr(b, "conferenceSid", text(r, "conferenceSid"));
        attr(b, "callState", callState);
        attr(b, "queueState", text(r, "queueState"));
        attr(b, "dialState", text(r, "dialState"));
        attr(b, "holdReason", text(r, "holdReason"));
        attr(b, "heldByUserId", text(r, "heldByUserId"));
        attr(b, "ringQueueId", text(r, "ringQueueId"));
        attr(b, "toAddress", text(r, "toAddress"));
        attr(b, "destination", text(r, "destination"));
        attr(b, "endpointId", text(r, "endpointId"));
        attr(b, "endpointName", text(r, "endpointName"));
        attr(b, "accountId", text(r, "accountId"));
        attr(b, "evoCustomerId", text(r, "customerId"));
        attr(b, "evoCustomerName", text(r, "customerName"));
        attr(b, "ended", bool(r, "ended"));
        attr(b, "wasMissed", bool(r, "wasMissed"));
        JsonNode log = r.get("log");
        if (log != null && log.isArray()) {
            b.attribute("logCount", log.size());
            b.attribute("log", ValueType.toPlainJava(log));
        }
        return b.build();
    }

    private static CanonicalSession.Builder sf(JsonNode r, String object) {
        String id = text(r, "Id");
        return CanonicalSession.builder().source("salesforce").sourceObject(object).sourceId(id)
                .sourceUpdatedAt(instant(r, "SystemModstamp")).externalKey("salesforce:" + id);
    }

    private static void sfTail(CanonicalSession.Builder b, JsonNode r) {
        b.sourceCreatedAt(instant(r, "CreatedDate"));
        Boolean deleted = bool(r, "IsDeleted");
        b.deleted(deleted != null && deleted);
    }

    private static void attr(CanonicalSession.Builder b, String name, Object v) {
        if (v != null) b.attribute(name, v);
    }

    private static String text(JsonNode r, String f) {
        JsonNode v = r.get(f);
        return v == null || v.isNull() ? null : v.asText();
    }

    private static Instant instant(JsonNode r, String f) {
        String t = text(r, f);
        return t == null || t.isEmpty() ? null : Instants.parse(t);
    }

    private static Long seconds(JsonNode r, String f) {
        JsonNode v = r.get(f);
        return v == null || v.isNull() ? null : v.asLong();
    }

    private static Integer integer(JsonNode r, String f) {
        JsonNode v = r.get(f);
        return v == null || v.isNull() ? null : v.asInt();
    }

    private static Boolean bool(JsonNode r, String f) {
        JsonNode v = r.get(f);
        return v == null || v.isNull() ? null : v.asBoolean();
    }

    private static Long between(Instant a, Instant b) {
        return a == null || b == null ? null : b.getEpochSecond() - a.getEpochSecond();
    }
}
