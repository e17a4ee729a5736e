package io.sessionsync.store;

import static io.sessionsync.store.SqlColumn.Type.BIGINT;
import static io.sessionsync.store.SqlColumn.Type.BOOLEAN;
import static io.sessionsync.store.SqlColumn.Type.INTEGER;
import static io.sessionsync.store.SqlColumn.Type.JSON;
import static io.sessionsync.store.SqlColumn.Type.TEXT;
import static io.sessionsync.store.SqlColumn.Type.TIMESTAMP;

import io.sessionsync.model.AgentType;
import io.sessionsync.model.CanonicalSession;
import io.sessionsync.model.Channel;
import io.sessionsync.model.Direction;
import io.sessionsync.model.SessionStatus;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** How a CanonicalSession lies in the {@code session} table: its columns, their values, its content hash. */
final class SessionRows {
    private SessionRows() {}

    /** The content columns, in binding order; {@code content_hash} and {@code synced_at} follow them. */
    static final List<SqlColumn> CONTENT = List.of(
            SqlColumn.of("source", TEXT), SqlColumn.of("source_id", TEXT), SqlColumn.of("source_object", TEXT),
            SqlColumn.of("external_key", TEXT), SqlColumn.of("channel", TEXT), SqlColumn.of("channel_detail", TEXT),
            SqlColumn.of("status", TEXT), SqlColumn.of("source_status", TEXT), SqlColumn.of("direction", TEXT),
            SqlColumn.of("started_at", TIMESTAMP), SqlColumn.of("accepted_at", TIMESTAMP), SqlColumn.of("ended_at", TIMESTAMP),
            SqlColumn.of("duration_seconds", BIGINT), SqlColumn.of("wait_seconds", BIGINT),
            SqlColumn.of("customer_contact_id", TEXT), SqlColumn.of("customer_account_id", TEXT),
            SqlColumn.of("customer_lead_id", TEXT), SqlColumn.of("customer_name", TEXT), SqlColumn.of("customer_phone", TEXT),
            SqlColumn.of("agent_owner_id", TEXT), SqlColumn.of("agent_name", TEXT), SqlColumn.of("agent_type", TEXT),
            SqlColumn.of("case_id", TEXT), SqlColumn.of("queue", TEXT), SqlColumn.of("outcome", TEXT),
            SqlColumn.of("closed_reason", TEXT), SqlColumn.of("agent_message_count", INTEGER),
            SqlColumn.of("customer_message_count", INTEGER), SqlColumn.of("participants", JSON),
            SqlColumn.of("source_created_at", TIMESTAMP), SqlColumn.of("source_updated_at", TIMESTAMP),
            SqlColumn.of("deleted", BOOLEAN), SqlColumn.of("attributes", JSON),
            SqlColumn.of("customer_email", TEXT), SqlColumn.of("customer_key", TEXT));

    static final List<SqlColumn> ALL;
    static {
        List<SqlColumn> all = new ArrayList<>(CONTENT);
        all.add(SqlColumn.of("content_hash", TEXT));
        all.add(SqlColumn.of("synced_at", TIMESTAMP));
        ALL = List.copyOf(all);
    }

    static final List<String> KEY = List.of("source", "source_id");

    /** Rewrite a stored row when the version is newer, or the same version with other content (a re-mapping). */
    static final String GUARD = "{new}.source_updated_at > {old}.source_updated_at"
            + " OR ({new}.source_updated_at = {old}.source_updated_at AND {new}.content_hash <> {old}.content_hash)";

    /** The content column values of a session, in {@link #CONTENT} order; instants cut to microseconds. */
    static List<Object> contentValues(CanonicalSession s) {
        List<Object> v = new ArrayList<>(CONTENT.size());
        v.add(s.source()); v.add(s.sourceId()); v.add(s.sourceObject()); v.add(s.externalKey());
        v.add(s.channel().name()); v.add(s.channelDetail()); v.add(s.status().name()); v.add(s.sourceStatus());
        v.add(s.direction().name());
        v.add(Jdbc.micros(s.startedAt())); v.add(Jdbc.micros(s.acceptedAt())); v.add(Jdbc.micros(s.endedAt()));
        v.add(s.durationSeconds()); v.add(s.waitSeconds());
        v.add(s.customer().contactId()); v.add(s.customer().accountId()); v.add(s.customer().leadId());
        v.add(s.customer().name()); v.add(s.customer().phone());
        v.add(s.agent().ownerId()); v.add(s.agent().name()); v.add(s.agent().type() == null ? null : s.agent().type().name());
        v.add(s.caseId()); v.add(s.queue()); v.add(s.outcome()); v.add(s.closedReason());
        v.add(s.agentMessageCount()); v.add(s.customerMessageCount());
        v.add(SessionJson.participants(s.participants()));
        v.add(Jdbc.micros(s.sourceCreatedAt())); v.add(Jdbc.micros(s.sourceUpdatedAt()));
        v.add(s.deleted());
        v.add(SessionJson.attributes(s.attributes()));
        v.add(s.customer().email()); v.add(s.customerKey());
        return v;
    }

