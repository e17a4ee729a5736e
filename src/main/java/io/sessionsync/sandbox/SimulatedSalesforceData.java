package io.sessionsync.sandbox;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The simulated org's records: SOSSession, MessagingSession and EngagementInteraction, generated
 * deterministically (same count, same data, every time), with a few broken on purpose so the mapping's
 * error paths have something to bite on. Values are kept as Java types (datetimes as {@link Instant});
 * the simulator renders them the way the REST API does.
 */
final class SimulatedSalesforceData {
    static final Instant BASE = Instant.parse("2026-11-20T08:00:00Z");
    static final String ORG_ID = "00D5g000004SimAAA";
    static final String USER_ID = "0055g00000SimUsAAA";
    static final Map<String, String> KEY_PREFIX = Map.of(
            "SOSSession", "0NS", "MessagingSession", "0Mw", "EngagementInteraction", "0eI");
    static final Set<String> COMMON = Set.of("Id", "Name", "OwnerId", "CreatedDate", "SystemModstamp", "IsDeleted");

    /** Per object, every field the object has (the simulator answers INVALID_FIELD for others). */
    static final Map<String, Set<String>> FIELDS = Map.of(
            "SOSSession", Set.of("AppVersion", "CaseId", "ContactId", "DeploymentId", "EndTime", "IpAddress",
                    "LastReferencedDate", "LastViewedDate", "OpentokSession", "SessionDuration",
                    "SessionRecordingUrl", "SosVersion", "StartTime", "SystemInfo", "WaitDuration"),
            "MessagingSession", Set.of("AcceptTime", "AgentMessageCount", "AgentType", "CaseId",
                    "ChannelEndUserFormula", "ChannelGroup", "ChannelIntent", "ChannelKey", "ChannelLocale",
                    "ChannelName", "ChannelType", "ConversationId", "EndTime", "EndUserAccountId",
                    "EndUserContactId", "EndUserMessageCount", "LastReferencedDate", "LastViewedDate", "LeadId",
                    "MessagingChannelId", "MessagingEndUserId", "OpportunityId", "Origin", "PreviewDetails",
                    "SessionKey", "StartTime", "Status", "TargetUserId"),
            "EngagementInteraction", Set.of("AttendeeVerificationTime", "CommunicationChannel", "ContextId",
                    "Duration", "EndDateTime", "ExternalIdentifier", "InitiatingAttendeeId",
                    "IsAttendeeAuthenticated", "IsAttendeeVerified", "LastReferencedDate", "LastViewedDate",
                    "MappedState", "PhoneNumber", "Reason", "RecordTypeId", "Sentiment", "StartDateTime",
                    "Status", "Type"));

    private final Map<String, List<Map<String, Object>>> tables = new LinkedHashMap<>();
    private final Map<String, Integer> nextNumber = new LinkedHashMap<>();
    /**
     * Per object and field, value to the first record holding it: the lookups {@link #find} answers (Id,
     * an external id), built on first use and kept current by {@link #insert} and {@link #set}. A linear
     * scan per upserted record made the sandbox sync quadratic (19% of its samples, issue 14).
     */
    private final Map<String, Map<String, Map<Object, Map<String, Object>>>> indexes = new HashMap<>();
    private Instant clock;
    /** Told of every change to a record, while the simulator's lock is held (the Pub/Sub simulator's feed). */
    private volatile Consumer<SimulatedChange> changes = c -> { };

    SimulatedSalesforceData(int recordsPerObject) {
        for (String object : KEY_PREFIX.keySet()) tables.put(object, new ArrayList<>());
        for (int i = 0; i < recordsPerObject; i++) {
            insert("SOSSession", sosSession(i), BASE.plusSeconds(60L * i));
            insert("MessagingSession", messagingSession(i), BASE.plusSeconds(60L * i + 20));
            insert("EngagementInteraction", engagementInteraction(i), BASE.plusSeconds(60L * i + 40));
        }
        clock = BASE.plusSeconds(60L * recordsPerObject);
    }

    /**
     * Relationship fields the simulator answers, per object: relationship name to the object it reaches.
     * Their values are kept in each row under the dotted name ({@code Contact.Phone}), resolved at insert
     * from {@link SandboxCustomers}.
     */
    static final Map<String, Map<String, String>> RELATIONSHIPS = Map.of(
            "SOSSession", Map.of("Contact", "Contact"),
            "MessagingSession", Map.of("EndUserContact", "Contact", "MessagingEndUser", "MessagingEndUser"));
    static final Map<String, Set<String>> RELATED_FIELDS = Map.of(
            "Contact", Set.of("Id", "Name", "Phone", "MobilePhone", "Email"),
            "MessagingEndUser", Set.of("Id", "Name", "MessagingPlatformKey", "MessagingChannelType", "ContactId"));

    static boolean hasField(String object, String field) {
        int dot = field.indexOf('.');
        if (dot > 0) {
            String target = RELATIONSHIPS.getOrDefault(object, Map.of()).get(field.substring(0, dot));
            return target != null && RELATED_FIELDS.get(target).contains(field.substring(dot + 1));
        }
        return COMMON.contains(field) || FIELDS.getOrDefault(object, Set.of()).contains(field);
    }

