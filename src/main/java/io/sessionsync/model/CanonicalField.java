package io.sessionsync.model;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiConsumer;
import java.util.function.Function;

/**
 * Every field a mapping may write, with its name in mapping files, its type, and how to set and
 * read it. This is the schema mapping files are validated against, declared once. Named extras go
 * to {@code attributes.<name>} and are not listed here.
 */
public enum CanonicalField {
    SOURCE_ID("sourceId", Type.STRING, (b, v) -> b.sourceId((String) v), CanonicalSession::sourceId),
    EXTERNAL_KEY("externalKey", Type.STRING, (b, v) -> b.externalKey((String) v), CanonicalSession::externalKey),
    CHANNEL("channel", Type.enumOf(Channel.class), (b, v) -> b.channel((Channel) v), CanonicalSession::channel),
    CHANNEL_DETAIL("channelDetail", Type.STRING, (b, v) -> b.channelDetail((String) v), CanonicalSession::channelDetail),
    STATUS("status", Type.enumOf(SessionStatus.class), (b, v) -> b.status((SessionStatus) v), CanonicalSession::status),
    SOURCE_STATUS("sourceStatus", Type.STRING, (b, v) -> b.sourceStatus((String) v), CanonicalSession::sourceStatus),
    DIRECTION("direction", Type.enumOf(Direction.class), (b, v) -> b.direction((Direction) v), CanonicalSession::direction),
    STARTED_AT("startedAt", Type.INSTANT, (b, v) -> b.startedAt((Instant) v), CanonicalSession::startedAt),
    ACCEPTED_AT("acceptedAt", Type.INSTANT, (b, v) -> b.acceptedAt((Instant) v), CanonicalSession::acceptedAt),
    ENDED_AT("endedAt", Type.INSTANT, (b, v) -> b.endedAt((Instant) v), CanonicalSession::endedAt),
    DURATION_SECONDS("durationSeconds", Type.LONG, (b, v) -> b.durationSeconds((Long) v), CanonicalSession::durationSeconds),
    WAIT_SECONDS("waitSeconds", Type.LONG, (b, v) -> b.waitSeconds((Long) v), CanonicalSession::waitSeconds),
    CUSTOMER_CONTACT_ID("customer.contactId", Type.STRING, (b, v) -> b.contactId((String) v), s -> s.customer().contactId()),
    CUSTOMER_ACCOUNT_ID("customer.accountId", Type.STRING, (b, v) -> b.accountId((String) v), s -> s.customer().accountId()),
    CUSTOMER_LEAD_ID("customer.leadId", Type.STRING, (b, v) -> b.leadId((String) v), s -> s.customer().leadId()),
    CUSTOMER_NAME("customer.name", Type.STRING, (b, v) -> b.customerName((String) v), s -> s.customer().name()),
    CUSTOMER_PHONE("customer.phone", Type.STRING, (b, v) -> b.customerPhone((String) v), s -> s.customer().phone()),
    CUSTOMER_EMAIL("customer.email", Type.STRING, (b, v) -> b.customerEmail((String) v), s -> s.customer().email()),
    AGENT_OWNER_ID("agent.ownerId", Type.STRING, (b, v) -> b.ownerId((String) v), s -> s.agent().ownerId()),
    AGENT_NAME("agent.name", Type.STRING, (b, v) -> b.agentName((String) v), s -> s.agent().name()),
    AGENT_TYPE("agent.type", Type.enumOf(AgentType.class), (b, v) -> b.agentType((AgentType) v), s -> s.agent().type()),
    CASE_ID("caseId", Type.STRING, (b, v) -> b.caseId((String) v), CanonicalSession::caseId),
    QUEUE("queue", Type.STRING, (b, v) -> b.queue((String) v), CanonicalSession::queue),
    OUTCOME("outcome", Type.STRING, (b, v) -> b.outcome((String) v), CanonicalSession::outcome),
    CLOSED_REASON("closedReason", Type.STRING, (b, v) -> b.closedReason((String) v), CanonicalSession::closedReason),
    AGENT_MESSAGE_COUNT("agentMessageCount", Type.INTEGER, (b, v) -> b.agentMessageCount((Integer) v), CanonicalSession::agentMessageCount),
    CUSTOMER_MESSAGE_COUNT("customerMessageCount", Type.INTEGER, (b, v) -> b.customerMessageCount((Integer) v), CanonicalSession::customerMessageCount),
    PARTICIPANTS("participants", Type.PARTICIPANTS, CanonicalField::setParticipants, CanonicalSession::participants),
    SOURCE_CREATED_AT("sourceCreatedAt", Type.INSTANT, (b, v) -> b.sourceCreatedAt((Instant) v), CanonicalSession::sourceCreatedAt),
    SOURCE_UPDATED_AT("sourceUpdatedAt", Type.INSTANT, (b, v) -> b.sourceUpdatedAt((Instant) v), CanonicalSession::sourceUpdatedAt),
    DELETED("deleted", Type.BOOLEAN, (b, v) -> b.deleted(Boolean.TRUE.equals(v)), CanonicalSession::deleted);

    /** The value type a field holds; mapping files are checked against it. */
    public record Type(String name, Class<?> javaType) {
        public static final Type STRING = new Type("string", String.class);
        public static final Type INSTANT = new Type("instant", Instant.class);
        public static final Type LONG = new Type("long", Long.class);
        public static final Type INTEGER = new Type("integer", Integer.class);
        public static final Type BOOLEAN = new Type("boolean", Boolean.class);
        public static final Type PARTICIPANTS = new Type("participants", List.class);

        static Type enumOf(Class<? extends Enum<?>> e) {
            return new Type("enum", e);
        }

        public boolean isEnum() {
            return javaType.isEnum();
        }
    }

    /** Prefix of the named extras a mapping passes through, e.g. {@code attributes.serviceSid}. */
    public static final String ATTRIBUTES_PREFIX = "attributes.";

    private static final Map<String, CanonicalField> BY_NAME = new HashMap<>();
    static {
        for (CanonicalField f : values()) BY_NAME.put(f.fieldName, f);
    }

    private final String fieldName;
    private final Type type;
    private final BiConsumer<CanonicalSession.Builder, Object> setter;
    private final Function<CanonicalSession, Object> getter;

    @SuppressWarnings("unchecked")
    <T> CanonicalField(String fieldName, Type type, BiConsumer<CanonicalSession.Builder, Object> setter,
                       Function<CanonicalSession, T> getter) {
        this.fieldName = fieldName;
        this.type = type;
        this.setter = setter;
        this.getter = (Function<CanonicalSession, Object>) getter;
    }

    public String fieldName() { return fieldName; }
    public Type type() { return type; }

    /** Sets this field on a builder; {@code value} must already be of {@link #type()}. */
    public void set(CanonicalSession.Builder builder, Object value) { setter.accept(builder, value); }

    /** Reads this field from a session (target mappings read canonical sessions). */
    public Object get(CanonicalSession session) { return getter.apply(session); }

    public static Optional<CanonicalField> byName(String name) {
        return Optional.ofNullable(BY_NAME.get(name));
    }

    @SuppressWarnings("unchecked")
    private static void setParticipants(CanonicalSession.Builder b, Object v) {
        b.participants((List<Participant>) v);
    }
}