    /**
     * SHA-256 of the content values. Each value is written with its length so that no two different
     * rows can produce the same text; {@code synced_at} is not content and is not hashed. The text and
     * so the hash are those of every earlier version (stored hashes stay valid); only the way there is
     * cheaper: the text is built and encoded in buffers each thread keeps ({@link TextDigest}), instants
     * formatted without a formatter.
     */
    static String contentHash(List<Object> values) {
        TextDigest digest = TextDigest.start();
        StringBuilder text = digest.text();
        for (Object value : values) {
            if (value == null) {
                text.append("-;");
            } else if (value instanceof Instant instant) {
                text.append(IsoInstant.length(instant)).append(':');
                IsoInstant.append(text, instant);
                text.append(';');
            } else {
                String s = value.toString();
                text.append(s.length()).append(':').append(s).append(';');
            }
        }
        return digest.hex();
    }

    /**
     * Binds content values, their hash and the sync time, in {@link #ALL} order, from parameter
     * {@code first}; returns the index after the last one bound (where a next row starts).
     */
    static int bind(PreparedStatement ps, int first, List<Object> content, String hash, Instant syncedAt) throws SQLException {
        int i = first;
        for (int c = 0; c < CONTENT.size(); c++, i++) {
            Object value = content.get(c);
            SqlColumn column = CONTENT.get(c);
            // a null instant too: bound as a set one is, so the statement stays prepared (Jdbc.setInstant)
            if (column.type() == TIMESTAMP) Jdbc.setInstant(ps, i, (Instant) value);
            else if (value == null) ps.setNull(i, column.type().jdbcType());
            else ps.setObject(i, value, column.type().jdbcType());
        }
        ps.setString(i++, hash);
        Jdbc.setInstant(ps, i++, syncedAt);
        return i;
    }

    static CanonicalSession read(ResultSet rs) throws SQLException {
        String key = rs.getString("source") + "/" + rs.getString("source_id");
        String agentType = rs.getString("agent_type");
        CanonicalSession.Builder b = CanonicalSession.builder()
                .source(rs.getString("source")).sourceId(rs.getString("source_id"))
                .sourceObject(rs.getString("source_object")).externalKey(rs.getString("external_key"))
                .channel(Channel.valueOf(rs.getString("channel"))).channelDetail(rs.getString("channel_detail"))
                .status(SessionStatus.valueOf(rs.getString("status"))).sourceStatus(rs.getString("source_status"))
                .direction(Direction.valueOf(rs.getString("direction")))
                .startedAt(Jdbc.getInstant(rs, "started_at")).acceptedAt(Jdbc.getInstant(rs, "accepted_at"))
                .endedAt(Jdbc.getInstant(rs, "ended_at"))
                .durationSeconds(rs.getObject("duration_seconds", Long.class))
                .waitSeconds(rs.getObject("wait_seconds", Long.class))
                .contactId(rs.getString("customer_contact_id")).accountId(rs.getString("customer_account_id"))
                .leadId(rs.getString("customer_lead_id")).customerName(rs.getString("customer_name"))
                .customerPhone(rs.getString("customer_phone")).customerEmail(rs.getString("customer_email"))
                .ownerId(rs.getString("agent_owner_id")).agentName(rs.getString("agent_name"))
                .agentType(agentType == null ? null : AgentType.valueOf(agentType))
                .caseId(rs.getString("case_id")).queue(rs.getString("queue")).outcome(rs.getString("outcome"))
                .closedReason(rs.getString("closed_reason"))
                .agentMessageCount(rs.getObject("agent_message_count", Integer.class))
                .customerMessageCount(rs.getObject("customer_message_count", Integer.class))
                .participants(SessionJson.readParticipants(rs.getString("participants"), key))
                .sourceCreatedAt(Jdbc.getInstant(rs, "source_created_at"))
                .sourceUpdatedAt(Jdbc.getInstant(rs, "source_updated_at"))
                .deleted(rs.getBoolean("deleted"));
        SessionJson.readAttributes(rs.getString("attributes"), key).forEach(b::attribute);
        return b.build();
    }
}