    /** The sObject type a relationship of {@code object} reaches, or null. */
    static String relatedType(String object, String relationship) {
        return RELATIONSHIPS.getOrDefault(object, Map.of()).get(relationship);
    }

    /** Customer {@code k}'s Contact, as {@code <relationship>.<field>} values. */
    private static void putContact(Map<String, Object> r, String relationship, int k) {
        r.put(relationship + ".Id", SandboxCustomers.contactId(k));
        r.put(relationship + ".Name", SandboxCustomers.name(k));
        r.put(relationship + ".Phone", SandboxCustomers.nationalPhone(k));
        r.put(relationship + ".MobilePhone", k % 2 == 0 ? SandboxCustomers.phone(k) : null);
        r.put(relationship + ".Email", SandboxCustomers.email(k));
    }

    List<Map<String, Object>> table(String object) {
        return tables.get(object);
    }

    /** The simulated "now": moves one minute on every change, so each change has its own modstamp. */
    Instant tick() {
        clock = clock.plus(Duration.ofMinutes(1));
        return clock;
    }

    void onChange(Consumer<SimulatedChange> listener) { changes = listener == null ? c -> { } : listener; }

    /** Tells the change listener that {@code r} was created, updated or deleted just now. */
    void changed(String object, Map<String, Object> r, String changeType, List<String> fields) {
        changes.accept(new SimulatedChange(object, List.of((String) r.get("Id")), changeType, fields, Instant.now()));
    }

    Map<String, Object> insert(String object, Map<String, Object> fields, Instant at) {
        int n = nextNumber.merge(object, 1, Integer::sum);
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("Id", id(object, n));
        r.put("Name", object.substring(0, 3).toUpperCase() + "-" + String.format("%06d", n));
        r.put("OwnerId", USER_ID);
        r.put("CreatedDate", at);
        r.put("SystemModstamp", at);
        r.put("IsDeleted", false);
        r.putAll(fields);
        tables.get(object).add(r);
        indexes.getOrDefault(object, Map.of()).forEach((field, index) -> {
            Object value = r.get(field);
            if (value != null) index.putIfAbsent(value, r);
        });
        return r;
    }

    /** Changes fields of a stored record (through here, so that the lookups of {@link #find} stay right). */
    void set(String object, Map<String, Object> record, Map<String, Object> values) {
        Map<String, Map<Object, Map<String, Object>>> byField = indexes.getOrDefault(object, Map.of());
        for (Map.Entry<String, Object> e : values.entrySet()) {
            Map<Object, Map<String, Object>> index = byField.get(e.getKey());
            Object old = record.get(e.getKey());
            record.put(e.getKey(), e.getValue());
            // A looked-up field changed (rare: lookups are by Id and external ids): rebuild its index, where
            // the first record holding a value wins, as a scan in insertion order would have it.
            if (index != null && !Objects.equals(old, e.getValue())) byField.put(e.getKey(), build(object, e.getKey()));
        }
    }

    /** Removes a record for good; the object's lookups are built again on their next use. */
    void remove(String object, Map<String, Object> record) {
        tables.get(object).remove(record);
        indexes.remove(object);
    }

    static String id(String object, int n) {
        return KEY_PREFIX.get(object) + "5g00000" + String.format("%05d", n) + "AAA";
    }

    /** The first record (in insertion order) whose {@code field} equals {@code value}, or null. */
    Map<String, Object> find(String object, String field, Object value) {
        return indexes.computeIfAbsent(object, o -> new HashMap<>())
                .computeIfAbsent(field, f -> build(object, f))
                .get(value);
    }

    private Map<Object, Map<String, Object>> build(String object, String field) {
        Map<Object, Map<String, Object>> index = new HashMap<>();
        for (Map<String, Object> r : tables.get(object)) {
            Object value = r.get(field);
            if (value != null) index.putIfAbsent(value, r);
        }
        return index;
    }

    private static Map<String, Object> sosSession(int i) {
        Map<String, Object> r = new LinkedHashMap<>();
        Instant start = BASE.minusSeconds(3600).plusSeconds(60L * i);
        r.put("AppVersion", "3." + (i % 5));
        r.put("CaseId", i % 4 == 0 ? null : "5005g00000Cs" + String.format("%04d", i) + "AAA");
        int customer = SandboxCustomers.of(i, SandboxCustomers.SALESFORCE);
        r.put("ContactId", SandboxCustomers.contactId(customer));
        putContact(r, "Contact", customer);
        r.put("DeploymentId", "0NW5g000000SimAAA");
        r.put("StartTime", start);
        r.put("WaitDuration", 5 + i % 30);
        // Broken on purpose: every 25th session ends before it starts.
        r.put("EndTime", i % 25 == 24 ? start.minusSeconds(120) : start.plusSeconds(300 + i % 600));
        r.put("SessionDuration", i % 25 == 24 ? -120 : 300 + i % 600);
        r.put("IpAddress", null);
        r.put("SosVersion", "1.0");
        return r;
    }

