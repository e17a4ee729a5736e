package io.sessionsync.model;

import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * The one shape every source's session is mapped into. Immutable; build one with {@link #builder()}.
 * The key is ({@code source}, {@code sourceId}); {@code sourceUpdatedAt} is the version that keeps
 * upserts monotonic.
 */
public record CanonicalSession(
        String source,
        String sourceObject,
        String sourceId,
        String externalKey,
        Channel channel,
        String channelDetail,
        SessionStatus status,
        String sourceStatus,
        Direction direction,
        Instant startedAt,
        Instant acceptedAt,
        Instant endedAt,
        Long durationSeconds,
        Long waitSeconds,
        Customer customer,
        Agent agent,
        String caseId,
        String queue,
        String outcome,
        String closedReason,
        Integer agentMessageCount,
        Integer customerMessageCount,
        List<Participant> participants,
        Instant sourceCreatedAt,
        Instant sourceUpdatedAt,
        boolean deleted,
        Map<String, Object> attributes) {

    /** The customer side of a session. */
    public record Customer(String contactId, String accountId, String leadId, String name, String phone, String email) {
        static final Customer EMPTY = new Customer(null, null, null, null, null, null);
    }

    /** The agent side of a session. */
    public record Agent(String ownerId, String name, AgentType type) {
        static final Agent EMPTY = new Agent(null, null, null);
    }

    public CanonicalSession {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(sourceId, "sourceId");
        channel = channel == null ? Channel.UNKNOWN : channel;
        status = status == null ? SessionStatus.UNKNOWN : status;
        direction = direction == null ? Direction.UNKNOWN : direction;
        customer = customer == null ? Customer.EMPTY : customer;
        agent = agent == null ? Agent.EMPTY : agent;
        participants = participants == null ? List.of() : List.copyOf(participants);
        // Sorted by name, as the store writes them (its JSON orders map entries by key): a sorted map is
        // written as it is, any other one was first copied into a TreeMap, once per session stored.
        attributes = attributes == null ? Collections.emptySortedMap() : Collections.unmodifiableSortedMap(new TreeMap<>(attributes));
    }

    /**
     * The key that finds this customer in every source: see {@link CustomerKey}. Derived, never mapped,
     * so that every source's sessions are keyed by one rule.
     */
    public String customerKey() {
        return CustomerKey.of(source, customer);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A builder with every field of this session, to change a few. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.source = source; b.sourceObject = sourceObject; b.sourceId = sourceId; b.externalKey = externalKey;
        b.channel = channel; b.channelDetail = channelDetail; b.status = status; b.sourceStatus = sourceStatus;
        b.direction = direction; b.startedAt = startedAt; b.acceptedAt = acceptedAt; b.endedAt = endedAt;
        b.durationSeconds = durationSeconds; b.waitSeconds = waitSeconds;
        b.contactId = customer.contactId(); b.accountId = customer.accountId(); b.leadId = customer.leadId();
        b.customerName = customer.name(); b.customerPhone = customer.phone(); b.customerEmail = customer.email();
        b.ownerId = agent.ownerId(); b.agentName = agent.name(); b.agentType = agent.type();
        b.caseId = caseId; b.queue = queue; b.outcome = outcome; b.closedReason = closedReason;
        b.agentMessageCount = agentMessageCount; b.customerMessageCount = customerMessageCount;
        b.participants = participants; b.sourceCreatedAt = sourceCreatedAt; b.sourceUpdatedAt = sourceUpdatedAt;
        b.deleted = deleted; b.attributes.putAll(attributes);
        return b;
    }

    /** Mutable, single-use assembly of a session; the mapping engine fills it field by field. */
    public static final class Builder {
        String source, sourceObject, sourceId, externalKey, channelDetail, sourceStatus;
        Channel channel;
        SessionStatus status;
        Direction direction;
        Instant startedAt, acceptedAt, endedAt, sourceCreatedAt, sourceUpdatedAt;
        Long durationSeconds, waitSeconds;
        String contactId, accountId, leadId, customerName, customerPhone, customerEmail;
        String ownerId, agentName;
        AgentType agentType;
        String caseId, queue, outcome, closedReason;
        Integer agentMessageCount, customerMessageCount;
        List<Participant> participants;
        boolean deleted;
        final Map<String, Object> attributes = new TreeMap<>();

        public Builder source(String v) { source = v; return this; }
        public Builder sourceObject(String v) { sourceObject = v; return this; }
        public Builder sourceId(String v) { sourceId = v; return this; }
        public Builder externalKey(String v) { externalKey = v; return this; }
        public Builder channel(Channel v) { channel = v; return this; }
        public Builder channelDetail(String v) { channelDetail = v; return this; }
        public Builder status(SessionStatus v) { status = v; return this; }
        public Builder sourceStatus(String v) { sourceStatus = v; return this; }
        public Builder direction(Direction v) { direction = v; return this; }
        public Builder startedAt(Instant v) { startedAt = v; return this; }
        public Builder acceptedAt(Instant v) { acceptedAt = v; return this; }
        public Builder endedAt(Instant v) { endedAt = v; return this; }
        public Builder durationSeconds(Long v) { durationSeconds = v; return this; }
        public Builder waitSeconds(Long v) { waitSeconds = v; return this; }
        public Builder contactId(String v) { contactId = v; return this; }
        public Builder accountId(String v) { accountId = v; return this; }
        public Builder leadId(String v) { leadId = v; return this; }
        public Builder customerName(String v) { customerName = v; return this; }
        public Builder customerPhone(String v) { customerPhone = v; return this; }
        public Builder customerEmail(String v) { customerEmail = v; return this; }
        public Builder ownerId(String v) { ownerId = v; return this; }
        public Builder agentName(String v) { agentName = v; return this; }
        public Builder agentType(AgentType v) { agentType = v; return this; }
        public Builder caseId(String v) { caseId = v; return this; }
        public Builder queue(String v) { queue = v; return this; }
        public Builder outcome(String v) { outcome = v; return this; }
        public Builder closedReason(String v) { closedReason = v; return this; }
        public Builder agentMessageCount(Integer v) { agentMessageCount = v; return this; }
        public Builder customerMessageCount(Integer v) { customerMessageCount = v; return this; }
        public Builder participants(List<Participant> v) { participants = v; return this; }
        public Builder sourceCreatedAt(Instant v) { sourceCreatedAt = v; return this; }
        public Builder sourceUpdatedAt(Instant v) { sourceUpdatedAt = v; return this; }
        public Builder deleted(boolean v) { deleted = v; return this; }
        public Builder attribute(String name, Object value) { attributes.put(name, value); return this; }

        public CanonicalSession build() {
            Customer customer = new Customer(contactId, accountId, leadId, customerName, customerPhone, customerEmail);
            Agent agent = new Agent(ownerId, agentName, agentType);
            return new CanonicalSession(source, sourceObject, sourceId, externalKey, channel, channelDetail,
                    status, sourceStatus, direction, startedAt, acceptedAt, endedAt, durationSeconds, waitSeconds,
                    customer, agent, caseId, queue, outcome, closedReason, agentMessageCount, customerMessageCount,
                    participants, sourceCreatedAt, sourceUpdatedAt, deleted, attributes);
        }
    }
}
