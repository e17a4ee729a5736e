package io.sessionsync.sandbox;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.OptionalInt;
import java.util.SplittableRandom;

/**
 * Deterministic Evo Voice sessions in the exact camelCase {@code SessionInfo} shape, computed from
 * (seed, index) on demand so that a million sessions cost no memory. Both {@code dateCreated} and
 * {@code dateLastModified} rise strictly with the index, so "sorted by either date" is "by index":
 * index i lives in slot [begin + i*step, begin + (i+1)*step); it is created in the first half of its
 * slot and last modified a fixed call length later, in the second half shifted by that length.
 * A chosen share of sessions is broken on purpose (no id, unreadable dates) to exercise dead letters.
 */
public final class EvoSessionGenerator {
    static final Duration CALL_LENGTH = Duration.ofMinutes(4);
    private static final JsonNodeFactory F = JsonNodeFactory.instance;
    private static final DateTimeFormatter TICKS =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSSS'Z'", Locale.ROOT).withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter NO_ZONE =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS", Locale.ROOT).withZone(ZoneOffset.UTC);
    private static final String[] OUTCOMES = {"Answered", "Voicemail", "Abandoned", "Transferred", "Completed"};
    private static final String[] QUEUES = {"Sales", "Support", "Billing"};
    private static final String[] NAMES = {"Ada Lovelace", "Grace Hopper", "Alan Turing", "Edsger Dijkstra", "Barbara Liskov"};

    private final long seed;
    private final int count;
    private final List<String> accountIds;
    private final Instant begin;
    private final long stepNanos;
    private final double brokenShare;
    private final String idPrefix;

    public EvoSessionGenerator(long seed, int count, List<String> accountIds, Clock clock) {
        this(seed, count, accountIds, clock, Duration.ofDays(30), 0.0);
    }

    /**
     * @param span        sessions are spread over this long, ending {@link #CALL_LENGTH} before the clock's now
     * @param brokenShare share of sessions (0..0.5) that are broken on purpose
     */
    public EvoSessionGenerator(long seed, int count, List<String> accountIds, Clock clock, Duration span,
                               double brokenShare) {
        if (count < 0) throw new IllegalArgumentException("count must be >= 0, was " + count);
        if (accountIds == null || accountIds.isEmpty()) throw new IllegalArgumentException("accountIds must not be empty");
        if (brokenShare < 0 || brokenShare > 0.5) throw new IllegalArgumentException("brokenShare must be 0..0.5, was " + brokenShare);
        if (span.isNegative() || span.isZero()) throw new IllegalArgumentException("span must be positive, was " + span);
        this.seed = seed;
        this.count = count;
        this.accountIds = List.copyOf(accountIds);
        this.brokenShare = brokenShare;
        Instant end = clock.instant().minus(CALL_LENGTH).minusSeconds(60);
        this.begin = end.minus(span);
        // Slots of at least 2 ms, so /Date(ms)/ strings (millisecond precision) still rise with the index.
        this.stepNanos = Math.max(2_000_000L, span.toNanos() / Math.max(1, count));
        this.idPrefix = String.format(Locale.ROOT, "%08x", (int) (mix(seed) >>> 32));
    }

    public int count() { return count; }

    public List<String> accountIds() { return accountIds; }

    /** A GUID-shaped id that encodes the index, so {@link #indexOf} needs no table. */
    public String id(int index) {
        return String.format(Locale.ROOT, "%s-e0e0-4e0e-8e0e-%012x", idPrefix, index);
    }

    public OptionalInt indexOf(String id) {
        if (id == null || id.length() != 36 || !id.startsWith(idPrefix + "-e0e0-4e0e-8e0e-")) return OptionalInt.empty();
        try {
            long i = Long.parseLong(id.substring(24), 16);
            return i < count ? OptionalInt.of((int) i) : OptionalInt.empty();
        } catch (NumberFormatException e) {
            return OptionalInt.empty();
        }
    }

    public Instant created(int index) {
        return ticks(begin.plusNanos(index * stepNanos + (long) (rnd(index, 1).nextDouble() * stepNanos / 2)));
    }

    public Instant lastModified(int index) {
        long inSlot = stepNanos / 2 + (long) (rnd(index, 2).nextDouble() * (stepNanos / 2 - 1_000_000L));
        return ticks(begin.plusNanos(index * stepNanos + inSlot)).plus(CALL_LENGTH);
    }

    /** The newest lastModified any generated session has; touches go after it. */
    public Instant newestLastModified() {
        return count == 0 ? begin : lastModified(count - 1);
    }

    public String accountId(int index) {
        return accountIds.get((int) Math.floorMod(mix(seed ^ index), (long) accountIds.size()));
    }

    /** Whether this session is broken on purpose (no id, or unreadable dates). */
    public boolean broken(int index) {
        return rnd(index, 3).nextDouble() < brokenShare;
    }

    /** Index of the first session created at or after {@code t} (count when none); dates rise with the index. */
    public int firstCreatedAtOrAfter(Instant t) {
        int lo = 0, hi = count;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (created(mid).isBefore(t)) lo = mid + 1; else hi = mid;
        }
        return lo;
    }

    /** The session at {@code index}, its lastModified replaced by {@code touched} when not null. */
    public ObjectNode session(int index, Instant touched, boolean withLog) {
        SplittableRandom r = rnd(index, 4);
        Instant created = created(index);
        Instant modified = touched != null ? touched : lastModified(index);
        int style = r.nextInt(20); // 0-15 ISO with ticks, 16-17 /Date(ms)/, 18 /Date(ms-0000)/, 19 ISO without zone
        boolean incoming = r.nextInt(4) != 0;
        boolean ended = r.nextInt(20) != 0;
        boolean missed = incoming && r.nextInt(8) == 0;
        String channel = r.nextInt(10) < 8 ? "Voice" : (r.nextBoolean() ? "Chat" : "Fax");
        String account = accountId(index);
        String queue = QUEUES[r.nextInt(QUEUES.length)];
        // The far end is one of the customers Twilio and Salesforce know too (the draws stay, so
        // every other value is as before).
        int known = SandboxCustomers.of(index, SandboxCustomers.EVO);
        r.nextInt(NAMES.length);
        String customer = SandboxCustomers.name(known);
        String agent = NAMES[r.nextInt(NAMES.length)];
        String agentEndpoint = "ep-agent-" + r.nextInt(50);
        phone(r);
        String caller = SandboxCustomers.phone(known);
        String ours = phone(r);
        String callSid = "CA" + hex(r, 32);

        ObjectNode s = F.objectNode();
        s.put("dialState", ended ? "None" : "Active");
        s.put("callState", ended ? "Disconnected" : (r.nextBoolean() ? "Connected" : "Hold"));
        s.put("queueState", ended ? "Disconnected" : "Connected");
        s.put("accountId", account);
        s.put("accountName", "Account " + account);
        s.put("customerId", "cust-" + r.nextInt(1000));
        s.putArray("customerBreadcrumb").addObject().put("id", "cust-root").put("name", "All customers");
        s.put("customerName", customer);
        s.put("endpointId", "ep-" + r.nextInt(200));
        s.put("endpointName", queue + " line");
        s.put("dateCompleted", ended ? date(modified, style) : null);
        s.put("destination", incoming ? ours : caller);
        s.put("toAddress", incoming ? ours : caller);
        s.put("fromAddress", incoming ? caller : ours);
        s.put("fromName", incoming ? customer : agent);
        s.put("answeredByName", missed ? null : agent);
        s.put("queueMemberId", missed ? null : "qm-" + r.nextInt(100));
        s.put("channel", channel);
        s.put("ended", ended);
        s.put("outcome", ended ? (missed ? "Missed" : OUTCOMES[r.nextInt(OUTCOMES.length)]) : null);
        s.put("callSid", callSid);
        s.putNull("consoleData");
        boolean held = !ended && s.get("callState").asText().equals("Hold");
        s.put("holdQueueName", held ? queue + " hold" : null);
        s.put("heldByUserId", held ? "user-" + r.nextInt(40) : null);
        s.put("holdReason", held && r.nextBoolean() ? "Transferring" : "None");
        s.put("conferenceSid", "CF" + hex(r, 32));
        s.put("displayName", customer + " (" + caller + ")");
        ArrayNode log = s.putArray("log");
        if (withLog) {
            log.addObject().put("date", date(created, style)).put("message", (incoming ? "Incoming " : "Outgoing ") + channel + " session from " + caller);
            log.addObject().put("date", date(created.plusSeconds(5), style)).put("message", "Ringing queue " + queue);
            if (!missed) log.addObject().put("date", date(created.plusSeconds(12), style)).put("message", "Answered by " + agent);
            if (ended) log.addObject().put("date", date(modified, style)).put("message", missed ? "Caller hung up before answer" : "Session completed");
        }
        ArrayNode members = s.putArray("members");
        member(members.addObject(), "client:" + caller, "ep-customer", customer, true, "Caller", callSid, ended);
        if (!missed) member(members.addObject(), "agent:" + agentEndpoint, agentEndpoint, agent, false, "Agent", "CA" + hex(r, 32), ended);
        s.put("callbackNumber", caller);
        s.put("answeredById", missed ? null : agentEndpoint);
        s.put("direction", incoming ? "Incoming" : "Outgoing");
        s.put("fromPhoneNumber", "Chat".equals(channel) ? caller : null);
        s.put("mostRecentParticipantCallSid", callSid);
        s.put("wasMissed", missed);
        s.put("ringQueueId", ended ? null : "rq-" + queue.toLowerCase(Locale.ROOT));
        s.put("id", id(index));
        s.put("dateCreated", date(created, style));
        s.put("dateLastModified", date(modified, style));
        s.put("createdBy", "system");
        s.put("lastModifiedBy", missed ? "system" : "user-" + agentEndpoint);
        if (broken(index)) breakIt(s, r.nextInt(3));
        return s;
    }

    private static void breakIt(ObjectNode s, int how) {
        switch (how) {
            case 0 -> s.remove("id");
            case 1 -> s.put("dateLastModified", "garbage");
            default -> { s.put("dateLastModified", "2026-13-45T99:00:00Z"); s.put("dateCreated", "yesterday-ish"); }
        }
    }

    private static void member(ObjectNode m, String identity, String endpointId, String name, boolean original,
                               String role, String callSid, boolean ended) {
        m.put("identity", identity);
        m.put("endpointId", endpointId);
        m.put("displayName", name);
        m.put("isOriginalMember", original);
        m.put("avatarUrl", "https://evovoice.io/avatars/" + endpointId + ".png");
        m.putObject("applicationData").put("source", "session-sync-sandbox");
        m.put("callState", ended ? "None" : "Connected");
        m.put("role", role);
        m.put("callSid", callSid);
        m.put("muted", false);
    }

    static String date(Instant t, int style) {
        if (style < 16) return TICKS.format(t);
        if (style < 18) return "/Date(" + t.toEpochMilli() + ")/";
        if (style == 18) return "/Date(" + t.toEpochMilli() + "-0000)/";
        return NO_ZONE.format(t);
    }

    private SplittableRandom rnd(int index, int purpose) {
        return new SplittableRandom(mix(seed * 31 + purpose) ^ mix(index + 0x5DEECE66DL));
    }

    private static Instant ticks(Instant t) {
        return t.minusNanos(t.getNano() % 100); // .NET ticks are 100 ns
    }

    private static String phone(SplittableRandom r) {
        return "+1" + (200 + r.nextInt(800)) + String.format(Locale.ROOT, "%07d", r.nextInt(10_000_000));
    }

    private static String hex(SplittableRandom r, int digits) {
        StringBuilder b = new StringBuilder(digits);
        for (int i = 0; i < digits; i++) b.append(Character.forDigit(r.nextInt(16), 16));
        return b.toString();
    }

    private static long mix(long z) { // SplitMix64 finaliser
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }
}