    private static final String[] MS_STATUS = {"New", "Active", "Waiting", "Ended", "Ended", "Ended"};
    private static final String[] AGENT_TYPE = {"Agent", "Bot", "BotToAgent", "System"};
    private static final String[] CHANNEL_TYPE = {"Text", "WhatsApp", "Facebook", "EmbeddedMessaging"};

    private static Map<String, Object> messagingSession(int i) {
        Map<String, Object> r = new LinkedHashMap<>();
        Instant start = BASE.minusSeconds(1800).plusSeconds(60L * i);
        String status = MS_STATUS[i % MS_STATUS.length];
        r.put("Status", i % 40 == 39 ? "Exploded" : status); // broken on purpose: not a picklist value
        r.put("AgentType", AGENT_TYPE[i % AGENT_TYPE.length]);
        r.put("ChannelType", CHANNEL_TYPE[i % CHANNEL_TYPE.length]);
        r.put("ChannelName", "Support " + CHANNEL_TYPE[i % CHANNEL_TYPE.length]);
        r.put("Origin", i % 3 == 0 ? "AgentInitiated" : "InboundInitiated");
        r.put("StartTime", i % 40 == 19 ? null : start); // broken on purpose: no start
        r.put("AcceptTime", status.equals("New") || status.equals("Waiting") ? null : start.plusSeconds(15));
        r.put("EndTime", status.equals("Ended") ? start.plusSeconds(900) : null);
        r.put("AgentMessageCount", status.equals("New") ? 0 : 3 + i % 7);
        r.put("EndUserMessageCount", 1 + i % 9);
        int customer = SandboxCustomers.of(i, SandboxCustomers.SALESFORCE);
        r.put("EndUserContactId", SandboxCustomers.contactId(customer));
        putContact(r, "EndUserContact", customer);
        // The end user's address on the channel: the phone for SMS and WhatsApp, a platform id otherwise.
        String channel = CHANNEL_TYPE[i % CHANNEL_TYPE.length];
        String phone = SandboxCustomers.phone(customer);
        r.put("MessagingEndUserId", SandboxCustomers.messagingEndUserId(customer));
        r.put("MessagingEndUser.Id", SandboxCustomers.messagingEndUserId(customer));
        r.put("MessagingEndUser.Name", phone);
        r.put("MessagingEndUser.ContactId", SandboxCustomers.contactId(customer));
        r.put("MessagingEndUser.MessagingChannelType", channel);
        r.put("MessagingEndUser.MessagingPlatformKey", switch (channel) {
            case "Text" -> phone;
            case "WhatsApp" -> "whatsapp:" + phone;
            case "Facebook" -> String.format("29%014d", 7919L * (customer + 1));
            default -> String.format("v2/iframe/%08x-4e1d-9c1a-%012x", customer, 31L * customer);
        });
        r.put("EndUserAccountId", i % 2 == 0 ? "0015g00000Ac" + String.format("%04d", i) + "AAA" : null);
        r.put("CaseId", i % 3 == 0 ? "5005g00000Ms" + String.format("%04d", i) + "AAA" : null);
        r.put("ConversationId", "conv-" + i);
        r.put("SessionKey", "sk-" + i);
        return r;
    }

    private static final String[] EI_CHANNEL = {"Voice Call", "Video Call", "Web Chat", "In Person"};
    private static final String[] EI_STATUS = {"New", "In Progress", "Completed", "Completed"};

    private static Map<String, Object> engagementInteraction(int i) {
        Map<String, Object> r = new LinkedHashMap<>();
        Instant start = BASE.minusSeconds(2400).plusSeconds(60L * i);
        String status = EI_STATUS[i % EI_STATUS.length];
        r.put("CommunicationChannel", EI_CHANNEL[i % EI_CHANNEL.length]);
        r.put("Status", status);
        r.put("MappedState", status.replace(" ", ""));
        r.put("StartDateTime", start);
        r.put("EndDateTime", status.equals("Completed") ? start.plusSeconds(420) : null);
        r.put("InitiatingAttendeeId", "0035g00000Ei" + String.format("%04d", i) + "AAA");
        r.put("PhoneNumber", SandboxCustomers.phone(SandboxCustomers.of(i, SandboxCustomers.SALESFORCE)));
        r.put("Sentiment", i % 2 == 0 ? "Neutral" : "Positive");
        r.put("Reason", i % 5 == 0 ? "Billing question" : null);
        r.put("Type", i % 3 == 0 ? "Outbound" : "Inbound");
        // Every 10th was written by session-sync itself: the loop guard must skip it.
        r.put("ExternalIdentifier", i % 10 == 3 ? "session-sync:evovoice:ev-" + String.format("%08d", i)
                : (i % 2 == 0 ? "crm-" + i : null));
        r.put("IsAttendeeAuthenticated", i % 3 == 0);
        r.put("IsAttendeeVerified", false);
        return r;
    }
}
